/**
 * Sync through a folder: this device's changes written as one new segment (flush), other devices'
 * segments read and merged (merge), the state as the status shows it, and snapshots for compaction.
 * A flush or a merge is one transaction; the segment a flush writes is renamed into place inside it,
 * so a change is marked written exactly when its file exists.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { CueError } from '../../../shared/errors';
import type { SyncDevice, SyncJoinPreview, SyncSnapshotResult, SyncStatus, UnreadableFile } from '../../../shared/sync';
import { saveScheduleSetAside } from '../card-rows';
import { cachedStatement, type Db } from '../database';
import { countReviewsAfter, rebuildReviewDays, replayCard } from '../review-log';
import type { Scheduler } from '../scheduler';
import { EventApplier } from './apply-events';
import { collectChanges, markAllDirty, Outbox } from './export-events';
import { hlcTime } from './hlc';
import { decodeSegment, encodeSegment, SegmentProblem } from './segment-file';
import { snapshotEvents } from './snapshot';
import { SYNC_FORMAT, type SyncEvent } from './sync-event';
import {
  type DeviceFiles,
  deviceDir,
  joinFolder,
  listDevices,
  relativeName,
  segmentPath,
  snapshotPath,
  writeOnce,
} from './sync-folder';
import { exportMedia } from './sync-media';
import { cursorOf, readNumber, readState, SyncClock, setCursor, writeState } from './sync-state';

export interface SyncCore {
  readonly db: Db;
  readonly mediaDir: string;
  now(): number;
  schedulerFor(deckId: number): Scheduler;
  /** Rows were written behind the caches' back: presets, settings. */
  historyChanged(tables: readonly string[]): void;
}

export interface MergeReport {
  /** Events applied now (not those known already). */
  merged: number;
  waiting: number;
  unreadable: UnreadableFile[];
  /** Local cards replayed. */
  replayed: number;
}

/**
 * Whether this device's own subfolder holds segments the collection does not know it wrote: a backup
 * from before them was restored (or the data folder was). They are merged first, so what this device
 * wrote since the backup comes back (the other devices have it already) and is never written twice.
 */
export function ownSegmentsAhead(db: Db, folder: string, device: string): boolean {
  const own = listDevices(folder).find((d) => d.device === device);
  return (own?.segments.at(-1) ?? 0) > cursorOf(db, device);
}

/**
 * This device's changes since the last flush as its next segments (one, unless there are more than
 * SEGMENT_EVENTS changes); null when there were none.
 */
export function flushChanges(core: SyncCore, folder: string, device: string): { seq: number; events: number } | null {
  const { db } = core;
  const now = core.now();
  return db.transaction(() => {
    const own = listDevices(folder).find((d) => d.device === device);
    const first = Math.max(cursorOf(db, device), own?.segments.at(-1) ?? 0) + 1;
    if (readState(db, 'clock') === null) markAllDirty(db);
    const clock = new SyncClock(db, device, now);
    const outbox = new Outbox(device, first, clock, (seq, events) => {
      joinFolder(folder, device, now);
      writeOnce(
        segmentPath(folder, device, seq),
        encodeSegment({ device, seq, kind: 'segment', created: now }, events),
      );
      setCursor(db, device, seq);
    });
    collectChanges(db, outbox);
    exportMedia(db, core.mediaDir, folder, outbox);
    outbox.close();
    clock.keep();
    return outbox.written === 0 ? null : { seq: outbox.seq - 1, events: outbox.count };
  })();
}

/** Events merged in one transaction at most: a year of another device's history is many batches. */
const BATCH_EVENTS = 50_000;

function readSegmentFile(
  path: string,
  device: string,
  seq: number,
  folder: string,
  unreadable: UnreadableFile[],
): SyncEvent[] | null {
  try {
    return decodeSegment(readFileSync(path), device, seq).events;
  } catch (error) {
    const reason = error instanceof SegmentProblem ? error.message : `it cannot be read (${(error as Error).message})`;
    unreadable.push({ file: relativeName(folder, path), reason });
    return null;
  }
}

