/**
 * Cards, mastery and recall per section at past moments, by the rule of memoryAt (a card's state at
 * T is the "before" state of its first review after T, or its current state when it has not been
 * reviewed since): each state holds from its last review (or the card's creation) until the next
 * review, and a moment counts every state that holds at it. One pass over the cards, from the narrow
 * index cards_memory, and one over the reviews since the first moment (an interval between moments at
 * a time), each read as a few JSON arrays.
 */

import { MASTERED_STABILITY } from '../card-rows';
import { cachedStatement, type Db } from '../database';
import { emptySectionMemory, type SectionMemory } from './memory-states';

const MS_PER_DAY = 86_400_000;
/** A last review that never was, in a column of moments (ms since 1970: never negative). */
const NEVER = -1;

export interface MemorySumsQuery {
  deckId: number;
  sectionIds: number[];
  /** Moments to describe, ascending. */
  points: number[];
  curve: { decay: number; factor: number };
}

/** Section ids are integers from the database; written into the SQL, SQLite can seek the index by each. */
function idList(ids: number[]): string {
  if (!ids.every(Number.isInteger)) throw new Error('section ids must be integers');
  return ids.join(', ');
}

/**
 * Columns come as one JSON array per column (and group): SQLite writes and V8 parses them several
 * times faster than better-sqlite3 hands over as many rows.
 */
function arrays(row: unknown[]): unknown[][] {
  return row.map((column) => JSON.parse(column as string) as unknown[]);
}

/** The sums at each moment of one section, as four columns. */
class Sums {
  readonly cards: Float64Array;
  readonly mastered: Float64Array;
  readonly recallSum: Float64Array;
  readonly recallCount: Float64Array;

  constructor(points: number) {
    [this.cards, this.mastered, this.recallSum, this.recallCount] = [0, 0, 0, 0].map(() => new Float64Array(points));
  }
}

/** result[pointIndex].get(sectionId): cards, mastered, recallSum and recallCount (the other counts 0). */
export function memorySums(db: Db, query: MemorySumsQuery): Map<number, SectionMemory>[] {
  const { points } = query;
  const sums = new Map(query.sectionIds.map((id) => [id, new Sums(points.length)]));
  if (points.length > 0 && query.sectionIds.length > 0) addStates(db, query, sums);
  return points.map(
    (_, k) =>
      new Map(
        [...sums].map(([id, s]) => [
          id,
          {
            ...emptySectionMemory(),
            cards: s.cards[k],
            mastered: s.mastered[k],
            recallSum: s.recallSum[k],
            recallCount: s.recallCount[k],
          },
        ]),
      ),
  );
}

function addStates(db: Db, query: MemorySumsQuery, sums: Map<number, Sums>): void {
  const { points, curve } = query;
  const params = { deckId: query.deckId, first: points[0], last: points[points.length - 1] };
  const cards = cachedStatement(
    db,
    // grouped as the narrow index is ordered: no sort, no card text read, one group's arrays at a time;
    // a card never reviewed has NEVER for its last review, so each array holds only numbers (unboxed);
    // the cards reviewed since the first moment also give their id and creation, for their reviews
    `SELECT section_id, state, json_group_array(max(created_at, coalesce(last_review, created_at))),
       json_group_array(stability), json_group_array(coalesce(last_review, ${NEVER})),
       json_group_array(id) FILTER (WHERE last_review > @first),
       json_group_array(created_at) FILTER (WHERE last_review > @first)
     FROM cards INDEXED BY cards_memory
     WHERE deck_id = @deckId AND section_id IN (${idList(query.sectionIds)}) AND created_at <= @last
     GROUP BY section_id, state, suspended`,
  ).raw();
  // null: looked up, and not a card of this scope
  const reviewed = new Map<number, [sectionId: number, createdAt: number] | null>();
  for (const [sectionId, state, ...columns] of cards.iterate(params) as Iterable<[number, number, ...string[]]>) {
    const [start, stability, lastReview, ids, createdAt] = arrays(columns) as number[][];
    ids.forEach((id, i) => {
      reviewed.set(id, [sectionId, createdAt[i]]);
    });
    const into = sums.get(sectionId) as Sums;
    for (let i = 0; i < start.length; i++) {
      const last = lastReview[i] === NEVER ? null : lastReview[i];
      addState(into, points, curve, start[i], Number.POSITIVE_INFINITY, state, stability[i], last);
    }
  }
  // the reviews between one moment and the next at a time, so a long history is never held whole
  points.forEach((after, k) => {
    const until = k + 1 < points.length ? points[k + 1] : Number.MAX_SAFE_INTEGER;
    const reviews = reviewsBetween(db, { ...params, after, until });
    findOthers(db, query, params, reviews.cardId, reviewed);
    for (let i = 0; i < reviews.cardId.length; i++) {
      const card = reviewed.get(reviews.cardId[i]);
      // not found: a card of another deck or section, or added after the last moment
      if (!card) continue;
      const [sectionId, createdAt] = card;
      const last = reviews.lastReview[i];
      const start = Math.max(createdAt, last ?? createdAt);
      const into = sums.get(sectionId) as Sums;
      addState(into, points, curve, start, reviews.reviewedAt[i], reviews.state[i], reviews.stability[i], last);
    }
  });
}

