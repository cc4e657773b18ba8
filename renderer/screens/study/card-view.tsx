/** The card being studied: its state and tags, the question, and the answer once revealed. */
import type { ReactNode, RefObject } from 'react';
import type { CardState, StudyCard } from '../../../shared/domain';
import { CardContent } from '../../lib/card-content';
import { queueOf } from '../../lib/queue-counts';

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
}: Props) {
  return (
    <article className="card" aria-label={revealed ? 'Question and answer' : 'Question'}>
      <div className="card-meta">
        <span className={`state-badge state-${queueOf(card.state)}`} data-testid="card-state">
          {STATE_LABELS[card.state]}
        </span>
        {card.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </div>
      <CardContent
        source={card.question}
        format={card.format}
        testId="question"
        className="question"
        contentRef={questionRef}
      />
      {underQuestion}
      {!revealed && voice}
      {revealed && (
        <section ref={answerRef} className="answer-region" tabIndex={-1} aria-label="Answer">
          <hr className="answer-divider" />
          {voice}
          <div className={besideAnswer ? 'answer-columns' : undefined}>
            {besideAnswer}
            <CardContent source={card.answer} format={card.format} testId="answer" className="answer" />
          </div>
          {underAnswer}
        </section>
      )}
    </article>
  );
}
