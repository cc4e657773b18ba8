/**
 * The study queue, as in Anki: learning cards that are due, then reviews due today, then new cards
 * (each in the preset's order, as far as today's limits allow), then learning cards due within the
 * learn-ahead window.
 */
import type { QueueCounts, SectionSummary } from '../../shared/domain';
import { CARD_COLUMNS, type CardRow, MASTERED_STABILITY } from './card-rows';
import { applyLimits, type DeckLimits, type Limited, type Waiting } from './daily-limits';
import { cachedStatement, type Db } from './database';
import { type DayBoundary, dayNumber, dayStart, MS_PER_MINUTE } from './days';
import { DATE_RECALL_ORDER, interleavedNewIds, newOrderBy, type QueueOrder, reviewOrderBy } from './queue-order';

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

/**
 * The scope as a condition SQLite can answer from an index: (section_id, state, due) for a section,
 * (deck_id, state, due) for a whole deck. The caller has checked that the section is in the deck.
 */
function inScope(scope: Scope): string {
  return scope.sectionId === undefined ? 'c.deck_id = @deckId' : 'c.section_id = @sectionId';
}

function params(scope: Scope, window: DayWindow, extra: Record<string, number> = {}) {
  return { deckId: scope.deckId, sectionId: scope.sectionId ?? null, ...window, ...extra };
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
  limits: DeckLimits,
): SectionSummary {
  const limited = applyLimits(limits, { review: counts?.review ?? 0, new: counts?.new ?? 0 });
  return {
    ...section,
    cards: counts?.cards ?? 0,
    suspended: counts?.suspended ?? 0,
    buried: counts?.buried ?? 0,
    mastered: counts?.mastered ?? 0,
    due: { learning: counts?.learning ?? 0, review: limited.review, new: limited.new },
  };
}

/** What a scope holds today before the limits: learning and reviews due, and new cards up to `newCap`. */
export interface WaitingCards extends Waiting {
  learning: number;
}

/** Each count walks only its own index range, so a large deck costs what is due, not what it holds. */
export function waitingCards(db: Db, scope: Scope, window: DayWindow, newCap: number): WaitingCards {
  const p = params(scope, window, { limit: newCap });
  const count = (condition: string) =>
    cachedStatement(db, `SELECT count(*) FROM cards c WHERE ${inScope(scope)} AND ${condition} AND ${ACTIVE}`)
      .pluck()
      .get(p) as number;
  return {
    learning: count('c.state IN (1, 3) AND c.due < @tomorrowStart'),
    review: count('c.state = 2 AND c.due < @tomorrowStart'),
    new: cachedStatement(
      db,
      `SELECT count(*) FROM (SELECT 1 FROM cards c WHERE ${inScope(scope)} AND c.state = 0 AND ${ACTIVE} LIMIT @limit)`,
    )
      .pluck()
      .get(p) as number,
  };
}

/** The queue of a scope today: its counts under the deck's limits, and which limit stopped it. */
export interface QueueToday {
  counts: QueueCounts;
  limited: Limited;
  limits: DeckLimits;
  /** Reviews due today before the limits. */
  reviewsWaiting: number;
}

export function queueToday(db: Db, scope: Scope, window: DayWindow, limits: DeckLimits): QueueToday {
  // one new card past the limit is enough to tell whether the limit holds any back
  const waiting = waitingCards(db, scope, window, Math.max(1, limits.newLeft));
  const limited = applyLimits(limits, waiting);
  const counts = { learning: waiting.learning, review: limited.review, new: limited.new };
  return { counts, limited, limits, reviewsWaiting: waiting.review };
}

const SELECT_CARD = `SELECT ${CARD_COLUMNS} FROM cards c JOIN sections s ON s.id = c.section_id`;

