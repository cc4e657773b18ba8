/**
 * Sync through a folder: this device's changes written as one new segment (flush), other devices'
 * segments read and merged (merge), the state as the status shows it, and snapshots for compaction.
 * A flush or a merge is one transaction; the segment a flush writes is renamed into place inside it,
 * so a change is marked written exactly when its file exists.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { CueError } from '../../../shared/errors';
import type { SyncDevice, SyncJoinPreview, SyncSnapshotResult, SyncStatus, UnreadableFile } from '../../../shared/sync';
import { saveScheduleSetAside } from '../card-rows';
import { cachedStatement, type Db } from '../database';
import { rebuildReviewDays, replayCard } from '../review-log';
import type { Scheduler } from '../scheduler';
import { EventApplier } from './apply-events';
import { collectChanges, markAllDirty, Outbox } from './export-events';
import { hlcTime } from './hlc';
import { decodeSegment, encodeSegment, SegmentProblem } from './segment-file';
import { snapshotEvents } from './snapshot';
import { SYNC_FORMAT, type SyncEvent } from './sync-event';
import {
  type DeviceFiles,
  joinFolder,
  listDevices,
  relativeName,
  segmentPath,
  snapshotPath,
  writeOnce,
} from './sync-folder';
import { cursorOf, readNumber, readState, SyncClock, setCursor, writeState } from './sync-state';

export interface SyncCore {
  readonly db: Db;
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

/** This device's changes since the last flush as its next segment; null when there were none. */
export function flushChanges(core: SyncCore, folder: string, device: string): { seq: number; events: number } | null {
  const { db } = core;
  const now = core.now();
  return db.transaction(() => {
    const own = listDevices(folder).find((d) => d.device === device);
    const seq = Math.max(cursorOf(db, device), own?.segments.at(-1) ?? 0) + 1;
    if (readState(db, 'clock') === null) markAllDirty(db);
    const clock = new SyncClock(db, device, now);
    const outbox = new Outbox(device, seq, clock);
    collectChanges(db, outbox);
    clock.keep();
    if (outbox.events.length === 0) return null;
    joinFolder(folder, device, now);
    writeOnce(
      segmentPath(folder, device, seq),
      encodeSegment({ device, seq, kind: 'segment', created: now }, outbox.events),
    );
    setCursor(db, device, seq);
    return { seq, events: outbox.events.length };
  })();
}

interface ReadEvents {
  events: SyncEvent[];
  cursors: Map<string, number>;
  unreadable: UnreadableFile[];
  seen: Record<string, string>;
}

/** Every other device's segments not merged yet, in order, each device up to its first unreadable one. */
function readNewEvents(db: Db, folder: string, device: string): ReadEvents {
  const read: ReadEvents = { events: [], cursors: new Map(), unreadable: [], seen: seenClocks(db) };
  const devices = listDevices(folder).filter((d) => d.device !== device);
  const fresh = devices.every((d) => cursorOf(db, d.device) === 0);
  if (fresh) readNewestSnapshot(db, folder, devices, read);
  for (const other of devices) {
    if (other.format !== null && other.format > SYNC_FORMAT) {
      read.unreadable.push({
        file: relativeName(folder, segmentPath(folder, other.device, 1).replace(/segments.*$/, 'device.json')),
        reason: `written by a newer Cue (sync format ${other.format}; this Cue reads up to ${SYNC_FORMAT}). Update Cue to merge it.`,
      });
      continue;
    }
    let cursor = read.cursors.get(other.device) ?? cursorOf(db, other.device);
    for (const seq of other.segments) {
      if (seq <= cursor) continue;
      if (seq !== cursor + 1) {
        // a device's segments are merged in order: one the sync tool has not brought yet holds up the rest
        read.unreadable.push({
          file: relativeName(folder, segmentPath(folder, other.device, cursor + 1)),
          reason: `it is not in the folder yet (segment ${seq} is); the ones after it wait for it`,
        });
        break;
      }
      const path = segmentPath(folder, other.device, seq);
      const segment = readSegmentFile(path, other.device, seq, folder, read.unreadable);
      if (!segment) break;
      read.events.push(...segment);
      cursor = seq;
      const last = segment.at(-1)?.hlc;
      if (last && last > (read.seen[other.device] ?? '')) read.seen[other.device] = last;
    }
    read.cursors.set(other.device, cursor);
  }
  return read;
}

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
function readNewestSnapshot(db: Db, folder: string, devices: DeviceFiles[], read: ReadEvents): void {
  const newest = devices
    .flatMap((d) => d.snapshots.map((seq) => ({ device: d.device, seq })))
    .sort((a, b) => b.seq - a.seq)[0];
  if (!newest) return;
  const path = snapshotPath(folder, newest.device, newest.seq);
  try {
    const snapshot = decodeSegment(readFileSync(path), newest.device, newest.seq);
    read.events.push(...snapshot.events);
    for (const [device, seq] of Object.entries(snapshot.header.covers ?? {})) {
      read.cursors.set(device, Math.max(seq, cursorOf(db, device)));
    }
  } catch (error) {
    const reason = error instanceof SegmentProblem ? error.message : (error as Error).message;
    read.unreadable.push({ file: relativeName(folder, path), reason: `${reason}; its segments are read instead` });
  }
}

