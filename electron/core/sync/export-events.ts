/**
 * This device's changes as events: the rows sync_dirty names (the fields changed, rows made, rows
 * deleted), the answers and schedule changes logged since the last write, and those taken back. Run in
 * the transaction that writes the segment, so a change is marked written exactly when its file is.
 */
import { cachedStatement, type Db } from '../database';
import { ENTITIES, ENTITY_ORDER, type EntityKind, fieldsOfMask } from './sync-entities';
import { eventIdOf, type SyncEvent } from './sync-event';
import type { SyncClock } from './sync-state';
import { readNumber, writeState } from './sync-state';

type Row = Record<string, unknown>;
type Scalar = string | number | null;

interface Mapping {
  gid: string;
  clock: string;
  clocks: string | null;
}

/** Events in a segment at most: a first write of a large collection is many files, none of them huge. */
export const SEGMENT_EVENTS = 10_000;

/**
 * Events being gathered, each given the next id and clock; every SEGMENT_EVENTS of them are handed to
 * `write` as segment `seq`, and the next segment begins. `stamp` must come right before its `push`.
 */
export class Outbox {
  events: SyncEvent[] = [];
  /** Segments handed to `write`, and events in them. */
  written = 0;
  count = 0;

  constructor(
    readonly device: string,
    public seq: number,
    readonly clock: SyncClock,
    private readonly write: (seq: number, events: SyncEvent[]) => void,
  ) {}

  stamp(): { id: string; hlc: string } {
    return { id: eventIdOf(this.device, this.seq, this.events.length), hlc: this.clock.next() };
  }

  push(event: SyncEvent): void {
    this.events.push(event);
    this.count++;
    if (this.events.length >= SEGMENT_EVENTS) this.close();
  }

  /** Writes what is gathered as a segment, if anything is. */
  close(): void {
    if (this.events.length === 0) return;
    this.write(this.seq, this.events);
    this.written++;
    this.seq++;
    this.events = [];
  }
}

/** Every change here not yet in the folder, as events in `outbox`; sync_dirty is emptied and the marks moved. */
export function collectChanges(db: Db, outbox: Outbox): void {
  const exporter = new EntityExporter(db, outbox);
  const dirty = db.prepare('SELECT entity, local_id, mask, deleted FROM sync_dirty').all() as {
    entity: string;
    local_id: Scalar;
    mask: number;
    deleted: number;
  }[];
  const undone: { log: 'review' | 'card_event'; localId: number }[] = [];
  for (const kind of ENTITY_ORDER) {
    for (const change of dirty) {
      if (change.entity !== kind) continue;
      if (change.deleted) exporter.deleted(kind, change.local_id);
      else exporter.changed(kind, change.local_id, change.mask);
    }
  }
  for (const change of dirty) {
    if (change.entity === 'review' || change.entity === 'card_event') {
      undone.push({ log: change.entity, localId: Number(change.local_id) });
    }
  }
  const fresh = new Set([...exportLog(db, exporter, REVIEWS), ...exportLog(db, exporter, CARD_EVENTS)]);
  for (const { log, localId } of undone) exportUndone(db, outbox, log, localId, fresh);
  db.prepare('DELETE FROM sync_dirty').run();
}

/** The rows of synced tables as put and delete events, parents before the rows that name them. */
class EntityExporter {
  private readonly done = new Set<string>();

  constructor(
    private readonly db: Db,
    readonly outbox: Outbox,
  ) {}

  /** The row's global id, writing the whole row first if the folder has never had it. */
  gidOf(kind: EntityKind, localId: Scalar): string | null {
    if (localId === null) return null;
    const mapping = this.mapping(kind, localId);
    if (mapping) return mapping.gid;
    return this.created(kind, localId);
  }

  changed(kind: EntityKind, localId: Scalar, mask: number): void {
    if (this.done.has(`${kind}:${localId}`)) return;
    const mapping = this.mapping(kind, localId);
    if (!mapping || mask === -1) {
      this.created(kind, localId, mapping);
      return;
    }
    const row = this.row(kind, localId);
    if (!row) return;
    const fields = fieldsOfMask(kind, mask);
    const clocks = mapping.clocks ? (JSON.parse(mapping.clocks) as Record<string, string>) : {};
    const bases: Record<string, string> = {};
    for (const field of fields) bases[field] = clocks[field] ?? mapping.clock;
    // references first: a parent the folder lacks is written before this event takes its id
    const values = this.values(kind, row, fields);
    const { id, hlc } = this.outbox.stamp();
    this.outbox.push({
      type: 'put',
      id,
      hlc,
      entity: kind,
      gid: mapping.gid,
      fields: values,
      bases,
    });
    for (const field of fields) clocks[field] = hlc;
    cachedStatement(this.db, 'UPDATE sync_entities SET clocks = ? WHERE entity = ? AND gid = ?').run(
      JSON.stringify(clocks),
      kind,
      mapping.gid,
    );
    this.done.add(`${kind}:${localId}`);
  }

