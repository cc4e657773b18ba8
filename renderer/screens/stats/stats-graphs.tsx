/**
 * The graphs of the deck or section the screen shows, over a chosen period up to today: answers and
 * time per day by kind of card, cards added, the four memory histograms and the FSRS calibration. Each
 * has its table. Loads on its own (stats.graphs), so changing the period reloads only the graphs.
 */
import { useId, useState } from 'react';
import type { ReviewKind, ReviewsDay, StatsGraphs } from '../../../shared/stats';
import { ChartFigure } from '../../charts/chart-figure';
import { type Column, DataTable } from '../../charts/data-table';
import { Legend } from '../../charts/legend';
import { type BarRow, type BarSeries, StackedBars } from '../../charts/stacked-bars';
import { seriesStyle } from '../../charts/theme';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { plural } from '../../lib/format';
import {
  ALL_DAYS,
  EMPTY_HEIGHT,
  fromFirstWith,
  type Grain,
  grainFor,
  grainLabel,
  groupAdded,
  groupReviews,
  kindsTotal,
  minutesOf,
  PERIODS,
  REVIEW_KINDS,
  reviewsTotal,
} from '../../lib/graph-rows';
import type { StatsScope } from '../../lib/route-hash';
import { duration, KIND_NAMES } from '../../lib/stats-format';
import { useLoad } from '../../lib/use-load';
import { CalibrationGraph, HistogramGraph } from './stats-histograms';

const KIND_SERIES: BarSeries[] = REVIEW_KINDS.map((kind, index) => ({
  key: kind,
  name: KIND_NAMES[kind],
  style: seriesStyle(index),
}));
const ADDED_SERIES: BarSeries[] = [{ key: 'cards', name: 'Cards added', style: seriesStyle(4) }];

export function GraphsSection({ scope }: { scope: StatsScope }) {
  const [days, setDays] = useState(PERIODS[0].days);
  const periodId = useId();
  const key = `${scope.deckId}/${scope.sectionId}/${days}`;
  const { data, error, reload } = useLoad(
    () => call('stats.graphs', { deckId: scope.deckId, sectionId: scope.sectionId, days }),
    key,
  );
  const period = PERIODS.find((p) => p.days === days) ?? PERIODS[0];
  return (
    <section className="stats-graphs" aria-labelledby={`${periodId}-title`} data-testid="stats-graphs">
      <div className="graphs-head">
        <h2 id={`${periodId}-title`}>Reviews and memory</h2>
        <label htmlFor={periodId}>Period</label>
        <select
          id={periodId}
          className="field"
          value={days}
          onChange={(event) => setDays(Number(event.target.value))}
          data-testid="graphs-period"
        >
          {PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.label}
            </option>
          ))}
        </select>
        {scope.at && <p className="chart-note">The graphs run to today, not to the day shown above.</p>}
      </div>
      {error !== null && <ErrorPanel error={error} onRetry={reload} />}
      {!data && error === null && <p className="muted">Loading graphs…</p>}
      {data && error === null && <Graphs graphs={data} days={days} during={period.during} />}
    </section>
  );
}

function Graphs({ graphs, days, during }: { graphs: StatsGraphs; days: number; during: string }) {
  const grain = grainFor(days);
  // "All" opens on the first day with something to show rather than on years of empty days.
  const all = days >= ALL_DAYS;
  const reviewDays = all ? fromFirstWith(graphs.reviews, (day) => kindsTotal(day.count) > 0) : graphs.reviews;
  const addedDays = all ? fromFirstWith(graphs.added, (day) => day.cards > 0) : graphs.added;
  return (
    <>
      <ReviewsGraph days={groupReviews(reviewDays, grain)} grain={grain} during={during} />
      <div className="stats-pair graphs-pair">
        <AddedGraph days={groupAdded(addedDays, grain)} grain={grain} during={during} />
        <CalibrationGraph bins={graphs.calibration} during={during} />
      </div>
      <div className="stats-pair graphs-pair">
        <HistogramGraph
          title="Review intervals"
          testId="graph-intervals"
          histogram={graphs.intervals}
          noun="review card"
          note="Review cards by the interval they were last given."
        />
        <HistogramGraph
          title="Stability"
          testId="graph-stability"
          histogram={graphs.stability}
          noun="studied card"
          note="Studied cards by memory stability: the days until recall is expected to fall to 90%."
        />
      </div>
      <div className="stats-pair graphs-pair">
        <HistogramGraph
          title="Difficulty"
          testId="graph-difficulty"
          histogram={graphs.difficulty}
          noun="studied card"
          note="Studied cards by FSRS difficulty, from 0% (easiest) to 100% (hardest)."
        />
        <HistogramGraph
          title="Retrievability"
          testId="graph-retrievability"
          histogram={graphs.retrievability}
          noun="studied card"
          note="Studied cards by the chance of recalling them now."
        />
      </div>
    </>
  );
}

type Measure = 'count' | 'time';

