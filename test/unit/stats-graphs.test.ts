/** The statistics graphs' data, on a history worked out by hand. */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY } from '../../electron/core/days';
import type { Rating } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

// 10:00 UTC, the day starting at 4:00
const START = Date.UTC(2026, 2, 2, 10, 0);

function idOf(collection: Collection, key: string): number {
  return collection.db.prepare('SELECT id FROM cards WHERE key = ?').pluck().get(key) as number;
}

function answer(collection: Collection, key: string, rating: Rating, durationMs: number) {
  collection.handlers['study.answer']({ deckId: 1, cardId: idOf(collection, key), rating, durationMs });
}

function column(collection: Collection, key: string, name: string): number {
  return collection.db.prepare(`SELECT ${name} FROM cards WHERE key = ?`).pluck().get(key) as number;
}

/** Day 0: dsa-01 and dsa-02 Easy (8-day reviews), core-01 Good (learning); day 4: dsa-01 Good, dsa-02 Again. */
function history() {
  const clock = new TestClock(START);
  const collection = openTestCollection(clock);
  collection.db.prepare("UPDATE cards SET created_at = ? WHERE key LIKE 'behavioral-%'").run(START - 2 * MS_PER_DAY);
  answer(collection, 'dsa-01', 4, 10_000);
  answer(collection, 'dsa-02', 4, 20_000);
  answer(collection, 'core-01', 3, 5_000);
  clock.advance(4 * MS_PER_DAY);
  answer(collection, 'dsa-01', 3, 7_000);
  answer(collection, 'dsa-02', 1, 9_000);
  return { clock, collection };
}

const graphs = (collection: Collection, query: { sectionId?: number; days?: number } = {}) =>
  collection.handlers['stats.graphs']({ deckId: 1, days: 7, ...query });