/** A device new to the folder starts from the newest snapshot anyone wrote, instead of every segment. */
function readNewestSnapshot(
  folder: string,
  devices: DeviceFiles[],
  unreadable: UnreadableFile[],
): { events: SyncEvent[]; covers: Record<string, number> } | null {
  const newest = devices
    .flatMap((d) => d.snapshots.map((seq) => ({ device: d.device, seq })))
    .sort((a, b) => b.seq - a.seq)[0];
  if (!newest) return null;
  const path = snapshotPath(folder, newest.device, newest.seq);
  try {
    const snapshot = decodeSegment(readFileSync(path), newest.device, newest.seq);
    return { events: snapshot.events, covers: snapshot.header.covers ?? {} };
  } catch (error) {
    const reason = error instanceof SegmentProblem ? error.message : (error as Error).message;
    unreadable.push({ file: relativeName(folder, path), reason: `${reason}; its segments are read instead` });
    return null;
  }
}

/**
 * Other devices' segments not merged yet, each device's in order up to the first it cannot read,
 * merged in batches of about BATCH_EVENTS, one transaction each (with the events waiting from before).
 */
export function mergeFolder(core: SyncCore, folder: string, device: string, own = false): MergeReport {
  const { db } = core;
  const now = core.now();
  const devices = listDevices(folder).filter((d) => (d.device === device) === own);
  const unreadable: UnreadableFile[] = [];
  const seen = seenClocks(db);
  const total = { merged: 0, replayed: 0 };
  let batch: SyncEvent[] = [];
  let cursors = new Map<string, number>();
  const apply = (last = false) => {
    applyBatch(core, { folder, device, now, last }, batch, cursors, total);
    batch = [];
    cursors = new Map();
  };
  if (!own && devices.every((d) => cursorOf(db, d.device) === 0)) {
    const snapshot = readNewestSnapshot(folder, devices, unreadable);
    if (snapshot) {
      // in batches too, in the snapshot's own order (rows before the log entries that name them); the
      // cursors move with the last
      for (let start = 0; ; start += BATCH_EVENTS) {
        batch = snapshot.events.slice(start, start + BATCH_EVENTS);
        const last = start + BATCH_EVENTS >= snapshot.events.length;
        if (last) for (const [other, seq] of Object.entries(snapshot.covers)) cursors.set(other, seq);
        apply();
        if (last) break;
      }
    }
  }
  for (const other of devices) {
    if (other.format !== null && other.format > SYNC_FORMAT) {
      unreadable.push({
        file: relativeName(folder, join(deviceDir(folder, other.device), 'device.json')),
        reason: `written by a newer Cue (sync format ${other.format}; this Cue reads up to ${SYNC_FORMAT}). Update Cue to merge it.`,
      });
      continue;
    }
    let cursor = cursorOf(db, other.device);
    for (const seq of other.segments) {
      if (seq <= cursor) continue;
      if (seq !== cursor + 1) {
        // a device's segments are merged in order: one the sync tool has not brought yet holds up the rest
        unreadable.push({
          file: relativeName(folder, segmentPath(folder, other.device, cursor + 1)),
          reason: `it is not in the folder yet (segment ${seq} is); the ones after it wait for it`,
        });
        break;
      }
      const events = readSegmentFile(segmentPath(folder, other.device, seq), other.device, seq, folder, unreadable);
      if (!events) break;
      for (const event of events) batch.push(event);
      cursor = seq;
      cursors.set(other.device, seq);
      const last = events.at(-1)?.hlc;
      if (last && last > (seen[other.device] ?? '')) seen[other.device] = last;
      if (batch.length >= BATCH_EVENTS) apply();
    }
  }
  apply(true);
  db.transaction(() => {
    writeState(db, 'lastMerge', now);
    writeState(db, 'unreadable', JSON.stringify(unreadable));
    writeState(db, 'seen', JSON.stringify(seen));
  })();
  if (total.merged > 0) core.historyChanged(['presets', 'settings', 'decks']);
  const waiting = cachedStatement(db, 'SELECT count(*) FROM sync_waiting').pluck().get() as number;
  return { merged: total.merged, waiting, unreadable, replayed: total.replayed };
}

