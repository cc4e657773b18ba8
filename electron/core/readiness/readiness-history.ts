/**
 * Readiness over time: at the end of each past week (and now), the mean predicted recall on the date
 * of the deck's cards as they were then, "if you had stopped studying then" (a card not yet studied:
 * 0). Memory states come from the review log (stats/memory-states.ts), so no replay is needed.
 */
import type { ReadinessHistory } from '../../../shared/readiness';
import type { Db } from '../database';
import { type DayBoundary, dayNumber, dayStart, dayToIsoDate, isoDateToDay } from '../days';
import type { Scheduler } from '../scheduler';
import { memoryAt } from '../stats/memory-states';

/** At most a year of weeks. */
const MAX_WEEKS = 52;

/** The ends of the past weeks since the deck's first answer, oldest first, and now. */
function weekEnds(db: Db, deckId: number, now: number, boundary: DayBoundary): number[] {
  const first = db
    .prepare('SELECT min(r.reviewed_at) FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.deck_id = ?')
    .pluck()
    .get(deckId) as number | null;
  if (first === null) return [now];
  const today = dayNumber(now, boundary);
  const weeks = Math.min(MAX_WEEKS, Math.floor((today - dayNumber(first, boundary)) / 7));
  const ends = Array.from({ length: weeks }, (_, k) => dayStart(today - 7 * (weeks - k) + 1, boundary));
  return [...ends, now];
}

export function readinessHistory(
  db: Db,
  scheduler: Scheduler,
  deckId: number,
  date: string,
  now: number,
): ReadinessHistory {
  const { boundary } = scheduler.settings;
  const at = Math.max(now, dayStart(isoDateToDay(date), boundary));
  const points = weekEnds(db, deckId, now, boundary);
  const sums = points.map(() => ({ recall: 0, cards: 0 }));
  const sectionIds = db.prepare('SELECT id FROM sections WHERE deck_id = ?').pluck().all(deckId) as number[];
  memoryAt(db, {
    deckId,
    sectionIds,
    points,
    curve: scheduler.curve,
    visit: (k, _sectionId, memory) => {
      sums[k].cards++;
      if (memory.state === 0 || memory.lastReview === null || memory.stability <= 0) return;
      sums[k].recall += scheduler.recall(memory.stability, Math.max(0, (at - memory.lastReview) / 86_400_000));
    },
  });
  const last = points.length - 1;
  const weeks = points.map((point, k) => ({
    // a week's end is the start of the day after it
    at: dayToIsoDate(dayNumber(point, boundary) - (k < last ? 1 : 0)),
    recall: sums[k].cards ? sums[k].recall / sums[k].cards : 0,
  }));
  return { deckId, date, weeks };
}
