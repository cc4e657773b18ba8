/**
 * Daily limits as Anki's v3 scheduler has them, on the bundled deck (50 new cards in 5 sections):
 * maximum reviews a day stops the queue (learning cards still shown), new cards count against it
 * unless the preset opts out, a deck's own limits win over its preset's, today's answers are counted
 * from the review log, and decks.extendLimits raises today's limits until the next study day.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import type { Rating, StudyNext } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import type { PresetOptions } from '../../shared/presets';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const MONDAY_10AM = Date.UTC(2026, 2, 2, 10, 0);

function next(collection: Collection, sectionId?: number): StudyNext {
  return collection.handlers['study.next']({ deckId: 1, sectionId });
}

function answer(collection: Collection, clock: TestClock, rating: Rating): StudyNext {
  const card = next(collection).card;
  if (!card) throw new Error('no card to answer');
  const result = collection.handlers['study.answer']({ deckId: 1, cardId: card.id, rating, durationMs: 4000 });
  clock.advance(10_000);
  return result.next;
}

function setOptions(collection: Collection, options: Partial<PresetOptions>): void {
  collection.handlers['presets.update']({ presetId: 1, options });
}

/** 20 new cards learned with Easy on day one; ten days later all 20 are due as reviews. */
function twentyReviewsDue(): { collection: Collection; clock: TestClock; dataDir: string } {
  const clock = new TestClock(MONDAY_10AM);
  const collection = openTestCollection(clock);
  for (let i = 0; i < 20; i++) answer(collection, clock, 4);
  clock.set(MONDAY_10AM + 10 * MS_PER_DAY);
  return { collection, clock, dataDir: collection.dataDir };
}

describe('maximum reviews a day', () => {
  it('stops the queue at the limit, still shows learning cards, and says the review limit stopped it', () => {
    const { collection, clock, dataDir } = twentyReviewsDue();
    setOptions(collection, { reviewsPerDay: 5 });
    const start = next(collection);
    // new cards count against the review limit: five reviews leave no room for them
    expect(start.counts).toEqual({ learning: 0, review: 5, new: 0 });
    expect(start.limits).toEqual({ reviewLimitReached: false, newLimitReached: false });
    expect(start.card?.state).toBe('review');
    answer(collection, clock, 1); // a lapse: the card relearns, in 10 minutes
    for (let i = 0; i < 4; i++) answer(collection, clock, 3);
    const capped = next(collection);
    expect(capped.counts).toEqual({ learning: 1, review: 0, new: 0 });
    clock.advance(10 * MS_PER_MINUTE);
    const relearning = next(collection);
    expect(relearning.card?.state).toBe('relearning');
    const done = answer(collection, clock, 3);
    expect(done.card).toBeNull();
    expect(done.counts).toEqual({ learning: 0, review: 0, new: 0 });
    expect(done.limits).toEqual({ reviewLimitReached: true, newLimitReached: false });
    expect(done.newLeftToday).toBe(0);
    // 15 reviews are still due: the home screen shows none of them today
    const deck = collection.handlers['decks.list']({})[0];
    expect(deck.due).toEqual({ learning: 0, review: 0, new: 0 });
    expect(deck.sections.every((s) => s.due.review === 0)).toBe(true);
    expect(
      collection.db.prepare('SELECT count(*) FROM cards WHERE state = 2 AND due <= ?').pluck().get(clock.time),
    ).toBe(15);
    // today's answers are counted from the review log: a collection opened again agrees
    collection.close();
    const reopened = openTestCollection(clock, { dataDir });
    expect(next(reopened).limits.reviewLimitReached).toBe(true);
    // the next study day the limit starts again
    clock.set(MONDAY_10AM + 11 * MS_PER_DAY);
    expect(next(reopened).counts.review).toBe(5);
  });

  it('counts new cards against the review limit, unless the preset says they do not', () => {
    const { collection, clock } = twentyReviewsDue();
    setOptions(collection, { reviewsPerDay: 25 });
    expect(next(collection).counts).toEqual({ learning: 0, review: 20, new: 5 });
    expect(next(collection).newLeftToday).toBe(5);
    for (let i = 0; i < 25; i++) answer(collection, clock, 4);
    const done = next(collection);
    expect(done.card).toBeNull();
    expect(done.limits).toEqual({ reviewLimitReached: true, newLimitReached: false });
    setOptions(collection, { newIgnoresReviewLimit: true });
    const free = next(collection);
    expect(free.counts).toEqual({ learning: 0, review: 0, new: 15 });
    expect(free.limits.reviewLimitReached).toBe(false);
    for (let i = 0; i < 15; i++) answer(collection, clock, 4);
    expect(next(collection).limits).toEqual({ reviewLimitReached: false, newLimitReached: true });
  });

  it('holds back new cards once reviews fill the limit, and shows reviews before them', () => {
    const { collection } = twentyReviewsDue();
    setOptions(collection, { reviewsPerDay: 20 });
    const start = next(collection);
    expect(start.counts).toEqual({ learning: 0, review: 20, new: 0 });
    expect(start.newLeftToday).toBe(0);
    expect(start.card?.state).toBe('review');
  });

  it('takes a deck’s own limits over its preset’s, and the sections follow the deck’s', () => {
    const { collection } = twentyReviewsDue();
    collection.db.prepare('UPDATE decks SET review_limit = 3 WHERE id = 1').run();
    expect(next(collection).counts).toEqual({ learning: 0, review: 3, new: 0 });
    collection.db.prepare('UPDATE decks SET review_limit = 30 WHERE id = 1').run();
    collection.handlers['decks.setOptions']({ deckId: 1, newPerDay: 4 });
    expect(next(collection).counts).toEqual({ learning: 0, review: 20, new: 4 });
    collection.db.prepare('UPDATE decks SET review_limit = 22 WHERE id = 1').run();
    const deck = collection.handlers['decks.list']({})[0];
    expect(deck.due).toEqual({ learning: 0, review: 20, new: 2 });
    // each section on its own under the same deck limits: its reviews, then what is left for new cards
    const core = deck.sections[0];
    const alone = next(collection, core.id);
    expect(core.due).toEqual(alone.counts);
    expect(core.due.review + core.due.new).toBeLessThanOrEqual(22);
  });
});

