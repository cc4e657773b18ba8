/**
 * Two collections, one sync folder, as a file-sync tool would keep it (here: the same folder on disk,
 * so what is tested is Cue's own part). Both study the bundled deck apart, edit the same card, delete
 * another; after each merges the other's segments they hold the same cards, the same review log and the
 * same schedules, nothing typed is lost, and a merge read twice, or in another order, changes nothing.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { decodeSegment } from '../../electron/core/sync/segment-file';
import type { AnswerResult, Rating } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import type { SyncConflict, SyncJoinPreview, SyncSnapshotResult, SyncStatus } from '../../shared/sync';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { syncedState } from '../helpers/sync-state';
import { thrown } from '../helpers/thrown';

const START = Date.UTC(2026, 5, 1, 9, 0);
/** A 1x1 PNG. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const call = (c: Collection, method: string, input: unknown = {}) => dispatch(c, method as never, input);
const answer = (c: Collection, cardId: number, rating: Rating) =>
  call(c, 'study.answer', { deckId: 1, cardId, rating, durationMs: 4000 }) as AnswerResult;
const merge = (c: Collection) => call(c, 'sync.mergeNow') as SyncStatus;
const cardIdByKey = (c: Collection, key: string) =>
  c.db.prepare('SELECT id FROM cards WHERE key = ?').pluck().get(key) as number;

function twoDevices() {
  const clock = new TestClock(START);
  const folder = tempDir('cue-sync-folder-');
  const a = openTestCollection(clock, { dataDir: tempDir() });
  const b = openTestCollection(clock, { dataDir: tempDir() });
  return { clock, folder, a, b };
}

/** Studies `n` due cards of the bundled deck with the given ratings, the clock moving between answers. */
function study(c: Collection, clock: TestClock, ratings: Rating[]): void {
  for (const rating of ratings) {
    const next = call(c, 'study.next', { deckId: 1 }) as { card: { id: number } | null };
    if (!next.card) return;
    answer(c, next.card.id, rating);
    clock.advance(MS_PER_MINUTE);
  }
}

