/**
 * Two Cue collections, each on its own side of two real Syncthing daemons sharing one folder: both
 * study the bundled deck offline (the devices paused), edit the same card and delete another; once
 * Syncthing has brought the folders back in step, both collections hold the same cards, the same review
 * log and the same schedules, nothing typed is lost, and Syncthing made no conflict copy. Skipped, saying
 * why, where no syncthing is installed.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { findCard, replayCard } from '../../electron/core/review-log';
import type { Rating } from '../../shared/domain';
import type { SyncConflict, SyncStatus } from '../../shared/sync';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { syncedState } from '../helpers/sync-state';
import { type SyncthingPair, startSyncthingPair, syncthingBinary } from '../helpers/syncthing';

const binary = syncthingBinary();
if (!binary) {
  console.warn(
    'Skipping the two-Syncthing sync test: there is no syncthing on PATH (`node scripts/setup.mjs --syncthing` installs it as root; or set SYNCTHING_BIN).',
  );
}

const START = Date.UTC(2026, 8, 1, 8, 0);
const TIMEOUT_MS = 90_000;
const call = (c: Collection, method: string, input: unknown = {}) => dispatch(c, method as never, input);
const keyAt = (c: Collection, index: number) =>
  c.db.prepare('SELECT key FROM cards ORDER BY position, id LIMIT 1 OFFSET ?').pluck().get(index) as string;
const idOf = (c: Collection, key: string) =>
  c.db.prepare('SELECT id FROM cards WHERE key = ?').pluck().get(key) as number;

function study(c: Collection, clock: TestClock, ratings: Rating[]): void {
  for (const rating of ratings) {
    const next = call(c, 'study.next', { deckId: 1 }) as { card: { id: number } | null };
    if (!next.card) return;
    call(c, 'study.answer', { deckId: 1, cardId: next.card.id, rating, durationMs: 5000 });
    clock.advance(MS_PER_MINUTE);
  }
}

/** Files Syncthing would have made had two writers met in one file. */
function conflictCopies(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).filter((path) => path.includes('.sync-conflict-'));
}

describe.skipIf(!binary)('sync through two real Syncthing daemons', () => {
  let root: string;
  let pair: SyncthingPair;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cue-sync-syncthing-'));
    pair = await startSyncthingPair(root);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await pair?.stop();
    rmSync(root, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  }, TIMEOUT_MS);

  it(
    'two collections studied offline converge once Syncthing brings their folders back in step',
    async () => {
      // each computer has its own clock; B's runs a little behind A's
      const clockA = new TestClock(START);
      const clockB = new TestClock(START - 1500);
      const a = openTestCollection(clockA, { dataDir: tempDir() });
      const b = openTestCollection(clockB, { dataDir: tempDir() });
      call(a, 'sync.setFolder', { folder: pair.a.folder });
      await pair.waitInSync();
      const joined = call(b, 'sync.setFolder', { folder: pair.b.folder }) as SyncStatus;
      expect(joined.devices.filter((d) => !d.self)).toHaveLength(1);
      await pair.waitInSync();
      call(a, 'sync.mergeNow');

      await pair.pause();
      study(a, clockA, [3, 3, 1, 4, 3, 2]);
      clockB.advance(MS_PER_MINUTE * 3);
      study(b, clockB, [3, 1, 3, 3, 4]);
      const edited = keyAt(a, 12);
      call(a, 'cards.update', { cardId: idOf(a, edited), answer: 'Typed on the laptop, offline' });
      call(a, 'sync.mergeNow');
      clockA.advance(MS_PER_MINUTE);
      clockB.set(clockA.time + MS_PER_MINUTE);
      call(b, 'cards.update', { cardId: idOf(b, edited), answer: 'Typed on the desktop, offline, later' });
      const deleted = keyAt(b, 30);
      call(b, 'cards.delete', { cardIds: [idOf(b, deleted)] });
      call(b, 'sync.mergeNow');
      // nothing crossed while paused
      expect(a.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(6);
      expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(5);

      await pair.resume();
      await pair.waitInSync();
      call(a, 'sync.mergeNow');
      call(b, 'sync.mergeNow');
      await pair.waitInSync();
      const statusA = call(a, 'sync.mergeNow') as SyncStatus;
      const statusB = call(b, 'sync.mergeNow') as SyncStatus;

      expect(syncedState(a)).toEqual(syncedState(b));
      expect(a.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(11);
      expect(idOf(a, deleted)).toBeUndefined();
      expect(a.db.prepare('SELECT answer FROM cards WHERE key = ?').pluck().get(edited)).toBe(
        'Typed on the desktop, offline, later',
      );
      const kept = call(a, 'sync.conflicts', { cardId: idOf(a, edited) }) as SyncConflict[];
      expect(kept.map((k) => k.value)).toContain('Typed on the laptop, offline');
      // every schedule is what its merged log replays to
      for (const c of [a, b]) {
        for (const id of c.db.prepare('SELECT id FROM cards').pluck().all() as number[]) {
          expect(replayCard(c.db, c.schedulerFor(1), id)).toEqual(scheduleOf(findCard(c.db, id)));
        }
      }
      for (const status of [statusA, statusB]) {
        expect(status.pending).toBe(0);
        expect(status.unreadable).toEqual([]);
        expect(status.devices).toHaveLength(2);
      }
      expect([...conflictCopies(pair.a.folder), ...conflictCopies(pair.b.folder)]).toEqual([]);
      // the next day's study on one reaches the other the same way
      clockB.advance(MS_PER_DAY);
      study(b, clockB, [3, 3]);
      call(b, 'sync.mergeNow');
      await pair.waitInSync();
      call(a, 'sync.mergeNow');
      expect(syncedState(a)).toEqual(syncedState(b));
    },
    TIMEOUT_MS,
  );
});
