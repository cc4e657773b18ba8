/**
 * What each card's memory looked like at given moments, per section, without replaying history:
 * a card's state at time T is the "before" state of its first review after T, or its current state
 * when it has not been reviewed since. A review at exactly T has happened by T. One pass over the cards and one over the reviews since the
 * earliest moment asked for.
 */

import { MASTERED_STABILITY } from '../card-rows';
import type { Db } from '../database';
import { STATE } from '../scheduler';

const MS_PER_DAY = 86_400_000;

export interface CardMemory {
  state: number;
  stability: number;
  lastReview: number | null;
  due: number;
}

/** Everything a statistic may want to know about the cards of one section at one moment. */
export interface SectionMemory {
  cards: number;
  new: number;
  learning: number;
  review: number;
  suspended: number;
  buried: number;
  mastered: number;
  /** Sum and count of recall probabilities over cards studied at least once. */
  recallSum: number;
  recallCount: number;
}

/** Set aside by hand; these are the current flags (the log does not record them). */
export interface CardFlags {
  suspended: boolean;
  buriedUntil: number | null;
}

export interface MemoryQuery {
  deckId: number;
  sectionIds: number[];
  /** Moments to describe, ascending. */
  points: number[];
  curve: { decay: number; factor: number };
  /** Called with each card's state at each point (for forecasts). */
  visit?: (pointIndex: number, sectionId: number, memory: CardMemory, flags: CardFlags) => void;
}

/** A card as the engine needs it; raw arrays keep 100,000 rows cheap to read. */
type CardFields = [
  sectionId: number,
  createdAt: number,
  suspended: number,
  buriedUntil: number | null,
  state: number,
  stability: number,
  lastReview: number | null,
  due: number,
];

/** Adds `part` into `total`, field by field. */
export function addSectionMemory(total: SectionMemory, part: SectionMemory): SectionMemory {
  for (const key of Object.keys(total) as (keyof SectionMemory)[]) total[key] += part[key];
  return total;
}

export function emptySectionMemory(): SectionMemory {
  return {
    cards: 0,
    new: 0,
    learning: 0,
    review: 0,
    suspended: 0,
    buried: 0,
    mastered: 0,
    recallSum: 0,
    recallCount: 0,
  };
}

/** result[pointIndex].get(sectionId) */
export function memoryAt(db: Db, query: MemoryQuery): Map<number, SectionMemory>[] {
  const { points, curve } = query;
  const result = points.map(() => new Map(query.sectionIds.map((id) => [id, emptySectionMemory()])));
  const add = (k: number, sectionId: number, suspended: number, buriedUntil: number | null, memory: CardMemory) => {
    const section = result[k].get(sectionId);
    if (!section) return;
    const at = points[k];
    section.cards++;
    query.visit?.(k, sectionId, memory, { suspended: suspended === 1, buriedUntil });
    // suspension only takes a card out of the study counts: what it remembers still counts
    if (suspended) section.suspended++;
    else if (memory.state === STATE.new) section.new++;
    else if (memory.state === STATE.review) section.review++;
    else section.learning++;
    if (!suspended && buriedUntil !== null && buriedUntil > at) section.buried++;
    if (memory.state === STATE.review && memory.stability >= MASTERED_STABILITY) section.mastered++;
    if (memory.state !== STATE.new && memory.lastReview !== null && memory.stability > 0) {
      const days = Math.max(0, (at - memory.lastReview) / MS_PER_DAY);
      section.recallSum += (1 + (curve.factor * days) / memory.stability) ** curve.decay;
      section.recallCount++;
    }
  };
  if (points.length === 0) return result;

  const cards = db
    .prepare(
      // NOT INDEXED: every card of the deck is read, so a table scan beats the index
      `SELECT section_id, created_at, suspended, buried_until, state, stability, last_review, due
       FROM cards NOT INDEXED WHERE deck_id = ?`,
    )
    .raw()
    .all(query.deckId) as CardFields[];
  for (const [sectionId, createdAt, suspended, buriedUntil, state, stability, lastReview, due] of cards) {
    const current: CardMemory = { state, stability, lastReview, due };
    for (let k = 0; k < points.length; k++) {
      // created later, or reviewed since: then its first review after the point says what it was
      if (createdAt > points[k] || (lastReview !== null && lastReview > points[k])) continue;
      add(k, sectionId, suspended, buriedUntil, current);
    }
  }

  const later = db
    .prepare(
      // CROSS JOIN: walk the reviews since the earliest point by time, then look up each card
      `SELECT c.section_id, c.created_at, c.suspended, c.buried_until,
         r.state_before, r.stability_before, r.last_review_before, r.due_before, r.reviewed_at
       FROM reviews r CROSS JOIN cards c ON c.id = r.card_id
       WHERE r.reviewed_at > ? AND c.deck_id = ?`,
    )
    .raw()
    .iterate(points[0], query.deckId) as IterableIterator<[...CardFields, reviewedAt: number]>;
  for (const [sectionId, createdAt, suspended, buriedUntil, state, stability, lastBefore, due, reviewedAt] of later) {
    const memory: CardMemory = { state, stability, lastReview: lastBefore, due };
    // this review is the first after every point in [lastBefore, reviewedAt)
    for (let k = 0; k < points.length; k++) {
      const at = points[k];
      if (at >= reviewedAt) break;
      if ((lastBefore !== null && at < lastBefore) || createdAt > at) continue;
      add(k, sectionId, suspended, buriedUntil, memory);
    }
  }
  return result;
}
