/** When in the day I study, and how well I remember at each hour (last 30 days, local time). */
import type { HourStats } from '../../../shared/stats';
import { ChartFigure } from '../../charts/chart-figure';
import { DataTable } from '../../charts/data-table';
import { HourlyChart, hourLabel } from '../../charts/hourly-chart';
import { Legend } from '../../charts/legend';
import { seriesStyle } from '../../charts/theme';
import { plural } from '../../lib/format';
import { percent, retention } from '../../lib/stats-format';

const BARS = seriesStyle(0);
const LINE = seriesStyle(1);

export function HourlyBreakdown({ hours }: { hours: HourStats[] }) {
  const rows = hours.map((h) => ({ hour: h.hour, reviews: h.reviews, retention: h.retention.rate }));
  const active = hours.filter((h) => h.reviews > 0);
  const busiest = active.reduce<HourStats | undefined>(
    (top, h) => (!top || h.reviews > top.reviews ? h : top),
    undefined,
  );
  const summary = busiest
    ? `Reviews by hour, last 30 days: most at ${hourLabel(busiest.hour)} (${plural(busiest.reviews, 'review')}, retention ${percent(busiest.retention.rate)}); ${active.length} hours with reviews.`
    : 'No reviews in the last 30 days.';
  return (
    <ChartFigure
      title="Hours of the day"
      testId="hourly-chart"
      summary={summary}
      empty={!busiest ? 'No reviews in the last 30 days.' : undefined}
      height={200}
      intro={<p className="chart-note">Reviews per hour and true retention per hour, last 30 days.</p>}
      chart={<HourlyChart rows={rows} height={200} bars={BARS} line={LINE} />}
      legend={
        <>
          <Legend kind="bar" items={[{ name: 'Reviews (left axis)', style: BARS }]} label="Bars" />
          <Legend kind="line" items={[{ name: 'Retention (right axis)', style: LINE }]} label="Line" />
        </>
      }
      table={
        <DataTable
          caption="Reviews and retention per hour, last 30 days"
          rowHeader={{ header: 'Hour', cell: (h) => hourLabel(h.hour) }}
          columns={[
            { header: 'Reviews', numeric: true, cell: (h) => h.reviews },
            { header: 'Retention', numeric: true, cell: (h) => retention(h.retention) },
          ]}
          rows={active.length > 0 ? active : hours}
          rowKey={(h) => String(h.hour)}
          testId="hourly-table"
        />
      }
    />
  );
}
