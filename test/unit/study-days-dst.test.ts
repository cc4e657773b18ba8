/**
 * Study days across daylight saving: in Europe/Berlin and America/New_York, through both transitions
 * of 2026, with the collection's day start hour, no study day is lost or doubled, every moment (and
 * so every answer) belongs to exactly one study day, and the daily limits reset once a day.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import {
  type DayBoundary,
  dayNumber,
  dayStart,
  isoDateToDay,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
} from '../../electron/core/days';
import { dayWindow } from '../../electron/core/study-queue';
import { openTestCollection, TestClock } from '../helpers/collections';

/** Each zone's 2026 transitions: clocks forward, clocks back (local dates). */
const ZONES = {
  'Europe/Berlin': ['2026-03-29', '2026-10-25'],
  'America/New_York': ['2026-03-08', '2026-11-01'],
} as const;

const hours = Array.from({ length: 24 }, (_, h) => h);

describe.each(Object.entries(ZONES))('study days in %s', (timeZone, transitions) => {
  it.each(hours)('with the day starting at %i h: each day of 2026 starts where the one before ends', (hour) => {
    const boundary: DayBoundary = { timeZone, rolloverHour: hour };
    const lengths = new Map<number, number>();
    for (let day = isoDateToDay('2026-01-01'); day <= isoDateToDay('2026-12-31'); day++) {
      const start = dayStart(day, boundary);
      const end = dayStart(day + 1, boundary);
      expect(dayNumber(start, boundary)).toBe(day);
      expect(dayNumber(start - 1, boundary)).toBe(day - 1);
      expect(dayNumber(end - 1, boundary)).toBe(day);
      const length = (end - start) / MS_PER_HOUR;
      lengths.set(length, (lengths.get(length) ?? 0) + 1);
    }
    // 363 ordinary days, one of 23 hours and one of 25: nothing lost, nothing doubled
    expect(Object.fromEntries(lengths)).toEqual({ 23: 1, 24: 363, 25: 1 });
  });

  it.each(transitions)('minute by minute around %s, the study day only ever steps forward by one', (date) => {
    for (const hour of [0, 1, 2, 3, 4]) {
      const boundary: DayBoundary = { timeZone, rolloverHour: hour };
      const from = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8))) - MS_PER_DAY;
      let previous = dayNumber(from, boundary);
      const seen = [previous];
      for (let t = from; t < from + 3 * MS_PER_DAY; t += MS_PER_MINUTE) {
        const day = dayNumber(t, boundary);
        expect(day - previous).toBeGreaterThanOrEqual(0);
        expect(day - previous).toBeLessThanOrEqual(1);
        if (day !== previous) seen.push(day);
        previous = day;
        // the moment lies inside the window the queue uses for its day
        const window = dayWindow(t, boundary);
        expect(t).toBeGreaterThanOrEqual(window.todayStart);
        expect(t).toBeLessThan(window.tomorrowStart);
      }
      // three days of minutes cross two to four day starts (a 25-hour day holds fewer, a 23-hour one more)
      expect(seen.length - 1).toBeGreaterThanOrEqual(2);
      expect(seen.length - 1).toBeLessThanOrEqual(4);
    }
  });

  it.each([4, 2, 3])(
    'studying every 20 minutes across both transitions with the day starting at %i h: one new card a day, each answer in one day',
    (hour) => {
      for (const date of transitions) {
        const start =
          Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8))) - 2 * MS_PER_DAY;
        const clock = new TestClock(start);
        const collection = openTestCollection(clock, { timeZone });
        collection.handlers['settings.set']({ rolloverHour: hour });
        collection.handlers['presets.update']({ presetId: 1, options: { newPerDay: 1 } });
        const resets = studyEveryTwentyMinutes(collection, clock, start + 4 * MS_PER_DAY);
        const boundary = collection.boundary;
        const days = collection.db
          .prepare('SELECT study_day AS day, reviewed_at AS at FROM reviews ORDER BY reviewed_at')
          .all() as { day: number; at: number }[];
        // one new card (answered Easy, so it does not come back within these days) on each study day
        const first = dayNumber(start, boundary);
        const last = dayNumber(clock.time - 20 * MS_PER_MINUTE, boundary); // the last step's day
        expect(days.map((r) => r.day)).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
        for (const review of days) {
          const window = dayWindow(review.at, boundary);
          expect(dayNumber(window.todayStart, boundary)).toBe(review.day);
          expect(review.at).toBeLessThan(window.tomorrowStart);
        }
        // the new-card limit came back once at each day start, never twice in a day
        expect(resets).toBe(last - first);
      }
    },
  );
});

/** Studies whatever is offered every 20 minutes until `until`; answers how often new cards came back. */
function studyEveryTwentyMinutes(collection: Collection, clock: TestClock, until: number): number {
  let resets = 0;
  let left = collection.handlers['study.next']({ deckId: 1 }).newLeftToday;
  while (clock.time < until) {
    const next = collection.handlers['study.next']({ deckId: 1 });
    if (next.newLeftToday > left) resets++;
    left = next.newLeftToday;
    if (next.card) {
      const answered = collection.handlers['study.answer']({
        deckId: 1,
        cardId: next.card.id,
        rating: 4,
        durationMs: 1000,
      });
      left = answered.next.newLeftToday;
    }
    clock.advance(20 * MS_PER_MINUTE);
  }
  return resets;
}
