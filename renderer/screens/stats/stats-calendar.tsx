/** Reviews per day over the last year as a heatmap, with the streaks and the number of days studied. */
import type { CalendarStats } from '../../../shared/stats';
import { ChartFigure } from '../../charts/chart-figure';
import { DataTable } from '../../charts/data-table';
import { HeatLegend, Heatmap } from '../../charts/heatmap';
import { plural } from '../../lib/format';
import { longDate } from '../../lib/stats-format';

interface Props {
  calendar: CalendarStats;
  today: string;
}

export function CalendarChart({ calendar, today }: Props) {
  const { days, streak, longestStreak, daysStudied } = calendar;
  const studied = days.filter((day) => day.reviews > 0);
  const reviews = studied.reduce((sum, day) => sum + day.reviews, 0);
  const max = Math.max(0, ...days.map((day) => day.reviews));
  const summary = `Reviews per day over the last year: ${plural(reviews, 'review')} on ${plural(daysStudied, 'day')}; at most ${max} in a day.`;
  return (
    <ChartFigure
      title="Review calendar"
      testId="calendar-chart"
      summary={summary}
      intro={
        <dl className="facts" data-testid="calendar-facts">
          <Fact label="Current streak" value={plural(streak, 'day')} testId="streak" />
          <Fact label="Longest streak" value={plural(longestStreak, 'day')} testId="longest-streak" />
          <Fact label="Days studied" value={`${daysStudied} of ${days.length}`} testId="days-studied" />
        </dl>
      }
      chart={
        <div className="heatmap-scroll">
          <Heatmap days={days} today={today} />
        </div>
      }
      legend={<HeatLegend days={days} />}
      table={
        <DataTable
          caption="Days with reviews in the last year"
          rowHeader={{ header: 'Day', cell: (day) => longDate(day.date) }}
          columns={[{ header: 'Reviews', numeric: true, cell: (day) => day.reviews }]}
          rows={studied.toReversed()}
          rowKey={(day) => day.date}
          testId="calendar-table"
        />
      }
    />
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