  deleted(kind: EntityKind, localId: Scalar): void {
    if (this.row(kind, localId)) return;
    const mapping = this.mapping(kind, localId);
    if (!mapping) return;
    const { id, hlc } = this.outbox.stamp();
    this.outbox.push({ type: 'delete', id, hlc, entity: kind, gid: mapping.gid });
    cachedStatement(this.db, 'UPDATE sync_entities SET local_id = NULL, deleted = ? WHERE entity = ? AND gid = ?').run(
      hlc,
      kind,
      mapping.gid,
    );
  }

  /** The whole row as a create; a global id is given it if it has none (its natural one, when free). */
  private created(kind: EntityKind, localId: Scalar, known?: Mapping | null): string | null {
    const row = this.row(kind, localId);
    if (!row) return null;
    this.done.add(`${kind}:${localId}`);
    const gid = known?.gid ?? this.newGid(kind, localId);
    const spec = ENTITIES[kind];
    const fields = this.values(kind, row, spec.fields);
    const { id, hlc } = this.outbox.stamp();
    const due = kind === 'card' ? { due: row.due as number } : {};
    this.outbox.push({ type: 'put', id, hlc, entity: kind, gid, create: true, fields, ...due });
    cachedStatement(
      this.db,
      `INSERT INTO sync_entities (entity, gid, local_id, clock, clocks, deleted) VALUES (?, ?, ?, ?, NULL, NULL)
       ON CONFLICT DO UPDATE SET local_id = excluded.local_id, clock = excluded.clock, clocks = NULL, deleted = NULL`,
    ).run(kind, gid, localId, hlc);
    return gid;
  }

  private newGid(kind: EntityKind, localId: Scalar): string {
    const natural = cachedStatement(this.db, ENTITIES[kind].naturalGid).pluck().get(localId) as string;
    const holder = cachedStatement(
      this.db,
      'SELECT local_id, deleted FROM sync_entities WHERE entity = ? AND gid = ?',
    ).get(kind, natural) as { local_id: Scalar; deleted: string | null } | undefined;
    // the natural id is free or was this row's; a deleted one stays deleted everywhere (a tombstone is
    // final), so a row made again or brought back by an undo is a new row to the other devices
    if (!holder || (holder.deleted === null && (holder.local_id === localId || holder.local_id === null))) {
      return natural;
    }
    if (holder.deleted === null && holder.local_id !== null && !this.row(kind, holder.local_id)) return natural;
    return `${natural}~${this.outbox.device}.${this.outbox.seq}.${localId}`;
  }

  private values(kind: EntityKind, row: Row, fields: readonly string[]): Record<string, Scalar> {
    const { refs } = ENTITIES[kind];
    const values: Record<string, Scalar> = {};
    for (const field of fields) {
      const value = row[field] as Scalar;
      const ref = refs[field];
      values[field] = ref ? this.gidOf(ref, value) : value;
    }
    return values;
  }

  private mapping(kind: EntityKind, localId: Scalar): Mapping | undefined {
    return cachedStatement(
      this.db,
      'SELECT gid, clock, clocks FROM sync_entities WHERE entity = ? AND local_id = ?',
    ).get(kind, localId) as Mapping | undefined;
  }

  private row(kind: EntityKind, localId: Scalar): Row | undefined {
    const { table, key } = ENTITIES[kind];
    const extra = kind === 'card' ? ', coalesce(fuzz_seed, id) AS fuzz_seed, due' : '';
    return cachedStatement(this.db, `SELECT *${extra} FROM ${table} WHERE ${key} = ?`).get(localId) as Row | undefined;
  }
}

const REVIEW_OMITTED = new Set(['id', 'card_id', 'config_id']);
const EVENT_OMITTED = new Set(['id', 'card_id', 'kind']);

function logValues(row: Row, omitted: Set<string>): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const [column, value] of Object.entries(row)) if (!omitted.has(column)) values[column] = value as number | null;
  return values;
}

/** The review_log rows with what travels with them, as reviewEvent reads them. */
export const REVIEW_ROWS = `SELECT r.*, sc.config AS config_text, di.target_day, di.days AS deadline_days,
         ra.recalled, ra.missed, ra.typed_text
       FROM review_log r
       LEFT JOIN schedule_configs sc ON sc.id = r.config_id
       LEFT JOIN deadline_intervals di ON di.review_id = r.id
       LEFT JOIN review_answers ra ON ra.review_id = r.id`;

