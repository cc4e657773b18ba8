/** Counts over a category axis (days), one line per series with its dash and marker; whole numbers on the axis. */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { markerDot } from './marker';
import { AXIS, GRID, type SeriesStyle, TOOLTIP } from './theme';

export interface CountSeries {
  key: string;
  name: string;
  style: SeriesStyle;
}

export type CountRow = { x: string } & Record<string, number | string>;

interface Props {
  rows: CountRow[];
  series: CountSeries[];
  height: number;
  xLabel: (x: string) => string;
}

export function CountLines({ rows, series, height, xLabel }: Props) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="x" {...AXIS} tickFormatter={xLabel} interval="preserveStartEnd" minTickGap={24} />
        <YAxis {...AXIS} allowDecimals={false} />
        <Tooltip {...TOOLTIP} labelFormatter={(x) => xLabel(String(x))} />
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
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