function ReviewsGraph({ days, grain, during }: { days: ReviewsDay[]; grain: Grain; during: string }) {
  const [measure, setMeasure] = useState<Measure>('count');
  const total = reviewsTotal(days);
  const rows: BarRow[] = days.map((day) => {
    const row: BarRow = { x: day.date };
    for (const kind of REVIEW_KINDS) {
      row[kind] = measure === 'count' ? day.count[kind] : minutesOf(day.timeMs[kind]);
    }
    return row;
  });
  const byKind = REVIEW_KINDS.map(
    (kind) => `${days.reduce((sum, day) => sum + day.count[kind], 0)} ${KIND_NAMES[kind]}`,
  );
  const summary = `${plural(total.count, 'review')} in ${duration(total.timeMs)} ${during}: ${byKind.join(', ')}.`;
  const per = grain === 'day' ? 'day' : grain;
  const kindCell = (kind: ReviewKind, of: 'count' | 'timeMs') => (day: ReviewsDay) =>
    of === 'count' ? day.count[kind] : duration(day.timeMs[kind]);
  const columns: Column<ReviewsDay>[] = [
    ...REVIEW_KINDS.map((kind) => ({
      id: `n-${kind}`,
      header: KIND_NAMES[kind],
      numeric: true,
      cell: kindCell(kind, 'count'),
    })),
    { id: 'n-total', header: 'Total', numeric: true, cell: (day) => kindsTotal(day.count) },
    ...REVIEW_KINDS.map((kind) => ({
      id: `t-${kind}`,
      header: KIND_NAMES[kind],
      numeric: true,
      cell: kindCell(kind, 'timeMs'),
    })),
    { id: 't-total', header: 'Total', numeric: true, cell: (day) => duration(kindsTotal(day.timeMs)) },
  ];
  const sum: ReviewsDay = {
    date: '',
    count: sumKinds(days, 'count'),
    timeMs: sumKinds(days, 'timeMs'),
  };
  return (
    <ChartFigure
      title="Reviews"
      testId="graph-reviews"
      summary={summary}
      empty={total.count === 0 ? 'No reviews yet in this period.' : undefined}
      height={total.count === 0 ? EMPTY_HEIGHT : 220}
      intro={
        <p className="chart-note" data-testid="graph-reviews-total">
          {measure === 'count' ? `Answers per ${per}` : `Minutes spent per ${per}`}, by kind of card:{' '}
          {plural(total.count, 'review')} in {duration(total.timeMs)} {during}.
        </p>
      }
      actions={
        <fieldset className="segmented">
          <legend className="visually-hidden">Measure</legend>
          <button
            type="button"
            className="button small toggle"
            aria-pressed={measure === 'count'}
            onClick={() => setMeasure('count')}
          >
            Count
          </button>
          <button
            type="button"
            className="button small toggle"
            aria-pressed={measure === 'time'}
            onClick={() => setMeasure('time')}
          >
            Time
          </button>
        </fieldset>
      }
      chart={
        <StackedBars
          rows={rows}
          series={KIND_SERIES}
          height={220}
          xLabel={(date) => grainLabel(date, grain)}
          valueLabel={measure === 'count' ? undefined : (v) => `${v} min`}
        />
      }
      legend={<Legend kind="bar" items={KIND_SERIES} label="Kinds of card" />}
      table={
        <DataTable
          caption={`Answers and time per ${per} by kind of card, ${during}`}
          rowHeader={{
            header: grain === 'day' ? 'Day' : grain === 'week' ? 'Week' : 'Month',
            cell: (day) => grainLabel(day.date, grain),
          }}
          groups={[
            { header: 'Answers', span: REVIEW_KINDS.length + 1 },
            { header: 'Time', span: REVIEW_KINDS.length + 1 },
          ]}
          columns={columns}
          rows={days}
          rowKey={(day) => day.date}
          footer={{ header: 'Total', row: sum }}
          testId="graph-reviews-table"
        />
      }
    />
  );
}

function sumKinds(days: ReviewsDay[], of: 'count' | 'timeMs'): Record<ReviewKind, number> {
  const sum = { learning: 0, young: 0, mature: 0, relearning: 0 };
  for (const day of days) for (const kind of REVIEW_KINDS) sum[kind] += day[of][kind];
  return sum;
}

function AddedGraph({
  days,
  grain,
  during,
}: {
  days: { date: string; cards: number }[];
  grain: Grain;
  during: string;
}) {
  const total = days.reduce((sum, day) => sum + day.cards, 0);
  const per = grain === 'day' ? 'day' : grain;
  return (
    <ChartFigure
      title="Cards added"
      testId="graph-added"
      summary={`${plural(total, 'card')} added ${during}.`}
      empty={total === 0 ? 'No cards added in this period.' : undefined}
      height={total === 0 ? EMPTY_HEIGHT : 200}
      intro={
        <p className="chart-note">
          Cards added per {per}: {plural(total, 'card')} {during}.
        </p>
      }
      chart={
        <StackedBars
          rows={days.map((day) => ({ x: day.date, cards: day.cards }))}
          series={ADDED_SERIES}
          height={200}
          xLabel={(date) => grainLabel(date, grain)}
        />
      }
      table={
        <DataTable
          caption={`Cards added per ${per}, ${during}`}
          rowHeader={{
            header: grain === 'day' ? 'Day' : grain === 'week' ? 'Week' : 'Month',
            cell: (day) => grainLabel(day.date, grain),
          }}
          columns={[{ id: 'cards', header: 'Cards', numeric: true, cell: (day) => day.cards }]}
          rows={days}
          rowKey={(day) => day.date}
          footer={{ header: 'Total', row: { date: '', cards: total } }}
          testId="graph-added-table"
        />
      }
    />
  );
}
