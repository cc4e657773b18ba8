/**
 * The preset's new-card and review orders, on the bundled deck (5 sections of 10 cards: core, dsa,
 * system-design, coding, behavioral), through study.next and study.answer as the study screen uses them.
 */
import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import { findCard } from '../../electron/core/review-log';
import { dayWindow, nextCardParams, nextCardQueries } from '../../electron/core/study-queue';
import type { Rating } from '../../shared/domain';
import type { PresetOptions } from '../../shared/presets';
import { openTestCollection, TestClock } from '../helpers/collections';

const MONDAY_10AM = Date.UTC(2026, 2, 2, 10, 0);

function setOptions(collection: Collection, options: Partial<PresetOptions>): void {
  collection.handlers['presets.update']({ presetId: 1, options });
}

/** Answers `count` cards in the order the queue shows them; their keys. */
function study(collection: Collection, clock: TestClock, count: number, rating: Rating = 4): string[] {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const card = collection.handlers['study.next']({ deckId: 1 }).card;
    if (!card) break;
    keys.push(card.key);
    collection.handlers['study.answer']({ deckId: 1, cardId: card.id, rating, durationMs: 3000 });
    clock.advance(10_000);
  }
  return keys;
}

function withOrder(newCardOrder: PresetOptions['newCardOrder']): { collection: Collection; clock: TestClock } {
  const clock = new TestClock(MONDAY_10AM);
  const collection = openTestCollection(clock);
  setOptions(collection, { newCardOrder, newPerDay: 50 });
  return { collection, clock };
}

describe('new-card order', () => {
  it('deck order: by position', () => {
    const { collection, clock } = withOrder('deck');
    expect(study(collection, clock, 12)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `core-${String(i + 1).padStart(2, '0')}`),
      'dsa-01',
      'dsa-02',
    ]);
  });

  it('one section after another: section order first, then position within the section', () => {
    const { collection, clock } = withOrder('sections');
    // positions running backwards through the deck: deck order would start with the last card
    collection.db.prepare('UPDATE cards SET position = 1000 - position').run();
    expect(study(collection, clock, 12)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `core-${String(10 - i).padStart(2, '0')}`),
      'dsa-10',
      'dsa-09',
    ]);
    setOptions(collection, { newCardOrder: 'deck' });
    expect(study(collection, clock, 1)).toEqual(['behavioral-10']);
  });

  it('interleaved: one card of each section in turn, in section order', () => {
    const { collection, clock } = withOrder('interleaved');
    expect(study(collection, clock, 7)).toEqual([
      'core-01',
      'dsa-01',
      'system-design-01',
      'coding-01',
      'behavioral-01',
      'core-02',
      'dsa-02',
    ]);
    // an undo gives the section its turn back
    collection.handlers['study.undo']({ deckId: 1 });
    expect(study(collection, clock, 2)).toEqual(['dsa-02', 'system-design-02']);
  });

  it('random: a shuffle of the deck that stays the same across queries, answers and a reopened collection', () => {
    const { collection, clock } = withOrder('random');
    const first = study(collection, clock, 10);
    const deckOrder = Array.from({ length: 10 }, (_, i) => `core-${String(i + 1).padStart(2, '0')}`);
    expect(first).not.toEqual(deckOrder);
    expect(new Set(first.map((key) => key.replace(/-\d+$/, ''))).size).toBeGreaterThan(2);
    // the same deck in another collection shuffles the same way; the order is not drawn per query
    const other = withOrder('random');
    expect(study(other.collection, other.clock, 10)).toEqual(first);
    const rest = study(collection, clock, 40);
    expect(new Set([...first, ...rest]).size).toBe(50);
    expect(collection.handlers['study.next']({ deckId: 1 }).counts.new).toBe(0);
  });
});

/**
 * Five cards learned with Easy on day 0 (due day 8, high stability) and five with Good, Good on day 7
 * (due a few days later, low stability): on day 40 the first five are due first but remembered better.
 */
