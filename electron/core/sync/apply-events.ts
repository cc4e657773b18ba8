/**
 * Other devices' events merged into this collection. Each is applied once however often it is read:
 * a row's fields by their clocks (the later edit of a field wins, the loser is kept in sync_conflicts),
 * a log entry by its global id, a deletion as a tombstone no older edit brings back. An event that
 * needs what this collection does not have yet (an edit of a card whose creation is in a segment still
 * on its way) waits in sync_waiting and is tried at every merge. Cards whose history changed are
 * replayed afterwards, so their schedules are what one machine that saw every answer would have.
 */
import { cachedStatement, type Db } from '../database';
import { deleteCards, deleteDeck, deleteSection } from '../deletion';
import { countLoggedReview } from '../review-log';
import { ENTITIES, type EntityKind } from './sync-entities';
import type { CardEventEvent, DeleteEvent, PutEvent, ReviewEvent, SyncEvent, UndoneEvent } from './sync-event';
import { importMedia } from './sync-media';
import type { SyncClock } from './sync-state';

type Scalar = string | number | null;
type Row = Record<string, unknown>;

interface Mapping {
  local_id: Scalar;
  clock: string;
  clocks: string | null;
  deleted: string | null;
}

/** What applying an event did: `applied`, `known` (had it already) or why it waits. */
export type Outcome = { done: 'applied' | 'known' } | { wait: string };

const APPLIED: Outcome = { done: 'applied' };
const KNOWN: Outcome = { done: 'known' };

/** Fields that must be unique where they are: a merged row whose value is taken gets it with a suffix. */
const UNIQUE_TEXT = new Set(['key', 'name', 'guid']);

export class EventApplier {
  /** Local cards whose log or seed changed: replayed when the batch is done. */
  readonly touched = new Set<number>();
  /** A card changed section or deck: the per-section counts are rebuilt. */
  moved = false;
  private readonly columns = new Map<string, Set<string>>();
  /**
   * The newest answer in the log before this batch: answers merged after it are counted into the
   * per-day counts in one statement when the batch is done (countReviewsAfter), not one by one.
   */
  readonly countedUpTo: number;

  constructor(
    private readonly db: Db,
    private readonly clock: SyncClock,
    private readonly now: number,
    private readonly media: { mediaDir: string; folder: string },
    /** This device: its own events, read back after a restore, may be rows the collection has. */
    private readonly device: string,
  ) {
    this.countedUpTo = cachedStatement(db, 'SELECT coalesce(max(id), 0) FROM review_log').pluck().get() as number;
  }

  apply(event: SyncEvent): Outcome {
    this.clock.saw(event.hlc);
    switch (event.type) {
      case 'put':
        return this.put(event);
      case 'delete':
        return this.tombstone(event);
      case 'review':
        return this.review(event);
      case 'card_event':
        return this.cardEvent(event);
      case 'undone':
        return this.undone(event);
      case 'media':
        return importMedia(this.db, this.media.mediaDir, this.media.folder, event) === 'done'
          ? APPLIED
          : { wait: `the file of ${event.name} has not arrived yet` };
    }
  }

  // ---- rows

  private put(event: PutEvent): Outcome {
    const mapping = this.mapping(event.entity, event.gid);
    if (!mapping)
      return event.create ? this.create(event) : { wait: `the ${event.entity} ${event.gid} is not here yet` };
    if (mapping.local_id === null) {
      // a tombstone is final; an edit made without having seen it is kept (a copy made by a join is not an edit)
      if (!event.create) this.keepDeleted(event, mapping.deleted);
      return APPLIED;
    }
    return this.update(event, mapping);
  }

