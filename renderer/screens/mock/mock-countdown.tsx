/**
 * The countdown beside the question: m:ss, in the warning colour for the last 30 s, with the section's
 * median answer time beside it. The visible clock is a timer (never read out on its own); a polite live
 * region says only a few moments (a minute, 30 s, 10 s left, time is up).
 */
import { announcement, clockText, isWarning, spokenTime } from './mock-clock';

interface Props {
  leftMs: number;
  limitMs: number;
  medianMs: number | null;
}

export function MockCountdown({ leftMs, limitMs, medianMs }: Props) {
  const warning = isWarning(leftMs);
  return (
    <div className={`mock-countdown${warning ? ' is-warning' : ''}`} data-testid="mock-countdown-box">
      <span
        role="timer"
        className="mock-clock"
        data-testid="mock-countdown"
        aria-label={`Time left: ${spokenTime(Math.ceil(leftMs / 1000) * 1000)} of ${spokenTime(limitMs)}`}
      >
        {clockText(leftMs)}
      </span>
      <span className="mock-clock-limit">of {clockText(limitMs)}</span>
      {medianMs !== null && (
        <span className="mock-median" data-testid="mock-median">
          your median {clockText(medianMs, 'down')} for this section
        </span>
      )}
      <span className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="mock-announcement">
        {announcement(leftMs, limitMs)}
      </span>
    </div>
  );
}