/** An answer as an event: its row but the local ids, its configuration, deadline interval and answer. */
export function reviewEvent(row: Row, card: string, id: string, hlc: string): SyncEvent {
  const { config_text, target_day, deadline_days, recalled, missed, typed_text, ...review } = row;
  return {
    type: 'review',
    id,
    hlc,
    card,
    row: logValues(review, REVIEW_OMITTED),
    config: (config_text as string | null) ?? null,
    deadline: deadline_days == null ? null : [target_day as number, deadline_days as number],
    answer:
      recalled == null && typed_text == null
        ? null
        : { recalled: recalled as string | null, missed: missed as string | null, typed: typed_text as string | null },
  };
}

export function cardEventEvent(row: Row, card: string, id: string, hlc: string): SyncEvent {
  const kind = row.kind as 'reset' | 'set_due' | 'memory' | 'kept_schedule';
  return { type: 'card_event', id, hlc, card, kind, row: logValues(row, EVENT_OMITTED) };
}

/**
 * The first write to a folder: every row is a change (rows made before this collection synced have no
 * trace in sync_dirty), and so is every log entry (the marks start at 0).
 */
export function markAllDirty(db: Db): void {
  for (const kind of ENTITY_ORDER) {
    const { table, key } = ENTITIES[kind];
    db.prepare(
      `INSERT INTO sync_dirty (entity, local_id, mask, deleted) SELECT ?, ${key}, -1, 0 FROM ${table} WHERE true
       ON CONFLICT (entity, local_id) DO UPDATE SET mask = -1, deleted = 0`,
    ).run(kind);
  }
}

function registerLog(db: Db, gid: string, log: 'review' | 'card_event', localId: number): void {
  cachedStatement(db, 'INSERT INTO sync_log_ids (gid, log, local_id, origin) VALUES (?, ?, ?, 1)').run(
    gid,
    log,
    localId,
  );
}

const PAGE = 2_000;

interface LogKind {
  log: 'review' | 'card_event';
  table: string;
  mark: 'reviewMark' | 'eventMark';
  /** Its rows, with what travels with them, aliased `r`. */
  rows: string;
  event: (row: Row, card: string, id: string, hlc: string) => SyncEvent;
}

const REVIEWS: LogKind = {
  log: 'review',
  table: 'review_log',
  mark: 'reviewMark',
  rows: REVIEW_ROWS,
  event: reviewEvent,
};

const CARD_EVENTS: LogKind = {
  log: 'card_event',
  table: 'card_events',
  mark: 'eventMark',
  rows: 'SELECT r.* FROM card_events r',
  event: cardEventEvent,
};

/**
 * A log's entries made here since the last write (merged ones have their ids already), a page at a
 * time; each is registered under its event's id. The ids given.
 */
function exportLog(db: Db, exporter: EntityExporter, kind: LogKind): string[] {
  const mark = readNumber(db, kind.mark);
  const page = cachedStatement(
    db,
    `${kind.rows}
     WHERE r.id > ? AND NOT EXISTS (SELECT 1 FROM sync_log_ids l WHERE l.log = '${kind.log}' AND l.local_id = r.id)
     ORDER BY r.id LIMIT ${PAGE}`,
  );
  const gids: string[] = [];
  for (let after = mark, rows = page.all(after) as Row[]; rows.length > 0; rows = page.all(after) as Row[]) {
    for (const row of rows) {
      const card = exporter.gidOf('card', row.card_id as number);
      if (!card) continue;
      const { id, hlc } = exporter.outbox.stamp();
      exporter.outbox.push(kind.event(row, card, id, hlc));
      registerLog(db, id, kind.log, row.id as number);
      gids.push(id);
    }
    after = rows.at(-1)?.id as number;
  }
  const newest = cachedStatement(db, `SELECT coalesce(max(id), 0) FROM ${kind.table}`).pluck().get() as number;
  writeState(db, kind.mark, Math.max(mark, newest));
  return gids;
}

function exportUndone(db: Db, outbox: Outbox, log: 'review' | 'card_event', localId: number, fresh: Set<string>) {
  const known = cachedStatement(db, 'SELECT gid FROM sync_log_ids WHERE log = ? AND local_id = ?')
    .pluck()
    .get(log, localId) as string | undefined;
  if (!known || fresh.has(known)) return;
  const table = log === 'review' ? 'review_log' : 'card_events';
  const at = cachedStatement(db, `SELECT undone_at FROM ${table} WHERE id = ?`).pluck().get(localId) as
    | number
    | null
    | undefined;
  if (at === undefined) return;
  const { id, hlc } = outbox.stamp();
  outbox.push({ type: 'undone', id, hlc, log, gid: known, at });
}
