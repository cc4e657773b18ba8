/**
 * The reveal after an answer: how long it took against the limit (or that time ran out), then the model
 * answer. `children` go below the answer, before the grades: the place for what the reveal grows next
 * (the key-points checklist).
 */
import type { ReactNode, RefObject } from 'react';
import type { MockQuestion } from '../../../shared/mock';
import { CardContent } from '../../lib/card-content';
import { clockText } from './mock-clock';

interface Props {
  question: MockQuestion;
  answerRef: RefObject<HTMLElement | null>;
  children?: ReactNode;
}

export function MockReveal({ question, answerRef, children }: Props) {
  const { card, timeTakenMs, timedOut, limitMs } = question;
  return (
    <section ref={answerRef} className="answer-region mock-reveal" tabIndex={-1} aria-label="Model answer">
      <p className={`mock-time-taken${timedOut ? ' is-timed-out' : ''}`} data-testid="mock-time-taken">
        {timedOut
          ? `Time ran out (${clockText(limitMs)}).`
          : `You answered in ${clockText(timeTakenMs ?? 0, 'down')} of ${clockText(limitMs)}.`}
      </p>
      <hr className="answer-divider" />
      {card && <CardContent source={card.answer} format={card.format} testId="answer" className="answer" />}
      {children && <div className="mock-reveal-below">{children}</div>}
    </section>
  );
}
