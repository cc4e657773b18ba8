/**
 * Undo and the changes made after an answer: a reset or a due date set since is a step of its own,
 * undone first; an answer whose card was changed outside the history since (a reschedule, a custom
 * session) is not undone (the card stays what its log replays to) and steps aside, so the answer
 * before it can still be undone; a leech's undo takes back the tag and suspension it made and
 * nothing done by hand since; and a card on a learning step that shortened steps no longer have goes
 * on from the last step instead of graduating.
 */
import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { findCard, replayCard } from '../../electron/core/review-log';
import { STATE } from '../../electron/core/scheduler';
import type { AnswerResult, CustomSessionStarted, Rating, StudyNext } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const START = Date.UTC(2026, 2, 2, 9, 0);

function setUp() {
  const clock = new TestClock(START);
  return { clock, collection: openTestCollection(clock) };
}

const answer = (c: Collection, cardId: number, rating: Rating) =>
  dispatch(c, 'study.answer', { deckId: 1, cardId, rating, durationMs: 3000 }) as AnswerResult;
const undo = (c: Collection) => dispatch(c, 'study.undo', { deckId: 1 }) as { cardId: number };

function expectReplayed(c: Collection, cardId: number): void {
  expect(replayCard(c.db, c.scheduler, cardId), `card ${cardId}`).toEqual(scheduleOf(findCard(c.db, cardId)));
}

describe('undo after the schedule was changed another way', () => {
  it.each([
    ['reset', { action: 'reset' as const }],
    ['a due date set', { action: 'setDue' as const, date: '2026-03-20' }],
  ])('undoes %s first, then the answers before it, each card as its log says', (_, change) => {
    const { clock, collection } = setUp();
    answer(collection, 2, 3);
    answer(collection, 1, 4);
    const answered = scheduleOf(findCard(collection.db, 1));
    clock.advance(MS_PER_MINUTE);
    dispatch(collection, 'cards.bulk', { cardIds: [1], change });
    expect(undo(collection).cardId).toBe(1);
    expect(scheduleOf(findCard(collection.db, 1))).toEqual(answered);
    expectReplayed(collection, 1);
    expect(undo(collection).cardId).toBe(1);
    expect(findCard(collection.db, 1).state).toBe(STATE.new);
    expect(undo(collection).cardId).toBe(2);
    expect(findCard(collection.db, 2).state).toBe(STATE.new);
    expectReplayed(collection, 1);
    expectReplayed(collection, 2);
  });

  it('refuses an answer rescheduled since, keeps the card as its log says, and undoes the answer before', async () => {
    const { clock, collection } = setUp();
    answer(collection, 2, 3);
    answer(collection, 1, 4);
    clock.advance(MS_PER_MINUTE);
    dispatch(collection, 'presets.update', { presetId: 1, options: { desiredRetention: 0.75 } });
    // the option change is a step of its own; the reschedule runs in the background, outside the history
    dispatch(collection, 'history.undo', {});
    dispatch(collection, 'presets.update', { presetId: 1, options: { desiredRetention: 0.75 } });
    const { cards } = await (dispatch(collection, 'presets.reschedule', { presetId: 1 }) as Promise<{ cards: number }>);
    expect(cards).toBeGreaterThan(0);
    expect(dispatch(collection, 'history.undo', {})).toMatchObject({ label: 'Change preset' });
    const rescheduled = scheduleOf(findCard(collection.db, 1));
    const error = thrown(CueError, () => undo(collection));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/^Undo Answer is no longer possible: card \d was changed since/);
    expect(scheduleOf(findCard(collection.db, 1))).toEqual(rescheduled);
    expectReplayed(collection, 1);
  });

  it('refuses a custom session’s undo after a reschedule of its card', async () => {
    const { clock, collection } = setUp();
    answer(collection, 1, 4);
    clock.advance(MS_PER_MINUTE);
    const { sessionId } = dispatch(collection, 'custom.start', {
      deckId: 1,
      kind: 'ahead',
      days: 30,
    }) as CustomSessionStarted;
    dispatch(collection, 'custom.answer', { sessionId, cardId: 1, rating: 3, durationMs: 3000 });
    clock.advance(MS_PER_MINUTE);
    dispatch(collection, 'presets.update', { presetId: 1, options: { desiredRetention: 0.75 } });
    const { cards } = await (dispatch(collection, 'presets.reschedule', { presetId: 1 }) as Promise<{ cards: number }>);
    expect(cards).toBeGreaterThan(0);
    expect(thrown(CueError, () => dispatch(collection, 'custom.undo', { sessionId })).code).toBe('conflict');
    expectReplayed(collection, 1);
    expect(thrown(CueError, () => dispatch(collection, 'custom.undo', { sessionId })).code).toBe('nothing_to_undo');
  });

  it('does not stick when a custom session answered the card since: the answer before is undone', () => {
    const { clock, collection } = setUp();
    answer(collection, 2, 3);
    answer(collection, 1, 4);
    clock.advance(MS_PER_MINUTE);
    const { sessionId } = dispatch(collection, 'custom.start', {
      deckId: 1,
      kind: 'ahead',
      days: 30,
    }) as CustomSessionStarted;
    expect((dispatch(collection, 'custom.next', { sessionId }) as StudyNext).card?.id).toBe(1);
    dispatch(collection, 'custom.answer', { sessionId, cardId: 1, rating: 3, durationMs: 3000 });
    dispatch(collection, 'custom.end', { sessionId });
    expect(thrown(CueError, () => undo(collection)).message).toMatch(/card 1 was changed since/);
    expect(undo(collection).cardId).toBe(2);
    expectReplayed(collection, 1);
    expectReplayed(collection, 2);
  });
});