describe('sync through a folder', () => {
  it('two devices that studied apart converge to one collection, schedules as one machine would give them', () => {
    const { clock, folder, a, b } = twoDevices();
    expect((call(a, 'sync.preview', { folder }) as SyncJoinPreview).mode).toBe('start');
    call(a, 'sync.setFolder', { folder });
    const preview = call(b, 'sync.preview', { folder }) as SyncJoinPreview;
    expect(preview.mode).toBe('adopt');
    expect(preview.summary).toMatch(/takes the collection in the folder/);
    expect(preview.events).toBe(eventsIn(folder));
    expect(preview.events).toBeGreaterThan(100);
    call(b, 'sync.setFolder', { folder });
    // the bundled deck is one deck on both, not two
    expect(a.db.prepare('SELECT count(*) FROM decks').pluck().get()).toBe(1);
    expect(b.db.prepare('SELECT count(*) FROM cards').pluck().get()).toBe(50);

    study(a, clock, [3, 3, 1, 4, 3]);
    clock.advance(MS_PER_MINUTE * 7);
    study(b, clock, [2, 3, 3, 1]);
    const edited = cardIdByKey(a, cardKeyAt(a, 10));
    clock.advance(MS_PER_MINUTE);
    call(a, 'cards.update', { cardId: edited, answer: 'Edited on the laptop' });
    // each device writes its changes to the folder a few seconds after making them, online or not
    a.sync.flush();
    clock.advance(MS_PER_MINUTE);
    call(b, 'cards.update', { cardId: cardIdByKey(b, cardKeyAt(a, 10)), answer: 'Edited on the desktop' });
    b.sync.flush();
    const doomed = cardKeyAt(a, 20);
    call(b, 'cards.delete', { cardIds: [cardIdByKey(b, doomed)] });

    merge(a);
    merge(b);
    merge(a);
    expect(syncedState(a)).toEqual(syncedState(b));
    expect(a.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(9);
    expect(cardIdByKey(a, doomed)).toBeUndefined();
    // the later edit won on both; the earlier one is kept, on the device where it lost
    expect(a.db.prepare('SELECT answer FROM cards WHERE id = ?').pluck().get(edited)).toBe('Edited on the desktop');
    const kept = call(a, 'sync.conflicts', { cardId: edited }) as SyncConflict[];
    expect(kept).toEqual([
      expect.objectContaining({ field: 'answer', value: 'Edited on the laptop', reason: 'later-edit', cardId: edited }),
    ]);
    expect(call(b, 'sync.conflicts', { cardId: cardIdByKey(b, cardKeyAt(b, 10)) })).toEqual([
      expect.objectContaining({ field: 'answer', value: 'Edited on the laptop' }),
    ]);
    const status = merge(b);
    expect(status.devices.map((d) => d.self).sort()).toEqual([false, true]);
    expect(status.pending).toBe(0);
    expect(status.unreadable).toEqual([]);
    expect(status.eventsMerged).toBeGreaterThan(0);
  });

  it('a card answered on both devices apart has the schedule one machine answering it both times would give', () => {
    const { clock, folder, a, b } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    call(b, 'sync.setFolder', { folder });
    const key = cardKeyAt(a, 0);
    answer(a, cardIdByKey(a, key), 3);
    clock.advance(MS_PER_MINUTE * 12);
    answer(b, cardIdByKey(b, key), 1);
    clock.advance(MS_PER_DAY);
    answer(a, cardIdByKey(a, key), 4);
    merge(a);
    merge(b);
    merge(a);
    const log = a.db
      .prepare(
        'SELECT r.reviewed_at, r.rating FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.key = ? ORDER BY 1',
      )
      .all(key) as { reviewed_at: number; rating: Rating }[];
    expect(log.map((r) => r.rating)).toEqual([3, 1, 4]);
    const single = new TestClock(START);
    const alone = openTestCollection(single, { dataDir: tempDir() });
    for (const review of log) {
      single.set(review.reviewed_at);
      answer(alone, cardIdByKey(alone, key), review.rating);
    }
    const schedule = (c: Collection) =>
      c.db
        .prepare('SELECT state, due, stability, difficulty, reps, lapses, last_review FROM cards WHERE key = ?')
        .get(key);
    expect(schedule(a)).toEqual(schedule(alone));
    expect(schedule(b)).toEqual(schedule(alone));
  });

  it('merging the same segments again, or after a restart, changes nothing', () => {
    const { clock, folder, a, b } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    study(a, clock, [3, 1, 3]);
    merge(a);
    call(b, 'sync.setFolder', { folder });
    const once = syncedState(b);
    // forget where it was: every segment is read again
    b.db.prepare('DELETE FROM sync_cursors').run();
    merge(b);
    expect(syncedState(b)).toEqual(once);
    expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(3);
  });

  it('an edit that arrives after its card was deleted elsewhere is kept, and the card stays deleted', () => {
    const { clock, folder, a, b } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    call(b, 'sync.setFolder', { folder });
    const key = cardKeyAt(a, 3);
    call(a, 'cards.delete', { cardIds: [cardIdByKey(a, key)] });
    a.sync.flush();
    clock.advance(MS_PER_MINUTE);
    call(b, 'cards.update', { cardId: cardIdByKey(b, key), question: 'A late edit of a deleted card' });
    b.sync.flush();
    merge(a);
    merge(b);
    merge(a);
    expect(cardIdByKey(a, key)).toBeUndefined();
    expect(cardIdByKey(b, key)).toBeUndefined();
    const kept = call(a, 'sync.conflicts', {}) as SyncConflict[];
    expect(kept).toContainEqual(
      expect.objectContaining({ field: 'question', value: 'A late edit of a deleted card', reason: 'deleted' }),
    );
    expect(syncedState(a)).toEqual(syncedState(b));
  });

  it('a segment still being copied is skipped and read once complete; a damaged one is named with its reason', () => {
    const { clock, folder, a, b } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    call(b, 'sync.setFolder', { folder });
    study(a, clock, [3, 3]);
    merge(a);
    const dir = join(folder, 'devices', deviceOf(a), 'segments');
    const newest = readdirSync(dir).sort().at(-1) as string;
    const whole = readFileSync(join(dir, newest));
    writeFileSync(join(dir, newest), whole.subarray(0, whole.length - 20));
    let status = merge(b);
    expect(status.unreadable).toEqual([
      { file: `devices/${deviceOf(a)}/segments/${newest}`, reason: expect.stringMatching(/cut short|checksum/) },
    ]);
    expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
    writeFileSync(join(dir, newest), whole);
    status = merge(b);
    expect(status.unreadable).toEqual([]);
    expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(2);
  });

  it('a folder written by a newer Cue is refused with a message, and nothing of it is merged', () => {
    const { clock, folder, a, b } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    study(a, clock, [3]);
    merge(a);
    const info = join(folder, 'devices', deviceOf(a), 'device.json');
    writeFileSync(info, JSON.stringify({ ...JSON.parse(readFileSync(info, 'utf8')), format: 99 }));
    const status = call(b, 'sync.setFolder', { folder }) as SyncStatus;
    expect(status.unreadable[0]?.reason).toMatch(/newer Cue \(sync format 99/);
    expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
  });

  it('a new device catches up from a snapshot, and the segments after it', () => {
    const { clock, folder, a } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    study(a, clock, [3, 1, 4]);
    const snapshot = call(a, 'sync.snapshot') as SyncSnapshotResult;
    expect(snapshot.file).toMatch(/snapshots\/000000002\.cuesnap$/);
    clock.advance(MS_PER_DAY);
    study(a, clock, [3]);
    merge(a);
    const c = openTestCollection(clock, { dataDir: tempDir(), bundledDeckDir: null });
    call(c, 'sync.setFolder', { folder });
    expect(syncedState(c)).toEqual(syncedState(a));
  });

  it('an image added on one device reaches the other under the name its card uses, bytes checked', () => {
    const { folder, a, b } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    call(b, 'sync.setFolder', { folder });
    const png = TINY_PNG;
    const { name } = call(a, 'media.add', { name: 'diagram.png', dataBase64: png.toString('base64') }) as {
      name: string;
    };
    const cardId = cardIdByKey(a, cardKeyAt(a, 4));
    call(a, 'cards.update', { cardId, answer: `![diagram](${name})` });
    merge(a);
    // the bytes are in A's subfolder under their hash before B merges
    expect(readdirSync(join(folder, 'devices', deviceOf(a), 'media'))).toHaveLength(1);
    merge(b);
    expect(readFileSync(join(b.mediaDir, name)).equals(png)).toBe(true);
    expect(b.db.prepare('SELECT answer FROM cards WHERE key = ?').pluck().get(cardKeyAt(a, 4))).toBe(
      `![diagram](${name})`,
    );
  });

  it('a restored backup merges forward: what was written after it comes back, nothing is written twice', () => {
    const { clock, folder, a, b } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    call(b, 'sync.setFolder', { folder });
    study(a, clock, [3, 3]);
    merge(a);
    const backup = call(a, 'backups.create') as { file: string };
    clock.advance(MS_PER_MINUTE);
    study(a, clock, [1, 4, 3]);
    merge(a);
    call(a, 'backups.restore', { file: backup.file });
    expect(a.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(2);
    clock.advance(MS_PER_MINUTE);
    study(a, clock, [2]);
    merge(a);
    merge(b);
    // the three answers after the backup are back, the one after the restore is there, none twice
    expect(a.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(6);
    expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(6);
    expect(syncedState(a)).toEqual(syncedState(b));
  });

  it('a running Cue merges when the folder changes, and writes its own changes a few seconds after them', async () => {
    const { clock, folder, a, b } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    call(b, 'sync.setFolder', { folder });
    b.sync.start();
    const before = (call(b, 'sync.status') as SyncStatus).eventsMerged;
    study(a, clock, [3]);
    a.sync.flush();
    // no call to B: its watcher sees A's new segment and merges it
    await vi.waitFor(() => expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(1), {
      timeout: 15_000,
      interval: 100,
    });
    expect((call(b, 'sync.status') as SyncStatus).eventsMerged).toBeGreaterThan(before);
    // and B's own answer reaches the folder without a call to write it
    study(b, clock, [4]);
    await vi.waitFor(() => expect((call(b, 'sync.status') as SyncStatus).pending).toBe(0), {
      timeout: 15_000,
      interval: 100,
    });
    merge(a);
    expect(a.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(2);
    b.sync.stop();
  }, 40_000);

  it('two cards made apart with the same question are one card, and the answer that does not stand is kept', () => {
    const { clock, folder, a, b } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    call(b, 'sync.setFolder', { folder });
    const made = (c: Collection, answer: string) =>
      (call(c, 'cards.create', { sectionId: 2, question: 'What is a feature store?', answer }) as { cardId: number })
        .cardId;
    made(a, 'A shared table of features, written on the laptop');
    a.sync.flush();
    clock.advance(MS_PER_MINUTE);
    const onB = made(b, 'Where features are kept, written on the desktop');
    merge(b);
    merge(a);
    const answers = (c: Collection) =>
      c.db.prepare("SELECT answer FROM cards WHERE question = 'What is a feature store?'").pluck().all();
    expect(answers(a)).toEqual(['A shared table of features, written on the laptop']);
    expect(answers(b)).toEqual(answers(a));
    expect(call(b, 'sync.conflicts', { cardId: onB })).toContainEqual(
      expect.objectContaining({ field: 'answer', value: 'Where features are kept, written on the desktop' }),
    );
  });

  it('refuses a folder inside the data folder, and a merge with no folder chosen; a preview makes nothing', () => {
    const { a } = twoDevices();
    const elsewhere = join(tempDir('cue-sync-parent-'), 'not-made-yet');
    expect((call(a, 'sync.preview', { folder: elsewhere }) as SyncJoinPreview).mode).toBe('start');
    expect(existsSync(elsewhere)).toBe(false);
    expect(thrown(CueError, () => call(a, 'sync.setFolder', { folder: join(a.dataDir, 'sync') })).message).toMatch(
      /cannot be inside Cue's data folder/,
    );
    expect(thrown(CueError, () => merge(a)).message).toMatch(/No sync folder is chosen/);
  });

  it('a copied data folder is a new device, never a second writer of the same subfolder', () => {
    const { folder, a } = twoDevices();
    call(a, 'sync.setFolder', { folder });
    const copy = tempDir();
    mkdirSync(copy, { recursive: true });
    cpSync(join(a.dataDir, 'sync.json'), join(copy, 'sync.json'));
    const clock = new TestClock(START);
    const c = openTestCollection(clock, { dataDir: copy });
    const status = call(c, 'sync.status') as SyncStatus;
    expect(status.device).not.toBe(deviceOf(a));
    expect(status.folder).toBe((call(a, 'sync.status') as SyncStatus).folder);
  });
});

/** Every event in the folder's segments, counted by reading them whole. */
function eventsIn(folder: string): number {
  let count = 0;
  for (const device of readdirSync(join(folder, 'devices'))) {
    const dir = join(folder, 'devices', device, 'segments');
    for (const name of readdirSync(dir)) {
      count += decodeSegment(readFileSync(join(dir, name)), device, Number(name.slice(0, 9))).events.length;
    }
  }
  return count;
}

function deviceOf(c: Collection): string {
  return (call(c, 'sync.status') as SyncStatus).device;
}

function cardKeyAt(c: Collection, index: number): string {
  return c.db.prepare('SELECT key FROM cards ORDER BY position, id LIMIT 1 OFFSET ?').pluck().get(index) as string;
}
