/** What deadline mode needs to know of a card from the collection at the moment it is answered. */
import { cachedStatement, type Db } from '../database';
import { type DayBoundary, dayNumber } from '../days';
import { deckDayLoad } from './day-load';
import type { DeadlinePlan } from './deadline-interval';
import { activeDeadlineDay } from './target-dates';

/** The card's plan for an answer at `now`, or null when deadline mode does not apply to its deck now. */
export function deadlinePlan(db: Db, cardId: number, deckId: number, now: number, boundary: DayBoundary) {
  const targetDay = activeDeadlineDay(db, deckId, now, boundary);
  if (targetDay === null) return null;
  const today = dayNumber(now, boundary);
  const before = cachedStatement(
    db,
    'SELECT count(DISTINCT study_day) FROM reviews WHERE card_id = ? AND study_day < ?',
  )
    .pluck()
    .get(cardId, today) as number;
  const load = deckDayLoad(db, deckId, now, targetDay, boundary);
  return { targetDay, answeredDays: before + 1, isFull: load.isFull } satisfies DeadlinePlan;
}

/** The interval deadline mode recorded with an answer, if it set one. */
export function recordedDeadlineDays(db: Db, reviewId: number): number | null {
  const days = cachedStatement(db, 'SELECT days FROM deadline_intervals WHERE review_id = ?').pluck().get(reviewId);
  return (days as number | undefined) ?? null;
}

export function recordDeadlineDays(db: Db, reviewId: number, targetDay: number, days: number): void {
  cachedStatement(db, 'INSERT INTO deadline_intervals (review_id, target_day, days) VALUES (?, ?, ?)').run(
    reviewId,
    targetDay,
    days,
  );
}
