/**
 * An Anki card's schedule in Cue's terms, as the import keeps it. Anki's columns (rslib/src/card/mod.rs):
 * `type` 0 new, 1 learning, 2 review, 3 relearning; `queue` -3/-2 buried, -1 suspended, else where the
 * card is studied from: 0 new (due = position), 1 learning (due = epoch seconds), 2 review and 3
 * day-learning (due = days from the collection's creation date), 4 preview (filtered decks only). A card
 * in a filtered deck keeps its home due in `odue`; its home queue follows from its type, as Anki puts it
 * back (restore_queue_from_type).
 */
import { type DayBoundary, dayStart, MS_PER_DAY, wallClockAsUtc } from '../../days';
import type { BundleReview, BundleSchedule } from '../import-bundle';
import type { AnkiCard } from './anki-collection';

/** Anki tells a learning card's epoch-seconds due from a day number by its size (is_unix_epoch_timestamp). */
const EPOCH_SECONDS_FROM = 1_000_000_000;

/** Moments in `mod` past this are milliseconds (tools other than Anki write those). */
const MS_FROM = 100_000_000_000;

/** The queue the card is studied from at home, out of any filtered deck, suspension or burial. */
function homeQueue(type: number, due: number): number {
  if (type === 1 || type === 3) return due > EPOCH_SECONDS_FROM ? 1 : 3;
  return type === 2 ? 2 : 0;
}

/**
 * Cue's day number of the collection's day 0: the calendar date `crt` falls on where the collection
 * was made (Anki counts review days by calendar dates from it, sched_timing_today_v2_new), or, when
 * the collection does not say where, in Cue's time zone (as Anki counts from crt where it is opened,
 * sched_timing_today_v2_legacy). Cue's day numbers are calendar days, so day D is day 0 + D.
 */
export function creationDay(createdSecs: number, creationOffset: number | null, boundary: DayBoundary): number {
  const ms = createdSecs * 1000;
  const wallClock = creationOffset === null ? wallClockAsUtc(ms, boundary.timeZone) : ms - creationOffset * 60_000;
  return Math.floor(wallClock / MS_PER_DAY);
}

export function keptSchedule(
  card: AnkiCard,
  day0: number,
  history: BundleReview[] | undefined,
  boundary: DayBoundary,
): BundleSchedule {
  const filtered = card.originalDeckId !== '0';
  const due = filtered && card.originalDue !== 0 ? card.originalDue : card.due;
  const queue = homeQueue(card.type, due);
  const lastAnswer = history?.length ? history[history.length - 1].at : null;
  const base = { reps: Math.max(0, card.reps), lapses: Math.max(0, card.lapses), stepsLeft: 0, ease: null };
  const buried = card.queue === -2 || card.queue === -3;
  const buriedAt = buried ? { buriedAt: card.mod > MS_FROM ? card.mod : card.mod * 1000 } : {};
  const ease = card.factor > 0 ? card.factor / 1000 : null;
  if (queue === 0) {
    return { ...base, state: 0, due: 0, scheduledDays: 0, lastReview: null, newPosition: due, ...buriedAt };
  }
  const dayDue = (days: number) => dayStart(day0 + days, boundary);
  if (queue === 2) {
    const ivl = Math.max(0, card.ivl);
    return {
      ...base,
      state: 2,
      due: dayDue(due),
      scheduledDays: ivl,
      lastReview: lastAnswer ?? dayDue(due - ivl),
      ease,
      ...buriedAt,
    };
  }
  return {
    ...base,
    state: card.type === 3 ? 3 : 1,
    due: queue === 1 ? due * 1000 : dayDue(due),
    scheduledDays: card.type === 3 ? Math.max(0, card.ivl) : 0,
    stepsLeft: Math.max(0, card.left % 1000),
    lastReview: lastAnswer,
    ease,
    ...buriedAt,
  };
}