describe('undoing a leech', () => {
  function leechedCard(action: 'tag' | 'suspend') {
    const { clock, collection } = setUp();
    dispatch(collection, 'presets.update', { presetId: 1, options: { leechThreshold: 1, leechAction: action } });
    answer(collection, 1, 4);
    clock.advance(30 * MS_PER_DAY);
    const lapse = answer(collection, 1, 1);
    expect(lapse.leech).toEqual({ tagged: true, suspended: action === 'suspend' });
    return collection;
  }

  it('takes back a suspension and a tag added by hand since first, each as its own step, then the leech tag', () => {
    const collection = leechedCard('tag');
    dispatch(collection, 'cards.bulk', { cardIds: [1], change: { action: 'suspend' } });
    dispatch(collection, 'cards.bulk', { cardIds: [1], change: { action: 'addTags', tags: ['hard'] } });
    undo(collection);
    expect(findCard(collection.db, 1)).toMatchObject({ suspended: 1, tags: 'leech' });
    undo(collection);
    expect(findCard(collection.db, 1)).toMatchObject({ suspended: 0, tags: 'leech' });
    undo(collection);
    expect(findCard(collection.db, 1)).toMatchObject({ suspended: 0, tags: '' });
  });

  it('takes back the suspension the leech made', () => {
    const collection = leechedCard('suspend');
    expect(findCard(collection.db, 1)).toMatchObject({ suspended: 1, tags: 'leech' });
    undo(collection);
    expect(findCard(collection.db, 1)).toMatchObject({ suspended: 0, tags: '' });
  });
});

describe('shortened learning steps', () => {
  it.each([
    [1 as Rating, 'learning'],
    [3 as Rating, 'review'],
  ])('a card past the last step left answers %s as one on the last step (%s)', (rating, state) => {
    const { clock, collection } = setUp();
    dispatch(collection, 'presets.update', { presetId: 1, options: { learningSteps: '1m 10m 1h 3h' } });
    for (let i = 0; i < 3; i++) {
      answer(collection, 1, 3);
      clock.advance(5 * MS_PER_MINUTE);
    }
    expect(findCard(collection.db, 1)).toMatchObject({ state: STATE.learning, learning_steps: 3 });
    dispatch(collection, 'presets.update', { presetId: 1, options: { learningSteps: '10m' } });
    expect(answer(collection, 1, rating).state).toBe(state);
    if (state === 'learning') {
      // Again goes back to the first (and only) step: ten minutes
      expect(findCard(collection.db, 1).due - clock.time).toBe(10 * MS_PER_MINUTE);
    }
    expectReplayed(collection, 1);
  });
});
