/**
 * Deadline mode in the scheduler path: the rule on hand-made memory states, intervals recorded with
 * their answers and replayed (through undo, delete and its undo), the study screen's previews showing
 * them, and ordinary scheduling from the date on with nothing special.
 */
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { dayNumber, dayStart, dayToIsoDate } from '../../electron/core/days';
import { deadlineIntervalDays, expectedRecallOnDate } from '../../electron/core/readiness/deadline-interval';
import { findCard, replayCard } from '../../electron/core/review-log';
import { type Schedule, Scheduler, STATE } from '../../electron/core/scheduler';
import { memoryModel } from '../../electron/core/simulate/workload';
import { openTestCollection, TestClock } from '../helpers/collections';
import { SimulatedLearner } from '../helpers/simulated-learner';

const START = Date.UTC(2026, 2, 2, 10, 0);
const BOUNDARY = { timeZone: 'UTC', rolloverHour: 4 };
const scheduler = Scheduler.for({
  boundary: BOUNDARY,
  desiredRetention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumInterval: 36500,
  fuzz: false,
});
const today = dayNumber(START, BOUNDARY);

function review(stability: number, scheduledDays: number): Schedule {
  return {
    state: STATE.review,
    due: dayStart(today + scheduledDays, BOUNDARY),
    stability,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays,
    learningSteps: 0,
    reps: 5,
    lapses: 0,
    lastReview: START,
  };
}

function expectEveryCardToEqualItsReplay(collection: Collection): void {
  const ids = collection.db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
  for (const id of ids) {
    const replayed = replayCard(collection.db, collection.scheduler, id);
    expect(replayed, `card ${id}`).toEqual(scheduleOf(findCard(collection.db, id)));
  }
}

describe('the deadline rule', () => {
  const model = memoryModel(default_w);
  const plan = (days: number) => ({ targetDay: today + days, answeredDays: 5 });

  it('brings forward a review that would fall after the date with recall on it below the retention', () => {
    // S = 20 at 90%: due in 20 days; the date is in 30, when recall would be about 0.86
    const after = review(20, 20);
    const days = deadlineIntervalDays(scheduler, { ...after, scheduledDays: 35 }, START, plan(30));
    expect(days).not.toBeNull();
    expect(days).toBeLessThan(30);
    const unreviewed = model.recall(30, 20);
    expect(unreviewed).toBeLessThan(0.9);
    expect(expectedRecallOnDate(model, 20, 5, today, today + (days ?? 0), today + 30)).toBeGreaterThan(unreviewed);
  });

  it('moves the last review before the date nearer to it, and keeps a review that is not the last', () => {
    // due in 10 days, the date in 14: a review on day 10 would be the last; a later one counts more
    const days = deadlineIntervalDays(scheduler, review(10, 10), START, plan(14));
    expect(days).toBeGreaterThan(10);
    expect(days).toBeLessThan(14);
    // due in 3 days of 60: reviews after it come before the date too
    expect(deadlineIntervalDays(scheduler, review(3, 3), START, plan(60))).toBeNull();
  });

  it('leaves a card alone that needs nothing, the day before the date, and learning cards', () => {
    expect(deadlineIntervalDays(scheduler, review(200, 180), START, plan(10))).toBeNull();
    expect(deadlineIntervalDays(scheduler, review(2, 2), START, plan(1))).toBeNull();
    const learning = { ...review(2, 0), state: STATE.learning } as Schedule;
    expect(deadlineIntervalDays(scheduler, learning, START, plan(10))).toBeNull();
  });

  it('moves no review onto a day the review limit is already filled', () => {
    const free = deadlineIntervalDays(scheduler, review(10, 10), START, plan(14));
    const full = (day: number) => day === today + (free ?? 0);
    const moved = deadlineIntervalDays(scheduler, review(10, 10), START, { ...plan(14), isFull: full });
    expect(moved).not.toBe(free);
    // every later day full: the scheduler's own interval stands
    const allFull = deadlineIntervalDays(scheduler, review(10, 10), START, { ...plan(14), isFull: () => true });
    expect(allFull).toBeNull();
  });

  it('leaves room for two reviews before the date after a card is first seen', () => {
    const fresh = { targetDay: today + 6, answeredDays: 1 };
    // an interval of 5 would leave one review day; 4 leaves two (days 4 and 5)
    expect(deadlineIntervalDays(scheduler, review(8, 5), START, fresh)).toBeLessThanOrEqual(4);
  });
});

/** The learner studies deck 1 from `from` for `days` days. */
function study(collection: Collection, clock: TestClock, learner: SimulatedLearner, from: number, days: number) {
  for (let day = from; day < from + days; day++) learner.studyDay(collection, clock, 1, day);
}

function deadlineRows(collection: Collection): { review_id: number; study_day: number }[] {
  return collection.db
    .prepare(
      'SELECT d.review_id, r.study_day FROM deadline_intervals d JOIN review_log r ON r.id = d.review_id ORDER BY 1',
    )
    .all() as { review_id: number; study_day: number }[];
}