  /**
   * A row's fields by their versions. An edit beats the value the row was made with; of two edits the
   * later wins; of two creations (the same bundled or imported card made on two devices) the earlier
   * stands, so a device that joins late never writes its fresh copy over what was edited before.
   */
  private update(event: PutEvent, mapping: Mapping): Outcome {
    const spec = ENTITIES[event.entity];
    const clocks = mapping.clocks ? (JSON.parse(mapping.clocks) as Record<string, string>) : {};
    const row = this.row(event.entity, mapping.local_id);
    if (!row) return { wait: `the ${event.entity} ${event.gid} is missing its row` };
    let created = mapping.clock;
    const winners: Record<string, Scalar> = {};
    for (const [field, incoming] of Object.entries(event.fields)) {
      if (!spec.fields.includes(field)) continue;
      const resolved = this.local(event.entity, field, incoming);
      if (resolved === undefined) return { wait: `${event.entity} ${event.gid} names a row not here yet (${field})` };
      const theirs: Version = versionOf(event, field);
      const ours: Version = { clock: clocks[field] ?? mapping.clock, edit: clocks[field] !== undefined };
      const differs = row[field] !== resolved;
      // two creations that differ are two cards made apart under one name: the one that does not stand is kept
      const bothCreated = !theirs.edit && !ours.edit;
      if (beats(theirs, ours)) {
        // ours is kept if it was typed and theirs was made without having seen it
        const seen = event.bases?.[field];
        if (differs && (bothCreated || (ours.edit && (seen === undefined || seen < ours.clock)))) {
          const value = this.exported(event.entity, field, row[field]);
          this.keepConflict(event.entity, event.gid, field, value, ours.clock, theirs.clock, 'later-edit');
        }
        if (differs) winners[field] = resolved;
        if (theirs.edit) clocks[field] = theirs.clock;
        else created = theirs.clock;
      } else if (differs && ((theirs.edit && ours.edit && theirs.clock !== ours.clock) || bothCreated)) {
        this.keepConflict(event.entity, event.gid, field, incoming, theirs.clock, ours.clock, 'later-edit');
      }
    }
    if (event.create && event.entity === 'card' && event.due !== undefined && event.hlc < mapping.clock) {
      // a card never studied is due as its first creation made it (its place among new cards)
      cachedStatement(this.db, 'UPDATE cards SET due = ? WHERE id = ? AND state = 0').run(event.due, mapping.local_id);
      this.touched.add(Number(mapping.local_id));
    }
    if (Object.keys(winners).length > 0) this.write(event.entity, mapping.local_id, winners);
    cachedStatement(this.db, 'UPDATE sync_entities SET clock = ?, clocks = ? WHERE entity = ? AND gid = ?').run(
      created,
      Object.keys(clocks).length > 0 ? JSON.stringify(clocks) : null,
      event.entity,
      event.gid,
    );
    return APPLIED;
  }

  private create(event: PutEvent): Outcome {
    const spec = ENTITIES[event.entity];
    const values: Record<string, Scalar> = {};
    for (const field of spec.fields) {
      if (!(field in event.fields)) continue;
      const resolved = this.local(event.entity, field, event.fields[field]);
      if (resolved === undefined) return { wait: `${event.entity} ${event.gid} names a row not here yet (${field})` };
      values[field] = resolved;
    }
    if (event.entity === 'card' && event.due !== undefined) values.due = event.due;
    const localId = this.insert(event.entity, values);
    cachedStatement(
      this.db,
      `INSERT INTO sync_entities (entity, gid, local_id, clock, clocks, deleted) VALUES (?, ?, ?, ?, ?, NULL)
       ON CONFLICT DO UPDATE SET local_id = excluded.local_id, clock = excluded.clock, clocks = excluded.clocks,
         deleted = NULL`,
    ).run(event.entity, event.gid, localId, event.hlc, event.clocks ? JSON.stringify(event.clocks) : null);
    if (event.entity === 'card') this.touched.add(Number(localId));
    return APPLIED;
  }

  private tombstone(event: DeleteEvent): Outcome {
    const mapping = this.mapping(event.entity, event.gid);
    if (mapping?.deleted && mapping.deleted <= event.hlc && mapping.local_id === null) return KNOWN;
    if (mapping && mapping.local_id !== null) this.remove(event.entity, mapping.local_id);
    cachedStatement(
      this.db,
      `INSERT INTO sync_entities (entity, gid, local_id, clock, clocks, deleted) VALUES (?, ?, NULL, ?, NULL, ?)
       ON CONFLICT DO UPDATE SET local_id = NULL, deleted = excluded.deleted`,
    ).run(event.entity, event.gid, event.hlc, event.hlc);
    this.forgetVanished(event.hlc);
    return APPLIED;
  }

