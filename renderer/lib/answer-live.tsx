/**
 * The place the answer appears on the reveal: a polite live region that is on the page before the answer
 * is, so a screen reader reads the answer as it comes, wherever its reader was. Only additions are read:
 * ticking a key point or other changes inside the shown answer are not read again.
 */
import type { ReactNode } from 'react';

export function AnswerLive({ children }: { children: ReactNode }) {
  return (
    <div className="answer-live" aria-live="polite" aria-relevant="additions" data-testid="answer-live">
      {children}
    </div>
  );
}
