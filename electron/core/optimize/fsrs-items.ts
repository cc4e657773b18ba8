/**
 * A preset's review history as FSRS training items, converted the way Anki converts it
 * (rslib/src/scheduler/fsrs/params.rs, `reviews_for_fsrs` with `training = true`):
 *
 * - a card's history starts at the first answer of its last run of learning answers (answers of a
 *   new or learning card); what came before (an earlier life, ended by a reset to new) is dropped;
 * - a card with no learning answer (its first answer is a review, e.g. the history before it was cut
 *   off, or it was reset and only reviewed since) gives no items;
 * - manual entries (set due date, resets) are not answers and are left out;
 * - delta_t counts study days (the collection's day start and time zone), so answers on one day keep
 *   delta_t 0: FSRS-6 fits its short-term stability to them;
 * - each answer after the first that comes on a later day (delta_t > 0) ends one item, which holds
 *   every answer up to it.
 */
import type { Db } from '../database';
import { type DayBoundary, dayNumber } from '../days';
import { KIND } from '../review-log';

/** One entry of a card's log, in the terms Anki's conversion uses. */
export interface LogEntry {
  at: number;
  /** 1-4 for an answer; null for a manual entry (reset, set due date). */
  rating: number | null;
  /** An answer given while the card was new or learning (Anki's "Learning" kind). */
  learning: boolean;
  /** A reset to new ("Forget"). */
  reset: boolean;
}

/** A card's answers that count, as FSRS reads them, and where its training items end. */
export interface CardHistory {
  cardId: number;
  ratings: number[];
  deltas: number[];
  /** Moments of the answers (ms), to order items as Anki does (by the answer that ends them). */
  at: number[];
  /** Indices of the answers that end an item (each item is the answers 0..end). */
  ends: number[];
}

/** The answers of a card that training uses, or null when the card gives no item. */
export function cardHistory(cardId: number, log: LogEntry[], boundary: DayBoundary): CardHistory | null {
  const first = firstOfLastLearning(log);
  if (first === null) return null;
  const answers = log.slice(first).filter((entry) => entry.rating !== null);
  const days = answers.map((entry) => dayNumber(entry.at, boundary));
  const deltas = days.map((day, index) => (index === 0 ? 0 : Math.max(0, day - days[index - 1])));
  const ends = deltas.flatMap((delta, index) => (index >= 1 && delta > 0 ? [index] : []));
  if (ends.length === 0) return null;
  return {
    cardId,
    ratings: answers.map((entry) => entry.rating as number),
    deltas,
    at: answers.map((a) => a.at),
    ends,
  };
}

/**
 * Working back from the newest entry: the index of the first learning answer of the last run of
 * them, or null when a reset (or the start of the log) comes before any learning answer.
 */
function firstOfLastLearning(log: LogEntry[]): number | null {
  let first: number | null = null;
  for (let index = log.length - 1; index >= 0; index--) {
    const entry = log[index];
    if (entry.rating !== null && entry.learning) first = index;
    else if (entry.reset || first !== null) break;
  }
  return first;
}

export interface PresetHistory {
  cards: CardHistory[];
  /** Answers the items are made of (Anki's review count). */
  reviews: number;
  /** Items, each [card index, end index], in the order of the answers that end them. */
  items: [number, number][];
}

interface ReviewRow {
  card_id: number;
  reviewed_at: number;
  rating: number;
  kind: number;
}

interface EventRow {
  card_id: number;
  at: number;
  kind: 'reset' | 'set_due';
}

/** The logs of every card in the decks that use `presetId`: answers that stand, resets and due dates set. */
export function presetLogs(db: Db, presetId: number): Map<number, LogEntry[]> {
  const inPreset = 'JOIN cards c ON c.id = x.card_id JOIN decks d ON d.id = c.deck_id WHERE d.preset_id = ?';
  const reviews = db
    .prepare(`SELECT x.card_id, x.reviewed_at, x.rating, x.kind FROM reviews x ${inPreset}`)
    .all(presetId) as ReviewRow[];
  const events = db
    .prepare(
      `SELECT x.card_id, x.at, x.kind FROM card_events x ${inPreset} AND x.kind IN ('reset', 'set_due') AND x.undone_at IS NULL`,
    )
    .all(presetId) as EventRow[];
  const logs = new Map<number, (LogEntry & { order: number })[]>();
  const add = (cardId: number, entry: LogEntry & { order: number }) => {
    const log = logs.get(cardId);
    if (log) log.push(entry);
    else logs.set(cardId, [entry]);
  };
  for (const row of reviews) {
    add(row.card_id, {
      at: row.reviewed_at,
      rating: row.rating,
      learning: row.kind === KIND.learning,
      reset: false,
      order: 1,
    });
  }
  // an event at the same moment as an answer came after it (a reset follows the answer it undoes the effect of)
  for (const row of events) {
    add(row.card_id, { at: row.at, rating: null, learning: false, reset: row.kind === 'reset', order: 2 });
  }
  for (const log of logs.values()) log.sort((a, b) => a.at - b.at || a.order - b.order);
  return logs;
}

/** Every training item of a preset's decks. */
export function presetHistory(db: Db, presetId: number, boundary: DayBoundary): PresetHistory {
  return historyOf(presetLogs(db, presetId), boundary);
}

export function historyOf(logs: Map<number, LogEntry[]>, boundary: DayBoundary): PresetHistory {
  const cards: CardHistory[] = [];
  for (const [cardId, log] of [...logs].sort((a, b) => a[0] - b[0])) {
    const history = cardHistory(cardId, log, boundary);
    if (history) cards.push(history);
  }
  const items: [number, number, number][] = [];
  cards.forEach((card, index) => {
    for (const end of card.ends) items.push([index, end, card.at[end]]);
  });
  items.sort((a, b) => a[2] - b[2] || a[0] - b[0]);
  return {
    cards,
    reviews: cards.reduce((sum, card) => sum + card.ratings.length, 0),
    items: items.map(([card, end]) => [card, end]),
  };
}
