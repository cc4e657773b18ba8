/**
 * The counts the study screen shows with every card (learning cards and reviews due today, new cards,
 * cards due tomorrow), and the home screen's (cards, suspended, buried, mastered), change within a study
 * day only when cards change, but counting them walks every due card: at 100,000 cards, 7,000 index
 * entries and their rows, three times an answer. So they are kept per scope and day, and an answer, which
 * changes a known handful of cards (the card, and the siblings it buries), moves them by what those cards
 * contributed before and after. Any other write, from this connection or another, shows in
 * total_changes() or data_version, and the counts are taken again.
 *
 * The two groups are kept apart: the home screen's totals walk every card of a scope (2 ms a section at
 * 100,000 cards), which the first card of a session need not wait for.
 */
import { MASTERED_STABILITY } from './card-rows';
import { cachedStatement, type Db } from './database';

/** The scope and day window as the study queue has them (study-queue.ts), by shape. */
interface Scope {
  deckId: number;
  sectionId?: number;
}

interface DayWindow {
  now: number;
  todayStart: number;
  tomorrowStart: number;
  dayAfterStart: number;
}

export interface DayCounts {
  learning: number;
  review: number;
  /** New cards that may be shown, before the daily limit. */
  fresh: number;
  tomorrow: number;
  /** All the scope's cards, and those suspended, buried now, and mastered (the home screen's). */
  cards: number;
  suspended: number;
  buried: number;
  mastered: number;
}

/** The counts a study session needs, and the home screen's totals, counted and kept apart. */
export const COUNT_GROUPS = {
  study: ['learning', 'review', 'fresh', 'tomorrow'],
  totals: ['cards', 'suspended', 'buried', 'mastered'],
} as const satisfies Record<string, readonly (keyof DayCounts)[]>;
export type CountGroup = keyof typeof COUNT_GROUPS;
export type GroupCounts<G extends CountGroup> = Pick<DayCounts, (typeof COUNT_GROUPS)[G][number]>;

interface Kept {
  scope: Scope;
  window: DayWindow;
  /** The connection's write stamp the counts are true at. */
  stamp: string;
  names: readonly (keyof DayCounts)[];
  counts: Partial<DayCounts>;
}

/** A card's columns that decide where it counts. */
interface CountedCard {
  deck_id: number;
  section_id: number;
  state: number;
  due: number;
  stability: number;
  suspended: number;
  buried_until: number | null;
}

const kept = new WeakMap<Db, Map<string, Kept>>();

/** Answers given today in a deck: new cards introduced and reviews done (what the daily limits spend). */
export interface DoneToday {
  introduced: number;
  reviewed: number;
}

interface KeptDone {
  deckId: number;
  todayStart: number;
  tomorrowStart: number;
  stamp: string;
  done: DoneToday;
}

const keptDone = new WeakMap<Db, Map<string, KeptDone>>();

/** An answer being recorded (+1) or undone (-1): the state the card was in before it, and when it was given. */
export interface CountedReview {
  stateBefore: number;
  reviewedAt: number;
  sign: 1 | -1;
}

function keptOf(db: Db): Map<string, Kept> {
  let map = kept.get(db);
  if (!map) {
    map = new Map();
    kept.set(db, map);
  }
  return map;
}

/** Changes on this connection, and commits by any other, since it opened. */
function writeStamp(db: Db): string {
  return cachedStatement(db, "SELECT total_changes() || ':' || (SELECT data_version FROM pragma_data_version)")
    .pluck()
    .get() as string;
}

function inScope(card: CountedCard, scope: Scope): boolean {
  return card.deck_id === scope.deckId && (scope.sectionId === undefined || card.section_id === scope.sectionId);
}

/** What one card adds to a scope's counts, by the same conditions as the queries that count them. */
function contribution(card: CountedCard, kept: Kept): DayCounts {
  const counted = inScope(card, kept.scope);
  const { now, tomorrowStart } = kept.window;
  const open = counted && card.suspended === 0;
  const buried = open && card.buried_until !== null && card.buried_until > now;
  const active = open && !buried;
  const today = card.due < tomorrowStart;
  const one = (yes: boolean) => (yes ? 1 : 0);
  return {
    learning: one(active && today && (card.state === 1 || card.state === 3)),
    review: one(active && today && card.state === 2),
    fresh: one(active && card.state === 0),
    tomorrow: one(open && card.state !== 0 && card.due >= tomorrowStart && card.due < kept.window.dayAfterStart),
    cards: one(counted),
    suspended: one(counted && card.suspended !== 0),
    buried: one(buried),
    mastered: one(open && card.state === 2 && card.stability >= MASTERED_STABILITY),
  };
}

/** A buried card came back since `since`: the counts may have grown without a write. */
function unburiedSince(db: Db, since: number, now: number): boolean {
  return (
    cachedStatement(
      db,
      'SELECT 1 FROM cards INDEXED BY cards_buried WHERE buried_until > ? AND buried_until <= ? LIMIT 1',
    ).get(since, now) !== undefined
  );
}

