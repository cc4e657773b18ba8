/**
 * study.answer records the answer and answers with the next card of the same scope: exactly what
 * study.next would answer right after, so the study screen makes one request per answer.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import type { AnswerResult, Rating, StudyNext } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const START = Date.UTC(2026, 2, 2, 10, 0);

interface Scope {
  deckId: number;
  sectionId?: number;
}

const next = (collection: Collection, scope: Scope) => dispatch(collection, 'study.next', scope) as StudyNext;

function answer(collection: Collection, scope: Scope, cardId: number, rating: Rating): AnswerResult {
  return dispatch(collection, 'study.answer', { ...scope, cardId, rating, durationMs: 4000 }) as AnswerResult;
}

const reviewCount = (collection: Collection) => collection.db.prepare('SELECT count(*) FROM reviews').pluck().get();

/** Studies as the study screen does: the card each answer returns is the one answered next. */
function study(collection: Collection, clock: TestClock, scope: Scope, ratings: Rating[]): AnswerResult[] {
  let card = next(collection, scope).card;
  return ratings.map((rating) => {
    if (!card) throw new Error('the queue ran out');
    const answered = answer(collection, scope, card.id, rating);
    expect(answered.next, `after answering card ${card.id}`).toEqual(next(collection, scope));
    card = answered.next.card;
    clock.advance(30_000);
    return answered;
  });
}

describe('an answer brings the next card', () => {
  it('is what study.next shows right after, answer after answer through a deck', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const answers = study(collection, clock, { deckId: 1 }, [3, 1, 4, 2, 3, 3, 1, 4, 3, 2, 3, 4]);
    expect(answers.map((a) => a.next.canUndo)).toEqual(answers.map(() => true));
    // the counts go down as the answers go in
    expect(answers[0].next.counts.new).toBe(19);
    expect(answers.at(-1)?.next.card).not.toBeNull();
    expect(reviewCount(collection)).toBe(12);
  });

  it('stays within the section being studied', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const section = collection.handlers['decks.list']({})[0].sections[2];
    const answers = study(collection, clock, { deckId: 1, sectionId: section.id }, [3, 4, 3, 1, 3]);
    for (const { next: after } of answers) expect(after.card?.sectionId).toBe(section.id);
  });

  it('says when the day’s queue is done, as study.next does', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    collection.handlers['decks.setOptions']({ deckId: 1, newPerDay: 3 });
    const answers = study(collection, clock, { deckId: 1 }, [4, 4, 4]);
    const last = answers[2].next;
    expect(last.card).toBeNull();
    expect(last).toMatchObject({ counts: { learning: 0, review: 0, new: 0 }, newLeftToday: 0, canUndo: true });
    expect(last.nextDue).toBeGreaterThan(clock.time);
  });

  it('shows the card taken back by an undo, and the answer after it goes on from there', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const [first] = study(collection, clock, { deckId: 1 }, [3]);
    const undone = dispatch(collection, 'study.undo', { deckId: 1 }) as { cardId: number; next: StudyNext };
    expect(undone.next.card?.id).toBe(first.cardId);
    const again = answer(collection, { deckId: 1 }, first.cardId, 4);
    expect(again.next).toEqual(next(collection, { deckId: 1 }));
  });
});

describe('an answer outside a scope that exists', () => {
  function expectRefused(scope: Record<string, unknown>, code: CueError['code'], message: RegExp) {
    const collection = openTestCollection(new TestClock(START));
    const error = thrown(CueError, () =>
      dispatch(collection, 'study.answer', { ...scope, cardId: 1, rating: 3, durationMs: 1000 }),
    );
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    // nothing was recorded, so there is nothing to undo either
    expect(reviewCount(collection)).toBe(0);
    expect(next(collection, { deckId: 1 }).canUndo).toBe(false);
  }

  it('is refused for a deck that is not there', () => expectRefused({ deckId: 7 }, 'not_found', /no deck 7/));

  it('is refused for a section of no such deck', () => {
    expectRefused({ deckId: 1, sectionId: 999 }, 'not_found', /Deck 1 has no section 999/);
  });

  it('is refused without a deck, naming the field', () => {
    expectRefused({}, 'invalid_input', /deckId/);
  });

  it('is refused for a suspended card, which stays as it was', () => {
    const collection = openTestCollection(new TestClock(START));
    collection.handlers['cards.suspend']({ cardId: 1 });
    const error = thrown(CueError, () => answer(collection, { deckId: 1 }, 1, 3));
    expect(error.code).toBe('conflict');
    expect(reviewCount(collection)).toBe(0);
  });
});
