/**
 * A hybrid logical clock: wall time in milliseconds, a counter for events in the same millisecond (or
 * while the wall clock is behind one already seen), and the device, so that two clocks never tie. Its
 * text form sorts as the clock does, so events are ordered by comparing strings, in SQL too.
 */

export interface Hlc {
  ms: number;
  counter: number;
  device: string;
}

const MS_DIGITS = 15;
const COUNTER_DIGITS = 6;
const TEXT = /^(\d{15})\.(\d{6})\.([a-z0-9]{4,64})$/;

/** The clock before any event: every real clock is later. */
export const ZERO_HLC = formatHlc({ ms: 0, counter: 0, device: '0000' });

export function formatHlc(clock: Hlc): string {
  return `${String(clock.ms).padStart(MS_DIGITS, '0')}.${String(clock.counter).padStart(COUNTER_DIGITS, '0')}.${clock.device}`;
}

/** A clock from its text form, or null when the text is not one. */
export function parseHlc(text: unknown): Hlc | null {
  if (typeof text !== 'string') return null;
  const match = TEXT.exec(text);
  if (!match) return null;
  return { ms: Number(match[1]), counter: Number(match[2]), device: match[3] };
}

/** Whether `text` is a clock in its text form. */
export function isHlc(text: unknown): text is string {
  return typeof text === 'string' && TEXT.test(text);
}

/** The wall time of a clock in its text form. */
export function hlcTime(text: string): number {
  return Number(text.slice(0, MS_DIGITS));
}

const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

/**
 * The clock of a new local event: later than `last` (every event made or seen here) and than the wall
 * clock `now`. A wall clock set back never makes an event older than one already made.
 */
export function tick(last: Hlc, now: number, device: string): Hlc {
  if (now > last.ms) return { ms: now, counter: 0, device };
  if (last.counter >= MAX_COUNTER) return { ms: last.ms + 1, counter: 0, device };
  return { ms: last.ms, counter: last.counter + 1, device };
}

/** The later of two clocks. */
export function laterHlc(a: string, b: string): string {
  return a >= b ? a : b;
}
