/**
 * The end of a mock interview: per question the time taken against its limit, whether time ran out and
 * the grade; then the cards to review next (graded Again or Hard, or timed out), each linked to its history.
 */
import { cardPreview } from '../../../shared/card-preview';
import { RATING_NAMES } from '../../../shared/domain';
import type { MockSummary, MockSummaryQuestion } from '../../../shared/mock';
import { useFocusOnMount } from '../../lib/dialog-hooks';
import { plural } from '../../lib/format';
import { KeyHint } from '../../lib/key-hint';
import { cardHash } from '../../lib/route-hash';
import { useBackKey } from '../../lib/use-back-key';
import { clockText } from './mock-clock';

interface Props {
  summary: MockSummary;
  /** The last grade can still be taken back (the session is not ended yet). */
  canUndo: boolean;
  onUndo: () => void;
  onHome: () => void;
  onAgain: () => void;
}

/** The question as one line of plain text, for a table cell. */
function questionText(q: MockSummaryQuestion): string {
  return q.question === null ? '(card deleted)' : cardPreview(q.question, q.format);
}

export function MockSummaryView({ summary, canUndo, onUndo, onHome, onAgain }: Props) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  useBackKey(onHome);
  const review = summary.questions.filter((q) => q.reviewNext);
  return (
    <section className="mock-summary" aria-labelledby="mock-summary-title" data-testid="mock-summary">
      <h2 id="mock-summary-title" className="mock-summary-title" ref={headingRef} tabIndex={-1}>
        Mock interview summary
      </h2>
      <p className="muted" data-testid="mock-summary-totals">
        Answered {summary.answered} of {plural(summary.questions.length, 'question')} in{' '}
        {clockText(summary.totalMs, 'down')}
        {summary.timedOut > 0 ? `; time ran out on ${summary.timedOut}` : ''}.
      </p>
      <SummaryTable questions={summary.questions} />
      <h2>Review next</h2>
      {review.length === 0 ? (
        <p data-testid="mock-review-next">Nothing: every answer was in time and graded Good or Easy.</p>
      ) : (
        <ul className="mock-review-next" data-testid="mock-review-next">
          {review.map((q) => (
            <li key={q.position}>
              <a href={cardHash({ deckId: summary.deckId }, q.cardId)}>{questionText(q)}</a>{' '}
              <span className="muted">({q.timedOut ? 'time ran out' : RATING_NAMES[q.rating ?? 1]})</span>
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" className="button primary" onClick={onAgain} data-testid="mock-again">
          Another interview
        </button>
        <button type="button" className="button" onClick={onHome}>
          Decks <KeyHint>Esc</KeyHint>
        </button>
        {canUndo && (
          <button type="button" className="button ghost" onClick={onUndo} data-testid="mock-summary-undo">
            Undo last grade
          </button>
        )}
      </div>
    </section>
  );
}

function SummaryTable({ questions }: { questions: MockSummaryQuestion[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table mock-summary-table" data-testid="mock-summary-table">
        <caption className="visually-hidden">Each question: time taken, time limit, and grade</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Question</th>
            <th scope="col">Section</th>
            <th scope="col" className="num">
              Time
            </th>
            <th scope="col" className="num">
              Points
            </th>
            <th scope="col">Grade</th>
          </tr>
        </thead>
        <tbody>
          {questions.map((q) => (
            <tr
              key={q.position}
              data-testid={`mock-summary-row-${q.position}`}
              className={q.reviewNext ? 'is-review-next' : ''}
            >
              <td className="num">{q.position}</td>
              <th scope="row" className="mock-summary-question">
                {questionText(q)}
              </th>
              <td>{q.sectionName}</td>
              <td className="num">
                {q.timeTakenMs === null
                  ? 'not answered'
                  : `${clockText(q.timeTakenMs, 'down')} / ${clockText(q.limitMs)}`}
                {q.timedOut && (
                  <span className="mock-timed-out" data-testid="mock-timed-out">
                    {' '}
                    time ran out
                  </span>
                )}
              </td>
              <td className="num" data-testid="mock-summary-points">
                {q.points ? `${q.points.recalled} of ${q.points.total}` : '–'}
              </td>
              <td>{q.rating === null ? '–' : RATING_NAMES[q.rating]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
