/**
 * Bars stacked by series (sections of the forecast, answer buttons per kind). Each series is filled with
 * its pattern from <ChartPatterns>, so the stack reads without telling hues apart.
 */
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, GRID, type SeriesStyle, TOOLTIP } from './theme';

export interface BarSeries {
  key: string;
  name: string;
  style: SeriesStyle;
}

export type BarRow = { x: string } & Record<string, number | string>;

interface Props {
  rows: BarRow[];
  series: BarSeries[];
  height: number;
  xLabel?: (x: string) => string;
  valueLabel?: (value: number) => string;
  /** Horizontal bars (categories down the side), as for answer buttons per kind. */
  horizontal?: boolean;
  /** Value axis maximum, e.g. 1 for shares; the data's maximum otherwise. */
  max?: number;
  /** Writes each segment's value on it (only where it fits). */
  labels?: boolean;
}

const same = (x: string) => x;
const plain = (value: number) => String(value);

export function StackedBars(props: Props) {
  const { rows, series, height, xLabel = same, valueLabel = plain, horizontal = false, max, labels = false } = props;
  const domain: [number, number | 'auto'] = [0, max ?? 'auto'];
  const category = { dataKey: 'x', type: 'category' as const, tickFormatter: xLabel, ...AXIS };
  const value = { type: 'number' as const, domain, tickFormatter: valueLabel, allowDecimals: false, ...AXIS };
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={rows}
        layout={horizontal ? 'vertical' : 'horizontal'}
        margin={{ top: 8, right: 12, bottom: 0, left: horizontal ? 8 : -12 }}
        barCategoryGap={horizontal ? '22%' : '12%'}
        accessibilityLayer={false}
      >
        <CartesianGrid {...GRID} vertical={horizontal} horizontal={!horizontal} />
        {horizontal ? <XAxis {...value} /> : <XAxis {...category} interval="preserveStartEnd" minTickGap={16} />}
        {horizontal ? <YAxis {...category} width={92} /> : <YAxis {...value} />}
        <Tooltip {...TOOLTIP} labelFormatter={(x) => xLabel(String(x))} formatter={(v) => valueLabel(Number(v))} />
        {series.map(({ key, name, style }) => (
          <Bar
            key={key}
            dataKey={key}
            name={name}
            stackId="stack"
            fill={`url(#${style.pattern})`}
            stroke={style.color}
            strokeWidth={1}
            isAnimationActive={false}
          >
            {labels && (
              <LabelList
                dataKey={key}
                position="center"
                fill="var(--text)"
                fontSize={12}
                fontWeight={600}
                formatter={(v: unknown) => (typeof v === 'number' && v >= 0.15 ? valueLabel(v) : '')}
                className="bar-label"
              />
            )}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
