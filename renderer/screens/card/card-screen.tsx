/** One card's statistics: its question, memory state, every review, and the predicted recall over time. */
import { RATING_NAMES } from '../../../shared/domain';
import type { CardEvent, CardReview, CardStats } from '../../../shared/stats';
import { ChartFigure } from '../../charts/chart-figure';
import { CurveChart, type CurveReview } from '../../charts/curve-chart';
import { Legend } from '../../charts/legend';
import { seriesStyle } from '../../charts/theme';
import { call } from '../../lib/api-client';
import { CardContent } from '../../lib/card-content';
import { ErrorPanel } from '../../lib/error-panel';
import { dayLabel, plural } from '../../lib/format';
import type { StatsScope } from '../../lib/route-hash';
import { ScreenHeader } from '../../lib/screen-header';
import { DASH, dateTime, days, KIND_NAMES, percent, STATE_NAMES, seconds } from '../../lib/stats-format';
import { type HeaderCell, TableHead } from '../../lib/table-head';
import { useBackKey } from '../../lib/use-back-key';
import { useLoad } from '../../lib/use-load';
import { CardKeptEdits } from './card-kept-edits';
import { CardPoints } from './card-points';
import { CardRecordings } from './card-recordings';

interface Props {
  scope: StatsScope;
  cardId: number;
  onBack: () => void;
  /** Where Back goes, when not the statistics. */
  backLabel?: string;
}

const CURVE = seriesStyle(0);
const REVIEW = seriesStyle(2);
const CURVE_DAYS_AHEAD = 30;

const REVIEW_COLUMNS: HeaderCell[] = [
  { label: 'Date' },
  { label: 'Answer' },
  { label: 'Time taken', numeric: true },
  { label: 'Kind' },
  { label: 'Recall before', numeric: true },
  { label: 'Stability after', numeric: true },
  { label: 'Difficulty after', numeric: true },
  { label: 'Interval after', numeric: true },
];

export function CardStatsScreen({ scope, cardId, onBack, backLabel = 'Statistics' }: Props) {
  const { data, error, loading, reload } = useLoad(
    () => call('stats.card', { cardId, at: scope.at }),
    `${cardId}/${scope.at}`,
  );
  useBackKey(onBack);
  return (
    <main className="page stats-page card-page" aria-busy={loading} aria-label="Card statistics">
      <ScreenHeader className="stats-header" backLabel={backLabel} onBack={onBack}>
        <div className="stats-title">
          <h1>Card statistics</h1>
          <p className="stats-date">{data ? `${data.card.sectionName} · ${data.card.key}` : ''}</p>
        </div>
      </ScreenHeader>
      {error !== null && <ErrorPanel error={error} onRetry={reload} onHome={onBack} />}
      {!data && error === null && <p className="muted">Loading the card…</p>}
      {data && <CardStatsBody stats={data} />}
    </main>
  );
}

