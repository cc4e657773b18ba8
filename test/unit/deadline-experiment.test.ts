/**
 * The deadline-mode experiment: does deadline mode leave more remembered on the date than ordinary
 * scheduling, with no more reviews? The same simulated learner (true memory: FSRS-6 with parameters
 * that are not Cue's, seeded draws) studies the bundled deck through the real study path for 14 days
 * without a target; that history is the same in both arms (same seed, same code path). Then a target
 * date 21 days ahead is set, with deadline mode on in one collection and off in the other, and the
 * learner goes on studying every day until the date under the same daily limits. Measured, not
 * assumed: the answers given in the 21 days (every answer, learning steps and relapses included),
 * Cue's predicted recall on the date (readiness.get, "if you stop now", computed on the date) and
 * the learner's true recall on the date. Five learners (seeds); the figures are printed.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dayNumber, dayStart, dayToIsoDate } from '../../electron/core/days';
import { openTestCollection, TestClock } from '../helpers/collections';
import { SimulatedLearner } from '../helpers/simulated-learner';

const START = Date.UTC(2026, 2, 2, 10, 0);
const HISTORY_DAYS = 14;
const DAYS_TO_DATE = 21;
const SEEDS = [1, 2, 3, 4, 5];

interface Outcome {
  answers: number;
  predicted: number;
  trueRecall: number;
}

function arm(seed: number, deadlineMode: boolean): Outcome {
  const clock = new TestClock(START);
  const collection: Collection = openTestCollection(clock);
  const learner = new SimulatedLearner(seed);
  const first = dayNumber(START, collection.boundary);
  for (let day = first; day < first + HISTORY_DAYS; day++) learner.studyDay(collection, clock, 1, day);
  const targetDay = first + HISTORY_DAYS + DAYS_TO_DATE;
  const date = dayToIsoDate(targetDay);
  collection.handlers['readiness.setTarget']({ deckId: 1, date, deadlineMode });
  let answers = 0;
  for (let day = first + HISTORY_DAYS; day < targetDay; day++) answers += learner.studyDay(collection, clock, 1, day);
  clock.set(dayStart(targetDay, collection.boundary));
  const predicted = collection.handlers['readiness.get']({ deckId: 1 }).deck.recallIfStopped;
  const ids = collection.db.prepare('SELECT id FROM cards WHERE deck_id = 1').pluck().all() as number[];
  const trueRecall = ids.reduce((sum, id) => sum + learner.trueRecall(id, clock.now()), 0) / ids.length;
  return { answers, predicted, trueRecall };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('deadline mode against ordinary scheduling, same learner, history and limits', () => {
  it('leaves more predicted recall on the date with no more reviews', () => {
    const deadline = SEEDS.map((seed) => arm(seed, true));
    const ordinary = SEEDS.map((seed) => arm(seed, false));
    const summary = (outcomes: Outcome[]) => ({
      answers: outcomes.reduce((sum, o) => sum + o.answers, 0),
      predicted: Number(mean(outcomes.map((o) => o.predicted)).toFixed(4)),
      trueRecall: Number(mean(outcomes.map((o) => o.trueRecall)).toFixed(4)),
    });
    const result = { deadline: summary(deadline), ordinary: summary(ordinary) };
    console.log(`deadline experiment over ${SEEDS.length} learners: ${JSON.stringify(result)}`);
    expect(result.deadline.predicted).toBeGreaterThan(result.ordinary.predicted);
    expect(result.deadline.answers).toBeLessThanOrEqual(result.ordinary.answers);
  }, 120_000);
});
