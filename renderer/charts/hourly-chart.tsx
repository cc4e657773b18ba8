/** Reviews per hour as bars (left axis) and retention per hour as a dashed line with markers (right axis). */
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../lib/stats-format';
import { markerDot } from './marker';
import { AXIS, GRID, type SeriesStyle, TOOLTIP } from './theme';

export interface HourRow {
  hour: number;
  reviews: number;
  /** null when no review-state answer was counted that hour. */
  retention: number | null;
}

interface Props {
  rows: HourRow[];
  height: number;
  bars: SeriesStyle;
  line: SeriesStyle;
}

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export function HourlyChart({ rows, height, bars, line }: Props) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 0, bottom: 0, left: -12 }} accessibilityLayer={false}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="hour" {...AXIS} tickFormatter={hourLabel} interval={2} />
        <YAxis yAxisId="reviews" {...AXIS} allowDecimals={false} />
        <YAxis
          yAxisId="retention"
          orientation="right"
          {...AXIS}
          domain={[0, 1]}
          ticks={[0, 0.5, 1]}
          tickFormatter={(v: number) => percent(v)}
        />
        <Tooltip
          {...TOOLTIP}
          labelFormatter={(hour) => hourLabel(Number(hour))}
          formatter={(value, name) => (name === 'Retention' ? percent(value as number | null) : String(value))}
        />
        <Bar
          yAxisId="reviews"
          dataKey="reviews"
          name="Reviews"
          fill={`url(#${bars.pattern})`}
          stroke={bars.color}
          isAnimationActive={false}
        />
        <Line
          yAxisId="retention"
          dataKey="retention"
          name="Retention"
          stroke={line.color}
          strokeWidth={2}
          strokeDasharray={line.dash}
          dot={markerDot(line.marker, line.color)}
          activeDot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
