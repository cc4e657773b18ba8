/** The statistics graphs' rows and labels: periods, grouping days into weeks and months, bins in words. */
import { describe, expect, it } from 'vitest';
import {
  binLabel,
  bucketLabel,
  calibrationGap,
  fromFirstWith,
  grainFor,
  grainLabel,
  grainStart,
  groupAdded,
  groupReviews,
  minutesOf,
  reviewsTotal,
} from '../../renderer/lib/graph-rows';
import { overflowOf } from '../../renderer/lib/scroll-cue';
import type { ReviewsDay } from '../../shared/stats';

function day(date: string, learning: number, young = 0, ms = 0): ReviewsDay {
  return {
    date,
    count: { learning, young, mature: 0, relearning: 0 },
    timeMs: { learning: ms, young: 0, mature: 0, relearning: 0 },
  };
}

describe('grouping the days of a period', () => {
  it('keeps days up to three months, then weeks up to a year, then months', () => {
    expect([30, 90, 92, 93, 365, 366, 367, 3650].map(grainFor)).toEqual([
      'day',
      'day',
      'day',
      'week',
      'week',
      'week',
      'month',
      'month',
    ]);
  });

  it('starts a week on its Monday and a month on its first day', () => {
    // 2026-03-04 is a Wednesday; 2026-03-01 a Sunday (its week began in February)
    expect(grainStart('2026-03-04', 'week')).toBe('2026-03-02');
    expect(grainStart('2026-03-01', 'week')).toBe('2026-02-23');
    expect(grainStart('2026-03-02', 'week')).toBe('2026-03-02');
    expect(grainStart('2026-03-31', 'month')).toBe('2026-03-01');
    expect(grainStart('2026-03-31', 'day')).toBe('2026-03-31');
  });

  it('sums answers and time per group, every kind apart, and loses none', () => {
    const days = [
      day('2026-02-28', 1, 0, 1000),
      day('2026-03-01', 2, 1, 2000),
      day('2026-03-02', 3, 0, 4000),
      day('2026-03-08', 0, 5),
      day('2026-03-09', 7),
    ];
    const weeks = groupReviews(days, 'week');
    expect(weeks.map((w) => w.date)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
    expect(weeks[0]).toEqual({
      date: '2026-02-23',
      count: { learning: 3, young: 1, mature: 0, relearning: 0 },
      timeMs: { learning: 3000, young: 0, mature: 0, relearning: 0 },
    });
    expect(weeks[1]?.count).toEqual({ learning: 3, young: 5, mature: 0, relearning: 0 });
    expect(reviewsTotal(weeks)).toEqual(reviewsTotal(days));
    expect(reviewsTotal(days)).toEqual({ count: 19, timeMs: 7000 });
    const months = groupReviews(days, 'month');
    expect(months.map((m) => [m.date, m.count.learning + m.count.young])).toEqual([
      ['2026-02-01', 1],
      ['2026-03-01', 18],
    ]);
    // a day grain leaves the rows as they are
    expect(groupReviews(days, 'day')).toEqual(days);
  });

  it('sums cards added the same way', () => {
    const added = [
      { date: '2026-03-30', cards: 2 },
      { date: '2026-03-31', cards: 3 },
      { date: '2026-04-01', cards: 4 },
    ];
    expect(groupAdded(added, 'month')).toEqual([
      { date: '2026-03-01', cards: 5 },
      { date: '2026-04-01', cards: 4 },
    ]);
  });

  it('"All" starts at the first row holding something, and is empty when none does', () => {
    const rows = [day('2026-01-01', 0), day('2026-01-02', 0), day('2026-01-03', 2), day('2026-01-04', 0)];
    const holds = (d: ReviewsDay) => d.count.learning > 0;
    expect(fromFirstWith(rows, holds).map((d) => d.date)).toEqual(['2026-01-03', '2026-01-04']);
    expect(fromFirstWith([day('2026-01-01', 0)], holds)).toEqual([]);
  });

  it('names each group as a person reads it', () => {
    expect(grainLabel('2026-03-02', 'week')).toMatch(/^Week of (2 Mar|Mar 2)$/);
    expect(grainLabel('2026-03-01', 'month')).toMatch(/Mar.*2026/);
  });

  it('turns milliseconds into minutes with one decimal', () => {
    expect(minutesOf(90_000)).toBe(1.5);
    expect(minutesOf(0)).toBe(0);
    expect(minutesOf(20_000)).toBe(0.3);
  });
});

describe('bins in words', () => {
  it('names day buckets in days under a month, then months and years; the last is open', () => {
    const edges = [0, 1, 2, 3, 7, 14, 21, 30, 60, 90, 180, 365];
    const labels = edges.map((from, i) => bucketLabel({ from, to: edges[i + 1] ?? null, cards: 0 }, 'days'));
    expect(labels).toEqual([
      '0–1 d',
      '1–2 d',
      '2–3 d',
      '3–7 d',
      '7–14 d',
      '14–21 d',
      '21–30 d',
      '1–2 mo',
      '2–3 mo',
      '3–6 mo',
      '6 mo–1 y',
      '1 y+',
    ]);
  });

  it('names shares as percentages, the last ending at 100%', () => {
    expect(bucketLabel({ from: 0.9, to: 1, cards: 0 }, 'share')).toBe('90–100%');
    expect(bucketLabel({ from: 0.05, to: 0.1, cards: 0 }, 'share')).toBe('5–10%');
    expect(binLabel({ from: 0.7, to: 0.8, reviews: 1, predicted: 0.75, actual: 1 })).toBe('70–80%');
  });

  it('weighs the calibration gap by the reviews in each bin and skips empty bins', () => {
    const gap = calibrationGap([
      { from: 0.7, to: 0.8, reviews: 1, predicted: 0.75, actual: 0.25 },
      { from: 0.8, to: 0.9, reviews: 3, predicted: 0.85, actual: 0.85 },
      { from: 0.9, to: 1, reviews: 0, predicted: null, actual: null },
    ]);
    expect(gap.reviews).toBe(4);
    expect(gap.gap).toBeCloseTo(0.5 / 4, 10);
    expect(calibrationGap([{ from: 0, to: 0.1, reviews: 0, predicted: null, actual: null }])).toEqual({
      reviews: 0,
      gap: null,
    });
  });
});

describe('the scroll cue', () => {
  it('says which side has more to see, with a pixel of slack for fractional widths', () => {
    const box = (scrollLeft: number, scrollWidth: number) => ({ scrollLeft, scrollWidth, clientWidth: 900 });
    expect(overflowOf(box(0, 900))).toEqual({ left: false, right: false });
    expect(overflowOf(box(0, 900.5))).toEqual({ left: false, right: false });
    expect(overflowOf(box(0, 1100))).toEqual({ left: false, right: true });
    expect(overflowOf(box(100, 1100))).toEqual({ left: true, right: true });
    expect(overflowOf(box(200, 1100))).toEqual({ left: true, right: false });
  });
});