/**
 * The section and creation of the reviewed cards the pass over the cards did not give (one reset to
 * new since, or given an older last review by an import), looked up one by one; those of other decks
 * or sections, or added after the last moment, are not found.
 */
function findOthers(
  db: Db,
  query: MemorySumsQuery,
  params: { deckId: number; last: number },
  cardIds: number[],
  reviewed: Map<number, [sectionId: number, createdAt: number] | null>,
): void {
  const others = [...new Set(cardIds)].filter((id) => !reviewed.has(id));
  if (others.length === 0) return;
  const found = cachedStatement(
    db,
    `SELECT id, section_id, created_at FROM cards WHERE id IN (SELECT value FROM json_each(@ids))
       AND deck_id = @deckId AND section_id IN (${idList(query.sectionIds)}) AND created_at <= @last`,
  )
    .raw()
    .all({ ...params, ids: JSON.stringify(others) }) as [number, number, number][];
  for (const id of others) reviewed.set(id, null);
  for (const [id, sectionId, createdAt] of found) reviewed.set(id, [sectionId, createdAt]);
}

/**
 * The state each review after `after` and up to `until` started from, unless that began after the
 * last moment.
 */
function reviewsBetween(db: Db, params: { after: number; until: number; last: number }) {
  const row = cachedStatement(
    db,
    `SELECT json_group_array(card_id), json_group_array(reviewed_at), json_group_array(state_before),
       json_group_array(stability_before), json_group_array(last_review_before)
     FROM reviews WHERE reviewed_at > @after AND reviewed_at <= @until
       AND (last_review_before IS NULL OR last_review_before <= @last)`,
  )
    .raw()
    .get(params) as string[];
  const [cardId, reviewedAt, state, stability, lastReview] = arrays(row);
  return {
    cardId: cardId as number[],
    reviewedAt: reviewedAt as number[],
    state: state as number[],
    stability: stability as number[],
    lastReview: lastReview as (number | null)[],
  };
}

/**
 * Adds one state to every moment it holds at (memoryAt's rule): from `start` (its last review, or the
 * card's creation if later) until `end` (the next review).
 */
function addState(
  into: Sums,
  points: number[],
  curve: { decay: number; factor: number },
  start: number,
  end: number,
  state: number,
  stability: number,
  last: number | null,
): void {
  const mastered = state === 2 && stability >= MASTERED_STABILITY;
  const recalls = state !== 0 && last !== null && stability > 0;
  for (let k = 0; k < points.length; k++) {
    const at = points[k];
    if (at < start) continue;
    if (at >= end) break;
    into.cards[k]++;
    if (mastered) into.mastered[k]++;
    if (recalls) {
      const days = Math.max(0, (at - last) / MS_PER_DAY);
      into.recallSum[k] += (1 + (curve.factor * days) / stability) ** curve.decay;
      into.recallCount[k]++;
    }
  }
}
