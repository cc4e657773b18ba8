/** The page-by-page check in a worker thread, and the same check on this thread where no worker can run it. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInWorker, inspectHeader } from '../../electron/core/database-health';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';

function collectionFile(): string {
  const dataDir = tempDir();
  const collection = openTestCollection(new TestClock(Date.UTC(2026, 10, 20, 9)), { dataDir });
  collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 1000 });
  collection.close();
  return join(dataDir, 'collection.sqlite');
}

function scramble(path: string, page: number): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
  closeSync(fd);
}

describe('the background check', () => {
  it('finds a sound file sound and scrambled pages damaged, in a worker thread', async () => {
    const path = collectionFile();
    expect(await checkInWorker(path).result).toBeNull();
    scramble(path, 3);
    expect(inspectHeader(path)).toEqual({ kind: 'sound' });
    expect(await checkInWorker(path, { thorough: true }).result).toMatch(/./);
  });

  it('runs on this thread, with the same answers, where the worker cannot load the addon', async () => {
    const path = collectionFile();
    const broken = { workerModule: join(tempDir(), 'no-such-addon.js') };
    expect(await checkInWorker(path, broken).result).toBeNull();
    scramble(path, 3);
    expect(await checkInWorker(path, { ...broken, thorough: true }).result).toMatch(/./);
  });
});
