/**
 * Mock interviews on the bundled deck (real SQLite files, the real handlers through dispatch): section
 * time limits and their defaults, the weakest-first and seeded random orders, the answer clock (done,
 * time-out by the page's measure and by the server's clock), grades that are real reviews (replayed
 * exactly) and their undo, the summary, errors that change nothing, survival of a restart, and the median
 * answer time per section per week.
 */
import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { drawOrder } from '../../electron/core/mock-interview/mock-order';
import { CLOCK_GRACE_MS } from '../../electron/core/mock-interview/mock-session';
import { findCard, replayCard } from '../../electron/core/review-log';
import type { ApiInput, ApiOutput, MethodName } from '../../shared/api';
import type { Rating } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import type { MockSessionView } from '../../shared/mock';
import { databaseDigest } from '../helpers/collection-digest';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const START = Date.UTC(2026, 2, 2, 10, 0);
/** The bundled deck's sections, in order: core, dsa, system-design, coding, behavioral. */
const [CORE, DSA, DESIGN, CODING, BEHAVIORAL] = [1, 2, 3, 4, 5];

function setUp(dataDir = tempDir()) {
  const clock = new TestClock(START);
  const collection = openTestCollection(clock, { dataDir });
  const call = <M extends MethodName>(name: M, input: ApiInput<M>) => dispatch(collection, name, input) as ApiOutput<M>;
  return { clock, collection, call, dataDir };
}
type Call = ReturnType<typeof setUp>['call'];

const studyAnswer = (call: Call, cardId: number, rating: Rating) =>
  call('study.answer', { deckId: 1, cardId, rating, durationMs: 3000 });
const errorOf = (action: () => unknown) => thrown(CueError, action);
const reviewCount = (collection: Collection) =>
  collection.db.prepare('SELECT count(*) FROM reviews').pluck().get() as number;

/** Answers the current question after `ms` and grades it. */
function answerAndGrade(call: Call, clock: TestClock, view: MockSessionView, ms: number, rating: Rating) {
  const position = view.current?.position as number;
  clock.advance(ms);
  const done = call('mock.done', { sessionId: view.sessionId, position, timeTakenMs: ms });
  expect(done.current?.phase).toBe('answered');
  return call('mock.grade', { sessionId: view.sessionId, position, rating });
}

describe('section time limits', () => {
  it('defaults by the bundled deck’s sections, can be set and reset', () => {
    const { call } = setUp();
    const limits = () => call('mock.sections', { deckId: 1 }).sections.map((s) => s.limitMs / 60_000);
    expect(limits()).toEqual([2, 3, 5, 4, 3]);
    const set = call('mock.setLimit', { sectionId: DESIGN, seconds: 420 });
    expect(set).toMatchObject({ sectionId: DESIGN, limitMs: 420_000, defaultLimitMs: 300_000, custom: true });
    expect(limits()).toEqual([2, 3, 7, 4, 3]);
    call('mock.setLimit', { sectionId: DESIGN, seconds: null });
    expect(limits()).toEqual([2, 3, 5, 4, 3]);
  });

  it('finds defaults for other decks by section name, else three minutes', () => {
    const { call } = setUp();
    const { deckId } = call('decks.create', { name: 'Other' });
    for (const name of ['System Design Basics', 'Behavioural', 'Trivia']) call('sections.create', { deckId, name });
    expect(call('mock.sections', { deckId }).sections.map((s) => [s.name, s.limitMs / 1000])).toEqual([
      ['System Design Basics', 300],
      ['Behavioural', 180],
      ['Trivia', 180],
    ]);
  });

  it('refuses a limit out of bounds or an unknown section, changing nothing', () => {
    const { call, collection } = setUp();
    const before = databaseDigest(collection.db);
    expect(errorOf(() => call('mock.setLimit', { sectionId: CORE, seconds: 5 })).code).toBe('invalid_input');
    expect(errorOf(() => call('mock.setLimit', { sectionId: 999, seconds: 60 })).code).toBe('not_found');
    expect(databaseDigest(collection.db)).toBe(before);
  });
});