/** Answers the next day's cards until one gets a deadline interval, then undoes that answer. */
function expectUndoToKeepReplay(collection: Collection, clock: TestClock, learner: SimulatedLearner): void {
  clock.set(dayStart(dayNumber(clock.now(), collection.boundary) + 1, collection.boundary) + 6 * 3_600_000);
  const count = deadlineRows(collection).length;
  for (let card = collection.handlers['study.next']({ deckId: 1 }).card; card; ) {
    const result = collection.handlers['study.answer']({
      deckId: 1,
      cardId: card.id,
      rating: learner.answer(card.id, clock.now()),
      durationMs: 8000,
    });
    if (deadlineRows(collection).length > count) {
      collection.handlers['study.undo']({ deckId: 1 });
      const undone = collection.db
        .prepare('SELECT undone_at FROM review_log WHERE id = ?')
        .pluck()
        .get(result.reviewId);
      expect(undone).not.toBeNull();
      expectEveryCardToEqualItsReplay(collection);
      return;
    }
    card = result.next.card;
  }
  throw new Error('no answer got a deadline interval');
}

describe('deadline mode while studying', () => {
  it('records the intervals it sets, and replay gives every card the same state', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const learner = new SimulatedLearner(3);
    study(collection, clock, learner, today, 5);
    collection.handlers['readiness.setTarget']({ deckId: 1, date: dayToIsoDate(today + 25) });
    study(collection, clock, learner, today + 5, 15);
    const rows = deadlineRows(collection);
    expect(rows.length).toBeGreaterThan(5);
    expectEveryCardToEqualItsReplay(collection);
    // each recorded interval is what the card's row says after that answer
    for (const { review_id } of rows.slice(0, 5)) {
      const logged = collection.db
        .prepare(
          'SELECT r.scheduled_days_after, d.days FROM review_log r JOIN deadline_intervals d ON d.review_id = r.id WHERE r.id = ?',
        )
        .get(review_id) as { scheduled_days_after: number; days: number };
      expect(logged.scheduled_days_after).toBe(logged.days);
    }
  });

  it('keeps them through a reschedule with the same options: no card moves', async () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const learner = new SimulatedLearner(3);
    study(collection, clock, learner, today, 5);
    collection.handlers['readiness.setTarget']({ deckId: 1, date: dayToIsoDate(today + 25) });
    study(collection, clock, learner, today + 5, 10);
    const planned = deadlineRows(collection).map((row) => row.review_id);
    expect(planned.length).toBeGreaterThan(3);
    const dueOf = () => collection.db.prepare('SELECT id, due FROM cards ORDER BY id').all();
    const before = dueOf();
    await collection.handlers['presets.reschedule']({ presetId: 1 });
    expect(dueOf()).toEqual(before);
    expectEveryCardToEqualItsReplay(collection);
  });

  it('keeps them through delete and its undo, and an undone answer leaves its row with the log', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const learner = new SimulatedLearner(4);
    study(collection, clock, learner, today, 5);
    collection.handlers['readiness.setTarget']({ deckId: 1, date: dayToIsoDate(today + 25) });
    study(collection, clock, learner, today + 5, 10);
    const [first] = deadlineRows(collection);
    const cardId = collection.db.prepare('SELECT card_id FROM review_log WHERE id = ?').pluck().get(first.review_id);
    const before = scheduleOf(findCard(collection.db, cardId as number));
    const count = deadlineRows(collection).length;
    const { batch } = collection.handlers['cards.delete']({ cardIds: [cardId as number] });
    expect(deadlineRows(collection).length).toBeLessThan(count);
    collection.handlers['cards.restore']({ batch });
    expect(deadlineRows(collection)).toHaveLength(count);
    expect(scheduleOf(findCard(collection.db, cardId as number))).toEqual(before);
    expectEveryCardToEqualItsReplay(collection);
    // the rows are append-only
    expect(() => collection.db.prepare('UPDATE deadline_intervals SET days = 1').run()).toThrow(/append-only/);
    expect(() => collection.db.prepare('DELETE FROM deadline_intervals').run()).toThrow(/leave only/);
    expectUndoToKeepReplay(collection, clock, learner);
  });

  it("shows the intervals it sets in the answer buttons' previews", () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const learner = new SimulatedLearner(5);
    study(collection, clock, learner, today, 5);
    collection.handlers['readiness.setTarget']({ deckId: 1, date: dayToIsoDate(today + 25) });
    let shortened = 0;
    for (let day = today + 5; day < today + 20; day++) {
      clock.set(dayStart(day, collection.boundary) + 6 * 3_600_000);
      for (;;) {
        // asked afresh at the moment of the answer, as the screen shows it
        const card = collection.handlers['study.next']({ deckId: 1 }).card;
        if (!card) break;
        const ordinary = collection.scheduler.preview(
          card.id,
          scheduleOf(findCard(collection.db, card.id)),
          clock.now(),
        );
        const rating = learner.answer(card.id, clock.now());
        const shown = card.previews.find((p) => p.rating === rating)?.due;
        if (shown !== ordinary[rating].due) shortened++;
        const result = collection.handlers['study.answer']({ deckId: 1, cardId: card.id, rating, durationMs: 8000 });
        expect(result.due).toBe(shown);
        clock.advance(8000);
      }
    }
    expect(shortened).toBeGreaterThan(0);
  });

  it('brings forward a card already due after the date when the date is set, as a logged due date', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const card = collection.handlers['study.next']({ deckId: 1 }).card;
    if (!card) throw new Error('no card');
    collection.handlers['study.answer']({ deckId: 1, cardId: card.id, rating: 4, durationMs: 4000 });
    collection.handlers['cards.bulk']({
      cardIds: [card.id],
      change: { action: 'setDue', date: dayToIsoDate(today + 40) },
    });
    const due = () => findCard(collection.db, card.id).due;
    // deadline mode off: nothing moves
    collection.handlers['readiness.setTarget']({ deckId: 1, date: dayToIsoDate(today + 30), deadlineMode: false });
    expect(due()).toBe(dayStart(today + 40, collection.boundary));
    collection.handlers['readiness.setTarget']({ deckId: 1, date: dayToIsoDate(today + 30) });
    expect(due()).toBeLessThan(dayStart(today + 30, collection.boundary));
    expect(due()).toBeGreaterThan(dayStart(today, collection.boundary));
    const events = collection.db.prepare("SELECT count(*) FROM card_events WHERE kind = 'set_due'").pluck().get();
    expect(events).toBe(2);
    expectEveryCardToEqualItsReplay(collection);
    const line = collection.handlers['readiness.get']({ deckId: 1 }).cards.find((c) => c.id === card.id);
    expect(line?.recallOnSchedule).toBeGreaterThan(line?.recallIfStopped ?? 1);
  });

  it('when the review limit holds reviews back, offers the one with least recall on the date first', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const learner = new SimulatedLearner(8);
    study(collection, clock, learner, today, 6);
    const targetDay = today + 20;
    const dateAt = dayStart(targetDay, collection.boundary);
    collection.handlers['decks.setLimits']({ deckId: 1, newLimit: 0, reviewLimit: 1 });
    // a day with several reviews due and room for one
    let day = today + 6;
    const dueOn = (d: number) =>
      collection.db
        .prepare('SELECT id FROM cards WHERE state = 2 AND due < ?')
        .pluck()
        .all(dayStart(d + 1, collection.boundary)) as number[];
    while (dueOn(day).length < 3) day++;
    clock.set(dayStart(day, collection.boundary) + 6 * 3_600_000);
    const recallOnDate = (id: number) =>
      collection.scheduler.retrievability(scheduleOf(findCard(collection.db, id)), dateAt) ?? 0;
    collection.handlers['readiness.setTarget']({ deckId: 1, date: dayToIsoDate(targetDay) });
    const due = dueOn(day);
    const deadline = collection.handlers['study.next']({ deckId: 1 }).card?.id;
    expect(due.length).toBeGreaterThan(1);
    expect(deadline).toBe([...due].sort((a, b) => recallOnDate(a) - recallOnDate(b))[0]);
  });

  it('schedules as ever from the date on, from the same history', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const learner = new SimulatedLearner(6);
    const targetDay = today + 12;
    collection.handlers['readiness.setTarget']({ deckId: 1, date: dayToIsoDate(targetDay) });
    study(collection, clock, learner, today, 12);
    expect(deadlineRows(collection).length).toBeGreaterThan(0);
    const firstAfter = collection.db.prepare('SELECT coalesce(max(id), 0) FROM review_log').pluck().get() as number;
    study(collection, clock, learner, targetDay, 30);
    expect(deadlineRows(collection).every((row) => row.study_day < targetDay)).toBe(true);
    // every answer from the date on is the scheduler's own, from the state the answers before it left
    const later = collection.db
      .prepare('SELECT id, card_id, reviewed_at, rating, due_after FROM reviews WHERE id > ? ORDER BY id')
      .all(firstAfter) as {
      id: number;
      card_id: number;
      reviewed_at: number;
      rating: 1 | 2 | 3 | 4;
      due_after: number;
    }[];
    expect(later.length).toBeGreaterThan(20);
    for (const answer of later.slice(0, 40)) {
      const before = collection.db
        .prepare(
          `SELECT state_before AS state, due_before AS due, stability_before AS stability, difficulty_before AS difficulty,
             elapsed_days_before AS elapsedDays, scheduled_days_before AS scheduledDays,
             learning_steps_before AS learningSteps, reps_before AS reps, lapses_before AS lapses,
             last_review_before AS lastReview FROM reviews WHERE id = ?`,
        )
        .get(answer.id) as Schedule;
      const ordinary = collection.scheduler.answer(answer.card_id, before, answer.reviewed_at, answer.rating);
      expect(answer.due_after, `answer ${answer.id}`).toBe(ordinary.due);
    }
    expectEveryCardToEqualItsReplay(collection);
  });
});
