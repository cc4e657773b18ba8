/**
 * The study queue, as in Anki: learning cards that are due, then reviews due today, then new cards
 * (deck order, up to the daily limit), then learning cards due within the learn-ahead window.
 */
import type { QueueCounts, SectionSummary } from '../../shared/domain';
import { CARD_COLUMNS, type CardRow } from './card-rows';
import type { Db } from './database';
import { type DayBoundary, dayNumber, dayStart, MS_PER_MINUTE } from './days';

/** A card counts as mastered once its FSRS stability reaches 21 days, Anki's threshold for "mature". */
export const MASTERED_STABILITY = 21;

/** Like Anki: when nothing else is left, learning cards due within 20 minutes are shown early. */
export const LEARN_AHEAD_MS = 20 * MS_PER_MINUTE;

export interface Scope {
  deckId: number;
  sectionId?: number;
}

export interface DayWindow {
  now: number;
  todayStart: number;
  tomorrowStart: number;
}

export function dayWindow(now: number, boundary: DayBoundary): DayWindow {
  const today = dayNumber(now, boundary);
  return { now, todayStart: dayStart(today, boundary), tomorrowStart: dayStart(today + 1, boundary) };
}

const ACTIVE = `c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= @now)`;
const IN_SCOPE = `c.deck_id = @deckId AND (@sectionId IS NULL OR c.section_id = @sectionId)`;

function params(scope: Scope, window: DayWindow, extra: Record<string, number> = {}) {
  return { deckId: scope.deckId, sectionId: scope.sectionId ?? null, ...window, ...extra };
}

/** New cards the deck may still introduce today. */
export function newLeftToday(db: Db, deckId: number, window: DayWindow): number {
  const row = db
    .prepare(
      `SELECT d.new_per_day AS limitPerDay,
         (SELECT count(*) FROM reviews r JOIN cards c ON c.id = r.card_id
          WHERE c.deck_id = d.id AND r.reviewed_at >= @todayStart AND r.state_before = 0) AS introduced
       FROM decks d WHERE d.id = @deckId`,
    )
    .get({ deckId, todayStart: window.todayStart }) as { limitPerDay: number; introduced: number } | undefined;
  return row ? Math.max(0, row.limitPerDay - row.introduced) : 0;
}

interface SectionCountsRow {
  section_id: number;
  cards: number;
  suspended: number;
  buried: number;
  learning: number;
  review: number;
  new: number;
  mastered: number;
}

/** Per-section card and due counts; `new` is before the daily limit is applied. */
export function sectionCounts(db: Db, deckId: number, window: DayWindow): Map<number, SectionCountsRow> {
  const rows = db
    .prepare(
      `SELECT c.section_id,
         count(*) AS cards,
         total(c.suspended) AS suspended,
         total(c.suspended = 0 AND c.buried_until > @now) AS buried,
         total(${ACTIVE} AND c.state IN (1, 3) AND c.due < @tomorrowStart) AS learning,
         total(${ACTIVE} AND c.state = 2 AND c.due < @tomorrowStart) AS review,
         total(${ACTIVE} AND c.state = 0) AS new,
         total(c.suspended = 0 AND c.state = 2 AND c.stability >= ${MASTERED_STABILITY}) AS mastered
       FROM cards c WHERE c.deck_id = @deckId GROUP BY c.section_id`,
    )
    .all({ deckId, ...window }) as SectionCountsRow[];
  return new Map(rows.map((row) => [row.section_id, row]));
}

export function sectionSummary(
  section: { id: number; key: string; name: string; description: string },
  counts: SectionCountsRow | undefined,
  newLeft: number,
): SectionSummary {
  return {
    ...section,
    cards: counts?.cards ?? 0,
    suspended: counts?.suspended ?? 0,
    buried: counts?.buried ?? 0,
    mastered: counts?.mastered ?? 0,
    due: {
      learning: counts?.learning ?? 0,
      review: counts?.review ?? 0,
      new: Math.min(counts?.new ?? 0, newLeft),
    },
  };
}

export function queueCounts(db: Db, scope: Scope, window: DayWindow, newLeft: number): QueueCounts {
  const row = db
    .prepare(
      `SELECT total(c.state IN (1, 3) AND c.due < @tomorrowStart) AS learning,
              total(c.state = 2 AND c.due < @tomorrowStart) AS review,
              total(c.state = 0) AS new
       FROM cards c WHERE ${IN_SCOPE} AND ${ACTIVE}`,
    )
    .get(params(scope, window)) as QueueCounts;
  return { learning: row.learning, review: row.review, new: Math.min(row.new, newLeft) };
}

const SELECT_CARD = `SELECT ${CARD_COLUMNS} FROM cards c JOIN sections s ON s.id = c.section_id`;

/** The card to show next, or undefined when nothing is due. */
export function nextCard(db: Db, scope: Scope, window: DayWindow, newLeft: number): CardRow | undefined {
  const where = `${IN_SCOPE} AND ${ACTIVE}`;
  const p = params(scope, window, { learnAhead: window.now + LEARN_AHEAD_MS });
  const learningDue = db
    .prepare(`${SELECT_CARD} WHERE ${where} AND c.state IN (1, 3) AND c.due <= @now ORDER BY c.due, c.id LIMIT 1`)
    .get(p) as CardRow | undefined;
  if (learningDue) return learningDue;
  const review = db
    .prepare(
      `${SELECT_CARD} WHERE ${where} AND c.state = 2 AND c.due < @tomorrowStart ORDER BY c.due, c.position LIMIT 1`,
    )
    .get(p) as CardRow | undefined;
  if (review) return review;
  if (newLeft > 0) {
    const fresh = db
      .prepare(`${SELECT_CARD} WHERE ${where} AND c.state = 0 ORDER BY c.position, c.id LIMIT 1`)
      .get(p) as CardRow | undefined;
    if (fresh) return fresh;
  }
  return db
    .prepare(
      `${SELECT_CARD} WHERE ${where} AND c.state IN (1, 3) AND c.due <= @learnAhead ORDER BY c.due, c.id LIMIT 1`,
    )
    .get(p) as CardRow | undefined;
}

/** When the next learning card of today comes back (beyond the learn-ahead window), if any. */
export function nextLearningDue(db: Db, scope: Scope, window: DayWindow): number | null {
  const row = db
    .prepare(
      `SELECT min(c.due) AS due FROM cards c
       WHERE ${IN_SCOPE} AND ${ACTIVE} AND c.state IN (1, 3) AND c.due < @tomorrowStart`,
    )
    .get(params(scope, window)) as { due: number | null };
  return row.due;
}

/** Cards that fall due during tomorrow's study day (reviews and learning), for the done screen. */
export function dueTomorrow(db: Db, scope: Scope, window: DayWindow, dayAfter: number): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM cards c
       WHERE ${IN_SCOPE} AND c.suspended = 0 AND c.state != 0 AND c.due >= @tomorrowStart AND c.due < @dayAfter`,
    )
    .get(params(scope, window, { dayAfter })) as { n: number };
  return row.n;
}

/** The earliest moment a studied card (learning, review, buried or not) is due after now. */
export function nextDue(db: Db, scope: Scope, window: DayWindow): number | null {
  const row = db
    .prepare(
      `SELECT min(max(c.due, coalesce(c.buried_until, 0))) AS due FROM cards c
       WHERE ${IN_SCOPE} AND c.suspended = 0 AND c.state != 0
         AND max(c.due, coalesce(c.buried_until, 0)) > @now`,
    )
    .get(params(scope, window)) as { due: number | null };
  return row.due;
}
