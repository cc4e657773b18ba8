/**
 * Readiness over time: the deck's predicted recall on its target date as it stood at the end of each
 * past week (from the review log: what you would have recalled on the date had you stopped then).
 * Shown only while the deck (or every deck) has a target date.
 */
import type { ReadinessHistory } from '../../../shared/readiness';
import { ChartFigure } from '../../charts/chart-figure';
import { DataTable } from '../../charts/data-table';
import { type LineSeries, ShareLineChart } from '../../charts/line-chart';
import { seriesStyle } from '../../charts/theme';
import { call } from '../../lib/api-client';
import { percent, shortDate } from '../../lib/stats-format';
import { useLoad } from '../../lib/use-load';

const SERIES: LineSeries[] = [{ key: 'recall', name: 'Predicted recall on the date', style: seriesStyle(0) }];
const HEIGHT = 200;

export function ReadinessOverTime({ deckId }: { deckId: number }) {
  const { data } = useLoad(() => call('readiness.history', { deckId }), String(deckId));
  if (!data || data.weeks.length === 0) return null;
  return <ReadinessChart history={data} />;
}

function ReadinessChart({ history }: { history: ReadinessHistory }) {
  const { weeks, date } = history;
  const rows = weeks.map((week) => ({ x: week.at, recall: week.recall }));
  const last = weeks.at(-1);
  const summary = `Predicted recall on ${date}: ${percent(weeks[0].recall)} on ${shortDate(weeks[0].at)}, ${percent(last?.recall)} now.`;
  return (
    <ChartFigure
      title="Readiness over time"
      testId="readiness-over-time"
      summary={summary}
      height={HEIGHT}
      intro={
        <p className="chart-note">
          What you would recall on your target date, {date}, had you stopped studying at the end of each week.
        </p>
      }
      chart={<ShareLineChart rows={rows} series={SERIES} height={HEIGHT} xLabel={shortDate} />}
      table={
        <DataTable
          caption={`Predicted recall on ${date}, week by week`}
          rowHeader={{ header: 'Week ending', cell: (week) => shortDate(week.at) }}
          columns={[
            { id: 'recall', header: 'Predicted recall', numeric: true, cell: (week) => percent(week.recall, 1) },
          ]}
          rows={weeks}
          rowKey={(week) => week.at}
        />
      }
    />
  );
}
