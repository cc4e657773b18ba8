/**
 * How long answers take in mock interviews: the median time per section per week, and over all time.
 * Read from mock_questions (time from the question shown to "done", up to its limit), not the review log,
 * whose durations are capped at 60 s.
 */
import { CueError } from '../../../shared/errors';
import type { AnswerTimes } from '../../../shared/mock';
import type { Db } from '../database';
import { type DayBoundary, dayNumber, dayToIsoDate, isoDateToDay } from '../days';

/** Weeks shown, as in the statistics' mastery over weeks. */
export const ANSWER_TIME_WEEKS = 12;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

interface TimedAnswer {
  section_id: number;
  answered_at: number;
  time_taken_ms: number;
}

function answersIn(db: Db, sectionIds: readonly number[]): TimedAnswer[] {
  return db
    .prepare(
      `SELECT section_id, answered_at, time_taken_ms FROM mock_questions
       WHERE answered_at IS NOT NULL AND section_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(sectionIds)) as TimedAnswer[];
}

/** Each section's median answer time over every mock answer in it (absent: none yet). */
export function sectionMedians(db: Db, sectionIds: readonly number[]): Map<number, number> {
  const times = new Map<number, number[]>();
  for (const answer of answersIn(db, sectionIds)) pushTo(times, answer.section_id, answer.time_taken_ms);
  return new Map([...times].map(([sectionId, values]) => [sectionId, median(values) ?? 0]));
}

/**
 * The deck's sections (or one) with their medians per week: weeks of 7 study days ending on `day`
 * (the last one) going back ANSWER_TIME_WEEKS weeks, by the study day each answer was given on.
 */
export function answerTimes(
  db: Db,
  boundary: DayBoundary,
  deckId: number,
  sections: readonly { id: number; name: string }[],
  day: number,
): AnswerTimes {
  const answers = answersIn(
    db,
    sections.map((s) => s.id),
  );
  const weekEnds = Array.from({ length: ANSWER_TIME_WEEKS }, (_, i) => day - 7 * (ANSWER_TIME_WEEKS - 1 - i));
  const weekOf = (answer: TimedAnswer) => {
    const answerDay = dayNumber(answer.answered_at, boundary);
    return weekEnds.findIndex((end) => answerDay <= end && answerDay > end - 7);
  };
  const byWeek = weekEnds.map(() => new Map<number, number[]>());
  for (const answer of answers) {
    const week = weekOf(answer);
    if (week < 0) continue;
    pushTo(byWeek[week], answer.section_id, answer.time_taken_ms);
  }
  const stat = (values: readonly number[] = []) => ({ answers: values.length, medianMs: median(values) });
  return {
    deckId,
    weeks: weekEnds.map((end, i) => ({
      end: dayToIsoDate(end),
      sections: sections.map((s) => ({ sectionId: s.id, ...stat(byWeek[i].get(s.id)) })),
    })),
    sections: sections.map((s) => ({
      sectionId: s.id,
      name: s.name,
      ...stat(
        answers
          .filter((a) => a.section_id === s.id && dayNumber(a.answered_at, boundary) <= day)
          .map((a) => a.time_taken_ms),
      ),
    })),
  };
}

/** stats.answerTimes: a deck's (or one section's) answer times, as of the end of study day `at` (today). */
export function deckAnswerTimes(
  ctx: { db: Db; boundary: DayBoundary; now: number },
  query: { deckId: number; sectionId?: number; at?: string },
): AnswerTimes {
  const sections = sectionsOf(ctx.db, query.deckId, query.sectionId);
  return answerTimes(ctx.db, ctx.boundary, query.deckId, sections, statsDay(ctx.now, ctx.boundary, query.at));
}

function sectionsOf(db: Db, deckId: number, sectionId?: number) {
  const exists = db.prepare('SELECT 1 FROM decks WHERE id = ?').get(deckId);
  if (!exists) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
  const sections = db
    .prepare('SELECT id, name FROM sections WHERE deck_id = ? AND (? IS NULL OR id = ?) ORDER BY position, id')
    .all(deckId, sectionId ?? null, sectionId ?? null) as { id: number; name: string }[];
  if (sectionId !== undefined && sections.length === 0) {
    throw new CueError('not_found', `Deck ${deckId} has no section ${sectionId}.`, { deckId, sectionId });
  }
  return sections;
}

function statsDay(now: number, boundary: DayBoundary, at?: string): number {
  const today = dayNumber(now, boundary);
  if (at === undefined) return today;
  const day = isoDateToDay(at);
  if (day > today) throw new CueError('invalid_input', `${at} is in the future; statistics go up to today.`, { at });
  return day;
}