/** One batch (and the events waiting from before) in one transaction: applied, cards replayed, cursors moved. */
function applyBatch(
  core: SyncCore,
  { folder, device, now, last }: { folder: string; device: string; now: number; last: boolean },
  events: SyncEvent[],
  cursors: Map<string, number>,
  total: { merged: number; replayed: number },
): void {
  const { db } = core;
  db.transaction(() => {
    cachedStatement(db, 'INSERT OR IGNORE INTO sync_gate (applying) VALUES (1)').run();
    const clock = new SyncClock(db, device, now);
    const applier = new EventApplier(db, clock, now, { mediaDir: core.mediaDir, folder }, device);
    const waiting = db.prepare('SELECT event FROM sync_waiting').pluck().all() as string[];
    db.prepare('DELETE FROM sync_waiting').run();
    const all = waiting.map((text) => JSON.parse(text) as SyncEvent);
    for (const event of events) all.push(event);
    all.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1));
    const merged = applyAll(db, applier, all);
    // a card answered across many batches (a year of history) is replayed once, after the last
    const replay = cachedStatement(db, 'INSERT OR IGNORE INTO sync_replay (card_id) VALUES (?)');
    for (const cardId of applier.touched) replay.run(cardId);
    if (last) total.replayed += replayPending(core);
    if (applier.moved) rebuildReviewDays(db);
    else countReviewsAfter(db, applier.countedUpTo);
    for (const [other, seq] of cursors) setCursor(db, other, seq);
    clock.keep();
    writeState(db, 'eventsMerged', readNumber(db, 'eventsMerged') + merged);
    db.prepare('DELETE FROM sync_gate').run();
    total.merged += merged;
  })();
}

/**
 * Applies events in clock order; one that waits is tried again after the rest (what it needs may be
 * later in the batch), and kept in sync_waiting if it still waits. Each event is its own savepoint.
 */
function applyAll(db: Db, applier: EventApplier, events: SyncEvent[]): number {
  let merged = 0;
  let pending = events;
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    const next: { event: SyncEvent; reason: string }[] = [];
    for (const event of pending) {
      let outcome: ReturnType<EventApplier['apply']>;
      try {
        outcome = db.transaction(() => applier.apply(event))();
      } catch (error) {
        outcome = { wait: `it could not be applied (${(error as Error).message})` };
      }
      if ('wait' in outcome) next.push({ event, reason: outcome.wait });
      else if (outcome.done === 'applied') merged++;
    }
    // nothing more could be applied, or this was the last try: the rest waits for the next merge
    if (next.length === pending.length || round === 2) {
      keepWaiting(db, next);
      break;
    }
    pending = next.map((n) => n.event);
  }
  return merged;
}

function keepWaiting(db: Db, waiting: { event: SyncEvent; reason: string }[]): void {
  const insert = cachedStatement(
    db,
    'INSERT OR REPLACE INTO sync_waiting (event_id, clock, event, reason) VALUES (?, ?, ?, ?)',
  );
  for (const { event, reason } of waiting) insert.run(event.id, event.hlc, JSON.stringify(event), reason);
}

/** Each card whose log or seed changed becomes what its log replays to; suspension and burying stay. */
function replayPending(core: SyncCore): number {
  const { db } = core;
  const cards = db.prepare('SELECT card_id FROM sync_replay').pluck().all() as number[];
  const read = cachedStatement(db, 'SELECT deck_id, suspended, buried_until FROM cards WHERE id = ?');
  for (const cardId of cards) {
    const card = read.get(cardId) as { deck_id: number; suspended: number; buried_until: number | null } | undefined;
    if (!card) continue;
    const schedule = replayCard(db, core.schedulerFor(card.deck_id), cardId);
    saveScheduleSetAside(db, cardId, schedule, card.suspended === 1, card.buried_until);
  }
  db.prepare('DELETE FROM sync_replay').run();
  return cards.length;
}

