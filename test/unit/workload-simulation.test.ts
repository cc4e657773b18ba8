/**
 * The workload simulation: FSRS's own formulas (checked against ts-fsrs), the preset's limits, time
 * costs from the person's history, the same figures for the same input, and the `simulate` method.
 */
import { default_w, FSRSAlgorithm, forgetting_curve, generatorParameters } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { answerCosts } from '../../electron/core/simulate/preset-workload';
import {
  ANKI_COSTS,
  ANKI_FIRST_RATING_ODDS,
  ANKI_RECALL_RATING_ODDS,
  bestRetention,
  memoryModel,
  type StartCard,
  simulateWorkload,
  type WorkloadSettings,
} from '../../electron/core/simulate/workload';
import { SIMULATED_RETENTIONS } from '../../shared/simulate';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

const SETTINGS: WorkloadSettings = {
  weights: default_w,
  days: 120,
  newPerDay: 10,
  reviewsPerDay: 9999,
  newIgnoresReviewLimit: false,
  maximumInterval: 36500,
  learningStepCount: 2,
  relearningStepCount: 1,
  costs: ANKI_COSTS,
  firstRatingOdds: ANKI_FIRST_RATING_ODDS,
  recallRatingOdds: ANKI_RECALL_RATING_ODDS,
  seed: 7,
};

/** Cards studied before: stabilities from a day to a few months, some overdue. */
function studiedCards(count: number): StartCard[] {
  return Array.from({ length: count }, (_, i) => {
    const stability = 1 + (i % 40) * 2.5;
    const lastDay = -(i % 30);
    return { stability, difficulty: 3 + (i % 6), lastDay, dueDay: Math.max(0, lastDay + Math.round(stability)) };
  });
}

describe('the memory model', () => {
  it('is FSRS-6 as ts-fsrs computes it, with the parameters given', () => {
    const weights = default_w.map((w, i) => (i === 20 ? 0.35 : w));
    const model = memoryModel(weights);
    for (const [t, s] of [
      [0, 1],
      [3, 2.5],
      [30, 10],
      [400, 90],
    ]) {
      expect(model.recall(t, s)).toBeCloseTo(forgetting_curve(weights, t, s), 7);
    }
    // clipped as the scheduler clips them: w17 and w18's bound depends on the number of relearning steps
    const steep = default_w.map((w, i) => (i === 17 || i === 18 ? 1.5 : w));
    const threeSteps = new FSRSAlgorithm(
      generatorParameters({ w: steep, relearning_steps: ['10m', '1h', '1d'], enable_short_term: true }),
    );
    expect(memoryModel(steep, 3).w).toEqual(threeSteps.parameters.w);
    expect(memoryModel(steep, 3).w[17]).toBeLessThan(memoryModel(steep, 1).w[17]);
    const reference = new FSRSAlgorithm(generatorParameters({ w: weights, request_retention: 0.85 }));
    const modifier = reference.interval_modifier;
    expect(Math.round(20 * modifier)).toBe(Math.round(20 * ((0.85 ** (1 / model.decay) - 1) / model.factor)));
  });
});

