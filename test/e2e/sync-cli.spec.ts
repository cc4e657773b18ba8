/**
 * `cue sync`: --folder chooses the folder and merges, a plain run writes and merges, --status only
 * reads; --json prints exactly the status the issue gives; a folder inside the data folder and a run
 * with no folder chosen say what is wrong. Two data folders, one sync folder: what one studies under
 * `cue serve --sync-dir` reaches the other.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { callHost, runCue, startHost } from '../helpers/cue-process';

const NOW = { CUE_NOW: '2026-03-02T10:00:00Z' };
let root: string;
test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cue-sync-cli-'));
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

const cue = (dataDir: string, args: string[]) => runCue([...args, '--data-dir', dataDir], NOW);
const KEYS = ['device', 'devices', 'lastMerge', 'eventsMerged', 'pending', 'unreadable'];

test('cue sync --folder, then --status, print the status as JSON; a second data folder merges the first', async () => {
  const folder = join(root, 'folder');
  const laptop = join(root, 'laptop');
  const desktop = join(root, 'desktop');
  const joined = cue(laptop, ['sync', '--folder', folder, '--json']);
  expect(joined.stderr).toBe('');
  expect(joined.code).toBe(0);
  const status = JSON.parse(joined.stdout);
  expect(Object.keys(status)).toEqual(KEYS);
  expect(status.devices).toEqual([expect.objectContaining({ device: status.device, self: true })]);
  expect(status.unreadable).toEqual([]);
  expect(readdirSync(join(folder, 'devices', status.device, 'segments')).length).toBeGreaterThan(0);

  // the laptop studies under `cue serve --sync-dir`; closing writes its answer to the folder
  const host = await startHost(laptop, NOW, ['--sync-dir', folder]);
  try {
    const next = (await callHost(host, 'study.next', { deckId: 1 })) as { card: { id: number } };
    await callHost(host, 'study.answer', { deckId: 1, cardId: next.card.id, rating: 3, durationMs: 2000 });
  } finally {
    await host.stop();
  }
  const second = JSON.parse(cue(desktop, ['sync', '--folder', folder, '--json']).stdout);
  expect(second.devices.map((d: { self: boolean }) => d.self).sort()).toEqual([false, true]);
  expect(second.eventsMerged).toBeGreaterThan(0);
  const learning = JSON.parse(cue(desktop, ['search', 'is:learning', '--json']).stdout) as unknown[];
  expect(learning).toHaveLength(1);

  // a segment cut short is named with its reason; the plain text says the same
  const segments = join(folder, 'devices', status.device, 'segments');
  const newest = readdirSync(segments).sort().at(-1) as string;
  truncateSync(join(segments, newest), 30);
  rmSync(join(desktop, 'collection.sqlite'));
  for (const name of readdirSync(desktop)) if (name.startsWith('collection.sqlite-')) rmSync(join(desktop, name));
  const text = cue(desktop, ['sync']);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(`Sync folder: ${folder}`);
  expect(text.stdout).toMatch(
    new RegExp(`Could not read devices/${status.device}/segments/${newest}: it is cut short`),
  );
  const read = JSON.parse(cue(desktop, ['sync', '--status', '--json']).stdout);
  expect(read.unreadable).toEqual([
    { file: `devices/${status.device}/segments/${newest}`, reason: expect.any(String) },
  ]);
});

test('cue sync says what is wrong: no folder chosen, a folder inside the data folder', () => {
  const dataDir = join(root, 'alone');
  const none = cue(dataDir, ['sync']);
  expect(none.code).not.toBe(0);
  expect(none.stderr).toMatch(/No sync folder is chosen on this computer/);
  const inside = cue(dataDir, ['sync', '--folder', join(dataDir, 'sync')]);
  expect(inside.code).not.toBe(0);
  expect(inside.stderr).toMatch(/cannot be inside Cue's data folder/);
  expect(existsSync(join(dataDir, 'sync'))).toBe(false);
});
