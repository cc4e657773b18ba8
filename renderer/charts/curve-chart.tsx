/**
 * One card's predicted recall over time: the curve drops between reviews and jumps at each answer.
 * Review moments are marked with their marker and a vertical rule; "as of" is a labelled rule.
 */
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { percent } from '../lib/stats-format';
import { Marker } from './marker';
import { AXIS, GRID, type SeriesStyle, TOOLTIP } from './theme';

export interface CurveReview {
  t: number;
  /** Recall just before the answer; 1 for a new card's first answer. */
  r: number;
  label: string;
}

interface Props {
  points: { t: number; r: number }[];
  reviews: CurveReview[];
  at: number;
  height: number;
  curve: SeriesStyle;
  review: SeriesStyle;
}

const dayTick = (t: number) => new Date(t).toLocaleDateString([], { day: 'numeric', month: 'short' });

export function CurveChart({ points, reviews, at, height, curve, review }: Props) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={points} margin={{ top: 16, right: 16, bottom: 0, left: -8 }} accessibilityLayer={false}>
        <CartesianGrid {...GRID} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          {...AXIS}
          tickFormatter={dayTick}
          minTickGap={40}
        />
        <YAxis {...AXIS} domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(v: number) => percent(v)} />
        <Tooltip
          {...TOOLTIP}
          labelFormatter={(t) => new Date(Number(t)).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}
          formatter={(value) => percent(value as number)}
        />
        <ReferenceLine
          x={at}
          stroke="var(--muted)"
          strokeDasharray="4 3"
          label={{ value: 'as of', position: 'top', fill: 'var(--muted)', fontSize: 12 }}
        />
        {reviews.map((item) => (
          <ReferenceLine key={`line-${item.t}`} x={item.t} stroke={review.color} strokeOpacity={0.35} />
        ))}
        <Line
          dataKey="r"
          name="Recall"
          type="linear"
          stroke={curve.color}
          strokeWidth={2}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
        {reviews.map((item) => (
          <ReferenceDot
            key={`dot-${item.t}`}
            x={item.t}
            y={item.r}
            shape={(props: { cx?: number; cy?: number }) => (
              <Marker shape={review.marker} x={props.cx ?? 0} y={props.cy ?? 0} color={review.color} size={5} />
            )}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