describe('simulateWorkload', () => {
  it('gives the same figures for the same input, and others for another seed', () => {
    const start = studiedCards(300);
    const once = simulateWorkload(start, 200, SETTINGS, [0.8, 0.9]);
    expect(simulateWorkload(start, 200, SETTINGS, [0.8, 0.9])).toEqual(once);
    expect(simulateWorkload(start, 200, { ...SETTINGS, seed: 8 }, [0.8, 0.9])).not.toEqual(once);
  });

  it('costs more and keeps more in memory the higher the retention', () => {
    const rows = simulateWorkload(studiedCards(400), 400, SETTINGS, [0.7, 0.8, 0.9, 0.97]);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].reviewsPerDay).toBeGreaterThan(rows[i - 1].reviewsPerDay);
      expect(rows[i].minutesPerDay).toBeGreaterThan(rows[i - 1].minutesPerDay);
      expect(rows[i].remembered).toBeGreaterThan(rows[i - 1].remembered);
    }
    // never more remembered than cards introduced (all 800 within 40 days at 10 a day)
    expect(rows[3].remembered).toBeLessThan(800);
    expect(rows[3].remembered).toBeGreaterThan(0.9 * 800);
  });

  it('introduces new cards at the daily limit, and only as many as there are', () => {
    const [slow] = simulateWorkload([], 1000, { ...SETTINGS, days: 30, newPerDay: 5 }, [0.9]);
    // 150 cards learnt; their reviews come on top of the 5 new a day
    expect(slow.remembered).toBeLessThan(150);
    expect(slow.remembered).toBeGreaterThan(120);
    expect(slow.reviewsPerDay).toBeGreaterThan(5);
    const [few] = simulateWorkload([], 20, { ...SETTINGS, days: 30, newPerDay: 50 }, [0.9]);
    expect(few.remembered).toBeLessThan(20);
    expect(few.remembered).toBeGreaterThan(16);
    const [none] = simulateWorkload([], 20, { ...SETTINGS, newPerDay: 0 }, [0.9]);
    expect(none).toEqual({ retention: 0.9, reviewsPerDay: 0, minutesPerDay: 0, remembered: 0 });
  });

  it('stops at the review limit, new cards counting against it unless they are set not to', () => {
    const start = studiedCards(2000);
    const limited = { ...SETTINGS, reviewsPerDay: 30, newPerDay: 10 };
    const [capped] = simulateWorkload(start, 500, limited, [0.95]);
    expect(capped.reviewsPerDay).toBeLessThanOrEqual(30);
    expect(capped.reviewsPerDay).toBeGreaterThan(29);
    const [apart] = simulateWorkload(start, 500, { ...limited, newIgnoresReviewLimit: true }, [0.95]);
    expect(apart.reviewsPerDay).toBeGreaterThan(30);
    expect(apart.reviewsPerDay).toBeLessThanOrEqual(40);
  });

  it('counts the time each answer takes', () => {
    const doubled = {
      learning: ANKI_COSTS.learning.map((s) => 2 * s),
      review: ANKI_COSTS.review.map((s) => 2 * s),
      relearning: ANKI_COSTS.relearning.map((s) => 2 * s),
    } as unknown as WorkloadSettings['costs'];
    const [base] = simulateWorkload(studiedCards(200), 100, SETTINGS, [0.9]);
    const [slow] = simulateWorkload(studiedCards(200), 100, { ...SETTINGS, costs: doubled }, [0.9]);
    expect(slow.minutesPerDay).toBeCloseTo(2 * base.minutesPerDay, 6);
    expect(slow.reviewsPerDay).toBe(base.reviewsPerDay);
  });

  it('names the retention with the most remembered per minute as the best', () => {
    const rows = [
      { retention: 0.8, reviewsPerDay: 10, minutesPerDay: 5, remembered: 400 },
      { retention: 0.85, reviewsPerDay: 12, minutesPerDay: 6, remembered: 540 },
      { retention: 0.9, reviewsPerDay: 20, minutesPerDay: 10, remembered: 600 },
    ];
    expect(bestRetention(rows, 0.9)).toBe(0.85);
    expect(bestRetention([{ retention: 0.8, reviewsPerDay: 0, minutesPerDay: 0, remembered: 0 }], 0.9)).toBe(0.9);
  });
});

function answerAll(collection: Collection, rating: 1 | 3, durationMs: number): void {
  for (let cardId = 1; cardId <= 20; cardId++) {
    collection.handlers['study.answer']({ deckId: 1, cardId, rating, durationMs });
  }
}