/** Other devices' new events (and those waiting) merged in one transaction; then touched cards replayed. */
export function mergeFolder(core: SyncCore, folder: string, device: string): MergeReport {
  const { db } = core;
  const now = core.now();
  const read = readNewEvents(db, folder, device);
  const report = db.transaction(() => {
    cachedStatement(db, 'INSERT OR IGNORE INTO sync_gate (applying) VALUES (1)').run();
    const clock = new SyncClock(db, device, now);
    const applier = new EventApplier(db, clock, now);
    const waiting = db.prepare('SELECT event FROM sync_waiting').pluck().all() as string[];
    db.prepare('DELETE FROM sync_waiting').run();
    const events = [...waiting.map((text) => JSON.parse(text) as SyncEvent), ...read.events];
    events.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1));
    const merged = applyAll(db, applier, events);
    replayTouched(core, applier.touched);
    if (applier.moved) rebuildReviewDays(db);
    for (const [other, seq] of read.cursors) setCursor(db, other, seq);
    clock.keep();
    writeState(db, 'lastMerge', now);
    writeState(db, 'eventsMerged', readNumber(db, 'eventsMerged') + merged);
    writeState(db, 'unreadable', JSON.stringify(read.unreadable));
    writeState(db, 'seen', JSON.stringify(read.seen));
    db.prepare('DELETE FROM sync_gate').run();
    const stillWaiting = cachedStatement(db, 'SELECT count(*) FROM sync_waiting').pluck().get() as number;
    return { merged, waiting: stillWaiting, unreadable: read.unreadable, replayed: applier.touched.size };
  })();
  if (report.merged > 0) core.historyChanged(['presets', 'settings', 'decks']);
  return report;
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
function replayTouched(core: SyncCore, cards: Set<number>): void {
  const read = cachedStatement(core.db, 'SELECT deck_id, suspended, buried_until FROM cards WHERE id = ?');
  for (const cardId of cards) {
    const card = read.get(cardId) as { deck_id: number; suspended: number; buried_until: number | null } | undefined;
    if (!card) continue;
    const schedule = replayCard(core.db, core.schedulerFor(card.deck_id), cardId);
    saveScheduleSetAside(core.db, cardId, schedule, card.suspended === 1, card.buried_until);
  }
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

/** A segment's event count from its size: a cheap estimate that does not decompress it. */
function segmentCount(path: string): number {
  try {
    return Math.max(1, Math.round(statSync(path).size / 120));
  } catch {
    return 0;
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
    const events = snapshotEvents(db, device, seq, clock);
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
