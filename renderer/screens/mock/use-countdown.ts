/**
 * The countdown of the question being answered: time left, from what the server says has passed since it
 * was shown (so a reload resumes it) plus the page's own clock since. When it reaches zero it calls
 * `onTimeUp` once. Ticks four times a second; Playwright's clock drives it in the end-to-end tests.
 */
import { useEffect, useRef, useState } from 'react';

export interface Countdown {
  leftMs: number;
  /** The time taken so far, read at the moment it is asked for (for "done"), up to the limit. */
  takenMs: () => number;
}

export function useCountdown(limitMs: number, elapsedMs: number, running: boolean, onTimeUp: () => void): Countdown {
  const startedAt = useRef(performance.now() - elapsedMs);
  const [left, setLeft] = useState(limitMs - elapsedMs);
  const latest = useRef(onTimeUp);
  latest.current = onTimeUp;

  useEffect(() => {
    if (!running) return;
    let fired = false;
    const tick = () => {
      const leftNow = Math.max(0, limitMs - (performance.now() - startedAt.current));
      setLeft(leftNow);
      if (leftNow === 0 && !fired) {
        fired = true;
        latest.current();
      }
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [limitMs, running]);

  const takenMs = () => Math.round(Math.min(limitMs, Math.max(0, performance.now() - startedAt.current)));
  return { leftMs: left, takenMs };
}
