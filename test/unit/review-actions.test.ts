import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY } from '../../electron/core/days';
import { findCard, replayCard } from '../../electron/core/review-log';
import { newSchedule } from '../../electron/core/scheduler';
import type { Rating } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';

const START = Date.UTC(2026, 2, 2, 10, 0);

const reviewsOf = (collection: Collection, cardId: number) =>
  collection.db.prepare('SELECT * FROM reviews WHERE card_id = ? ORDER BY id').all(cardId) as Record<string, number>[];

function answer(collection: Collection, cardId: number, rating: Rating, durationMs = 4000) {
  return collection.handlers['study.answer']({ deckId: 1, cardId, rating, durationMs });
}

function expectCueError(action: () => unknown, code: CueError['code']): CueError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CueError);
    expect((error as CueError).code).toBe(code);
    return error as CueError;
  }
  throw new Error('expected a CueError');
}

describe('answering', () => {
  it('logs the answer with the state before and after, and updates the card', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const result = answer(collection, 1, 3, 7300);
    expect(result).toMatchObject({ cardId: 1, state: 'learning', due: START + 10 * 60_000 });
    const [review] = reviewsOf(collection, 1);
    expect(review).toMatchObject({
      reviewed_at: START,
      rating: 3,
      duration_ms: 7300,
      state_before: 0,
      stability_before: 0,
      state_after: 1,
      due_after: START + 600_000,
      scheduled_days_after: 0,
      learning_steps_after: 1,
    });
    expect(review.stability_after).toBeCloseTo(2.3065, 4);
    const card = findCard(collection.db, 1);
    expect(card).toMatchObject({ state: 1, reps: 1, due: START + 600_000, last_review: START });
  });

  it('caps the time taken at 60 seconds, like Anki', () => {
    const collection = openTestCollection(new TestClock(START));
    answer(collection, 1, 3, 45 * 60_000);
    expect(reviewsOf(collection, 1)[0].duration_ms).toBe(60_000);
  });

  it('refuses a card that does not exist or is suspended, and logs nothing', () => {
    const collection = openTestCollection(new TestClock(START));
    expectCueError(() => answer(collection, 999, 3), 'not_found');
    collection.handlers['cards.suspend']({ cardId: 2 });
    expectCueError(() => answer(collection, 2, 3), 'conflict');
    expect(collection.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
  });

  it('keeps the card state equal to a replay of its review log, fuzz included', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock, { scheduler: { fuzz: true } });
    const ratings: Rating[] = [3, 3, 3, 1, 3, 3, 4, 2, 3];
    for (const rating of ratings) {
      answer(collection, 5, rating);
      clock.set(findCard(collection.db, 5).due + 3_600_000);
    }
    const card = findCard(collection.db, 5);
    expect(card.reps).toBe(ratings.length);
    expect(card.lapses).toBe(1);
    const replayed = replayCard(collection.db, collection.scheduler, 5, newSchedule(card.due));
    expect(replayed).toEqual(scheduleOf(card));
  });

  it('is on disk when the answer returns: a second connection sees it without a close', () => {
    const clock = new TestClock(START);
    const dataDir = tempDir();
    const first = openTestCollection(clock, { dataDir });
    answer(first, 1, 4);
    const second = openTestCollection(clock, { dataDir, readOnly: true });
    expect(findCard(second.db, 1).state).toBe(2);
    expect(reviewsOf(second, 1)).toHaveLength(1);
  });
});

describe('undo', () => {
  it('restores the card exactly and marks the answer undone, keeping it in the log', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    answer(collection, 1, 3);
    clock.advance(10 * 60_000);
    const before = findCard(collection.db, 1);
    answer(collection, 1, 3);
    expect(findCard(collection.db, 1).state).toBe(2);
    const undone = collection.handlers['study.undo']({ deckId: 1 });
    expect(undone.cardId).toBe(1);
    expect(undone.next.card).toMatchObject({ id: 1, question: before.question, state: 'learning' });
    expect(undone.next.card?.previews.map((p) => p.label)).toEqual(['1m', '6m', '2d', '4d']);
    expect(findCard(collection.db, 1)).toEqual(before);
    expect(reviewsOf(collection, 1)).toHaveLength(1);
    expect(
      collection.db.prepare('SELECT undone_at FROM review_log WHERE card_id = 1 ORDER BY id').pluck().all(),
    ).toEqual([null, clock.time]);
  });

  it('never gives an undone answer’s id to another answer', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const first = answer(collection, 1, 3).reviewId;
    collection.handlers['study.undo']({ deckId: 1 });
    const second = answer(collection, 1, 3).reviewId;
    expect(second).toBeGreaterThan(first);
    expect(collection.handlers['stats.card']({ cardId: 1 }).reviews.map((r) => r.id)).toEqual([second]);
  });

  it('walks back several answers, newest first, then says there is nothing left', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    answer(collection, 1, 4);
    answer(collection, 2, 1);
    expect(collection.handlers['study.next']({ deckId: 1 }).canUndo).toBe(true);
    expect(collection.handlers['study.undo']({ deckId: 1 }).cardId).toBe(2);
    expect(collection.handlers['study.undo']({ deckId: 1 }).cardId).toBe(1);
    expect(findCard(collection.db, 1).state).toBe(0);
    expect(collection.handlers['study.next']({ deckId: 1 }).canUndo).toBe(false);
    expectCueError(() => collection.handlers['study.undo']({ deckId: 1 }), 'nothing_to_undo');
  });

  it('gives the new card back to the daily limit', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    answer(collection, 1, 4);
    expect(collection.handlers['study.next']({ deckId: 1 }).newLeftToday).toBe(19);
    collection.handlers['study.undo']({ deckId: 1 });
    expect(collection.handlers['study.next']({ deckId: 1 }).newLeftToday).toBe(20);
  });
});

describe('bury and suspend', () => {
  it('buries a card until the next study day begins', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const { buriedUntil } = collection.handlers['cards.bury']({ cardId: 1 });
    expect(buriedUntil).toBe(Date.UTC(2026, 2, 3, 4, 0));
    const today = collection.handlers['study.next']({ deckId: 1 });
    expect(today.card?.key).toBe('core-02');
    expect(collection.handlers['decks.list']({})[0].sections[0].buried).toBe(1);
    clock.set(buriedUntil);
    expect(collection.handlers['study.next']({ deckId: 1 }).card?.key).toBe('core-01');
  });

  it('takes a suspended card out of every queue until it is unsuspended', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    answer(collection, 1, 4);
    collection.handlers['cards.suspend']({ cardId: 1 });
    clock.advance(30 * MS_PER_DAY);
    const next = collection.handlers['study.next']({ deckId: 1 });
    expect(next.counts.review).toBe(0);
    expect(next.card?.key).toBe('core-02');
    expect(collection.handlers['decks.list']({})[0].sections[0].suspended).toBe(1);
    collection.handlers['cards.unsuspend']({ cardId: 1 });
    expect(collection.handlers['study.next']({ deckId: 1 }).card?.key).toBe('core-01');
  });

  it('says which card is missing', () => {
    const collection = openTestCollection(new TestClock(START));
    expect(expectCueError(() => collection.handlers['cards.bury']({ cardId: 4242 }), 'not_found').message).toContain(
      '4242',
    );
  });
});