/** One group of the scope's counts at `window`, kept from the last time when nothing has changed since. */
export function dayCounts<G extends CountGroup>(
  db: Db,
  group: G,
  scope: Scope,
  window: DayWindow,
  count: () => GroupCounts<G>,
): GroupCounts<G> {
  const key = `${group}:${scope.deckId}:${scope.sectionId ?? ''}:${window.todayStart}`;
  const map = keptOf(db);
  const entry = map.get(key);
  const stamp = writeStamp(db);
  // a clock set back may bury again a card counted as due: only counting again knows
  const clockBack = entry !== undefined && window.now < entry.window.now;
  if (entry && entry.stamp === stamp && !clockBack && !unburiedSince(db, entry.window.now, window.now)) {
    entry.window = window;
    return { ...entry.counts } as GroupCounts<G>;
  }
  // counts of other days are of no more use
  for (const [other, old] of map) if (old.window.todayStart !== window.todayStart) map.delete(other);
  const counts = count();
  map.set(key, { scope, window, stamp, names: COUNT_GROUPS[group], counts: { ...counts } });
  return { ...counts };
}

/**
 * Runs a write that changes no card (the history's own bookkeeping): counts kept as of just before it
 * stay true after it, though total_changes() moved.
 */
export function keepingCounts<T>(db: Db, write: () => T): T {
  const before = writeStamp(db);
  const result = write();
  const after = writeStamp(db);
  if (after === before) return result;
  for (const entry of keptOf(db).values()) if (entry.stamp === before) entry.stamp = after;
  for (const entry of keptDone.get(db)?.values() ?? []) if (entry.stamp === before) entry.stamp = after;
  return result;
}

/**
 * Drops every count kept for this connection. The handler whose transaction failed calls it: a rollback
 * leaves total_changes() where the write took it, so counts moved by a write that was rolled back would
 * still look true.
 */
export function forgetCounts(db: Db): void {
  kept.delete(db);
  keptDone.delete(db);
}

/** A deck's answers today, kept from the last time when nothing has changed since. */
export function doneToday(
  db: Db,
  deckId: number,
  window: { todayStart: number; tomorrowStart: number },
  count: () => DoneToday,
): DoneToday {
  let map = keptDone.get(db);
  if (!map) {
    map = new Map();
    keptDone.set(db, map);
  }
  const key = `${deckId}:${window.todayStart}`;
  const entry = map.get(key);
  const stamp = writeStamp(db);
  if (entry && entry.stamp === stamp) return { ...entry.done };
  for (const [other, old] of map) if (old.todayStart !== window.todayStart) map.delete(other);
  const done = count();
  map.set(key, { deckId, todayStart: window.todayStart, tomorrowStart: window.tomorrowStart, stamp, done });
  return { ...done };
}

/**
 * Runs `write` (an answer or its undo, `review`), which changes only the cards `cardIds` (the
 * answered card first), and moves every kept count that was true before it by what those cards
 * contributed before and after, and the answers done today by the review, so they stay true without
 * a recount. Counts that were already stale stay stale (their stamp no longer matches).
 */
export function countedWrite<T>(db: Db, cardIds: readonly number[], review: CountedReview, write: () => T): T {
  const map = keptOf(db);
  const stampBefore = writeStamp(db);
  const current = [...map.values()].filter((entry) => entry.stamp === stampBefore);
  const currentDone = [...(keptDone.get(db)?.values() ?? [])].filter((entry) => entry.stamp === stampBefore);
  const before = current.length ? cardsOf(db, cardIds) : [];
  const result = write();
  if (current.length === 0 && currentDone.length === 0) return result;
  const after = cardsOf(db, cardIds);
  const stampAfter = writeStamp(db);
  for (const entry of current) {
    for (const card of before) move(entry, contribution(card, entry), -1);
    for (const card of after) move(entry, contribution(card, entry), 1);
    entry.stamp = stampAfter;
  }
  const answered = after[0];
  const today = (entry: KeptDone) => review.reviewedAt >= entry.todayStart && review.reviewedAt < entry.tomorrowStart;
  for (const entry of currentDone) {
    if (answered?.deck_id === entry.deckId && today(entry)) {
      if (review.stateBefore === 0) entry.done.introduced += review.sign;
      if (review.stateBefore === 2) entry.done.reviewed += review.sign;
    }
    entry.stamp = stampAfter;
  }
  return result;
}

function cardsOf(db: Db, ids: readonly number[]): CountedCard[] {
  const statement = cachedStatement(
    db,
    'SELECT deck_id, section_id, state, due, stability, suspended, buried_until FROM cards WHERE id = ?',
  );
  return ids.map((id) => statement.get(id) as CountedCard | undefined).filter((card) => card !== undefined);
}

function move(entry: Kept, delta: DayCounts, sign: 1 | -1): void {
  for (const name of entry.names) entry.counts[name] = (entry.counts[name] ?? 0) + sign * delta[name];
}
