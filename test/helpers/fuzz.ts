/**
 * What the fuzz tests share: how many cases to run and from which seed (quick by default, thousands with
 * CUE_LONG=1, like every long run of the suite; CUE_SEED replays a printed seed), a guard that proves a refused call changed
 * nothing, and a watchdog that turns a hang into a failure naming the case.
 */
import { Worker } from 'node:worker_threads';
import fc, { type Parameters } from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { databaseDigest, folderDigest } from './collection-digest';

export const FUZZ_MODE: 'quick' | 'long' = process.env.CUE_LONG === '1' ? 'long' : 'quick';
/** Fixed, so every run of `npm test` tries the same cases; a failure prints the seed to replay. */
export const FUZZ_SEED = process.env.CUE_SEED ? Number(process.env.CUE_SEED) : 20_260_601;

/** fast-check settings for one property: `quick` runs by default, `long` with CUE_LONG=1. */
export function fuzzParameters<T>(label: string, runs: { quick: number; long: number }): Parameters<T> {
  const numRuns = runs[FUZZ_MODE];
  console.info(`[fuzz] ${label}: seed ${FUZZ_SEED}, ${numRuns} cases (${FUZZ_MODE}; replay: CUE_SEED=${FUZZ_SEED})`);
  return { seed: FUZZ_SEED, numRuns };
}

/** A value with long strings and arrays cut short, so describing a case costs little. */
function shortened(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 300)}… (${value.length} long)` : value;
  if (depth > 8) return '…';
  if (Array.isArray(value)) {
    const head = value.slice(0, 20).map((item) => shortened(item, depth + 1));
    return value.length > 20 ? [...head, `… (${value.length} items)`] : head;
  }
  const prototype = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (prototype === Object.prototype || prototype === null) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value as object)) {
      // defined, not assigned, so a key "__proto__" stays a key
      Object.defineProperty(copy, key, {
        value: shortened((value as Record<string, unknown>)[key], depth + 1),
        enumerable: true,
      });
    }
    return copy;
  }
  return value;
}

/** A short description of a case (an input, a recipe), for failure messages and the hang watchdog. */
export function describeCase(value: unknown): string {
  return fc.stringify(shortened(value));
}

/** How many times a huge field repeats its unit at most: enough to be huge, fewer in quick mode. */
export const HUGE_REPEATS = FUZZ_MODE === 'long' ? 300_000 : 60_000;

/** Per-test timeout for a fuzz test: generous, since the watchdog catches a single case that hangs. */
export const FUZZ_TEST_TIMEOUT = FUZZ_MODE === 'long' ? 30 * 60_000 : 120_000;

/**
 * Remembers the collection's whole state (every row of the database, every byte of the media folder)
 * and checks that a call left it so. SQLite's total_changes() counts every row any statement wrote on
 * the connection, rolled back or not, so while it and the schema stay put nothing can differ and the
 * full digest is skipped; once it moves, the full digests decide.
 */
export class UnchangedGuard {
  private db!: Collection['db'];
  /** total_changes(), the schema's version and user_version, when the digests were taken. */
  private counters = '';
  private digest = '';
  private media = '';
  private query: ReturnType<Collection['db']['prepare']> | undefined;

  constructor(private readonly collection: Collection) {
    this.rebase();
  }

  /** Takes the current state as the one to keep (after a call that was allowed to change it). */
  rebase(): void {
    this.db = this.collection.db;
    this.query = undefined;
    this.counters = this.readCounters();
    this.digest = databaseDigest(this.db);
    this.media = folderDigest(this.collection.mediaDir);
  }

  assertUnchanged(what: string): void {
    expect(this.collection.db, `${what}: the database was replaced`).toBe(this.db);
    const counters = this.readCounters();
    if (counters !== this.counters) {
      expect(databaseDigest(this.db), `${what}: the database changed`).toBe(this.digest);
      // the same content: later checks start from here
      this.counters = counters;
    }
    expect(folderDigest(this.collection.mediaDir), `${what}: the media folder changed`).toBe(this.media);
  }

  private readCounters(): string {
    this.query ??= this.db.prepare(
      `SELECT total_changes() || '/' || (SELECT schema_version FROM pragma_schema_version) || '/' ||
         (SELECT user_version FROM pragma_user_version)`,
    );
    return this.query.pluck().get() as string;
  }
}

// The watchdog
// ----------------------------------------

/**
 * A hang in synchronous code (a runaway regex, a loop in a decoder) blocks the test's own thread, so no
 * timer there can fire. The watchdog is a second thread that looks every HANG_LIMIT_MS at which case
 * is running: one still running at two looks in a row is written to stderr and the test process is
 * killed, so the run fails (naming the case) instead of hanging. Cases only write to shared memory,
 * which costs next to nothing.
 */
const HANG_LIMIT_MS = FUZZ_MODE === 'long' ? 120_000 : 30_000;
const DESCRIPTION_BYTES = 8192;

/** The watchdog thread's code (plain JavaScript, run with `eval`); it says "ready" once it watches. */
export const WATCHDOG_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Int32Array(workerData.state);
const text = new Uint8Array(workerData.text);
const sleep = new Int32Array(new SharedArrayBuffer(4));
let seen = 0;
parentPort.postMessage('ready');
for (;;) {
  Atomics.wait(sleep, 0, 0, workerData.limit);
  if (Atomics.load(state, 2) === 1) break;
  const running = Atomics.load(state, 0);
  if (running !== 0 && running === seen) {
    const description = new TextDecoder().decode(text.slice(0, Atomics.load(state, 1)));
    writeSync(2, '\\n[fuzz] HANG: a case ran for over ' + workerData.limit + ' ms and was stopped:\\n' + description + '\\n');
    process.kill(process.pid, 'SIGKILL');
  }
  seen = running;
}
`;

export class HangWatchdog {
  /** [serial of the running case (0: none), length of its description, stop flag] */
  private readonly state = new Int32Array(new SharedArrayBuffer(12));
  private readonly text = new Uint8Array(new SharedArrayBuffer(DESCRIPTION_BYTES));
  private readonly encoder = new TextEncoder();
  private worker: Worker | undefined;
  private serial = 0;

  constructor(private readonly limitMs = HANG_LIMIT_MS) {}

  /** Starts the thread and waits until it watches (a watchdog that failed to start fails the tests). */
  async start(): Promise<void> {
    const worker = new Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { state: this.state.buffer, text: this.text.buffer, limit: this.limitMs },
    });
    this.worker = worker;
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the hang watchdog stopped at once (exit code ${code})`)));
    });
    worker.unref();
  }

  /** Runs one case under the watchdog. */
  run<T>(description: string, body: () => T): T {
    const { written } = this.encoder.encodeInto(description.slice(0, DESCRIPTION_BYTES), this.text);
    Atomics.store(this.state, 1, written);
    this.serial = (this.serial % 1_000_000_000) + 1;
    Atomics.store(this.state, 0, this.serial);
    try {
      return body();
    } finally {
      Atomics.store(this.state, 0, 0);
    }
  }

  async stop(): Promise<void> {
    Atomics.store(this.state, 2, 1);
    await this.worker?.terminate();
  }
}

/** A watchdog for the test file: started before its tests, stopped after them. */
export function watchdogForThisFile(limitMs?: number): HangWatchdog {
  const watchdog = new HangWatchdog(limitMs);
  beforeAll(() => watchdog.start());
  afterAll(() => watchdog.stop());
  return watchdog;
}