describe('the simulate method', () => {
  it('simulates the bundled deck at every retention from 0.70 to 0.99, with the preset marked', async () => {
    const collection = openTestCollection(new TestClock(NOW));
    const result = await collection.handlers.simulate({ deckId: 1 });
    expect(result.presetId).toBe(1);
    expect(result.days).toBe(365);
    expect(result.current).toBe(0.9);
    expect(result.rows.map((row) => row.retention)).toEqual(SIMULATED_RETENTIONS);
    expect(result.rows[0].retention).toBe(0.7);
    expect(result.rows[29].retention).toBe(0.99);
    const rate = (row: (typeof result.rows)[number]) => row.remembered / row.minutesPerDay;
    const top = result.rows.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    expect(result.best).toBe(top.retention);
    // the 50 cards are all learnt at 20 a day; nearly all are remembered at 0.99
    expect(result.rows[29].remembered).toBeGreaterThan(45);
    expect(result.rows[29].remembered).toBeLessThanOrEqual(50);
  });

  it('tries options that are not saved', async () => {
    const collection = openTestCollection(new TestClock(NOW));
    const tried = await collection.handlers.simulate({ deckId: 1, options: { desiredRetention: 0.8, newPerDay: 0 } });
    expect(tried.current).toBe(0.8);
    expect(tried.rows.every((row) => row.reviewsPerDay === 0 && row.remembered === 0)).toBe(true);
    expect(tried.best).toBe(0.8);
    expect(collection.handlers['presets.get']({ presetId: 1 }).options).toMatchObject({
      desiredRetention: 0.9,
      newPerDay: 20,
    });
    const some = await collection.handlers.simulate({ deckId: 1, days: 30, retentions: [0.95, 0.8, 0.95] });
    expect(some.days).toBe(30);
    expect(some.rows.map((row) => row.retention)).toEqual([0.8, 0.95]);
  });

  it('simulates the cards of every deck using the preset, suspended ones left out', async () => {
    const collection = openTestCollection(new TestClock(NOW));
    const remembered = async () =>
      (await collection.handlers.simulate({ deckId: 1, days: 60, retentions: [0.99] })).rows[0].remembered;
    const all = await remembered();
    expect(all).toBeGreaterThan(45);
    collection.handlers['cards.bulk']({
      cardIds: Array.from({ length: 20 }, (_, i) => i + 1),
      change: { action: 'suspend' },
    });
    const fewer = await remembered();
    expect(fewer).toBeLessThan(30.5);
    expect(fewer).toBeGreaterThan(27);

    // a deck with its own preset counts only there; on Default it counts with the bundled deck
    const { deckId } = collection.handlers['decks.create']({ name: 'Spanish' });
    const { sectionId } = collection.handlers['sections.create']({ deckId, name: 'Verbs' });
    for (const verb of ['comer', 'ir', 'ser', 'tener', 'hacer', 'poder', 'decir', 'ver', 'dar', 'saber']) {
      collection.handlers['cards.create']({ sectionId, question: verb, answer: '…', tags: [] });
    }
    expect(await remembered()).toBeGreaterThan(fewer + 8);
    const own = collection.handlers['presets.create']({ name: 'Languages' });
    collection.handlers['presets.assign']({ deckId, presetId: own.id });
    expect(await remembered()).toBe(fewer);
    const spanish = await collection.handlers.simulate({ deckId, days: 60, retentions: [0.99] });
    expect(spanish.presetId).toBe(own.id);
    expect(spanish.rows[0].remembered).toBeLessThanOrEqual(10);
    expect(spanish.rows[0].remembered).toBeGreaterThan(8);
  });

  it('takes the time answers take from the review history', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    expect(answerCosts(collection.db, 1).costs).toEqual(ANKI_COSTS);
    // two steps of learning, then reviews three days later
    answerAll(collection, 3, 4000);
    clock.advance(10 * 60_000);
    answerAll(collection, 3, 4000);
    clock.advance(3 * MS_PER_DAY);
    answerAll(collection, 3, 7000);
    answerAll(collection, 1, 30_000);
    const { costs } = answerCosts(collection.db, 1);
    expect(costs.learning[2]).toBe(4);
    expect(costs.review[2]).toBe(7);
    expect(costs.review[0]).toBe(30);
    // too few answers of the rest to say: Anki's figures
    expect(costs.review[1]).toBe(ANKI_COSTS.review[1]);
    expect(costs.relearning).toEqual(ANKI_COSTS.relearning);
  });

  it('answers other calls while it runs, between two retentions', async () => {
    const collection = openTestCollection(new TestClock(NOW));
    const order: string[] = [];
    const simulated = collection.handlers.simulate({ deckId: 1 }).then(() => order.push('simulation'));
    // a call made after the simulation started is answered before it ends
    await new Promise<void>((resolve) => setImmediate(resolve));
    collection.handlers['study.next']({ deckId: 1 });
    order.push('study.next');
    await simulated;
    expect(order).toEqual(['study.next', 'simulation']);
  });

  it('refuses bad input with a message that says what is wrong', async () => {
    const collection = openTestCollection(new TestClock(NOW));
    const refusal = async (input: unknown) => {
      try {
        await dispatch(collection, 'simulate', input);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(await refusal({ deckId: 1, days: 0 })).toMatch(/Days must be at least 1/);
    expect(await refusal({ deckId: 1, retentions: [0.5] })).toMatch(/A retention must be at least 0.70/);
    expect(await refusal({ deckId: 1, options: { newPerDay: -1 } })).toMatch(/New cards a day must be at least 0/);
    expect(await refusal({ deckId: 99 })).toMatch(/There is no deck 99/);
  });
});
