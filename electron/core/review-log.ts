/**
 * Answers and their undo. Each answer appends one row to the review log holding the card's state
 * before and after, so undo restores exactly and the card state can be rebuilt by replay.
 */
import type { Rating } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { CARD_COLUMNS, type CardRow, saveSchedule, scheduleOf } from './card-rows';
import type { Db } from './database';
import type { Schedule, Scheduler } from './scheduler';

/** Like Anki's "maximum answer seconds": a card left open over lunch does not count as an hour. */
export const MAX_ANSWER_MS = 60_000;

export function findCard(db: Db, cardId: number): CardRow {
  const row = db
    .prepare(`SELECT ${CARD_COLUMNS} FROM cards c JOIN sections s ON s.id = c.section_id WHERE c.id = ?`)
    .get(cardId) as CardRow | undefined;
  if (!row) throw new CueError('not_found', `There is no card ${cardId}.`, { cardId });
  return row;
}

export interface LoggedAnswer {
  reviewId: number;
  after: Schedule;
}

/** Schedules the answer and logs it; the caller wraps this in a transaction. */
export function recordAnswer(
  db: Db,
  scheduler: Scheduler,
  card: CardRow,
  rating: Rating,
  durationMs: number,
  now: number,
): LoggedAnswer {
  const before = scheduleOf(card);
  const after = scheduler.answer(card.id, before, now, rating);
  const result = db
    .prepare(
      `INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, retrievability,
         state_before, due_before, stability_before, difficulty_before, elapsed_days_before,
         scheduled_days_before, learning_steps_before, reps_before, lapses_before, last_review_before,
         state_after, due_after, stability_after, difficulty_after, elapsed_days_after,
         scheduled_days_after, learning_steps_after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      card.id,
      now,
      rating,
      Math.min(durationMs, MAX_ANSWER_MS),
      scheduler.retrievability(before, now),
      before.state,
      before.due,
      before.stability,
      before.difficulty,
      before.elapsedDays,
      before.scheduledDays,
      before.learningSteps,
      before.reps,
      before.lapses,
      before.lastReview,
      after.state,
      after.due,
      after.stability,
      after.difficulty,
      after.elapsedDays,
      after.scheduledDays,
      after.learningSteps,
    );
  saveSchedule(db, card.id, after);
  return { reviewId: Number(result.lastInsertRowid), after };
}

interface ReviewRow {
  id: number;
  card_id: number;
  state_before: Schedule['state'];
  due_before: number;
  stability_before: number;
  difficulty_before: number;
  elapsed_days_before: number;
  scheduled_days_before: number;
  learning_steps_before: number;
  reps_before: number;
  lapses_before: number;
  last_review_before: number | null;
}

/** Removes a review (which must be its card's newest) and puts the card back as it was before it. */
export function removeNewestReview(db: Db, reviewId: number): number {
  const review = db.prepare('SELECT * FROM reviews WHERE id = ?').get(reviewId) as ReviewRow | undefined;
  if (!review) throw new CueError('nothing_to_undo', 'That answer is no longer in the review log.', { reviewId });
  const newest = db.prepare('SELECT max(id) AS id FROM reviews WHERE card_id = ?').get(review.card_id) as {
    id: number;
  };
  if (newest.id !== review.id) {
    throw new CueError('conflict', 'The card was answered again since; undo that answer first.', { reviewId });
  }
  saveSchedule(db, review.card_id, {
    state: review.state_before,
    due: review.due_before,
    stability: review.stability_before,
    difficulty: review.difficulty_before,
    elapsedDays: review.elapsed_days_before,
    scheduledDays: review.scheduled_days_before,
    learningSteps: review.learning_steps_before,
    reps: review.reps_before,
    lapses: review.lapses_before,
    lastReview: review.last_review_before,
  });
  db.prepare('DELETE FROM reviews WHERE id = ?').run(review.id);
  return review.card_id;
}

/** Rebuilds a card's state by replaying its whole review log through the scheduler. */
export function replayCard(db: Db, scheduler: Scheduler, cardId: number, initial: Schedule): Schedule {
  const reviews = db
    .prepare('SELECT reviewed_at, rating FROM reviews WHERE card_id = ? ORDER BY reviewed_at, id')
    .all(cardId) as { reviewed_at: number; rating: Rating }[];
  let schedule = initial;
  for (const review of reviews) schedule = scheduler.answer(cardId, schedule, review.reviewed_at, review.rating);
  return schedule;
}