/** The queries nextCard asks, in order; each answers at most one card. */
export function nextCardQueries(scope: Scope, order: Pick<QueueOrder, 'newCards' | 'reviews' | 'dateAt'>) {
  const where = `${inScope(scope)} AND ${ACTIVE}`;
  return {
    learningDue: `${SELECT_CARD} WHERE ${where} AND c.state IN (1, 3) AND c.due <= @now ORDER BY c.due, c.id LIMIT 1`,
    review: `${SELECT_CARD} WHERE ${where} AND c.state = 2 AND c.due < @tomorrowStart
      ORDER BY ${order.dateAt === undefined ? reviewOrderBy(order.reviews) : DATE_RECALL_ORDER} LIMIT 1`,
    fresh:
      order.newCards === 'interleaved'
        ? `${SELECT_CARD} JOIN (${interleavedNewIds(`${where} AND c.state = 0`)}) q ON q.id = c.id
           ORDER BY q.turn, s.position, c.position, c.id LIMIT 1`
        : `${SELECT_CARD} WHERE ${where} AND c.state = 0 ORDER BY ${newOrderBy(order.newCards)} LIMIT 1`,
    learnAhead: `${SELECT_CARD} WHERE ${where} AND c.state IN (1, 3) AND c.due <= @learnAhead ORDER BY c.due, c.id LIMIT 1`,
  };
}

/** What nextCardQueries' parameters are bound to. */
export function nextCardParams(scope: Scope, window: DayWindow, order: QueueOrder, day: number) {
  const dateAt = order.dateAt ?? 0;
  return params(scope, window, { learnAhead: window.now + LEARN_AHEAD_MS, day, ...order.curve, dateAt });
}

/**
 * The card to show next, or undefined when nothing is due: learning cards due, then reviews and new
 * cards as far as today's limits allow (in the preset's orders), then learning cards due soon.
 */
export function nextCard(
  db: Db,
  scope: Scope,
  window: DayWindow,
  today: QueueToday,
  order: QueueOrder,
  day: number,
): CardRow | undefined {
  const queries = nextCardQueries(scope, order);
  const p = nextCardParams(scope, window, order, day);
  const first = (sql: string) => cachedStatement(db, sql).get(p) as CardRow | undefined;
  return (
    first(queries.learningDue) ??
    (today.counts.review > 0 ? first(queries.review) : undefined) ??
    (today.counts.new > 0 ? first(queries.fresh) : undefined) ??
    first(queries.learnAhead)
  );
}

/** When the next learning card of today comes back (beyond the learn-ahead window), if any. */
export function nextLearningDue(db: Db, scope: Scope, window: DayWindow): number | null {
  const row = cachedStatement(
    db,
    `SELECT min(c.due) AS due FROM cards c
       WHERE ${inScope(scope)} AND ${ACTIVE} AND c.state IN (1, 3) AND c.due < @tomorrowStart`,
  ).get(params(scope, window)) as { due: number | null };
  return row.due;
}

/** Cards that fall due during tomorrow's study day (reviews and learning), for the done screen. */
export function dueTomorrow(db: Db, scope: Scope, window: DayWindow, dayAfter: number): number {
  const row = cachedStatement(
    db,
    `SELECT count(*) AS n FROM cards c
       WHERE ${inScope(scope)} AND c.suspended = 0 AND c.state IN (1, 2, 3)
         AND c.due >= @tomorrowStart AND c.due < @dayAfter`,
  ).get(params(scope, window, { dayAfter })) as { n: number };
  return row.n;
}

/** The earliest moment a studied card (learning, review, buried or not) is due after now. */
export function nextDue(db: Db, scope: Scope, window: DayWindow): number | null {
  const p = params(scope, window);
  // per state, the index (…, state, due) finds the first due card after now without a scan
  const byState = cachedStatement(
    db,
    `SELECT min(c.due) FROM cards c
     WHERE ${inScope(scope)} AND c.state = @state AND c.due > @now AND ${ACTIVE}`,
  );
  // buried cards are few: the partial index finds them, where the planner would walk the whole deck
  // by cards_order (16-20 ms at 100,000 cards, 0.005 ms through the index)
  const buried = cachedStatement(
    db,
    `SELECT min(max(c.due, c.buried_until)) FROM cards c INDEXED BY cards_buried
       WHERE c.buried_until > @now AND ${inScope(scope)} AND c.suspended = 0 AND c.state != 0`,
  )
    .pluck()
    .get(p) as number | null;
  const dues = [1, 2, 3].map((state) => byState.pluck().get({ ...p, state }) as number | null);
  const all = [...dues, buried].filter((due): due is number => due !== null);
  return all.length ? Math.min(...all) : null;
}
