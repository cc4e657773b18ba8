import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import type { Rating, StudyNext } from '../../shared/domain';
import { openTestCollection, TestClock } from '../helpers/collections';

const MONDAY_10AM = Date.UTC(2026, 2, 2, 10, 0);

function next(collection: Collection, sectionId?: number): StudyNext {
  return collection.handlers['study.next']({ deckId: 1, sectionId });
}

/** Answers whatever card is shown next and returns its key. */
function answerNext(collection: Collection, clock: TestClock, rating: Rating, sectionId?: number): string {
  const card = next(collection, sectionId).card;
  if (!card) throw new Error('no card to answer');
  collection.handlers['study.answer']({ deckId: 1, sectionId, cardId: card.id, rating, durationMs: 5000 });
  clock.advance(10_000);
  return card.key;
}

describe('the study queue', () => {
  it('starts with the first new card in deck order and Anki-like interval labels', () => {
    const collection = openTestCollection(new TestClock(MONDAY_10AM));
    const { card, counts } = next(collection);
    expect(card?.key).toBe('core-01');
    expect(card?.state).toBe('new');
    expect(card?.previews.map((p) => p.label)).toEqual(['1m', '6m', '10m', '8d']);
    expect(counts).toEqual({ learning: 0, review: 0, new: 20 });
  });

  it('introduces at most 20 new cards a day, and 20 more after the 4 am day boundary', () => {
    const clock = new TestClock(MONDAY_10AM);
    const collection = openTestCollection(clock);
    const keys = Array.from({ length: 20 }, () => answerNext(collection, clock, 4));
    expect(keys.slice(0, 11).at(-1)).toBe('dsa-01');
    const after = next(collection);
    expect(after.card).toBeNull();
    expect(after.newLeftToday).toBe(0);
    expect(after.counts).toEqual({ learning: 0, review: 0, new: 0 });
    clock.set(Date.UTC(2026, 2, 3, 3, 59));
    expect(next(collection).newLeftToday).toBe(0);
    clock.set(Date.UTC(2026, 2, 3, 4, 0));
    expect(next(collection).newLeftToday).toBe(20);
    expect(next(collection).card?.key).toBe('system-design-01');
  });

  it('shows due learning cards first, then reviews due today, then new cards', () => {
    const clock = new TestClock(MONDAY_10AM);
    const collection = openTestCollection(clock);
    expect(answerNext(collection, clock, 4)).toBe('core-01'); // review in 8 days
    expect(answerNext(collection, clock, 1)).toBe('core-02'); // learning, back in 1 minute
    clock.set(MONDAY_10AM + 8 * MS_PER_DAY);
    const due = next(collection);
    expect(due.counts).toEqual({ learning: 1, review: 1, new: 20 });
    expect(answerNext(collection, clock, 3)).toBe('core-02');
    expect(answerNext(collection, clock, 3)).toBe('core-01');
    expect(next(collection).card?.key).toBe('core-03');
  });

  it('brings an Again card back in the same session when its step is due', () => {
    const clock = new TestClock(MONDAY_10AM);
    const collection = openTestCollection(clock);
    answerNext(collection, clock, 1);
    expect(next(collection).card?.key).toBe('core-02');
    clock.set(MONDAY_10AM + MS_PER_MINUTE);
    const back = next(collection);
    expect(back.card?.key).toBe('core-01');
    expect(back.card?.state).toBe('learning');
    expect(back.card?.previews.map((p) => p.label)).toEqual(['1m', '6m', '10m', '1d']);
  });

  it('shows a learning card early when nothing else is left, like Anki’s learn-ahead limit', () => {
    const clock = new TestClock(MONDAY_10AM);
    const collection = openTestCollection(clock);
    for (let i = 0; i < 20; i++) answerNext(collection, clock, i === 19 ? 3 : 4);
    // the last card is in learning for 10 minutes and nothing else is due: it is shown now
    const early = next(collection);
    expect(early.card?.key).toBe('dsa-10');
    expect(early.counts.learning).toBe(1);
  });

  it('reports when the next learning card comes back and what is due tomorrow', () => {
    const clock = new TestClock(MONDAY_10AM);
    const collection = openTestCollection(clock);
    collection.db.prepare('UPDATE decks SET new_limit = 2').run();
    answerNext(collection, clock, 4); // due in 8 days
    const learning = next(collection).card;
    collection.handlers['study.answer']({ deckId: 1, cardId: learning?.id ?? 0, rating: 2, durationMs: 1000 });
    clock.advance(10_000);
    const state = next(collection);
    // Hard on a new card: 6 minutes, within the 20-minute learn-ahead window, so it is offered
    expect(state.card?.key).toBe('core-02');
    clock.advance(-30_000);
    collection.db.prepare("UPDATE cards SET due = ? WHERE key = 'core-02'").run(MONDAY_10AM + 3 * 3_600_000);
    const done = next(collection);
    expect(done.card).toBeNull();
    expect(done.nextLearningDue).toBe(MONDAY_10AM + 3 * 3_600_000);
    collection.db.prepare("UPDATE cards SET due = ?, state = 2 WHERE key = 'core-01'").run(Date.UTC(2026, 2, 3, 4));
    expect(next(collection).dueTomorrow).toBe(1);
  });

  it('studies one section on its own', () => {
    const clock = new TestClock(MONDAY_10AM);
    const collection = openTestCollection(clock);
    const systemDesign = collection.handlers['decks.list']({})[0].sections[2];
    expect(systemDesign.name).toBe('System Design');
    const keys = Array.from({ length: 10 }, () => answerNext(collection, clock, 4, systemDesign.id));
    expect(keys).toEqual(Array.from({ length: 10 }, (_, i) => `system-design-${String(i + 1).padStart(2, '0')}`));
    expect(next(collection, systemDesign.id).card).toBeNull();
    const deck = collection.handlers['decks.list']({})[0];
    expect(deck.sections.map((s) => s.due.new)).toEqual([10, 10, 0, 10, 10]);
    expect(deck.due.new).toBe(10);
    expect(deck.reviewedToday).toBe(10);
  });

  it('refuses a section of another deck and a deck that does not exist', () => {
    const collection = openTestCollection(new TestClock(MONDAY_10AM));
    expect(() => next(collection, 99)).toThrow(/has no section 99/);
    expect(() => collection.handlers['study.next']({ deckId: 7 })).toThrow(/no deck 7/);
  });
});

