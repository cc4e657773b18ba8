/**
 * The reveal after an answer: how long it took against the limit (or that time ran out), then the model
 * answer. `children` go below the answer, before the grades: the place for what the reveal grows next
 * (the key-points checklist).
 */
import { type ReactNode, type RefObject, useMemo } from 'react';
import type { MockQuestion } from '../../../shared/mock';
import { compareTypedAnswer } from '../../../shared/type-answer-diff';
import { CardContent } from '../../lib/card-content';
import { clockText } from './mock-clock';

interface Props {
  question: MockQuestion;
  answerRef: RefObject<HTMLElement | null>;
  children?: ReactNode;
  /** What was typed, for a card that asks for its answer to be typed (compared as Anki compares it). */
  typed?: string;
}

export function MockReveal({ question, answerRef, children, typed = '' }: Props) {
  const { card, timeTakenMs, timedOut, limitMs } = question;
  const typeAnswer = card?.typeAnswer ?? null;
  const typeResult = useMemo(
    () => (typeAnswer === null ? null : compareTypedAnswer(typeAnswer, typed)),
    [typeAnswer, typed],
  );
  return (
    <section ref={answerRef} className="answer-region mock-reveal" tabIndex={-1} aria-label="Model answer">
      <p className={`mock-time-taken${timedOut ? ' is-timed-out' : ''}`} data-testid="mock-time-taken">
        {timedOut
          ? `Time ran out (${clockText(limitMs)}).`
          : `You answered in ${clockText(timeTakenMs ?? 0, 'down')} of ${clockText(limitMs)}.`}
      </p>
      {!card?.answerAlone && <hr className="answer-divider" />}
      {card && (
        <CardContent
          source={card.answer}
          format={card.format}
          css={card.css}
          typeResult={typeResult}
          testId="answer"
          className={card.answerAlone ? 'answer answer-alone' : 'answer'}
        />
      )}
      {children && <div className="mock-reveal-below">{children}</div>}
    </section>
  );
}
