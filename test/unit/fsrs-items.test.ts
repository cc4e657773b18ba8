/**
 * The review history as FSRS training items, as Anki converts it: study days by the collection's day
 * start, same-day answers kept with delta_t 0, history before a reset dropped, cards with no
 * learning answer left out, and an item only for each answer on a later day.
 */
import { describe, expect, it } from 'vitest';
import { cardHistory, historyOf, type LogEntry, presetHistory } from '../../electron/core/optimize/fsrs-items';
import { openTestCollection, TestClock } from '../helpers/collections';

const UTC4 = { timeZone: 'UTC', rolloverHour: 4 };
const H = 3_600_000;
const DAY = 24 * H;
const START = Date.UTC(2026, 2, 2, 10, 0);

const learn = (at: number, rating = 3): LogEntry => ({ at, rating, learning: true, reset: false });
const review = (at: number, rating = 3): LogEntry => ({ at, rating, learning: false, reset: false });
const reset = (at: number): LogEntry => ({ at, rating: null, learning: false, reset: true });
const setDue = (at: number): LogEntry => ({ at, rating: null, learning: false, reset: false });

/** The items of a card as [rating, delta_t] lists. */
function itemsOf(log: LogEntry[], boundary = UTC4): [number, number][][] {
  const history = cardHistory(1, log, boundary);
  if (!history) return [];
  return history.ends.map((end) =>
    history.ratings.slice(0, end + 1).map((rating, i): [number, number] => [rating, history.deltas[i]]),
  );
}

describe('a card log as FSRS items', () => {
  it('keeps same-day answers with delta_t 0 and ends an item at each later day', () => {
    const log = [learn(START, 1), learn(START + 60_000), learn(START + 11 * 60_000), review(START + 3 * DAY)];
    // a lapse and its relearning step the same day (relearning is not learning)
    log.push(review(START + 10 * DAY, 1), review(START + 10 * DAY + 600_000));
    expect(itemsOf(log)).toEqual([
      [
        [1, 0],
        [3, 0],
        [3, 0],
        [3, 3],
      ],
      [
        [1, 0],
        [3, 0],
        [3, 0],
        [3, 3],
        [1, 7],
      ],
    ]);
  });

  it('counts days from the day start: 3:59 and 4:00 are different days, 23:00 and 3:00 the same', () => {
    const evening = Date.UTC(2026, 2, 2, 23, 0);
    expect(itemsOf([learn(evening), review(evening + 4 * H)])).toEqual([]);
    const beforeFour = Date.UTC(2026, 2, 3, 3, 59);
    expect(itemsOf([learn(beforeFour), review(beforeFour + 60_000)])).toEqual([
      [
        [3, 0],
        [3, 1],
      ],
    ]);
    // with a midnight day start, 23:00 and 3:00 the next morning are a day apart
    expect(itemsOf([learn(evening), review(evening + 4 * H)], { timeZone: 'UTC', rolloverHour: 0 })).toEqual([
      [
        [3, 0],
        [3, 1],
      ],
    ]);
  });

  it('counts study days in the local time zone across a daylight-saving change', () => {
    const berlin = { timeZone: 'Europe/Berlin', rolloverHour: 4 };
    // 2026-03-29 02:00 CET becomes 03:00 CEST; 10:00 local on the 28th and on the 30th are two study days apart
    const before = Date.UTC(2026, 2, 28, 9, 0);
    const after = Date.UTC(2026, 2, 30, 8, 0);
    expect(itemsOf([learn(before), review(after)], berlin)).toEqual([
      [
        [3, 0],
        [3, 2],
      ],
    ]);
  });

  it('drops the history before a reset to new, and starts at the last run of learning answers', () => {
    const log = [learn(START), review(START + 3 * DAY), review(START + 9 * DAY, 1), learn(START + 9 * DAY + H)];
    log.push(reset(START + 12 * DAY), learn(START + 20 * DAY, 2), review(START + 22 * DAY, 4));
    expect(itemsOf(log)).toEqual([
      [
        [2, 0],
        [4, 2],
      ],
    ]);
  });

  it('leaves out a card reset and since only reviewed, or with no learning answer at all', () => {
    expect(itemsOf([learn(START), review(START + 2 * DAY), reset(START + 3 * DAY), review(START + 5 * DAY)])).toEqual(
      [],
    );
    // its history starts with a review (the answers before were not kept)
    expect(itemsOf([review(START), review(START + 4 * DAY), review(START + 9 * DAY)])).toEqual([]);
  });

  it('leaves out a due date set by hand, without cutting the history there', () => {
    const log = [learn(START), review(START + 2 * DAY), setDue(START + 3 * DAY), review(START + 5 * DAY)];
    expect(itemsOf(log)).toEqual([
      [
        [3, 0],
        [3, 2],
      ],
      [
        [3, 0],
        [3, 2],
        [3, 3],
      ],
    ]);
  });

  it('gives no item for a card learnt today and not yet reviewed on a later day', () => {
    expect(itemsOf([learn(START, 1), learn(START + 60_000)])).toEqual([]);
  });

  it('orders items by the answer that ends them and counts the answers used', () => {
    const logs = new Map<number, LogEntry[]>([
      [7, [learn(START), review(START + 5 * DAY)]],
      [3, [learn(START + DAY), learn(START + DAY + H), review(START + 2 * DAY)]],
      [9, [review(START), review(START + DAY)]],
    ]);
    const history = historyOf(logs, UTC4);
    expect(history.cards.map((card) => card.cardId)).toEqual([3, 7]);
    expect(history.reviews).toBe(5);
    // card 3's item ends a day after it was learnt, before card 7's (five days after)
    expect(history.items).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });
});

describe("a preset's history in the collection", () => {
  it("reads the answers that stand of the preset's decks, with resets from the log", () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const answer = (cardId: number, rating: 1 | 2 | 3 | 4) =>
      collection.handlers['study.answer']({ deckId: 1, cardId, rating, durationMs: 3000 });
    answer(1, 3);
    clock.advance(10 * 60_000);
    answer(1, 3);
    answer(2, 3);
    clock.advance(3 * DAY);
    answer(1, 3);
    answer(2, 1);
    // an answer undone does not count
    collection.handlers['study.undo']({ deckId: 1 });
    clock.advance(DAY);
    collection.handlers['cards.bulk']({ cardIds: [2], change: { action: 'reset' } });
    clock.advance(DAY);
    answer(2, 3);
    clock.advance(2 * DAY);
    answer(2, 3);
    const history = presetHistory(collection.db, 1, collection.boundary);
    const byCard = Object.fromEntries(history.cards.map((card) => [card.cardId, [card.ratings, card.deltas]]));
    expect(byCard).toEqual({
      1: [
        [3, 3, 3],
        [0, 0, 3],
      ],
      2: [
        [3, 3],
        [0, 2],
      ],
    });
    // a preset no deck uses has no history
    const other = collection.handlers['presets.create']({ name: 'Other' });
    expect(presetHistory(collection.db, other.id, collection.boundary).reviews).toBe(0);
  });
});