describe('the day boundary', () => {
  it('counts an answer at 3:30 am as the previous study day', () => {
    const clock = new TestClock(Date.UTC(2026, 2, 2, 3, 30));
    const collection = openTestCollection(clock);
    const result = collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 4, durationMs: 1000 });
    // studied on Sunday's study day: 8 days later is Monday the 9th, from 4 am
    expect(result.due).toBe(Date.UTC(2026, 2, 9, 4, 0));
    clock.set(Date.UTC(2026, 2, 2, 4, 30));
    expect(collection.handlers['study.answer']({ deckId: 1, cardId: 2, rating: 4, durationMs: 1000 }).due).toBe(
      Date.UTC(2026, 2, 10, 4, 0),
    );
  });

  it('follows the local time zone, across a daylight-saving change', () => {
    // New York, Friday 2026-03-06 09:00 EST (UTC-5); DST starts Sunday 2026-03-08
    const clock = new TestClock(Date.UTC(2026, 2, 6, 14, 0));
    const collection = openTestCollection(clock, { timeZone: 'America/New_York' });
    const result = collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 4, durationMs: 1000 });
    // 8 days later, 4 am EDT (UTC-4)
    expect(result.due).toBe(Date.UTC(2026, 2, 14, 8, 0));
    clock.set(Date.UTC(2026, 2, 14, 7, 59));
    expect(next(collection).counts.review).toBe(0);
    clock.set(Date.UTC(2026, 2, 14, 8, 0));
    expect(next(collection).card?.key).toBe('core-01');
  });
});

describe('what comes next', () => {
  it('tells when the next studied card is due again, counting buried cards from tomorrow', () => {
    const clock = new TestClock(MONDAY_10AM);
    const collection = openTestCollection(clock);
    expect(next(collection).nextDue).toBeNull();
    answerNext(collection, clock, 4);
    expect(next(collection).nextDue).toBe(Date.UTC(2026, 2, 10, 4, 0));
    answerNext(collection, clock, 1);
    expect(next(collection).nextDue).toBe(MONDAY_10AM + 10_000 + MS_PER_MINUTE);
    collection.handlers['cards.bury']({ cardId: 2 });
    expect(next(collection).nextDue).toBe(Date.UTC(2026, 2, 3, 4, 0));
  });
});