function reviewsWithDifferentMemories(reviewOrder: PresetOptions['reviewOrder']) {
  const clock = new TestClock(MONDAY_10AM);
  const collection = openTestCollection(clock);
  setOptions(collection, { newPerDay: 5 });
  const easy = study(collection, clock, 5, 4);
  clock.set(MONDAY_10AM + 7 * MS_PER_DAY);
  const hard = study(collection, clock, 5, 3);
  clock.advance(10 * MS_PER_MINUTE);
  study(collection, clock, 5, 3);
  setOptions(collection, { newPerDay: 0, reviewOrder });
  clock.set(MONDAY_10AM + 40 * MS_PER_DAY);
  return { collection, clock, easy, hard };
}

describe('review order', () => {
  it('due date: the earliest due first', () => {
    const { collection, clock, easy, hard } = reviewsWithDifferentMemories('due');
    expect(study(collection, clock, 10, 3)).toEqual([...easy, ...hard]);
  });

  it('retrievability ascending: the card most likely forgotten first, by the preset’s forgetting curve', () => {
    const { collection, clock, easy, hard } = reviewsWithDifferentMemories('retrievability');
    const scheduler = collection.schedulerFor(1);
    const recall = (key: string) => {
      const id = collection.db.prepare('SELECT id FROM cards WHERE key = ? AND deck_id = 1').pluck().get(key) as number;
      return scheduler.retrievability(scheduleOf(findCard(collection.db, id)), clock.time) ?? 1;
    };
    const expected = [...easy, ...hard].sort((a, b) => recall(a) - recall(b));
    expect(expected.slice(0, 5).sort()).toEqual([...hard].sort());
    expect(study(collection, clock, 10, 3)).toEqual(expected);
  });

  it('retrievability with fitted parameters of another decay orders by that curve', () => {
    const { collection, clock, hard } = reviewsWithDifferentMemories('retrievability');
    const weights = [
      0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
      1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.5,
    ];
    setOptions(collection, { fsrsParameters: weights });
    expect(collection.schedulerFor(1).curve.decay).toBe(-0.5);
    expect(study(collection, clock, 5, 3).sort()).toEqual([...hard].sort());
  });

  it('random: the same order all day, another the next day', () => {
    const { collection, clock, easy, hard } = reviewsWithDifferentMemories('random');
    const again = reviewsWithDifferentMemories('random');
    const today = study(collection, clock, 10, 3);
    expect(today).not.toEqual([...easy, ...hard]);
    expect(study(again.collection, again.clock, 10, 3)).toEqual(today);
    const later = reviewsWithDifferentMemories('random');
    later.clock.advance(MS_PER_DAY);
    const tomorrow = study(later.collection, later.clock, 10, 3);
    expect(tomorrow).not.toEqual(today);
    expect([...tomorrow].sort()).toEqual([...today].sort());
  });
});

describe('the hot path', () => {
  it('deck order, the shuffle and due date walk an index: no scan of the deck, no sort of it', () => {
    const collection = openTestCollection(new TestClock(MONDAY_10AM));
    const window = dayWindow(MONDAY_10AM, collection.boundary);
    const plan = (newCards: PresetOptions['newCardOrder'], reviews: PresetOptions['reviewOrder']) => {
      const order = { newCards, reviews, curve: collection.schedulerFor(1).curve };
      const queries = nextCardQueries({ deckId: 1 }, order);
      const params = nextCardParams({ deckId: 1 }, window, order, 20_000);
      const explain = (sql: string) =>
        (collection.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
      return { fresh: explain(queries.fresh), review: explain(queries.review) };
    };
    for (const newCards of ['deck', 'random'] as const) {
      const { fresh } = plan(newCards, 'due');
      expect(fresh.join('; ')).not.toMatch(/SCAN|TEMP B-TREE/);
    }
    const { review } = plan('deck', 'due');
    expect(review[0]).toMatch(/INDEX cards_queue \(deck_id=\? AND state=\? AND due<\?\)/);
    // only cards due at the same moment are sorted among themselves (by position)
    expect(review.join('; ')).not.toMatch(/SCAN|TEMP B-TREE FOR ORDER BY/);
  });
});
