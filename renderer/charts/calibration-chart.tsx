/**
 * FSRS calibration: for bins of predicted recall, the mean prediction (dashed) against the share passed
 * (solid, circles), on a 0-100 % axis, over bars of how many reviews each bin holds (right axis), so a
 * gap in a bin of three reviews is not read like one in a bin of three hundred.
 */
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../lib/stats-format';
import { markerDot } from './marker';
import { AXIS, GRID, type SeriesStyle, TOOLTIP } from './theme';

export interface CalibrationRow {
  x: string;
  predicted: number | null;
  actual: number | null;
  reviews: number;
}

interface Props {
  rows: CalibrationRow[];
  height: number;
  predicted: SeriesStyle;
  actual: SeriesStyle;
  reviews: SeriesStyle;
}

export function CalibrationChart({ rows, height, predicted, actual, reviews }: Props) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: -8 }} accessibilityLayer={false}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="x" {...AXIS} interval="preserveStartEnd" minTickGap={12} />
        <YAxis
          yAxisId="share"
          {...AXIS}
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          tickFormatter={(v: number) => percent(v)}
        />
        <YAxis yAxisId="reviews" orientation="right" {...AXIS} allowDecimals={false} width={40} />
        <Tooltip
          {...TOOLTIP}
          formatter={(value, name) => (name === 'Reviews' ? String(value) : percent(value as number | null))}
        />
        <Bar
          yAxisId="reviews"
          dataKey="reviews"
          name="Reviews"
          fill={`url(#${reviews.pattern})`}
          stroke={reviews.color}
          fillOpacity={0.45}
          isAnimationActive={false}
        />
        <Line
          yAxisId="share"
          dataKey="predicted"
          name="Predicted recall"
          type="linear"
          stroke={predicted.color}
          strokeWidth={2}
          strokeDasharray={predicted.dash}
          dot={markerDot(predicted.marker, predicted.color)}
          activeDot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          yAxisId="share"
          dataKey="actual"
          name="Actual recall"
          type="linear"
          stroke={actual.color}
          strokeWidth={2}
          dot={markerDot(actual.marker, actual.color)}
          activeDot={false}
          isAnimationActive={false}
          connectNulls
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
