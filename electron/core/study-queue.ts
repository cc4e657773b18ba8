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
import { COUNT_GROUPS, type CountGroup, dayCounts, type GroupCounts } from './queue-count-cache';
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
  /** The end of tomorrow's study day. */
  dayAfterStart: number;
}

export function dayWindow(now: number, boundary: DayBoundary): DayWindow {
  const today = dayNumber(now, boundary);
  return {
    now,
    todayStart: dayStart(today, boundary),
    tomorrowStart: dayStart(today + 1, boundary),
    dayAfterStart: dayStart(today + 2, boundary),
  };
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

/**
 * Per-section card and due counts; `new` is before the daily limit is applied. They are kept between
 * answers (queue-count-cache.ts); counted again, each walks an index of its own (cards_section, and
 * the partial indexes cards_suspended, cards_mastered and cards_buried), reading no card rows.
 */
export function sectionCounts(db: Db, deckId: number, window: DayWindow): Map<number, SectionCountsRow> {
  const sections = cachedStatement(db, 'SELECT id FROM sections WHERE deck_id = ?').pluck().all(deckId) as number[];
  const rows = sections.map((sectionId): SectionCountsRow => {
    const { learning, review, fresh } = studyCountsOf(db, { deckId, sectionId }, window);
    return { section_id: sectionId, ...totalCountsOf(db, { deckId, sectionId }, window), learning, review, new: fresh };
  });
  return new Map(rows.filter((row) => row.cards > 0).map((row) => [row.section_id, row]));
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

/**
 * Learning cards and reviews due today, new cards, and cards due tomorrow: each walks only its own
 * index range, and they are kept between answers (queue-count-cache.ts), so an answer does not count
 * them again.
 */
export function studyCountsOf(db: Db, scope: Scope, window: DayWindow): GroupCounts<'study'> {
  return groupCountsOf(db, 'study', scope, window);
}

/** The home screen's totals of a scope: its cards, and those suspended, buried now and mastered. */
export function totalCountsOf(db: Db, scope: Scope, window: DayWindow): GroupCounts<'totals'> {
  return groupCountsOf(db, 'totals', scope, window);
}

/** A deck's counts are its sections' added up (each kept on its own). */
function groupCountsOf<G extends CountGroup>(db: Db, group: G, scope: Scope, window: DayWindow): GroupCounts<G> {
  return dayCounts(db, group, scope, window, () => {
    if (scope.sectionId !== undefined) return SECTION_COUNTERS[group](db, scope.sectionId, window) as GroupCounts<G>;
    const sections = cachedStatement(db, 'SELECT id FROM sections WHERE deck_id = ?')
      .pluck()
      .all(scope.deckId) as number[];
    const total = Object.fromEntries(COUNT_GROUPS[group].map((name) => [name, 0])) as Record<string, number>;
    for (const sectionId of sections) {
      const counts = groupCountsOf(db, group, { deckId: scope.deckId, sectionId }, window) as Record<string, number>;
      for (const name of COUNT_GROUPS[group]) total[name] = (total[name] ?? 0) + (counts[name] ?? 0);
    }
    return total as GroupCounts<G>;
  });
}

/**
 * A section's counts, each from an index alone: a range of cards_section (section_id, state, due)
 * counted without reading rows, less the suspended and buried cards in it, found through their
 * partial indexes (they are few). The conditions are the ones queue-count-cache.ts moves by.
 */
function sectionCounter(db: Db, sectionId: number, window: DayWindow) {
  const p = { sectionId, ...window, dayAfter: window.dayAfterStart };
  const count = (sql: string) => cachedStatement(db, sql).pluck().get(p) as number;
  const all = (condition: string) =>
    count(`SELECT count(*) FROM cards c INDEXED BY cards_section WHERE c.section_id = @sectionId AND ${condition}`);
  const suspended = (condition: string) =>
    count(`SELECT count(*) FROM cards c INDEXED BY cards_suspended
      WHERE c.section_id = @sectionId AND c.suspended = 1 AND ${condition}`);
  const buried = (condition: string) =>
    count(`SELECT count(*) FROM cards c INDEXED BY cards_buried
      WHERE c.buried_until > @now AND c.section_id = @sectionId AND c.suspended = 0 AND ${condition}`);
  return {
    count,
    all,
    suspended,
    buried,
    active: (condition: string) => all(condition) - suspended(condition) - buried(condition),
  };
}

const SECTION_COUNTERS = {
  study: (db: Db, sectionId: number, window: DayWindow): GroupCounts<'study'> => {
    const { all, suspended, active } = sectionCounter(db, sectionId, window);
    const tomorrow = 'c.state IN (1, 2, 3) AND c.due >= @tomorrowStart AND c.due < @dayAfter';
    return {
      learning: active('c.state IN (1, 3) AND c.due < @tomorrowStart'),
      review: active('c.state = 2 AND c.due < @tomorrowStart'),
      fresh: active('c.state = 0'),
      tomorrow: all(tomorrow) - suspended(tomorrow),
    };
  },
  totals: (db: Db, sectionId: number, window: DayWindow): GroupCounts<'totals'> => {
    const { count, all, suspended, buried } = sectionCounter(db, sectionId, window);
    return {
      cards: all('1'),
      suspended: suspended('1'),
      buried: buried('1'),
      mastered: count(`SELECT count(*) FROM cards c INDEXED BY cards_mastered
        WHERE c.section_id = @sectionId AND c.state = 2 AND c.suspended = 0 AND c.stability >= ${MASTERED_STABILITY}`),
    };
  },
};

/** What a scope holds today before the limits, new cards up to `newCap`. */
export function waitingCards(db: Db, scope: Scope, window: DayWindow, newCap: number): WaitingCards {
  const { learning, review, fresh } = studyCountsOf(db, scope, window);
  return { learning, review, new: Math.min(fresh, newCap) };
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
  // learning and relearning each walk their own index range: `state IN (1, 3)` would sort the whole
  // due learning backlog to find its first card
  const learning = (due: string) =>
    [1, 3].map(
      (state) =>
        `${SELECT_CARD} WHERE ${where} AND c.state = ${state} AND c.due <= ${due} ORDER BY c.due, c.id LIMIT 1`,
    );
  return {
    learningDue: learning('@now'),
    review: `${SELECT_CARD} WHERE ${where} AND c.state = 2 AND c.due < @tomorrowStart
      ORDER BY ${order.dateAt === undefined ? reviewOrderBy(order.reviews) : DATE_RECALL_ORDER} LIMIT 1`,
    fresh:
      order.newCards === 'interleaved'
        ? `${SELECT_CARD} JOIN (${interleavedNewIds(`${where} AND c.state = 0`)}) q ON q.id = c.id
           ORDER BY q.turn, s.position, c.position, c.id LIMIT 1`
        : `${SELECT_CARD} WHERE ${where} AND c.state = 0 ORDER BY ${newOrderBy(order.newCards)} LIMIT 1`,
    learnAhead: learning('@learnAhead'),
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
  const earliest = (sqls: string[]) =>
    sqls
      .map(first)
      .filter((card): card is CardRow => card !== undefined)
      .sort((a, b) => a.due - b.due || a.id - b.id)[0];
  return (
    earliest(queries.learningDue) ??
    (today.counts.review > 0 ? first(queries.review) : undefined) ??
    (today.counts.new > 0 ? first(queries.fresh) : undefined) ??
    earliest(queries.learnAhead)
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
export function dueTomorrow(db: Db, scope: Scope, window: DayWindow): number {
  return studyCountsOf(db, scope, window).tomorrow;
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
