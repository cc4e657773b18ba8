/**
 * The statistics graphs' numbers shaped for charts and tables: the periods a person can choose, days
 * grouped into weeks or months when a period is long, histogram and calibration bins named in words.
 */
import type { CalibrationBin, HistogramBucket, ReviewKind, ReviewsDay } from '../../shared/stats';
import { monthLabel, shortDate } from './stats-format';

export interface Period {
  /** The `days` of stats.graphs. */
  days: number;
  label: string;
  /** The period in a sentence: "57 reviews over the last month". */
  during: string;
}

/** "All" asks for the longest period the API allows; the graphs then start at the first day with data. */
export const PERIODS: Period[] = [
  { days: 30, label: '1 month', during: 'over the last month' },
  { days: 90, label: '3 months', during: 'over the last 3 months' },
  { days: 365, label: '1 year', during: 'over the last year' },
  { days: 3650, label: 'All', during: 'over all time' },
];

export const ALL_DAYS = 3650;

/** The height of a graph's "nothing yet" note: a line of text, not a chart's worth of empty box. */
export const EMPTY_HEIGHT = 96;

export const REVIEW_KINDS: ReviewKind[] = ['learning', 'young', 'mature', 'relearning'];

/** How days are grouped for a period: one bar a day up to three months, then weeks, then months. */
export type Grain = 'day' | 'week' | 'month';

export function grainFor(days: number): Grain {
  if (days <= 92) return 'day';
  if (days <= 366) return 'week';
  return 'month';
}

/** The first day of the week (Monday) or month a study day is in; the day itself for `day`. */
export function grainStart(date: string, grain: Grain): string {
  if (grain === 'day') return date;
  if (grain === 'month') return `${date.slice(0, 8)}01`;
  const day = new Date(`${date}T00:00:00Z`);
  const back = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** A group's name in ticks and tables: "10 Mar", "Week of 10 Mar", "Mar 2025". */
export function grainLabel(date: string, grain: Grain): string {
  if (grain === 'day') return shortDate(date);
  if (grain === 'week') return `Week of ${shortDate(date)}`;
  return monthLabel(date);
}

/** Rows merged into one per group, in order; `merge` adds a row into its group's sum. */
export function groupRows<R extends { date: string }>(rows: R[], grain: Grain, merge: (sum: R, row: R) => R): R[] {
  const groups: R[] = [];
  let key: string | undefined;
  for (const row of rows) {
    const start = grainStart(row.date, grain);
    const last = groups.at(-1);
    if (last && start === key) groups[groups.length - 1] = merge(last, row);
    else groups.push({ ...row, date: start });
    key = start;
  }
  return groups;
}

function addKinds(a: Record<ReviewKind, number>, b: Record<ReviewKind, number>): Record<ReviewKind, number> {
  return {
    learning: a.learning + b.learning,
    young: a.young + b.young,
    mature: a.mature + b.mature,
    relearning: a.relearning + b.relearning,
  };
}

export function groupReviews(days: ReviewsDay[], grain: Grain): ReviewsDay[] {
  return groupRows(days, grain, (sum, day) => ({
    date: sum.date,
    count: addKinds(sum.count, day.count),
    timeMs: addKinds(sum.timeMs, day.timeMs),
  }));
}

export function groupAdded(days: { date: string; cards: number }[], grain: Grain): { date: string; cards: number }[] {
  return groupRows(days, grain, (sum, day) => ({ date: sum.date, cards: sum.cards + day.cards }));
}

/** The rows from the first that holds something: "All" would otherwise open on years of empty days. */
export function fromFirstWith<R>(rows: R[], holds: (row: R) => boolean): R[] {
  const first = rows.findIndex(holds);
  return first === -1 ? [] : rows.slice(first);
}

export function kindsTotal(kinds: Record<ReviewKind, number>): number {
  return kinds.learning + kinds.young + kinds.mature + kinds.relearning;
}

/** The answers and time of a run of days, all kinds together. */
export function reviewsTotal(days: ReviewsDay[]): { count: number; timeMs: number } {
  return days.reduce(
    (sum, day) => ({ count: sum.count + kindsTotal(day.count), timeMs: sum.timeMs + kindsTotal(day.timeMs) }),
    { count: 0, timeMs: 0 },
  );
}

/** Milliseconds as minutes with one decimal, for a time axis: 90 000 -> 1.5. */
export function minutesOf(ms: number): number {
  return Math.round(ms / 6_000) / 10;
}

/** 0, 1, 2 … days as "0 d", "1 mo", "1 y"; the unit is returned apart so a range can name it once. */
function dayAmount(value: number): { n: number; unit: string } {
  if (value < 30) return { n: value, unit: 'd' };
  if (value < 365) return { n: Math.round(value / 30), unit: 'mo' };
  return { n: Math.round((value / 365) * 10) / 10, unit: 'y' };
}

/**
 * A histogram bucket in words. Ranges hold their start, not their end: "3–7 d" is 3 up to 7 days,
 * "6 mo–1 y", "1 y+" for the open last one; shares "10–20%".
 */
export function bucketLabel(bucket: HistogramBucket, unit: 'days' | 'share'): string {
  if (unit === 'share') {
    return `${Math.round(bucket.from * 100)}–${Math.round((bucket.to ?? 1) * 100)}%`;
  }
  const from = dayAmount(bucket.from);
  if (bucket.to === null) return `${from.n} ${from.unit}+`;
  // Under a month both ends stay in days ("21–30 d", not "21 d–1 mo").
  if (bucket.from < 30) return `${bucket.from}–${bucket.to} d`;
  const to = dayAmount(bucket.to);
  return from.unit === to.unit ? `${from.n}–${to.n} ${to.unit}` : `${from.n} ${from.unit}–${to.n} ${to.unit}`;
}

/** A calibration bin in words: "80–90%". */
export function binLabel(bin: CalibrationBin): string {
  return `${Math.round(bin.from * 100)}–${Math.round(bin.to * 100)}%`;
}

/** Reviews in the bins that have any, and the mean gap between prediction and outcome weighted by reviews. */
export function calibrationGap(bins: CalibrationBin[]): { reviews: number; gap: number | null } {
  let reviews = 0;
  let weighted = 0;
  for (const bin of bins) {
    if (bin.reviews === 0 || bin.predicted === null || bin.actual === null) continue;
    reviews += bin.reviews;
    weighted += bin.reviews * Math.abs(bin.actual - bin.predicted);
  }
  return { reviews, gap: reviews === 0 ? null : weighted / reviews };
}
