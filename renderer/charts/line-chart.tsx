/** Lines over a category axis (weeks, months), each with its own dash and marker; shares on a 0-100 % axis. */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../lib/stats-format';
import { markerDot } from './marker';
import { AXIS, GRID, type SeriesStyle, TOOLTIP } from './theme';

export interface LineSeries {
  key: string;
  name: string;
  style: SeriesStyle;
}

export type LineRow = { x: string } & Record<string, number | string | null>;

interface Props {
  rows: LineRow[];
  series: LineSeries[];
  height: number;
  /** Label of an x value in ticks and the tooltip. */
  xLabel: (x: string) => string;
  compact?: boolean;
}

export function ShareLineChart({ rows, series, height, xLabel, compact = false }: Props) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart
        data={rows}
        margin={{ top: 8, right: 12, bottom: 0, left: compact ? -18 : -8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid {...GRID} />
        <XAxis
          dataKey="x"
          {...AXIS}
          tickFormatter={xLabel}
          interval="preserveStartEnd"
          minTickGap={compact ? 18 : 28}
        />
        <YAxis {...AXIS} domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(v: number) => percent(v)} />
        <Tooltip
          {...TOOLTIP}
          labelFormatter={(x) => xLabel(String(x))}
          formatter={(value) => percent(typeof value === 'number' ? value : null)}
        />
        {series.map(({ key, name, style }) => (
          <Line
            key={key}
            dataKey={key}
            name={name}
            type="linear"
            stroke={style.color}
            strokeWidth={2}
            strokeDasharray={style.dash}
            dot={markerDot(style.marker, style.color)}
            activeDot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
