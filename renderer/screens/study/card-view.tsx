/**
 * The card being studied: its state and tags, the question, and the answer once revealed: below the
 * question, or in its place for a card whose answer is the whole card again (a cloze, as Anki shows it).
 * A card that asks for its answer to be typed shows Anki's box, and the comparison on the answer side.
 */
import { type ReactNode, type RefObject, useMemo } from 'react';
import type { CardState, StudyCard } from '../../../shared/domain';
import { flagName } from '../../../shared/flags';
import { compareTypedAnswer } from '../../../shared/type-answer-diff';
import { AnswerLive } from '../../lib/answer-live';
import { CardContent } from '../../lib/card-content';
import { queueOf } from '../../lib/queue-counts';
import { TypeInBox } from '../../lib/typed-answer';

const STATE_LABELS: Record<CardState, string> = {
  new: 'New',
  learning: 'Learning',
  review: 'Review',
  relearning: 'Relearning',
};

interface Props {
  card: StudyCard;
  revealed: boolean;
  /** The question's content and the answer's region (focused on the reveal; their sound players play). */
  questionRef: RefObject<HTMLDivElement | null>;
  answerRef: RefObject<HTMLElement | null>;
  /** Under the question: the points missed last time, the typed-answer box. */
  underQuestion?: ReactNode;
  /** Beside the model answer: what was typed. */
  besideAnswer?: ReactNode;
  /** Under the answer: the key-point checklist. */
  underAnswer?: ReactNode;
  /** The spoken answer: its recorder under the question, then its player above the model answer. */
  voice?: ReactNode;
  /** What was typed in the card's own box (`typeAnswer` cards), and Enter there. */
  typeIn?: { value: string; onChange: (text: string) => void; onSubmit: () => void };
}

export function CardView({
  card,
  revealed,
  questionRef,
  answerRef,
  underQuestion,
  besideAnswer,
  underAnswer,
  voice,
  typeIn,
}: Props) {
  const typed = typeIn?.value ?? '';
  const typeResult = useMemo(
    () => (revealed && card.typeAnswer !== null ? compareTypedAnswer(card.typeAnswer, typed) : null),
    [revealed, card.typeAnswer, typed],
  );
  const alone = revealed && card.answerAlone;
  return (
    <article className="study-card" aria-label={revealed ? 'Question and answer' : 'Question'}>
      <div className="card-meta">
        <span className={`state-badge state-${queueOf(card.state)}`} data-testid="card-state">
          {STATE_LABELS[card.state]}
        </span>
        {card.flag > 0 && (
          <span className={`flag-badge flag-${card.flag}`} data-testid="card-flag">
            {flagName(card.flag)} flag
          </span>
        )}
        {card.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </div>
      {!alone && (
        <CardContent
          source={card.question}
          format={card.format}
          css={card.css}
          testId="question"
          className="question"
          contentRef={questionRef}
        />
      )}
      {card.typeAnswer !== null && typeIn && !revealed && (
        <TypeInBox value={typeIn.value} onChange={typeIn.onChange} onSubmit={typeIn.onSubmit} />
      )}
      {underQuestion}
      {!revealed && voice}
      <AnswerLive>
        {revealed && (
          <section ref={answerRef} className="answer-region" tabIndex={-1} aria-label="Answer">
            {!alone && <hr className="answer-divider" />}
            {voice}
            <div className={besideAnswer ? 'answer-columns' : undefined}>
              {besideAnswer}
              <CardContent
                source={card.answer}
                format={card.format}
                css={card.css}
                typeResult={typeResult}
                testId="answer"
                className={alone ? 'answer answer-alone' : 'answer'}
              />
            </div>
            {underAnswer}
          </section>
        )}
      </AnswerLive>
    </article>
  );
}
