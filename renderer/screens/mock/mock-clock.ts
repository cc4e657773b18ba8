/**
 * The countdown's arithmetic, pure so it is tested without a page: time left, mm:ss, when to warn, and
 * the few moments a screen reader is told the time (not every second: that would drown the question).
 */

/** The countdown turns to its warning colour for the last 30 seconds. */
export const WARNING_MS = 30_000;

/** Moments said aloud, as time left. */
const ANNOUNCED_MS = [60_000, 30_000, 10_000];

/** m:ss for a time, rounded up to the second as a countdown reads ("2:00" at the start, "0:00" at the end). */
export function clockText(ms: number, round: 'up' | 'down' = 'up'): string {
  const seconds = Math.max(0, round === 'up' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** How a time reads aloud: "2 minutes 30 seconds". */
export function spokenTime(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const parts = [
    minutes > 0 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : '',
    seconds % 60 > 0 || minutes === 0 ? `${seconds % 60} second${seconds % 60 === 1 ? '' : 's'}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

export function isWarning(leftMs: number): boolean {
  return leftMs <= WARNING_MS;
}

/**
 * What the live region says now: the last announced moment passed ("30 seconds left"), or "" when none has
 * passed yet (or it is more than the limit itself, so a short limit does not start with a warning).
 */
export function announcement(leftMs: number, limitMs: number): string {
  if (leftMs <= 0) return 'Time is up.';
  const passed = ANNOUNCED_MS.filter((at) => at < limitMs && leftMs <= at);
  const at = passed.at(-1);
  return at === undefined ? '' : `${spokenTime(at)} left.`;
}
