/** How often each answer button was pressed, per kind of review, over the last 30 days (shares of 100 %). */
import { RATING_NAMES, type Rating } from '../../../shared/domain';
import type { AnswerButtonStats } from '../../../shared/stats';
import { ChartFigure } from '../../charts/chart-figure';
import { DataTable } from '../../charts/data-table';
import { Legend } from '../../charts/legend';
import { type BarRow, type BarSeries, StackedBars } from '../../charts/stacked-bars';
import type { SeriesStyle } from '../../charts/theme';
import { KIND_NAMES, percent } from '../../lib/stats-format';

const RATINGS: Rating[] = [1, 2, 3, 4];
const VAR: Record<Rating, string> = { 1: '--again', 2: '--hard', 3: '--good', 4: '--easy' };

/** The answer buttons' own colours, each with a texture of the series patterns. */
const RATING_SERIES: BarSeries[] = RATINGS.map((rating) => {
  const style: SeriesStyle = { color: `var(${VAR[rating]})`, marker: 'circle', pattern: `cue-rating-${rating}` };
  return { key: `r${rating}`, name: RATING_NAMES[rating], style };
});

export function AnswerButtonsChart({ answers }: { answers: AnswerButtonStats[] }) {
  const rows: BarRow[] = answers.map((a) => {
    const row: BarRow = { x: KIND_NAMES[a.kind] };
    a.counts.forEach((count, i) => {
      row[`r${i + 1}`] = a.total ? count / a.total : 0;
    });
    return row;
  });
  const answered = answers.filter((a) => a.total > 0);
  const summary =
    answered.length === 0
      ? 'No answers in the last 30 days.'
      : answered
          .map(
            (a) =>
              `${KIND_NAMES[a.kind]}: ${a.counts.map((n, i) => `${n} ${RATING_NAMES[(i + 1) as Rating]}`).join(', ')}`,
          )
          .join('. ');
  return (
    <ChartFigure
      title="Answer buttons"
      testId="answers-chart"
      summary={summary}
      empty={answered.length === 0 ? 'No answers in the last 30 days.' : undefined}
      height={200}
      intro={<p className="chart-note">Share of each answer per kind of review, last 30 days.</p>}
      chart={
        <StackedBars
          rows={rows}
          series={RATING_SERIES}
          height={200}
          horizontal
          max={1}
          valueLabel={(v) => percent(v)}
          labels
        />
      }
      legend={<Legend kind="bar" items={RATING_SERIES} label="Answers" />}
      table={
        <DataTable
          caption="Answers per kind of review, last 30 days"
          rowHeader={{ header: 'Kind', cell: (a) => KIND_NAMES[a.kind] }}
          columns={[
            ...RATINGS.map((rating) => ({
              header: RATING_NAMES[rating],
              numeric: true,
              cell: (a: AnswerButtonStats) => countShare(a.counts[rating - 1], a.total),
            })),
            { header: 'Total', numeric: true, cell: (a: AnswerButtonStats) => a.total },
          ]}
          rows={answers}
          rowKey={(a) => a.kind}
          testId="answers-table"
        />
      }
    />
  );
}

/** "2 (67%)", or "0" when there were no answers of that kind. */
function countShare(count: number, total: number): string {
  return total === 0 ? '0' : `${count} (${percent(count / total)})`;
}