describe('the statistics graphs', () => {
  it('answers and time per study day by kind of card, every day of the period', () => {
    const { collection } = history();
    const { reviews, from, to } = graphs(collection);
    expect([from, to]).toEqual(['2026-02-28', '2026-03-06']);
    expect(reviews.map((day) => day.date)).toEqual([
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
    ]);
    expect(reviews[2]).toEqual({
      date: '2026-03-02',
      count: { learning: 3, young: 0, mature: 0, relearning: 0 },
      timeMs: { learning: 35_000, young: 0, mature: 0, relearning: 0 },
    });
    expect(reviews[6]).toEqual({
      date: '2026-03-06',
      count: { learning: 0, young: 2, mature: 0, relearning: 0 },
      timeMs: { learning: 0, young: 16_000, mature: 0, relearning: 0 },
    });
    expect(reviews.filter((day) => day.date !== '2026-03-02' && day.date !== '2026-03-06')).toEqual(
      expect.arrayContaining([expect.objectContaining({ count: { learning: 0, young: 0, mature: 0, relearning: 0 } })]),
    );
    // an undone answer leaves the day's tally
    collection.handlers['study.undo']({ deckId: 1 });
    expect(graphs(collection).reviews[6]?.count.young).toBe(1);
  });

  it('cards added per study day', () => {
    const { collection } = history();
    const added = graphs(collection).added;
    expect(added.find((day) => day.date === '2026-02-28')?.cards).toBe(10);
    expect(added.find((day) => day.date === '2026-03-02')?.cards).toBe(40);
    expect(added.reduce((sum, day) => sum + day.cards, 0)).toBe(50);
    expect(graphs(collection, { days: 5 }).added.reduce((sum, day) => sum + day.cards, 0)).toBe(40);
  });

  it('histograms of intervals, stability, difficulty (0 to 1) and recall now, with medians', () => {
    const { collection } = history();
    const { intervals, stability, difficulty, retrievability } = graphs(collection);
    // dsa-01 is the only review card left: Good after Easy, some weeks out; dsa-02 lapsed into relearning
    expect(intervals.cards).toBe(1);
    const interval = column(collection, 'dsa-01', 'scheduled_days');
    expect(intervals.median).toBe(interval);
    expect(intervals.buckets.find((b) => b.cards === 1)).toMatchObject(
      interval < 14 ? { from: 7, to: 14 } : interval < 21 ? { from: 14, to: 21 } : { from: 21, to: 30 },
    );
    expect(intervals.buckets.at(-1)).toEqual({ from: 365, to: null, cards: 0 });
    // three studied cards: core-01 learning (stability of a first Good, between 2 and 3 days)
    expect(stability.cards).toBe(3);
    expect(stability.buckets.find((b) => b.from === 2)?.cards).toBe(1);
    expect(stability.median).toBe(
      [
        column(collection, 'dsa-01', 'stability'),
        column(collection, 'dsa-02', 'stability'),
        column(collection, 'core-01', 'stability'),
      ].sort((a, b) => a - b)[1],
    );
    expect(difficulty.unit).toBe('share');
    expect(difficulty.buckets).toHaveLength(10);
    const scaled = (key: string) => (column(collection, key, 'difficulty') - 1) / 9;
    for (const key of ['dsa-01', 'dsa-02', 'core-01']) {
      const bucket = difficulty.buckets.find((b) => scaled(key) >= b.from && (b.to === 1 || scaled(key) < (b.to ?? 2)));
      expect(bucket?.cards, key).toBeGreaterThan(0);
    }
    expect(difficulty.buckets.reduce((sum, b) => sum + b.cards, 0)).toBe(3);
    // all three were answered today or are due soon: recall now is high; none is below a half
    expect(retrievability.buckets).toHaveLength(20);
    expect(retrievability.cards).toBe(3);
    expect(retrievability.buckets.slice(0, 10).every((b) => b.cards === 0)).toBe(true);
  });

  it('a value on an edge counts in the bucket it starts; the largest share counts in the last', () => {
    const collection = openTestCollection(new TestClock(START));
    const set = collection.db.prepare(
      'UPDATE cards SET state = 2, scheduled_days = ?, stability = ?, difficulty = ?, last_review = ? WHERE key = ?',
    );
    set.run(7, 14, 10, START, 'dsa-01');
    set.run(365, 1, 1, START, 'dsa-02');
    const { intervals, stability, difficulty } = graphs(collection);
    const at = (h: typeof intervals, from: number) => h.buckets.find((b) => b.from === from)?.cards;
    expect([at(intervals, 7), at(intervals, 3), at(intervals, 365)]).toEqual([1, 0, 1]);
    expect([at(stability, 14), at(stability, 7), at(stability, 1), at(stability, 0)]).toEqual([1, 0, 1, 0]);
    expect([at(difficulty, 0.9), at(difficulty, 0)]).toEqual([1, 1]);
    expect(intervals.median).toBe(186);
  });

  it('recall a while after the last answer falls into its bucket: half a stability later, 90 to 95%', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    answer(collection, 'dsa-01', 4, 10_000);
    clock.advance((column(collection, 'dsa-01', 'stability') / 2) * MS_PER_DAY);
    const { retrievability } = graphs(collection);
    expect(retrievability.buckets.find((b) => b.cards === 1)).toMatchObject({ from: 0.9, to: 0.95 });
  });

  it('calibration bins the first answers of review cards by the recall predicted before them', () => {
    const { collection } = history();
    const logged = collection.db
      .prepare('SELECT retrievability FROM review_log WHERE kind = 1 ORDER BY id')
      .pluck()
      .all() as number[];
    expect(logged).toHaveLength(2);
    const bin = Math.floor((logged[0] ?? 0) * 10);
    expect(Math.floor((logged[1] ?? 0) * 10)).toBe(bin);
    const calibration = graphs(collection).calibration;
    expect(calibration).toHaveLength(10);
    expect(calibration[bin]).toEqual({
      from: bin / 10,
      to: (bin + 1) / 10,
      reviews: 2,
      predicted: expect.closeTo(((logged[0] ?? 0) + (logged[1] ?? 0)) / 2, 10),
      actual: 0.5,
    });
    expect(calibration.filter((b, i) => i !== bin).every((b) => b.reviews === 0 && b.actual === null)).toBe(true);
    // learning answers are not predictions of a review: a period without the review day has none
    expect(graphs(collection, { days: 1 }).calibration.every((b) => b.reviews === 2 || b.reviews === 0)).toBe(true);
  });

  it('are scoped to a section, and say so when the deck or section is not there', () => {
    const { collection } = history();
    const sections = collection.handlers['decks.list']({})[0]?.sections ?? [];
    const core = sections.find((s) => s.key === 'core')?.id ?? 0;
    const scoped = graphs(collection, { sectionId: core });
    expect(scoped.sectionId).toBe(core);
    expect(scoped.stability.cards).toBe(1);
    expect(scoped.reviews[2]?.count.learning).toBe(1);
    expect(scoped.calibration.every((b) => b.reviews === 0)).toBe(true);
    expect(thrown(CueError, () => collection.handlers['stats.graphs']({ deckId: 9, days: 7 })).code).toBe('not_found');
    expect(thrown(CueError, () => graphs(collection, { sectionId: 999 })).message).toContain('has no section 999');
  });
});
