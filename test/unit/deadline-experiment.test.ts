/**
 * The deadline-mode experiment: does deadline mode leave more remembered on the date than ordinary
 * scheduling, with no more reviews? The same simulated learner (true memory: FSRS-6 with parameters
 * that are not Cue's, seeded draws) studies the bundled deck through the real study path for some
 * days without a target; that history is the same in both arms (same seed, same code path). Then a
 * target date is set, with deadline mode on in one collection and off in the other, and the learner
 * goes on studying every day until the date under the same daily limits (the Default preset's).
 * Measured, not assumed: the answers given until the date (every answer, learning steps and lapses
 * included), Cue's predicted recall on the date (readiness.get, "if you stop now", computed on the
 * date) and the learner's true recall on the date. Five learners (seeds) each; the figures are printed.
 *
 * With two weeks or more of history, deadline mode gets more recall from no more answers, also when a
 * review limit binds (deadline mode then reviews least recall on the date first, and moves no review
 * onto a day the limit is already filled). With a date
 * close to the first study day it gets much more recall for more answers (every card reviewed twice
 * before the date, reviews brought forward), still within the daily limits: that case is measured too.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dayNumber, dayStart, dayToIsoDate } from '../../electron/core/days';
import { openTestCollection, TestClock } from '../helpers/collections';
import { SimulatedLearner } from '../helpers/simulated-learner';

const START = Date.UTC(2026, 2, 2, 10, 0);
const SEEDS = [1, 2, 3, 4, 5];
const REVIEWS_PER_DAY = 200;

interface Outcome {
  answers: number;
  predicted: number;
  trueRecall: number;
}

interface Scenario {
  historyDays: number;
  daysToDate: number;
  /** The deck's own daily limits, from the first day; the Default preset's when absent. */
  limits?: { newLimit: number; reviewLimit: number };
}

function arm(
  seed: number,
  deadlineMode: boolean,
  { historyDays, daysToDate, limits }: Scenario,
): Outcome & { busiest: number } {
  const clock = new TestClock(START);
  const collection: Collection = openTestCollection(clock);
  if (limits) collection.handlers['decks.setLimits']({ deckId: 1, ...limits });
  const learner = new SimulatedLearner(seed);
  const first = dayNumber(START, collection.boundary);
  for (let day = first; day < first + historyDays; day++) learner.studyDay(collection, clock, 1, day);
  const targetDay = first + historyDays + daysToDate;
  const date = dayToIsoDate(targetDay);
  collection.handlers['readiness.setTarget']({ deckId: 1, date, deadlineMode });
  let answers = 0;
  let busiest = 0;
  for (let day = first + historyDays; day < targetDay; day++) {
    const today = learner.studyDay(collection, clock, 1, day);
    answers += today;
    busiest = Math.max(busiest, today);
  }
  clock.set(dayStart(targetDay, collection.boundary));
  const predicted = collection.handlers['readiness.get']({ deckId: 1 }).deck.recallIfStopped;
  const ids = collection.db.prepare('SELECT id FROM cards WHERE deck_id = 1').pluck().all() as number[];
  const trueRecall = ids.reduce((sum, id) => sum + learner.trueRecall(id, clock.now()), 0) / ids.length;
  return { answers, predicted, trueRecall, busiest };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function compare(scenario: Scenario) {
  const deadline = SEEDS.map((seed) => arm(seed, true, scenario));
  const ordinary = SEEDS.map((seed) => arm(seed, false, scenario));
  const summary = (outcomes: ReturnType<typeof arm>[]) => ({
    answers: outcomes.reduce((sum, o) => sum + o.answers, 0),
    predicted: Number(mean(outcomes.map((o) => o.predicted)).toFixed(4)),
    trueRecall: Number(mean(outcomes.map((o) => o.trueRecall)).toFixed(4)),
    busiestDay: Math.max(...outcomes.map((o) => o.busiest)),
  });
  const result = { deadline: summary(deadline), ordinary: summary(ordinary) };
  console.log(
    `deadline experiment, ${scenario.historyDays} days of history, date ${scenario.daysToDate} days ahead, ` +
      `${scenario.limits ? `limits ${JSON.stringify(scenario.limits)}, ` : ''}` +
      `${SEEDS.length} learners: ${JSON.stringify(result)}`,
  );
  return result;
}

describe('deadline mode against ordinary scheduling, same learner, history and limits', () => {
  it('leaves more predicted recall on the date with no more reviews, after two weeks of study', () => {
    const result = compare({ historyDays: 14, daysToDate: 21 });
    expect(result.deadline.predicted).toBeGreaterThan(result.ordinary.predicted);
    expect(result.deadline.trueRecall).toBeGreaterThan(result.ordinary.trueRecall);
    expect(result.deadline.answers).toBeLessThanOrEqual(result.ordinary.answers);
  }, 120_000);

  it('does so too with a month of history and a date two weeks ahead', () => {
    const result = compare({ historyDays: 30, daysToDate: 14 });
    expect(result.deadline.predicted).toBeGreaterThan(result.ordinary.predicted);
    expect(result.deadline.answers).toBeLessThanOrEqual(result.ordinary.answers);
  }, 120_000);

  it('does so too when a review limit of 8 a day binds', () => {
    const result = compare({ historyDays: 14, daysToDate: 21, limits: { newLimit: 10, reviewLimit: 8 } });
    expect(result.deadline.predicted).toBeGreaterThan(result.ordinary.predicted);
    expect(result.deadline.answers).toBeLessThanOrEqual(result.ordinary.answers);
  }, 120_000);

  it('buys much more recall with more reviews, within the limits, when the date is near the start', () => {
    const result = compare({ historyDays: 3, daysToDate: 10 });
    expect(result.deadline.predicted).toBeGreaterThan(result.ordinary.predicted + 0.03);
    expect(result.deadline.trueRecall).toBeGreaterThan(result.ordinary.trueRecall + 0.03);
    expect(result.deadline.answers).toBeGreaterThan(result.ordinary.answers);
    expect(result.deadline.busiestDay).toBeLessThanOrEqual(REVIEWS_PER_DAY);
  }, 120_000);
});