function seenClocks(db: Db): Record<string, string> {
  try {
    return JSON.parse(readState(db, 'seen') ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** Changes here not in the folder yet, and events read that wait. */
function pendingCount(db: Db): number {
  return cachedStatement(
    db,
    `SELECT (SELECT count(*) FROM sync_dirty)
       + (SELECT count(*) FROM review_log r
          WHERE r.id > coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'reviewMark'), 0)
            AND NOT EXISTS (SELECT 1 FROM sync_log_ids l WHERE l.log = 'review' AND l.local_id = r.id))
       + (SELECT count(*) FROM card_events e
          WHERE e.id > coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'eventMark'), 0)
            AND NOT EXISTS (SELECT 1 FROM sync_log_ids l WHERE l.log = 'card_event' AND l.local_id = e.id))
       + (SELECT count(*) FROM sync_waiting)`,
  )
    .pluck()
    .get() as number;
}

export function deviceList(db: Db, folder: string | null, device: string): SyncDevice[] {
  const seen = seenClocks(db);
  const own = readState(db, 'clock');
  const listed = folder ? listDevices(folder) : [];
  const devices = listed.map((d) => ({
    device: d.device,
    name: d.name,
    self: d.device === device,
    segments: d.segments.length + d.snapshots.length,
    lastChange:
      d.device === device ? (own ? hlcTime(own) || null : null) : seen[d.device] ? hlcTime(seen[d.device]) : null,
  }));
  if (!devices.some((d) => d.self)) {
    devices.unshift({ device, name: 'this computer', self: true, segments: 0, lastChange: null });
  }
  return devices;
}

export function syncStatus(db: Db, folder: string | null, device: string): SyncStatus {
  let unreadable: UnreadableFile[] = [];
  try {
    unreadable = JSON.parse(readState(db, 'unreadable') ?? '[]') as UnreadableFile[];
  } catch {
    // an older state: none recorded
  }
  const lastMerge = readState(db, 'lastMerge');
  return {
    folder,
    device,
    devices: deviceList(db, folder, device),
    lastMerge: lastMerge === null ? null : Number(lastMerge),
    eventsMerged: readNumber(db, 'eventsMerged'),
    pending: folder ? pendingCount(db) : 0,
    unreadable: folder ? unreadable : [],
    conflicts: cachedStatement(db, 'SELECT count(*) FROM sync_conflicts').pluck().get() as number,
    problem: readState(db, 'problem'),
  };
}

/** What joining `folder` would do, read without changing anything. */
export function previewJoin(db: Db, folder: string, device: string): SyncJoinPreview {
  const others = listDevices(folder).filter((d) => d.device !== device && d.segments.length + d.snapshots.length > 0);
  const localCards = cachedStatement(db, 'SELECT count(*) FROM cards').pluck().get() as number;
  const localReviews = cachedStatement(db, 'SELECT count(*) FROM review_log').pluck().get() as number;
  const ownCards = cachedStatement(
    db,
    "SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.source IS NULL OR d.source NOT LIKE 'bundled:%'",
  )
    .pluck()
    .get() as number;
  let events = 0;
  for (const other of others) {
    for (const seq of other.segments) events += segmentCount(segmentPath(folder, other.device, seq));
  }
  const mode = others.length === 0 ? 'start' : localReviews === 0 && ownCards === 0 ? 'adopt' : 'merge';
  const names = others.map((d) => d.name).join(', ');
  const summary =
    mode === 'start'
      ? `The folder holds no collection yet: this collection (${localCards} cards, ${localReviews} reviews) is written there, for your other computers to join.`
      : mode === 'adopt'
        ? `This computer has nothing studied yet: it takes the collection in the folder (from ${names}, ${events} changes).`
        : `Both hold cards: this collection (${localCards} cards, ${localReviews} reviews) and the folder's (from ${names}, ${events} changes) are merged. A deck both have stays one deck; nothing is deleted.`;
  return { folder, mode, devices: deviceList(db, folder, device), events, localCards, localReviews, summary };
}

/** A segment's event count, from its header: only the file's first few KB are read and inflated. */
function segmentCount(path: string): number {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4096);
    const read = readSync(fd, head, 0, head.length, 0);
    const text = gunzipSync(head.subarray(0, read), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
    const count = (JSON.parse(text.slice(0, text.indexOf('\n'))) as { count?: unknown }).count;
    return typeof count === 'number' ? count : 0;
  } catch {
    // cut short or damaged: the merge names it
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The whole collection as one snapshot file, so a device new to the folder need not read every segment.
 * It is numbered after this device's newest segment, which it covers (segment numbers stay contiguous).
 */
export function writeSnapshot(core: SyncCore, folder: string, device: string): SyncSnapshotResult {
  flushChanges(core, folder, device);
  const { db } = core;
  const now = core.now();
  return db.transaction(() => {
    const seq = cursorOf(db, device);
    const path = snapshotPath(folder, device, seq);
    if (seq === 0) throw new CueError('invalid_input', 'Nothing of this collection is in the sync folder yet.');
    if (existsSync(path)) {
      throw new CueError(
        'conflict',
        `A snapshot of everything up to segment ${seq} is there already; nothing changed since.`,
      );
    }
    const clock = new SyncClock(db, device, now);
    const events = snapshotEvents(db, device, seq, clock, { mediaDir: core.mediaDir, folder });
    const covers = Object.fromEntries(
      (db.prepare('SELECT device, seq FROM sync_cursors').all() as { device: string; seq: number }[]).map((c) => [
        c.device,
        c.seq,
      ]),
    );
    const bytes = encodeSegment({ device, seq, kind: 'snapshot', created: now, covers }, events);
    writeOnce(path, bytes);
    clock.keep();
    return { file: relativeName(folder, path), events: events.length, bytes: bytes.length };
  })();
}
