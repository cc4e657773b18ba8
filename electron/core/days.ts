/**
 * Calendar arithmetic for a study day that starts at a rollover hour (4 am local, like Anki) in an
 * explicit time zone. Nothing here reads the system clock or the process's time zone.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export interface DayBoundary {
  /** IANA time zone name, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Hour (0-23) at which a new study day begins. */
  rolloverHour: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offsets change only at daylight-saving and other transitions, which fall on quarter hours. */
const OFFSET_BUCKET_MS = 15 * MS_PER_MINUTE;
const offsetCaches = new Map<string, Map<number, number>>();

/**
 * The local wall-clock time at `ms`, written as if it were UTC. Cached per quarter hour: imports and
 * statistics ask this for hundreds of thousands of moments, and Intl is slow.
 */
export function wallClockAsUtc(ms: number, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const start = bucket * OFFSET_BUCKET_MS;
    offset = wallClockAsUtcUncached(start, timeZone) - start;
    cache.set(bucket, offset);
  }
  return ms + offset;
}

function wallClockAsUtcUncached(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wholeSeconds = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wholeSeconds + (((ms % 1000) + 1000) % 1000);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * "Study time": a timeline on which every study day starts at 00:00 UTC. FSRS counts elapsed days
 * between UTC calendar dates, so feeding it study time makes it count days the way Cue does.
 */
export function toStudyTime(ms: number, boundary: DayBoundary): number {
  return wallClockAsUtc(ms, boundary.timeZone) - boundary.rolloverHour * MS_PER_HOUR;
}

/**
 * The inverse of toStudyTime: the first moment whose study time is `studyMs`. A wall-clock time
 * that happens twice (when clocks go back) gives the first; one that never happens (clocks go
 * forward over it) gives the moment the clocks jump, the first after it. So a study day starts
 * exactly where dayNumber says it does, on every day of the year.
 */
export function fromStudyTime(studyMs: number, boundary: DayBoundary): number {
  const wall = studyMs + boundary.rolloverHour * MS_PER_HOUR;
  const { timeZone } = boundary;
  // the offsets in force around that time: a day and a half either side covers any one transition
  const offsets = new Set([-36, 0, 36].map((hours) => offsetAt(wall - hours * MS_PER_HOUR, timeZone)));
  const candidates = [...offsets].map((offset) => wall - offset).sort((a, b) => a - b);
  const exact = candidates.find((real) => wallClockAsUtc(real, timeZone) === wall);
  if (exact !== undefined) return exact;
  // in the skipped hour: the earliest moment whose wall clock has passed it
  let before = candidates[0];
  let after = candidates[candidates.length - 1];
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (wallClockAsUtc(middle, timeZone) >= wall) after = middle;
    else before = middle;
  }
  return after;
}

function offsetAt(ms: number, timeZone: string): number {
  return wallClockAsUtc(ms, timeZone) - ms;
}

/** The study day containing `ms`, counted from 1970-01-01. */
export function dayNumber(ms: number, boundary: DayBoundary): number {
  return Math.floor(toStudyTime(ms, boundary) / MS_PER_DAY);
}

/** The moment the given study day begins (the rollover hour, local time). */
export function dayStart(day: number, boundary: DayBoundary): number {
  return fromStudyTime(day * MS_PER_DAY, boundary);
}

/** The study day as a calendar date, YYYY-MM-DD. */
export function dayToIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The local hour (0-23) at `ms`. */
export function localHour(ms: number, timeZone: string): number {
  return Math.floor(wallClockAsUtc(ms, timeZone) / MS_PER_HOUR) % 24;
}

/** The study day of a YYYY-MM-DD date. */
export function isoDateToDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}