describe('drawing questions', () => {
  it('asks never-studied cards first, then the lowest retrievability, then the most lapses', () => {
    const { call, clock, collection } = setUp();
    // cards 1-3 studied to review cards with different memories; 4-10 never studied
    studyAnswer(call, 1, 4);
    studyAnswer(call, 2, 3);
    studyAnswer(call, 3, 2);
    clock.advance(20 * MS_PER_DAY);
    const view = call('mock.start', { deckId: 1, sectionIds: [CORE], count: 10, order: 'weakest', seed: 7 });
    const order = call('mock.summary', { sessionId: view.sessionId }).questions.map((q) => q.cardId);
    expect(new Set(order.slice(0, 7))).toEqual(new Set([4, 5, 6, 7, 8, 9, 10]));
    const scheduler = collection.schedulerFor(1);
    const recall = (id: number) => scheduler.retrievability(scheduleOf(findCard(collection.db, id)), clock.now()) ?? 0;
    const studied = order.slice(7);
    expect(studied.map(recall)).toEqual([...studied.map(recall)].sort((a, b) => a - b));
    expect(recall(studied[0])).toBeLessThan(recall(studied[2]));
  });

  it('breaks equal retrievability by the most lapses', () => {
    const card = (id: number, lapses: number) => ({ id, studied: true, retrievability: 0.8, lapses });
    const cards = [card(1, 0), card(2, 5), card(3, 2), { id: 4, studied: false, retrievability: null, lapses: 0 }];
    expect(drawOrder(cards, 'weakest', 1, 4)).toEqual([4, 2, 3, 1]);
  });

  it('draws a random order that is the same for the same seed, and mixes sections', () => {
    const { call } = setUp();
    const draw = (seed: number) => {
      const view = call('mock.start', { deckId: 1, sectionIds: [CORE, DSA, CODING], count: 8, order: 'random', seed });
      return call('mock.summary', { sessionId: view.sessionId }).questions.map((q) => q.cardId);
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
    const sections = new Set(draw(42).map((id) => call('cards.get', { cardId: id }).sectionId));
    expect(sections.size).toBeGreaterThan(1);
  });

  it('refuses an unknown section, too many questions or none, changing nothing', () => {
    const { call, collection } = setUp();
    call('cards.suspend', { cardId: 1 });
    const before = databaseDigest(collection.db);
    const start = (input: Partial<ApiInput<'mock.start'>>) =>
      errorOf(() => call('mock.start', { deckId: 1, sectionIds: [CORE], count: 3, order: 'weakest', ...input }));
    expect(start({ sectionIds: [CORE, 999] })).toMatchObject({ code: 'not_found', details: { sectionId: 999 } });
    const tooMany = start({ count: 10 });
    expect(tooMany.code).toBe('invalid_input');
    expect(tooMany.message).toContain('9 cards to ask');
    expect(start({ count: 0 }).code).toBe('invalid_input');
    expect(start({ sectionIds: [] }).code).toBe('invalid_input');
    expect(start({ deckId: 99 }).code).toBe('not_found');
    expect(databaseDigest(collection.db)).toBe(before);
  });
});

describe('a session', () => {
  it('times answers, marks time-outs, grades as study does and sums up', () => {
    const { call, clock, collection } = setUp();
    let view = call('mock.start', { deckId: 1, sectionIds: [CORE, DESIGN], count: 3, order: 'random', seed: 5 });
    expect(view.current).toMatchObject({ position: 1, phase: 'asking', shownAt: START, elapsedMs: 0 });
    const [first, second, third] = call('mock.summary', { sessionId: view.sessionId }).questions;
    // 1: done after 90 s, more than review_log's 60 s cap
    view = answerAndGrade(call, clock, view, 90_000, 3);
    expect(view.current).toMatchObject({ position: 2, phase: 'asking', shownAt: START + 90_000 });
    // 2: the page's countdown ran out
    view = answerAndGrade(call, clock, view, second.limitMs, 3);
    // 3: the page says 20 s, but the server's clock is past the limit (the page was closed meanwhile)
    clock.advance(third.limitMs + CLOCK_GRACE_MS);
    call('mock.done', { sessionId: view.sessionId, position: 3, timeTakenMs: 20_000 });
    view = call('mock.grade', { sessionId: view.sessionId, position: 3, rating: 4 });
    expect(view).toMatchObject({ current: null, graded: 3 });

    const summary = call('mock.end', { sessionId: view.sessionId });
    expect(summary.questions.map((q) => [q.timeTakenMs, q.timedOut, q.rating])).toEqual([
      [90_000, false, 3],
      [second.limitMs, true, 3],
      [third.limitMs, true, 4],
    ]);
    expect(summary.reviewNext).toEqual([second.cardId, third.cardId]);
    expect(summary).toMatchObject({ answered: 3, timedOut: 2 });
    // each grade is a review in the log (its duration capped as study's), and replays exactly
    const logged = collection.db.prepare('SELECT card_id, rating, duration_ms FROM reviews ORDER BY id').all() as {
      card_id: number;
    }[];
    expect(logged).toEqual([
      { card_id: first.cardId, rating: 3, duration_ms: 60_000 },
      { card_id: second.cardId, rating: 3, duration_ms: 60_000 },
      { card_id: third.cardId, rating: 4, duration_ms: 60_000 },
    ]);
    for (const q of summary.questions) {
      expect(replayCard(collection.db, collection.scheduler, q.cardId)).toEqual(
        scheduleOf(findCard(collection.db, q.cardId)),
      );
    }
  });

  it('puts Again and Hard among the cards to review next', () => {
    const { call, clock } = setUp();
    let view = call('mock.start', { deckId: 1, sectionIds: [BEHAVIORAL], count: 3, order: 'random', seed: 1 });
    const ids = call('mock.summary', { sessionId: view.sessionId }).questions.map((q) => q.cardId);
    for (const rating of [1, 2, 3] as Rating[]) view = answerAndGrade(call, clock, view, 10_000, rating);
    expect(call('mock.end', { sessionId: view.sessionId }).reviewNext).toEqual([ids[0], ids[1]]);
  });

  it('undoes the last grade from the review log, and the question can be graded again', () => {
    const { call, clock, collection } = setUp();
    let view = call('mock.start', { deckId: 1, sectionIds: [DSA], count: 2, order: 'weakest', seed: 3 });
    const { sessionId } = view;
    expect(errorOf(() => call('mock.undo', { sessionId })).code).toBe('nothing_to_undo');
    const before = scheduleOf(findCard(collection.db, view.current?.cardId as number));
    view = answerAndGrade(call, clock, view, 30_000, 1);
    expect(view.current?.phase).toBe('asking');
    view = call('mock.undo', { sessionId });
    expect(view.current).toMatchObject({ position: 1, phase: 'answered', rating: null, timeTakenMs: 30_000 });
    expect(reviewCount(collection)).toBe(0);
    expect(scheduleOf(findCard(collection.db, view.current?.cardId as number))).toEqual(before);
    // the second question starts again when it is shown again
    clock.advance(60_000);
    view = call('mock.grade', { sessionId, position: 1, rating: 3 });
    expect(view.current).toMatchObject({ position: 2, shownAt: clock.now() });
    expect(reviewCount(collection)).toBe(1);
  });

  it('keeps the key points ticked and the typed text with the grade; the summary counts them; undo gives them back', () => {
    const { call, clock, collection } = setUp();
    let view = call('mock.start', { deckId: 1, sectionIds: [CORE], count: 2, order: 'weakest', seed: 5 });
    const { sessionId } = view;
    const points = view.current?.card?.keyPoints.map((point) => point.id) as string[];
    expect(points).toHaveLength(3);
    clock.advance(40_000);
    call('mock.done', { sessionId, position: 1, timeTakenMs: 40_000 });
    const typedText = 'Two towers, one for users and one for items';
    // an id the card does not have is refused before anything is written
    const digest = databaseDigest(collection.db);
    const refused = errorOf(() =>
      call('mock.grade', { sessionId, position: 1, rating: 2, recalled: ['no-such-point'], typedText }),
    );
    expect(refused.code).toBe('invalid_input');
    expect(databaseDigest(collection.db)).toBe(digest);
    view = call('mock.grade', { sessionId, position: 1, rating: 2, recalled: [points[1]], typedText });
    const summary = call('mock.summary', { sessionId });
    expect(summary.questions.map((q) => q.points)).toEqual([{ recalled: 1, total: 3 }, null]);
    const stored = collection.db.prepare('SELECT recalled, typed_text FROM review_answers').get() as {
      recalled: string;
      typed_text: string;
    };
    expect(JSON.parse(stored.recalled).map((point: { id: string }) => point.id)).toEqual([points[1]]);
    expect(stored.typed_text).toBe(typedText);
    view = call('mock.undo', { sessionId });
    expect(view.undone).toEqual({ recalled: [points[1]], typedText });
    expect(call('mock.summary', { sessionId }).questions[0].points).toBeNull();
  });

  it('refuses grading twice, grading before done, done twice and a finished session, changing nothing', () => {
    const { call, clock, collection } = setUp();
    let view = call('mock.start', { deckId: 1, sectionIds: [CORE], count: 2, order: 'random', seed: 9 });
    const { sessionId } = view;
    expect(errorOf(() => call('mock.grade', { sessionId, position: 1, rating: 3 })).message).toContain(
      'say done first',
    );
    view = answerAndGrade(call, clock, view, 10_000, 3);
    const before = databaseDigest(collection.db);
    const twice = errorOf(() => call('mock.grade', { sessionId, position: 1, rating: 2 }));
    expect(twice).toMatchObject({ code: 'conflict' });
    expect(twice.message).toContain('Question 1 is graded already');
    expect(errorOf(() => call('mock.done', { sessionId, position: 3, timeTakenMs: 1 })).code).toBe('not_found');
    expect(databaseDigest(collection.db)).toBe(before);
    call('mock.done', { sessionId, position: 2, timeTakenMs: 1000 });
    const answered = databaseDigest(collection.db);
    expect(errorOf(() => call('mock.done', { sessionId, position: 2, timeTakenMs: 1000 })).message).toContain(
      'answered already',
    );
    expect(databaseDigest(collection.db)).toBe(answered);
    call('mock.end', { sessionId });
    const ended = databaseDigest(collection.db);
    for (const action of [
      () => call('mock.grade', { sessionId, position: 2, rating: 3 }),
      () => call('mock.undo', { sessionId }),
      () => call('mock.end', { sessionId }),
    ]) {
      expect(errorOf(action).message).toContain('has ended');
    }
    expect(errorOf(() => call('mock.current', { sessionId: 999 })).code).toBe('not_found');
    expect(databaseDigest(collection.db)).toBe(ended);
  });

  it('survives a restart: the same question, its clock and later its summary', () => {
    const first = setUp();
    let view = first.call('mock.start', { deckId: 1, sectionIds: [CODING], count: 2, order: 'weakest', seed: 4 });
    const { sessionId } = view;
    view = answerAndGrade(first.call, first.clock, view, 50_000, 2);
    const shown = view.current;
    first.collection.close();

    const second = setUp(first.dataDir);
    second.clock.set(first.clock.now() + 15_000);
    const again = second.call('mock.current', { sessionId });
    expect(again.current).toMatchObject({ position: 2, shownAt: shown?.shownAt, elapsedMs: 15_000 });
    expect(second.call('mock.sections', { deckId: 1 }).running).toEqual({ sessionId, position: 2, total: 2 });
    second.call('mock.done', { sessionId, position: 2, timeTakenMs: 15_000 });
    second.call('mock.grade', { sessionId, position: 2, rating: 3 });
    second.call('mock.end', { sessionId });
    second.collection.close();

    const third = setUp(first.dataDir);
    const summary = third.call('mock.summary', { sessionId });
    expect(summary.questions.map((q) => [q.timeTakenMs, q.rating])).toEqual([
      [50_000, 2],
      [15_000, 3],
    ]);
    expect(third.call('mock.sections', { deckId: 1 }).running).toBeNull();
  });

  it('makes a leech as study does, and its undo, after a restart too, takes the tag and suspension back', () => {
    const first = setUp();
    first.call('presets.update', { presetId: 1, options: { leechThreshold: 1, leechAction: 'suspend' } });
    studyAnswer(first.call, 1, 4);
    first.clock.advance(10 * MS_PER_DAY);
    const tags = (collection: Collection) => findCard(collection.db, 1).tags;
    let view = first.call('mock.start', { deckId: 1, sectionIds: [CORE], count: 10, order: 'weakest', seed: 1 });
    // card 1, the one studied, comes last: the others are new
    for (let i = 0; i < 9; i++) view = answerAndGrade(first.call, first.clock, view, 5000, 3);
    expect(view.current?.cardId).toBe(1);
    view = answerAndGrade(first.call, first.clock, view, 5000, 1);
    expect(view.leech).toEqual({ tagged: true, suspended: true });
    expect(tags(first.collection)).toBe('leech');
    expect(findCard(first.collection.db, 1).suspended).toBe(1);
    first.collection.close();

    const second = setUp(first.dataDir);
    second.clock.set(first.clock.now());
    second.call('mock.undo', { sessionId: view.sessionId });
    expect(tags(second.collection)).toBe('');
    expect(findCard(second.collection.db, 1).suspended).toBe(0);
  });

  it('refuses to undo a grade whose card was answered since, changing nothing, and says why', () => {
    const { call, clock, collection } = setUp();
    let view = call('mock.start', { deckId: 1, sectionIds: [CORE], count: 2, order: 'random', seed: 2 });
    const cardId = view.current?.cardId as number;
    view = answerAndGrade(call, clock, view, 5000, 3);
    expect(view.canUndo).toBe(true);
    studyAnswer(call, cardId, 3);
    expect(call('mock.current', { sessionId: view.sessionId }).canUndo).toBe(false);
    const before = databaseDigest(collection.db);
    const refused = errorOf(() => call('mock.undo', { sessionId: view.sessionId }));
    expect(refused.code).toBe('nothing_to_undo');
    expect(refused.message).toBe(
      'In this mock interview its grades can no longer be undone: their cards were answered, changed or deleted since.',
    );
    expect(databaseDigest(collection.db)).toBe(before);
  });

  it('passes over a grade that can no longer be undone to the one before it', () => {
    const { call, clock, collection } = setUp();
    let view = call('mock.start', { deckId: 1, sectionIds: [CORE], count: 3, order: 'random', seed: 4 });
    const first = view.current?.cardId as number;
    view = answerAndGrade(call, clock, view, 5000, 2);
    const second = view.current?.cardId as number;
    view = answerAndGrade(call, clock, view, 5000, 3);
    // the second card is deleted in the browser: its grade stays, and undo reaches the first
    call('cards.delete', { cardIds: [second] });
    view = call('mock.undo', { sessionId: view.sessionId });
    expect(view.current).toMatchObject({ position: 1, cardId: first, phase: 'answered', rating: null });
    expect(view.canUndo).toBe(false);
    expect(reviewCount(collection)).toBe(0);
    expect(replayCard(collection.db, collection.scheduler, first)).toEqual(scheduleOf(findCard(collection.db, first)));
  });

  it('ends a running session of the deck when another starts', () => {
    const { call } = setUp();
    const old = call('mock.start', { deckId: 1, sectionIds: [CORE], count: 1, order: 'random', seed: 1 });
    const fresh = call('mock.start', { deckId: 1, sectionIds: [CORE], count: 1, order: 'random', seed: 2 });
    expect(call('mock.current', { sessionId: old.sessionId })).toMatchObject({ ended: true, current: null });
    expect(call('mock.sections', { deckId: 1 }).running?.sessionId).toBe(fresh.sessionId);
  });
});

describe('answer times', () => {
  it('gives the median per section per week and beside each question', () => {
    const { call, clock } = setUp();
    const interview = (sectionIds: number[], times: number[]) => {
      let view = call('mock.start', { deckId: 1, sectionIds, count: times.length, order: 'random', seed: 11 });
      for (const ms of times) view = answerAndGrade(call, clock, view, ms, 3);
      call('mock.end', { sessionId: view.sessionId });
    };
    interview([CORE], [60_000, 100_000, 80_000]);
    clock.advance(7 * MS_PER_DAY);
    interview([CORE], [30_000, 50_000]);
    interview([DESIGN], [200_000]);
    const times = call('stats.answerTimes', { deckId: 1 });
    const week = (i: number, sectionId: number) => times.weeks.at(i)?.sections.find((s) => s.sectionId === sectionId);
    expect(times.weeks).toHaveLength(12);
    expect(week(-2, CORE)).toEqual({ sectionId: CORE, answers: 3, medianMs: 80_000 });
    expect(week(-1, CORE)).toEqual({ sectionId: CORE, answers: 2, medianMs: 40_000 });
    expect(week(-1, DESIGN)).toEqual({ sectionId: DESIGN, answers: 1, medianMs: 200_000 });
    expect(week(-1, DSA)).toEqual({ sectionId: DSA, answers: 0, medianMs: null });
    expect(times.sections.find((s) => s.sectionId === CORE)).toMatchObject({ answers: 5, medianMs: 60_000 });
    // the week before, as of then
    const then = call('stats.answerTimes', { deckId: 1, sectionId: CORE, at: '2026-03-02' });
    expect(then.sections).toEqual([{ sectionId: CORE, name: 'Core Concepts', answers: 3, medianMs: 80_000 }]);
    const next = call('mock.start', { deckId: 1, sectionIds: [CORE], count: 1, order: 'random', seed: 1 });
    expect(next.current?.medianMs).toBe(60_000);
    expect(call('mock.sections', { deckId: 1 }).sections[0].medianMs).toBe(60_000);
  });
});
