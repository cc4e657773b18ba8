/**
 * Cards, mastery and recall per section at past moments, by the rule of memoryAt (a card's state at
 * T is the "before" state of its first review after T, or its current state when it has not been
 * reviewed since): each state holds from its last review (or the card's creation) until the next
 * review, and a moment counts every state that holds at it. One pass over the cards, from the narrow
 * index cards_memory, and one over the reviews since the first moment, each read as a few JSON arrays.
 */

import { MASTERED_STABILITY } from '../card-rows';
import { cachedStatement, type Db } from '../database';
import { emptySectionMemory, type SectionMemory } from './memory-states';

const MS_PER_DAY = 86_400_000;

export interface MemorySumsQuery {
  deckId: number;
  sectionIds: number[];
  /** Moments to describe, ascending. */
  points: number[];
  curve: { decay: number; factor: number };
}

/** One state: from `start` (its last review, or the card's creation if later) until `end` (the next review). */
interface StateRow {
  start: number;
  end: number;
  state: number;
  stability: number;
  lastReview: number | null;
}

/** Section ids are integers from the database; written into the SQL, SQLite can seek the index by each. */
function idList(ids: number[]): string {
  if (!ids.every(Number.isInteger)) throw new Error('section ids must be integers');
  return ids.join(', ');
}

/**
 * Columns come as one JSON array per column (and section): SQLite writes and V8 parses them several
 * times faster than better-sqlite3 hands over as many rows.
 */
function arrays(row: unknown[]): unknown[][] {
  return row.map((column) => JSON.parse(column as string) as unknown[]);
}

/** result[pointIndex].get(sectionId): cards, mastered, recallSum and recallCount (the other counts 0). */
export function memorySums(db: Db, query: MemorySumsQuery): Map<number, SectionMemory>[] {
  const { points } = query;
  const result = points.map(() => new Map(query.sectionIds.map((id) => [id, emptySectionMemory()])));
  if (points.length === 0 || query.sectionIds.length === 0) return result;
  const params = { deckId: query.deckId, first: points[0], last: points[points.length - 1] };
  const add = (sectionId: number, row: StateRow) => addState(row, points, query.curve, (k) => result[k].get(sectionId));
  const reviews = reviewsSince(db, params);
  // the section and creation of each card reviewed since the first moment, found on the way
  const reviewedCards = new Set(reviews.cardId);
  const reviewed = new Map<number, [sectionId: number, createdAt: number]>();
  const cards = cachedStatement(
    db,
    // in section order from the narrow index: no sort, no card text read
    `SELECT section_id, json_group_array(id), json_group_array(created_at), json_group_array(state),
       json_group_array(stability), json_group_array(last_review)
     FROM cards INDEXED BY cards_memory
     WHERE deck_id = @deckId AND section_id IN (${idList(query.sectionIds)}) AND created_at <= @last
     GROUP BY section_id`,
  ).raw();
  // one section at a time, so only one section's arrays are held at once
  for (const [sectionId, ...columns] of cards.iterate(params) as Iterable<[number, ...string[]]>) {
    const [id, createdAt, state, stability, lastReview] = arrays(columns) as number[][];
    for (let i = 0; i < id.length; i++) {
      const last = lastReview[i] as number | null;
      if (reviewedCards.has(id[i])) reviewed.set(id[i], [sectionId, createdAt[i]]);
      add(sectionId, {
        start: Math.max(createdAt[i], last ?? createdAt[i]),
        end: Number.POSITIVE_INFINITY,
        state: state[i],
        stability: stability[i],
        lastReview: last,
      });
    }
  }
  for (let i = 0; i < reviews.cardId.length; i++) {
    const card = reviewed.get(reviews.cardId[i]);
    // not found: a card of another deck or section, or added after the last moment
    if (!card) continue;
    const [sectionId, createdAt] = card;
    const last = reviews.lastReview[i];
    add(sectionId, {
      start: Math.max(createdAt, last ?? createdAt),
      end: reviews.reviewedAt[i],
      state: reviews.state[i],
      stability: reviews.stability[i],
      lastReview: last,
    });
  }
  return result;
}

/** The state each review since the first moment started from, unless that began after the last moment. */
function reviewsSince(db: Db, params: { first: number; last: number }) {
  const row = cachedStatement(
    db,
    `SELECT json_group_array(card_id), json_group_array(reviewed_at), json_group_array(state_before),
       json_group_array(stability_before), json_group_array(last_review_before)
     FROM reviews WHERE reviewed_at > @first AND (last_review_before IS NULL OR last_review_before <= @last)`,
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

/** Adds one state to every moment it holds at (memoryAt's rule: from its start, until its end). */
function addState(
  row: StateRow,
  points: number[],
  curve: { decay: number; factor: number },
  sectionAt: (k: number) => SectionMemory | undefined,
): void {
  const mastered = row.state === 2 && row.stability >= MASTERED_STABILITY;
  const last = row.lastReview;
  const recalls = row.state !== 0 && last !== null && row.stability > 0;
  for (let k = 0; k < points.length; k++) {
    const at = points[k];
    if (at < row.start) continue;
    if (at >= row.end) break;
    const section = sectionAt(k);
    if (!section) return;
    section.cards++;
    if (mastered) section.mastered++;
    if (recalls) {
      const days = Math.max(0, (at - last) / MS_PER_DAY);
      section.recallSum += (1 + (curve.factor * days) / row.stability) ** curve.decay;
      section.recallCount++;
    }
  }
}