function CardStatsBody({ stats }: { stats: CardStats }) {
  const { card, reviews } = stats;
  return (
    <>
      <section className="stats-card card-summary" aria-label="Question and memory state">
        <CardContent
          source={card.question}
          format={card.format}
          css={card.css}
          testId="card-question"
          className="question"
        />
        <dl className="facts" data-testid="card-facts">
          <Fact
            label="State"
            value={`${STATE_NAMES[card.state]}${card.suspended ? ' (suspended)' : ''}`}
            testId="fact-state"
          />
          <Fact label="Note type" value={card.noteType.name} testId="fact-note-type" />
          <Fact label="Recall now" value={percent(card.retrievability)} testId="fact-recall" />
          <Fact label="Stability" value={card.state === 'new' ? DASH : days(card.stability)} testId="fact-stability" />
          <Fact
            label="Difficulty"
            value={card.state === 'new' ? DASH : `${card.difficulty.toFixed(1)} / 10`}
            testId="fact-difficulty"
          />
          <Fact label="Due" value={card.state === 'new' ? DASH : dayLabel(card.due)} testId="fact-due" />
          <Fact label="Lapses" value={String(card.lapses)} testId="fact-lapses" />
          <Fact label="Reviews" value={String(reviews.length)} testId="fact-reviews" />
          <Fact label="Mastered" value={card.mastered ? 'Yes' : 'No'} testId="fact-mastered" />
        </dl>
      </section>
      <RecallCurve stats={stats} />
      <ReviewLog reviews={reviews} events={stats.events} />
      <CardPoints cardId={card.id} />
      <CardRecordings cardId={card.id} />
      <CardKeptEdits cardId={card.id} />
    </>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function RecallCurve({ stats }: { stats: CardStats }) {
  const { curve, reviews } = stats;
  if (curve.length === 0) {
    return (
      <section className="stats-card" aria-labelledby="curve-title">
        <h2 id="curve-title">Predicted recall</h2>
        <p className="muted">Not studied yet, so there is no memory curve.</p>
      </section>
    );
  }
  // The curve runs to 30 days after "as of", which CardStats does not return itself.
  const at = (curve.at(-1)?.t ?? 0) - CURVE_DAYS_AHEAD * 86_400_000;
  const marks: CurveReview[] = reviews.map((r) => ({
    t: r.reviewedAt,
    r: r.retrievability ?? 1,
    label: RATING_NAMES[r.rating],
  }));
  const summary = `Predicted recall from the first review to 30 days ahead, with ${plural(reviews.length, 'review')} marked; recall now ${percent(stats.card.retrievability)}.`;
  return (
    <ChartFigure
      title="Predicted recall"
      testId="curve-chart"
      summary={summary}
      height={240}
      intro={
        <p className="chart-note">Falls between reviews and jumps back at each answer. The dashed rule is “as of”.</p>
      }
      chart={<CurveChart points={curve} reviews={marks} at={at} height={240} curve={CURVE} review={REVIEW} />}
      legend={
        <Legend
          kind="line"
          items={[
            { name: 'Predicted recall', style: CURVE, draw: 'plain-line' },
            { name: 'Review (recall just before it)', style: REVIEW, draw: 'marker' },
          ]}
        />
      }
      table={<ReviewTable reviews={reviews} caption="Recall at each review" testId="curve-table" />}
    />
  );
}

function ReviewLog({ reviews, events }: { reviews: CardReview[]; events: CardEvent[] }) {
  return (
    <section className="stats-card" aria-labelledby="review-log-title">
      <h2 id="review-log-title">Review log</h2>
      {reviews.length === 0 ? (
        <p className="muted">No reviews yet.</p>
      ) : (
        // Newest first: after months of study the last answers are the ones a person looks for.
        <ReviewTable
          reviews={reviews.toReversed()}
          events={events.toReversed()}
          caption="Every answer to this card, newest first"
          testId="review-log"
        />
      )}
    </section>
  );
}

interface ReviewTableProps {
  /** In the order to show. */
  reviews: CardReview[];
  /** Resets and due dates set by hand, in the same order, shown between the answers. */
  events?: CardEvent[];
  caption: string;
  testId: string;
}

type LogEntry = { review: CardReview; at: number } | { event: CardEvent; at: number };

/** Answers and events in one list, newest first when `reviews` is (as in the review log). */
function logEntries(reviews: CardReview[], events: CardEvent[]): LogEntry[] {
  if (events.length === 0) return reviews.map((review) => ({ review, at: review.reviewedAt }));
  const entries: LogEntry[] = [
    ...reviews.map((review) => ({ review, at: review.reviewedAt })),
    ...events.map((event) => ({ event, at: event.at })),
  ];
  const oldestFirst = reviews.length > 1 && reviews[0].reviewedAt < reviews[reviews.length - 1].reviewedAt;
  return entries.sort((a, b) => (oldestFirst ? a.at - b.at : b.at - a.at));
}

function eventText(event: CardEvent): string {
  const due = event.due === null ? DASH : dayLabel(event.due);
  if (event.kind === 'reset') return 'Reset to new (studied as a new card again; the answers before stay in the log)';
  if (event.kind === 'memory') return 'Memory state brought by an import';
  if (event.kind === 'reschedule') return `Rescheduled after a change of the deck's options: due ${due}`;
  if (event.kind === 'kept_schedule') return `Schedule kept from the imported file: due ${due}`;
  return `Due date set by hand to ${due}`;
}

function EventRow({ event }: { event: CardEvent }) {
  return (
    <tr data-testid="event-row" className="event-row">
      <th scope="row">{dateTime(event.at)}</th>
      <td colSpan={7}>{eventText(event)}</td>
    </tr>
  );
}

function ReviewTable({ reviews, events = [], caption, testId }: ReviewTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <TableHead columns={REVIEW_COLUMNS} />
        <tbody>
          {logEntries(reviews, events).map((entry) =>
            'event' in entry ? (
              <EventRow key={`event-${entry.at}-${entry.event.kind}`} event={entry.event} />
            ) : (
              <ReviewRow key={entry.review.id} review={entry.review} />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function ReviewRow({ review }: { review: CardReview }) {
  return (
    <tr data-testid="review-row">
      <th scope="row">{dateTime(review.reviewedAt)}</th>
      <td className={`rating rating-${review.rating}`} data-testid="review-rating">
        {RATING_NAMES[review.rating]}
      </td>
      <td className="num">{seconds(review.durationMs)}</td>
      <td>{KIND_NAMES[review.kind]}</td>
      <td className="num">{percent(review.retrievability)}</td>
      <td className="num" data-testid="review-stability">
        {days(review.stabilityAfter)}
      </td>
      <td className="num">{review.difficultyAfter.toFixed(1)}</td>
      <td className="num">{intervalAfter(review)}</td>
    </tr>
  );
}

/** Days for a review interval; minutes for a learning step (0 scheduled days). */
function intervalAfter(review: CardReview): string {
  if (review.scheduledDays >= 1) return days(review.scheduledDays);
  const minutes = Math.max(1, Math.round((review.dueAfter - review.reviewedAt) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
}