  /** Deletes as a person's delete does (a card's history kept in deleted_cards), so it can be undone here. */
  private remove(kind: EntityKind, localId: Scalar): void {
    const id = Number(localId);
    if (kind === 'card') deleteCards(this.db, [id], this.now);
    else if (kind === 'section') deleteSection(this.db, id, this.now);
    else if (kind === 'deck') deleteDeck(this.db, id, this.now);
    else {
      const { table, key } = ENTITIES[kind];
      try {
        this.db.transaction(() => this.db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`).run(localId))();
      } catch {
        // still used here (a note type with notes, a preset with decks): it stays, as the other device's
        // own cards that used it are gone there too
      }
    }
  }

  /** Rows a deletion took with it (a deck's sections and cards) are tombstoned under its clock. */
  private forgetVanished(hlc: string): void {
    for (const kind of ['deck', 'section', 'note', 'card'] as const) {
      const { table, key } = ENTITIES[kind];
      cachedStatement(
        this.db,
        `UPDATE sync_entities SET local_id = NULL, deleted = ?
         WHERE entity = ? AND local_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${table} WHERE ${key} = local_id)`,
      ).run(hlc, kind);
    }
  }

  // ---- the log

  private review(event: ReviewEvent): Outcome {
    if (this.logKnown(event.id)) return KNOWN;
    const card = this.cardOf(event.card);
    if (card === undefined) return { wait: `the card ${event.card} is not here yet` };
    if (card === null) return this.registerLog(event.id, 'review', 0);
    const mine = this.ownEntry('review_log', 'reviewed_at', card, event.id, event.row.reviewed_at);
    if (mine !== undefined) return this.registerLog(event.id, 'review', mine, KNOWN);
    const row: Row = { ...this.logRow('review_log', event.row), card_id: card };
    if (event.config !== null) {
      cachedStatement(this.db, 'INSERT INTO schedule_configs (config) VALUES (?) ON CONFLICT (config) DO NOTHING').run(
        event.config,
      );
      row.config_id = cachedStatement(this.db, 'SELECT id FROM schedule_configs WHERE config = ?')
        .pluck()
        .get(event.config);
    }
    const reviewId = this.insertLog('review_log', row);
    if (event.deadline) {
      cachedStatement(this.db, 'INSERT INTO deadline_intervals (review_id, target_day, days) VALUES (?, ?, ?)').run(
        reviewId,
        ...event.deadline,
      );
    }
    if (event.answer) {
      const { recalled, missed, typed } = event.answer;
      cachedStatement(
        this.db,
        'INSERT INTO review_answers (review_id, card_id, recalled, missed, typed_text) VALUES (?, ?, ?, ?, ?)',
      ).run(reviewId, card, recalled, missed, typed);
    }
    this.touched.add(card);
    return this.registerLog(event.id, 'review', reviewId);
  }

  private cardEvent(event: CardEventEvent): Outcome {
    if (this.logKnown(event.id)) return KNOWN;
    const card = this.cardOf(event.card);
    if (card === undefined) return { wait: `the card ${event.card} is not here yet` };
    if (card === null) return this.registerLog(event.id, 'card_event', 0);
    const mine = this.ownEntry('card_events', 'at', card, event.id, event.row.at);
    if (mine !== undefined) return this.registerLog(event.id, 'card_event', mine, KNOWN);
    const id = this.insertLog('card_events', {
      ...this.logRow('card_events', event.row),
      card_id: card,
      kind: event.kind,
    });
    this.touched.add(card);
    return this.registerLog(event.id, 'card_event', id);
  }

  /** An undo is once and for good (the log's own rule), so applying it again changes nothing. */
  private undone(event: UndoneEvent): Outcome {
    const local = cachedStatement(this.db, 'SELECT local_id FROM sync_log_ids WHERE gid = ? AND log = ?')
      .pluck()
      .get(event.gid, event.log) as number | undefined;
    if (local === undefined) return { wait: `the ${event.log} ${event.gid} is not here yet` };
    if (event.at === null || local === 0) return KNOWN;
    const table = event.log === 'review' ? 'review_log' : 'card_events';
    const entry = cachedStatement(this.db, `SELECT card_id, undone_at FROM ${table} WHERE id = ?`).get(local) as
      | { card_id: number; undone_at: number | null }
      | undefined;
    if (!entry || entry.undone_at !== null) return KNOWN;
    // an answer of this batch is not counted yet: the count at its end leaves undone ones out
    if (event.log === 'review' && local <= this.countedUpTo) countLoggedReview(this.db, local, -1);
    cachedStatement(this.db, `UPDATE ${table} SET undone_at = ? WHERE id = ?`).run(event.at, local);
    this.touched.add(entry.card_id);
    return APPLIED;
  }

  private logKnown(gid: string): boolean {
    return cachedStatement(this.db, 'SELECT 1 FROM sync_log_ids WHERE gid = ?').get(gid) !== undefined;
  }

  private registerLog(gid: string, log: 'review' | 'card_event', localId: number, outcome = APPLIED): Outcome {
    cachedStatement(this.db, 'INSERT INTO sync_log_ids (gid, log, local_id, origin) VALUES (?, ?, ?, ?)').run(
      gid,
      log,
      localId,
      outcome === KNOWN ? 1 : 0,
    );
    return outcome;
  }

  /** This device's own log entry an event read back describes (same card, same moment), not yet given its id. */
  private ownEntry(table: string, column: string, card: number, id: string, at: unknown): number | undefined {
    if (!id.startsWith(`${this.device}.`)) return undefined;
    const log = table === 'review_log' ? 'review' : 'card_event';
    return cachedStatement(
      this.db,
      `SELECT id FROM ${table} t WHERE card_id = ? AND ${column} = ?
         AND NOT EXISTS (SELECT 1 FROM sync_log_ids l WHERE l.log = '${log}' AND l.local_id = t.id)
       ORDER BY id LIMIT 1`,
    )
      .pluck()
      .get(card, at) as number | undefined;
  }

  /** A log entry's values for the columns this schema has (an older Cue's entry lacks some: their defaults). */
  private logRow(table: string, values: Record<string, number | null>): Row {
    const columns = this.columnsOf(table);
    const row: Row = {};
    for (const [column, value] of Object.entries(values)) {
      if (columns.has(column) && column !== 'id' && column !== 'card_id' && column !== 'config_id') row[column] = value;
    }
    return row;
  }

  private insertLog(table: string, row: Row): number {
    const columns = Object.keys(row);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    return Number(cachedStatement(this.db, sql).run(...columns.map((c) => row[c])).lastInsertRowid);
  }

  // ---- rows, locally

  /** The local id `gid` stands for in `field` (undefined: not here yet), or the value itself. */
  private local(kind: EntityKind, field: string, value: Scalar): Scalar | undefined {
    const ref = ENTITIES[kind].refs[field];
    if (!ref || value === null) return value;
    const mapping = this.mapping(ref, String(value));
    if (!mapping || mapping.local_id === null) return undefined;
    return mapping.local_id;
  }

  /** A local value as the folder names it (a reference as its global id). */
  private exported(kind: EntityKind, field: string, value: unknown): Scalar {
    const ref = ENTITIES[kind].refs[field];
    if (!ref || value === null) return value as Scalar;
    return (
      (cachedStatement(this.db, 'SELECT gid FROM sync_entities WHERE entity = ? AND local_id = ?')
        .pluck()
        .get(ref, value) as string | undefined) ?? null
    );
  }

  /** The card's local id: undefined when not here yet, null when deleted here. */
  private cardOf(gid: string): number | null | undefined {
    const mapping = this.mapping('card', gid);
    if (!mapping) return undefined;
    return mapping.local_id === null ? null : Number(mapping.local_id);
  }

  private write(kind: EntityKind, localId: Scalar, values: Record<string, Scalar>): void {
    const { table, key } = ENTITIES[kind];
    this.withUniqueRetry(values, () => {
      const fields = Object.keys(values);
      const sql = `UPDATE ${table} SET ${fields.map((f) => `${f} = ?`).join(', ')} WHERE ${key} = ?`;
      cachedStatement(this.db, sql).run(...fields.map((f) => values[f]), localId);
    });
    if (kind === 'card') {
      if ('deck_id' in values || 'section_id' in values) this.moved = true;
      if ('fuzz_seed' in values) this.touched.add(Number(localId));
    }
  }

  private insert(kind: EntityKind, values: Record<string, Scalar>): Scalar {
    const { table, key } = ENTITIES[kind];
    let localId: Scalar = null;
    this.withUniqueRetry(values, () => {
      const fields = Object.keys(values);
      const upsert = kind === 'setting' ? ' ON CONFLICT (key) DO UPDATE SET value = excluded.value' : '';
      const sql = `INSERT INTO ${table} (${fields.join(', ')}) VALUES (${fields.map(() => '?').join(', ')})${upsert}`;
      const result = cachedStatement(this.db, sql).run(...fields.map((f) => values[f]));
      localId = kind === 'setting' ? (values[key] ?? null) : Number(result.lastInsertRowid);
    });
    return localId;
  }

  /** Runs `write` in a savepoint; a unique name or key taken here is given a suffix and tried again. */
  private withUniqueRetry(values: Record<string, Scalar>, write: () => void): void {
    for (let attempt = 0; ; attempt++) {
      try {
        this.db.transaction(write)();
        return;
      } catch (error) {
        const unique = (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
        const renamable = Object.keys(values).filter((f) => UNIQUE_TEXT.has(f) && typeof values[f] === 'string');
        if (!unique || renamable.length === 0 || attempt >= 5) throw error;
        for (const field of renamable)
          values[field] = `${String(values[field]).replace(/ \(\d+\)$/, '')} (${attempt + 2})`;
      }
    }
  }

  /** The edits in `event` are kept: the row was deleted here before they arrived. */
  private keepDeleted(event: PutEvent, deleted: string | null): void {
    for (const [field, value] of Object.entries(event.fields)) {
      this.keepConflict(event.entity, event.gid, field, value, versionOf(event, field).clock, deleted, 'deleted');
    }
  }

  private keepConflict(
    kind: EntityKind,
    gid: string,
    field: string,
    value: unknown,
    clock: string,
    winner: string | null,
    reason: 'later-edit' | 'deleted',
  ): void {
    if (!ENTITIES[kind].kept.has(field)) return;
    const cardId = kind === 'card' ? this.cardOf(gid) : null;
    cachedStatement(
      this.db,
      `INSERT INTO sync_conflicts (entity, gid, card_id, field, value, clock, winner_clock, reason, kept_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(kind, gid, cardId ?? null, field, JSON.stringify(value ?? null), clock, winner, reason, this.now);
  }

  private mapping(kind: EntityKind, gid: string): Mapping | undefined {
    return cachedStatement(
      this.db,
      'SELECT local_id, clock, clocks, deleted FROM sync_entities WHERE entity = ? AND gid = ?',
    ).get(kind, gid) as Mapping | undefined;
  }

  private row(kind: EntityKind, localId: Scalar): Row | undefined {
    const { table, key } = ENTITIES[kind];
    return cachedStatement(this.db, `SELECT * FROM ${table} WHERE ${key} = ?`).get(localId) as Row | undefined;
  }

  private columnsOf(table: string): Set<string> {
    let columns = this.columns.get(table);
    if (!columns) {
      const rows = this.db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
      columns = new Set(rows);
      this.columns.set(table, columns);
    }
    return columns;
  }
}

/** A field value's version: its clock, and whether it was an edit or the value its row was made with. */
interface Version {
  clock: string;
  edit: boolean;
}

function versionOf(event: PutEvent, field: string): Version {
  const clock = event.clocks?.[field] ?? event.hlc;
  return { clock, edit: !event.create || clock !== event.hlc };
}

/** Whether `a` replaces `b`: an edit beats a creation; the later edit wins; the earlier creation stands. */
function beats(a: Version, b: Version): boolean {
  if (a.edit !== b.edit) return a.edit;
  return a.edit ? a.clock > b.clock : a.clock < b.clock;
}
