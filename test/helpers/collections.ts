/** Real collections on real files in temporary folders, with a clock the test moves by hand. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Collection, type CollectionOptions } from '../../electron/core/collection';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const BUNDLED_DECK_DIR = join(REPO_ROOT, 'deck');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

export function tempDir(prefix = 'cue-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // a background page check (one starts after every import) may still be reading, and then closing its
  // read-only connection (and its -shm) in the folder just after the collection closed; on a loaded
  // machine that takes seconds: removal retries for up to 5 s, rather than failing with ENOTEMPTY
  cleanups.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 100, retryDelay: 50 }));
  return dir;
}

export class TestClock {
  constructor(public time: number) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
  set(ms: number): void {
    this.time = ms;
  }
}

/** A collection in a fresh temp folder, in UTC with a 4 am day boundary unless told otherwise. */
export function openTestCollection(clock: TestClock, options: Partial<CollectionOptions> = {}): Collection {
  const collection = new Collection({
    dataDir: options.dataDir ?? tempDir(),
    clock: clock.now,
    timeZone: 'UTC',
    rolloverHour: 4,
    bundledDeckDir: BUNDLED_DECK_DIR,
    scheduler: { fuzz: false },
    // the page-by-page check in a worker has tests of its own; the rest need not start one each
    backgroundCheck: false,
    ...options,
  });
  cleanups.unshift(() => collection.close());
  return collection;
}

/** A digest of everything a person would lose: decks, sections, cards and the review log, in id order. */
export function contentChecksum(collection: Collection): string {
  const hash = createHash('sha256');
  for (const table of ['decks', 'sections', 'cards', 'reviews']) {
    for (const row of collection.db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw().iterate()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}
