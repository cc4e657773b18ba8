/** Cards due per day for the next 30 days, stacked by section; day 0 also holds what is overdue. */
import type { ForecastDay } from '../../../shared/stats';
import { ChartFigure } from '../../charts/chart-figure';
import { DataTable } from '../../charts/data-table';
import { Legend } from '../../charts/legend';
import { type BarRow, type BarSeries, StackedBars } from '../../charts/stacked-bars';
import { seriesStyle } from '../../charts/theme';
import { plural } from '../../lib/format';
import { longDate, shortDate } from '../../lib/stats-format';

interface Props {
  forecast: ForecastDay[];
  names: Map<number, string>;
}

/** "Today", "Tomorrow", "In 12 days". */
export function dayOffsetLabel(offset: number): string {
  if (offset === 0) return 'Today';
  if (offset === 1) return 'Tomorrow';
  return `In ${offset} days`;
}

export function ForecastChart({ forecast, names }: Props) {
  const ids = Object.keys(forecast[0]?.bySection ?? {}).map(Number);
  // The section order of the deck, so colours and textures match the other charts.
  const order = [...names.keys()];
  const sectionIds = order.filter((id) => ids.includes(id));
  const series: BarSeries[] = sectionIds.map((id) => ({
    key: `s${id}`,
    name: names.get(id) ?? `Section ${id}`,
    style: seriesStyle(order.indexOf(id)),
  }));
  const rows: BarRow[] = forecast.map((day) => {
    const row: BarRow = { x: day.date };
    for (const id of sectionIds) row[`s${id}`] = day.bySection[id] ?? 0;
    return row;
  });
  const total = forecast.reduce((sum, day) => sum + day.total, 0);
  const busiest = forecast.reduce((top, day) => (day.total > top.total ? day : top), forecast[0]);
  const summary =
    total === 0
      ? 'Nothing is due in the next 30 days.'
      : `${plural(total, 'card')} due in the next 30 days (overdue cards count today); the busiest day is ${longDate(busiest.date)} with ${busiest.total}.`;
  return (
    <ChartFigure
      title="Forecast: cards due"
      testId="forecast-chart"
      summary={summary}
      empty={total === 0 ? 'Nothing is due in the next 30 days.' : undefined}
      height={220}
      intro={<p className="chart-note">The next 30 days, by section. Today includes overdue cards.</p>}
      chart={<StackedBars rows={rows} series={series} height={220} xLabel={shortDate} />}
      legend={<Legend kind="bar" items={series} label="Sections" />}
      table={
        <DataTable
          caption="Cards due per day by section"
          rowHeader={{
            header: 'Day',
            cell: (day) => `${dayOffsetLabel(forecast.indexOf(day))} · ${shortDate(day.date)}`,
          }}
          columns={[
            ...sectionIds.map((id) => ({
              header: names.get(id) ?? `Section ${id}`,
              numeric: true,
              cell: (day: ForecastDay) => day.bySection[id] ?? 0,
            })),
            { header: 'Total', numeric: true, cell: (day: ForecastDay) => day.total },
          ]}
          rows={forecast}
          rowKey={(day) => `day-${forecast.indexOf(day)}`}
          testId="forecast-table"
        />
      }
    />
  );
}
