/**
 * The renderer's wording of numbers, sizes, durations and study days. Study days are dates without a
 * time zone: wherever the person is, 2025-03-10 is shown as that day.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fileSize } from '../../renderer/lib/file-transfer';
import { plural, total } from '../../renderer/lib/format';
import {
  DASH,
  days,
  daysBetween,
  duration,
  longDate,
  monthLabel,
  percent,
  retention,
  retentionParts,
  seconds,
  shortDate,
  weekdayIndex,
} from '../../renderer/lib/stats-format';

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
});

describe('counts', () => {
  it('say one or many, with the digits grouped as the locale groups them', () => {
    expect(plural(1, 'card')).toBe('1 card');
    expect(plural(0, 'card')).toBe('0 cards');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
    expect(plural(100_050, 'card')).toBe(`${(100_050).toLocaleString()} cards`);
    expect(total({ new: 3, learning: 2, review: 10 })).toBe(15);
  });

  it('file sizes count 1 KB as 1024 bytes', () => {
    expect(fileSize(1)).toBe('1 byte');
    expect(fileSize(812)).toBe('812 bytes');
    expect(fileSize(1024)).toBe('1 KB');
    expect(fileSize(21.1 * 1024)).toBe('21.1 KB');
    expect(fileSize(3.4 * 1024 ** 2)).toBe('3.4 MB');
    expect(fileSize(5 * 1024 ** 4)).toBe('5,120 GB');
  });
});

describe('statistics', () => {
  it('shares as percentages, and a dash where there is no figure', () => {
    expect(percent(0.913)).toBe('91%');
    expect(percent(0.9136, 1)).toBe('91.4%');
    expect(percent(1)).toBe('100%');
    for (const none of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) expect(percent(none)).toBe(DASH);
  });

  it('retention with the count behind it, so a rate of three reviews does not pass for one of 300', () => {
    expect(retention({ passed: 45, total: 49, rate: 45 / 49 })).toBe('92% (45/49)');
    expect(retentionParts({ passed: 45, total: 49, rate: 45 / 49 })).toEqual({ rate: '92%', count: '(45/49)' });
    expect(retention({ passed: 0, total: 0, rate: null })).toBe(DASH);
    expect(retentionParts({ passed: 0, total: 0, rate: null })).toEqual({ rate: DASH });
  });

  it('durations in seconds, minutes, or hours and minutes', () => {
    expect(duration(45_000)).toBe('45 s');
    expect(duration(59_400)).toBe('59 s');
    expect(duration(12 * 60_000)).toBe('12 min');
    expect(duration((3 * 60 + 5) * 60_000)).toBe('3 h 05 min');
    expect(seconds(8_420)).toBe('8.4 s');
  });

  it('stabilities and intervals in days, months or years', () => {
    expect(days(0.5)).toBe('0.5 d');
    expect(days(3.4)).toBe('3 d');
    expect(days(45)).toBe('1.5 mo');
    expect(days(400)).toBe('1.1 y');
  });

  it('study days stay the same day in every time zone', () => {
    for (const tz of ['UTC', 'Pacific/Honolulu', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      expect(longDate('2025-03-10')).toBe(
        new Date(Date.UTC(2025, 2, 10)).toLocaleDateString([], {
          timeZone: 'UTC',
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          year: 'numeric',
        }),
      );
      expect(shortDate('2025-03-10')).toMatch(/10/);
      expect(monthLabel('2025-03-31')).toMatch(/2025/);
      expect(weekdayIndex('2025-03-10')).toBe(0); // a Monday
      expect(weekdayIndex('2025-03-16')).toBe(6);
      expect(daysBetween('2025-03-10', '2025-04-10')).toBe(31);
    }
  });
});
