/**
 * The fuzz tests' hang watchdog, in a process of its own: a case that never returns blocks its thread
 * for good, and the watchdog must then name the case and kill the process (it kills the one it runs
 * in, so it can't be tried inside the test runner).
 */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { WATCHDOG_SOURCE } from '../helpers/fuzz';

const HANGING_PROCESS = `
const { Worker } = require('node:worker_threads');
const state = new Int32Array(new SharedArrayBuffer(12));
const text = new Uint8Array(new SharedArrayBuffer(8192));
const { written } = new TextEncoder().encodeInto('import of stuck.csv (recipe 42)', text);
const worker = new Worker(process.env.WATCHDOG, {
  eval: true,
  workerData: { state: state.buffer, text: text.buffer, limit: 200 },
});
worker.once('message', () => {
  Atomics.store(state, 1, written);
  Atomics.store(state, 0, 1);
  for (;;) {}
});
`;

it('kills a process whose case never returns, and names the case', () => {
  const result = spawnSync(process.execPath, ['-e', HANGING_PROCESS], {
    env: { ...process.env, WATCHDOG: WATCHDOG_SOURCE },
    encoding: 'utf8',
    // only if the watchdog failed: the test then fails on the signal
    timeout: 60_000,
  });
  expect(result.signal).toBe('SIGKILL');
  expect(result.stderr).toContain('[fuzz] HANG: a case ran for over 200 ms and was stopped:');
  expect(result.stderr).toContain('import of stuck.csv (recipe 42)');
});
