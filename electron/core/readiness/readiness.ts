/**
 * Readiness for a target date: per card, section and deck, the predicted probability of recall on the
 * date (FSRS retrievability at the start of its study day, or now on the day itself), "if you stop
 * studying now" (from the memory state now; a card never studied: 0) and "if you keep to the schedule"
 * (see schedule-projection.ts). Computed from the collection at each call, so it follows every answer.
 */
import { CueError } from '../../../shared/errors';
import type { Readiness, ReadinessCard, ReadinessGroup } from '../../../shared/readiness';
import { scheduleOf } from '../card-rows';
import { deckLimits } from '../daily-limits';
import type { Db } from '../database';
import { type DayBoundary, dayNumber, dayStart, isoDateToDay } from '../days';
import { deckOptions } from '../presets';
import { type Schedule, type Scheduler, STATE_NAMES, type StateCode } from '../scheduler';
import { dayWindow } from '../study-queue';
import { type ProjectedCard, type ProjectionLimits, projectOnSchedule } from './schedule-projection';
import { assertUpcoming, deckTarget } from './target-dates';

interface CardLine extends ProjectedCard {
  sectionId: number;
  question: string;
  format: 'markdown' | 'html';
}

type CardFields = Parameters<typeof scheduleOf>[0] & {
  id: number;
  section_id: number;
  question: string;
  format: 'markdown' | 'html';
  suspended: number;
  answered_days: number;
  last_day: number | null;
};

/** The deck's cards in deck order, with the days each was answered on. */
function deckCards(db: Db, deckId: number): CardLine[] {
  const rows = db
    .prepare(
      `SELECT c.*, coalesce(a.days, 0) AS answered_days, a.last_day
       FROM cards c JOIN sections s ON s.id = c.section_id
       LEFT JOIN (SELECT card_id, count(DISTINCT study_day) AS days, max(study_day) AS last_day
                  FROM reviews GROUP BY card_id) a ON a.card_id = c.id
       WHERE c.deck_id = ? ORDER BY s.position, c.position, c.id`,
    )
    .all(deckId) as CardFields[];
  return rows.map((row) => ({
    id: row.id,
    sectionId: row.section_id,
    question: row.question,
    format: row.format,
    schedule: scheduleOf(row),
    suspended: row.suspended === 1,
    answeredDays: row.answered_days,
    lastDay: row.last_day,
  }));
}

function projectionLimits(db: Db, deckId: number, now: number, boundary: DayBoundary): ProjectionLimits {
  const options = deckOptions(db, deckId);
  const own = db.prepare('SELECT new_limit, review_limit FROM decks WHERE id = ?').get(deckId) as {
    new_limit: number | null;
    review_limit: number | null;
  };
  const today = deckLimits(db, deckId, dayWindow(now, boundary), boundary);
  return {
    newPerDay: own.new_limit ?? options.newPerDay,
    reviewsPerDay: own.review_limit ?? options.reviewsPerDay,
    newCountsAgainstReviews: !options.newIgnoresReviewLimit,
    newLeftToday: today.newLeft,
    reviewsLeftToday: today.newCountsAgainstReviews ? today.sharedLeft : today.reviewLeft,
  };
}

export interface ReadinessRequest {
  deckId: number;
  /** Absent: the deck's target date (its own, else the collection's). */
  date?: string;
}

/** The date asked about, and whether deadline mode schedules for it. */
function dateOf(db: Db, request: ReadinessRequest, now: number, boundary: DayBoundary) {
  const target = deckTarget(db, request.deckId, now, boundary).effective;
  const date = request.date ?? target?.date;
  if (date === undefined) {
    throw new CueError(
      'invalid_input',
      `Deck ${request.deckId} has no target date, nor has the collection; set one or give a date.`,
      { deckId: request.deckId },
    );
  }
  assertUpcoming(date, now, boundary);
  return { date, deadlineMode: Boolean(target?.deadlineMode && target.date === date) };
}

export function readiness(db: Db, scheduler: Scheduler, request: ReadinessRequest, now: number): Readiness {
  const { boundary, desiredRetention } = scheduler.settings;
  const { date, deadlineMode } = dateOf(db, request, now, boundary);
  const targetDay = isoDateToDay(date);
  const at = Math.max(now, dayStart(targetDay, boundary));
  const cards = deckCards(db, request.deckId);
  const limits = projectionLimits(db, request.deckId, now, boundary);
  const projected = projectOnSchedule(cards, { scheduler, now, targetDay, limits, deadlineMode });
  const recallAt = (schedule: Schedule) => scheduler.retrievability(schedule, at) ?? 0;
  const lines: ReadinessCard[] = cards.map((card) => {
    const onSchedule = recallAt(projected.get(card.id) ?? card.schedule);
    return {
      id: card.id,
      sectionId: card.sectionId,
      question: card.question,
      format: card.format,
      state: STATE_NAMES[card.schedule.state as StateCode],
      recallIfStopped: recallAt(card.schedule),
      recallOnSchedule: onSchedule,
      atRisk: onSchedule < desiredRetention,
    };
  });
  const sections = db
    .prepare('SELECT id, name FROM sections WHERE deck_id = ? ORDER BY position')
    .all(request.deckId) as { id: number; name: string }[];
  const deckName = db.prepare('SELECT name FROM decks WHERE id = ?').pluck().get(request.deckId) as string;
  return {
    deckId: request.deckId,
    date,
    daysLeft: targetDay - dayNumber(now, boundary),
    desiredRetention,
    deadlineMode,
    sections: sections.map((s) =>
      group(
        s.id,
        s.name,
        lines.filter((line) => line.sectionId === s.id),
      ),
    ),
    deck: group(request.deckId, deckName, lines),
    cards: [...lines].sort((a, b) => a.recallOnSchedule - b.recallOnSchedule || a.id - b.id),
  };
}

function group(id: number, name: string, lines: readonly ReadinessCard[]): ReadinessGroup {
  const mean = (pick: (line: ReadinessCard) => number) =>
    lines.length ? lines.reduce((sum, line) => sum + pick(line), 0) / lines.length : 0;
  return {
    id,
    name,
    cards: lines.length,
    recallIfStopped: mean((line) => line.recallIfStopped),
    recallOnSchedule: mean((line) => line.recallOnSchedule),
    atRisk: lines.filter((line) => line.atRisk).length,
  };
}
