/**
 * The events in a sync folder's segments. Each has an id unique across devices and a hybrid logical
 * clock; every one is checked when read, since a segment is a file anyone could have put there.
 *   put      fields of a row (all of them when `create`), each under the event's clock unless `clocks`
 *            gives its own (a snapshot); `bases` are the clocks the writer had seen, to tell a conflict
 *   delete   a tombstone
 *   review   an answer: its review_log row, the schedule configuration it was made with, the interval
 *            deadline mode set and the key points ticked or the text typed
 *   card_event  a schedule change that is not an answer (reset, due date, memory state)
 *   undone   an answer or a schedule change taken back (or, with `at` null, made again)
 *   media    an image or sound the cards use, by name and content hash
 */
import { z } from 'zod';
import { isHlc } from './hlc';
import { ENTITY_ORDER, type EntityKind } from './sync-entities';

/** The segment format this Cue writes; it reads this and every older one. */
export const SYNC_FORMAT = 1;

const clock = z.string().refine(isHlc, 'not a clock');
const gid = z.string().min(1).max(1000);
const eventId = z.string().regex(/^[a-z0-9]{4,64}\.\d{1,12}\.\d{1,9}$/, 'not an event id');
const scalar = z.union([z.string().max(10_000_000), z.number(), z.null()]);
const kind = z.enum(ENTITY_ORDER as [EntityKind, ...EntityKind[]]);

const put = z.strictObject({
  type: z.literal('put'),
  id: eventId,
  hlc: clock,
  entity: kind,
  gid,
  create: z.boolean().optional(),
  fields: z.record(z.string().max(64), scalar),
  clocks: z.record(z.string().max(64), clock).optional(),
  bases: z.record(z.string().max(64), clock).optional(),
  /** A new card's due moment (its schedule, otherwise, comes from replaying its log). */
  due: z.number().optional(),
});

const tombstone = z.strictObject({ type: z.literal('delete'), id: eventId, hlc: clock, entity: kind, gid });

const logRow = z.record(z.string().max(64), z.union([z.number(), z.null()]));

const review = z.strictObject({
  type: z.literal('review'),
  id: eventId,
  hlc: clock,
  card: gid,
  row: logRow,
  config: z.string().max(100_000).nullable(),
  deadline: z.tuple([z.number().int(), z.number().int().min(1)]).nullable(),
  answer: z
    .strictObject({ recalled: z.string().nullable(), missed: z.string().nullable(), typed: z.string().nullable() })
    .nullable(),
});

const cardEvent = z.strictObject({
  type: z.literal('card_event'),
  id: eventId,
  hlc: clock,
  card: gid,
  kind: z.enum(['reset', 'set_due', 'memory', 'kept_schedule']),
  row: logRow,
});

const undone = z.strictObject({
  type: z.literal('undone'),
  id: eventId,
  hlc: clock,
  log: z.enum(['review', 'card_event']),
  gid,
  at: z.number().nullable(),
});

/** A media file, its bytes in the writer's subfolder under their SHA-256 (devices/<id>/media/<hash>). */
const media = z.strictObject({
  type: z.literal('media'),
  id: eventId,
  hlc: clock,
  name: z.string().min(1).max(255),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256'),
  bytes: z.number().int().min(0),
});

export const syncEvent = z.discriminatedUnion('type', [put, tombstone, review, cardEvent, undone, media]);
export type SyncEvent = z.infer<typeof syncEvent>;
export type PutEvent = z.infer<typeof put>;
export type DeleteEvent = z.infer<typeof tombstone>;
export type ReviewEvent = z.infer<typeof review>;
export type CardEventEvent = z.infer<typeof cardEvent>;
export type UndoneEvent = z.infer<typeof undone>;
export type MediaEvent = z.infer<typeof media>;

/** The id of the `index`th event of a device's segment `seq`: unique, whatever the collection's local ids. */
export function eventIdOf(device: string, seq: number, index: number): string {
  return `${device}.${seq}.${index}`;
}
