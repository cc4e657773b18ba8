/**
 * The two-Syncthing harness (test/helpers/syncthing.ts) that sync tests drive: a file written on one side
 * arrives byte for byte on the other, nothing travels while the pair is paused, and both sides' changes meet
 * once it resumes, without conflict copies. Skipped, saying why, where no syncthing is installed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SyncthingPair, startSyncthingPair, syncthingBinary } from '../helpers/syncthing';

const binary = syncthingBinary();
if (!binary) {
  const why = process.env.SYNCTHING_BIN
    ? `SYNCTHING_BIN is ${process.env.SYNCTHING_BIN}, which is not an executable file`
    : 'there is no syncthing on PATH (`node scripts/setup.mjs --syncthing` installs it as root; or set SYNCTHING_BIN)';
  console.warn(`Skipping the Syncthing harness tests: ${why}.`);
}

const TIMEOUT_MS = 60_000;

/** Every file under a folder, as paths relative to it, but for Syncthing's folder marker. */
function filesIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .filter((path) => !path.startsWith('.stfolder'))
    .sort();
}

describe.skipIf(!binary)('two Syncthing instances sharing a folder', () => {
  let root: string;
  let pair: SyncthingPair;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cue-syncthing-'));
    pair = await startSyncthingPair(root);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await pair?.stop();
    rmSync(root, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  }, TIMEOUT_MS);

  it('runs each peer in its own home and folder, with its own device id and API', () => {
    expect(pair.a.home).toBe(join(root, 'a-home'));
    expect(pair.b.folder).toBe(join(root, 'b-folder'));
    expect(pair.a.deviceId).toMatch(/^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$/);
    expect(pair.a.deviceId).not.toBe(pair.b.deviceId);
    expect(pair.a.apiUrl).not.toBe(pair.b.apiUrl);
    expect(pair.folderId).toBe('cue-sync');
  });

  it(
    'carries a file written on one side to the other byte for byte',
    async () => {
      const bytes = randomBytes(200_000);
      writeFileSync(join(pair.a.folder, 'collection.bin'), bytes);
      await pair.waitInSync();
      expect(readFileSync(join(pair.b.folder, 'collection.bin')).equals(bytes)).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    'carries nothing while paused, and both sides’ changes once resumed, with no conflict copies',
    async () => {
      await pair.pause();
      writeFileSync(join(pair.a.folder, 'from-a.txt'), 'written on a while paused\n');
      writeFileSync(join(pair.b.folder, 'from-b.txt'), 'written on b while paused, longer\n');
      // each side has indexed its new file, and neither is connected to announce it
      await pair.scan();
      expect(filesIn(pair.a.folder)).toEqual(['collection.bin', 'from-a.txt']);
      expect(filesIn(pair.b.folder)).toEqual(['collection.bin', 'from-b.txt']);
      // and waiting for sync now fails, in bounded time, saying why
      const waited = await pair.waitInSync(500).then(
        () => 'in sync',
        (error: Error) => error.message,
      );
      expect(waited).toMatch(
        /^Timed out after 500 ms waiting for folder cue-sync to be in sync\. Last seen: .*a is not connected/,
      );

      await pair.resume();
      await pair.waitInSync();
      for (const folder of [pair.a.folder, pair.b.folder]) {
        expect(filesIn(folder)).toEqual(['collection.bin', 'from-a.txt', 'from-b.txt']);
        expect(readFileSync(join(folder, 'from-a.txt'), 'utf8')).toBe('written on a while paused\n');
        expect(readFileSync(join(folder, 'from-b.txt'), 'utf8')).toBe('written on b while paused, longer\n');
      }
      const everything = [...filesIn(pair.a.folder), ...filesIn(pair.b.folder)];
      expect(everything.filter((path) => path.includes('.sync-conflict-'))).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'stops both instances, and a second stop does nothing',
    async () => {
      await pair.stop();
      await pair.stop();
      for (const peer of [pair.a, pair.b]) {
        await expect(fetch(`${peer.apiUrl}/rest/noauth/health`)).rejects.toThrow();
      }
    },
    TIMEOUT_MS,
  );
});