describe('decks.extendLimits', () => {
  it('raises today’s limits, adds up through the day, and is gone the next study day', () => {
    const { collection, clock } = twentyReviewsDue();
    setOptions(collection, { reviewsPerDay: 5 });
    for (let i = 0; i < 5; i++) answer(collection, clock, 3);
    expect(next(collection).limits.reviewLimitReached).toBe(true);
    const first = collection.handlers['decks.extendLimits']({ deckId: 1, reviews: 2 });
    expect(first).toEqual({ deckId: 1, studyDay: '2026-03-12', newCards: 0, reviews: 2 });
    expect(next(collection).counts).toEqual({ learning: 0, review: 2, new: 0 });
    const second = collection.handlers['decks.extendLimits']({ deckId: 1, reviews: 1, newCards: 3 });
    expect(second).toEqual({ deckId: 1, studyDay: '2026-03-12', newCards: 3, reviews: 3 });
    // extra new cards are not held back again by the review limit they count against
    expect(next(collection).counts).toEqual({ learning: 0, review: 3, new: 3 });
    for (let i = 0; i < 6; i++) answer(collection, clock, 4);
    expect(next(collection).card).toBeNull();
    clock.set(MONDAY_10AM + 11 * MS_PER_DAY);
    expect(next(collection).counts.review).toBe(5);
    const tomorrow = collection.handlers['decks.extendLimits']({ deckId: 1 });
    expect(tomorrow).toEqual({ deckId: 1, studyDay: '2026-03-13', newCards: 0, reviews: 0 });
  });

  it('refuses a deck that does not exist and a negative number, changing nothing', () => {
    const { collection } = twentyReviewsDue();
    expect(thrown(CueError, () => collection.handlers['decks.extendLimits']({ deckId: 9, reviews: 1 }))).toMatchObject({
      code: 'not_found',
      message: 'There is no deck 9.',
    });
    const negative = thrown(CueError, () => dispatch(collection, 'decks.extendLimits', { deckId: 1, newCards: -2 }));
    expect(negative.code).toBe('invalid_input');
    expect(negative.message).toMatch(/newCards/);
    expect(collection.db.prepare('SELECT count(*) FROM deck_limit_extensions').pluck().get()).toBe(0);
  });
});
