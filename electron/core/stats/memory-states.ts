/**
 * What each card's memory looked like at given moments, per section, without replaying history:
 * a card's state at time T is the "before" state of its first review after T, or its current state
 * when it has not been reviewed since. A review at exactly T has happened by T. One pass over the cards and one over the reviews since the
 * earliest moment asked for.
 */
import type { Db } from '../database';
import { STATE } from '../scheduler';
import { MASTERED_STABILITY } from '../study-queue';

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

interface CardRow {
  id: number;
  section_id: number;
  state: number;
  stability: number;
  last_review: number | null;
  due: number;
  suspended: number;
  buried_until: number | null;
  created_at: number;
}

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
  const wanted = new Set(query.sectionIds);
  const result = points.map(() => new Map(query.sectionIds.map((id) => [id, emptySectionMemory()])));
  const cards = new Map<number, CardRow>();
  const add = (k: number, card: CardRow, memory: CardMemory) => {
    const section = result[k].get(card.section_id) as SectionMemory;
    const at = points[k];
    section.cards++;
    query.visit?.(k, card.section_id, memory, { suspended: card.suspended === 1, buriedUntil: card.buried_until });
    // suspension only takes a card out of the study counts: what it remembers still counts
    if (card.suspended) section.suspended++;
    else if (memory.state === STATE.new) section.new++;
    else if (memory.state === STATE.review) section.review++;
    else section.learning++;
    if (!card.suspended && card.buried_until !== null && card.buried_until > at) section.buried++;
    if (memory.state === STATE.review && memory.stability >= MASTERED_STABILITY) section.mastered++;
    if (memory.state !== STATE.new && memory.lastReview !== null && memory.stability > 0) {
      const days = Math.max(0, (at - memory.lastReview) / MS_PER_DAY);
      section.recallSum += (1 + (curve.factor * days) / memory.stability) ** curve.decay;
      section.recallCount++;
    }
  };

  const rows = db
    .prepare(
      `SELECT id, section_id, state, stability, last_review, due, suspended, buried_until, created_at
       FROM cards WHERE deck_id = ?`,
    )
    .all(query.deckId) as CardRow[];
  for (const card of rows) {
    if (!wanted.has(card.section_id)) continue;
    cards.set(card.id, card);
    const current: CardMemory = {
      state: card.state,
      stability: card.stability,
      lastReview: card.last_review,
      due: card.due,
    };
    for (let k = 0; k < points.length; k++) {
      if (card.created_at > points[k]) continue;
      // reviewed since this point: its first review after the point says what it was then
      if (card.last_review !== null && card.last_review > points[k]) continue;
      add(k, card, current);
    }
  }

  if (points.length === 0) return result;
  const later = db
    .prepare(
      `SELECT card_id, reviewed_at, last_review_before, state_before, stability_before, due_before
       FROM reviews WHERE reviewed_at > ?`,
    )
    .raw()
    .iterate(points[0]) as IterableIterator<[number, number, number | null, number, number, number]>;
  for (const [cardId, reviewedAt, lastBefore, state, stability, due] of later) {
    const card = cards.get(cardId);
    if (!card) continue;
    const memory: CardMemory = { state, stability, lastReview: lastBefore, due };
    // this review is the first after every point in [lastBefore, reviewedAt)
    for (let k = 0; k < points.length; k++) {
      const at = points[k];
      if (at >= reviewedAt) break;
      if (lastBefore !== null && at < lastBefore) continue;
      if (card.created_at > at) continue;
      add(k, card, memory);
    }
  }
  return result;
}
