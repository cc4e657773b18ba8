/**
 * A snapshot: the whole collection as events, so that a device new to the folder reads one file
 * instead of years of segments. Rows are written as creations with each field's own clock, deletions
 * as their tombstones, and log entries under the ids they were first written with, so that reading a
 * snapshot and the segments it covers applies each change once.
 */
import { cachedStatement, type Db } from '../database';
import { cardEventEvent, REVIEW_ROWS, reviewEvent } from './export-events';
import { ENTITIES, ENTITY_ORDER } from './sync-entities';
import { eventIdOf, type MediaEvent, type SyncEvent } from './sync-event';
import { snapshotMedia } from './sync-media';
import type { SyncClock } from './sync-state';

type Row = Record<string, unknown>;
type Scalar = string | number | null;

/** Snapshot event ids live apart from segment ids: a row's event needs an id, never a second meaning. */
const SNAPSHOT_IDS = 100_000_000_000;

interface MappingRow {
  entity: string;
  gid: string;
  local_id: Scalar;
  clock: string;
  clocks: string | null;
  deleted: string | null;
}

export function snapshotEvents(
  db: Db,
  device: string,
  seq: number,
  clock: SyncClock,
  media: { mediaDir: string; folder: string },
): SyncEvent[] {
  const events: SyncEvent[] = [];
  const nextId = () => eventIdOf(device, SNAPSHOT_IDS + seq, events.length);
  const gids = new Map<string, string>();
  const mappings = db.prepare('SELECT * FROM sync_entities ORDER BY clock').all() as MappingRow[];
  for (const m of mappings) if (m.local_id !== null) gids.set(`${m.entity}:${m.local_id}`, m.gid);
  for (const kind of ENTITY_ORDER) {
    const spec = ENTITIES[kind];
    const read = cachedStatement(db, `SELECT * FROM ${spec.table} WHERE ${spec.key} = ?`);
    for (const m of mappings) {
      if (m.entity !== kind) continue;
      if (m.local_id === null) {
        if (m.deleted) events.push({ type: 'delete', id: nextId(), hlc: m.deleted, entity: kind, gid: m.gid });
        continue;
      }
      const row = read.get(m.local_id) as Row | undefined;
      if (!row) continue;
      const own = m.clocks ? (JSON.parse(m.clocks) as Record<string, string>) : {};
      const fields: Record<string, Scalar> = {};
      const clocks: Record<string, string> = {};
      for (const field of spec.fields) {
        const ref = spec.refs[field];
        const value = (field === 'fuzz_seed' ? (row.fuzz_seed ?? row.id) : row[field]) as Scalar;
        fields[field] = ref && value !== null ? (gids.get(`${ref}:${value}`) ?? null) : value;
        clocks[field] = own[field] ?? m.clock;
      }
      const due = kind === 'card' ? { due: row.due as number } : {};
      // under its creation's clock: ordered as it was made, and never newer than a deletion it did not see
      events.push({
        type: 'put',
        id: nextId(),
        hlc: m.clock,
        entity: kind,
        gid: m.gid,
        create: true,
        fields,
        clocks,
        ...due,
      });
    }
  }
  const stamp = clock.next();
  const reviews = db
    .prepare(
      `${REVIEW_ROWS.replace('SELECT r.*', 'SELECT l.gid AS log_gid, r.*')}
       JOIN sync_log_ids l ON l.log = 'review' AND l.local_id = r.id ORDER BY r.id`,
    )
    .all() as Row[];
  const cards = (id: unknown) => gids.get(`card:${id}`);
  for (const row of reviews) {
    const card = cards(row.card_id);
    const { log_gid, ...review } = row;
    if (card) events.push(reviewEvent(review, card, log_gid as string, stamp));
  }
  const changes = db
    .prepare(
      `SELECT e.*, l.gid FROM card_events e JOIN sync_log_ids l ON l.log = 'card_event' AND l.local_id = e.id ORDER BY e.id`,
    )
    .all() as Row[];
  for (const row of changes) {
    const card = cards(row.card_id);
    const { gid, ...change } = row;
    if (card) events.push(cardEventEvent(change, card, gid as string, stamp));
  }
  const pushMedia = (file: Omit<MediaEvent, 'id'>) => events.push({ ...file, id: nextId() });
  snapshotMedia(db, media.mediaDir, media.folder, device, pushMedia, stamp);
  return events;
}
