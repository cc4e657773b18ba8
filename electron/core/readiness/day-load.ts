/**
 * How many reviews fall due on each day before a target date, against the deck's review limit: deadline
 * mode places no review on a day the limit is already filled by others, since a review the limit holds
 * back does nothing for the date.
 */
import { cachedStatement, type Db } from '../database';
import { type DayBoundary, dayNumber, dayStart } from '../days';
import { deckOptions } from '../presets';

export class DayLoad {
  constructor(
    private readonly counts: Map<number, number>,
    private readonly limit: number,
  ) {}

  readonly isFull = (day: number): boolean => (this.counts.get(day) ?? 0) >= this.limit;

  /** A review moved from one day to another (null: it was not due before the date, or is no longer). */
  move(from: number | null, to: number | null): void {
    if (from !== null) this.counts.set(from, (this.counts.get(from) ?? 0) - 1);
    if (to !== null) this.counts.set(to, (this.counts.get(to) ?? 0) + 1);
  }
}

/** The deck's review limit, its own over its preset's. */
export function reviewLimitOf(db: Db, deckId: number): number {
  const own = cachedStatement(db, 'SELECT review_limit FROM decks WHERE id = ?').pluck().get(deckId) as number | null;
  return own ?? deckOptions(db, deckId).reviewsPerDay;
}

/** Review cards of the deck due on each day from tomorrow to the day before `targetDay`. */
export function deckDayLoad(db: Db, deckId: number, now: number, targetDay: number, boundary: DayBoundary): DayLoad {
  const rows = cachedStatement(
    db,
    `SELECT due, count(*) AS n FROM cards WHERE deck_id = ? AND state = 2 AND suspended = 0 AND due >= ? AND due < ?
     GROUP BY due`,
  ).all(deckId, dayStart(dayNumber(now, boundary) + 1, boundary), dayStart(targetDay, boundary)) as {
    due: number;
    n: number;
  }[];
  const counts = new Map<number, number>();
  for (const row of rows) {
    const day = dayNumber(row.due, boundary);
    counts.set(day, (counts.get(day) ?? 0) + row.n);
  }
  return new DayLoad(counts, reviewLimitOf(db, deckId));
}
