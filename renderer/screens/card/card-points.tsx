/**
 * Card info's key points: how often each was missed, and every answer that kept ticks or a typed
 * text, newest first, with what was recalled, missed and typed.
 */
import { type CardPointsStats, RATING_NAMES } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { dateTime, percent } from '../../lib/stats-format';
import { useLoad } from '../../lib/use-load';

export function CardPoints({ cardId }: { cardId: number }) {
  const { data, error, reload } = useLoad(() => call('stats.cardPoints', { cardId }), String(cardId));
  if (error !== null) return <ErrorPanel error={error} onRetry={reload} />;
  if (!data || (data.points.length === 0 && data.answers.length === 0)) return null;
  return (
    <section className="stats-card" aria-labelledby="card-points-title" data-testid="card-points">
      <h2 id="card-points-title">Key points and typed answers</h2>
      {data.points.length > 0 && <PointCounts points={data.points} />}
      {data.answers.length === 0 ? (
        <p className="muted">No answer has kept ticks or a typed text yet.</p>
      ) : (
        <ol className="card-answers" data-testid="card-answers">
          {data.answers.map((answer) => (
            <AnswerItem key={answer.reviewId} answer={answer} />
          ))}
        </ol>
      )}
    </section>
  );
}

function PointCounts({ points }: { points: CardPointsStats['points'] }) {
  return (
    <ul className="card-point-counts">
      {points.map((point) => (
        <li key={point.pointId} data-testid={`card-point-${point.pointId}`}>
          <strong>{point.label}</strong>{' '}
          <span className="muted">
            {point.asked === 0 ? 'not asked yet' : `missed ${point.missed} of ${point.asked} (${percent(point.share)})`}
          </span>
        </li>
      ))}
    </ul>
  );
}

function AnswerItem({ answer }: { answer: CardPointsStats['answers'][number] }) {
  const names = (points: { label: string }[] | null) => points?.map((point) => point.label).join('; ') || 'none';
  return (
    <li className="card-answer">
      <p className="card-answer-head">
        <strong>{dateTime(answer.reviewedAt)}</strong> · {RATING_NAMES[answer.rating]}
      </p>
      {answer.recalled && (
        <p className="card-answer-ticks">
          Recalled: {names(answer.recalled)}. Missed: {names(answer.missed)}.
        </p>
      )}
      {answer.typedText && <blockquote className="card-answer-typed">{answer.typedText}</blockquote>}
    </li>
  );
}
