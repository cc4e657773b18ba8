/**
 * One measure against desired retention (a number axis from 70 % to 99 %), with labelled vertical rules
 * at chosen retentions (the preset's, the best). Each rule's label carries its value in data attributes,
 * so what the picture marks can be read (and tested) without measuring pixels.
 */
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, GRID, type SeriesStyle, TOOLTIP } from './theme';

export interface RetentionMark {
  retention: number;
  /** Shown at the top of the rule: "Current 90%". */
  label: string;
  color: string;
  dash?: string;
  testId: string;
  /** Where the label sits: rules close together put theirs on different sides, or on two lines. */
  side: 'left' | 'right';
  /** The line above the plot the label is on: 0 nearest. */
  row: 0 | 1;
}

interface Props {
  rows: { retention: number; value: number }[];
  name: string;
  style: SeriesStyle;
  marks: RetentionMark[];
  height: number;
  format: (value: number) => string;
}

const TICKS = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];
export const retentionPercent = (retention: number) => `${Math.round(retention * 100)}%`;

/** Height of a line of mark labels above the plot. */
const LABEL_LINE = 15;

/** The rule's label: above the plot, beside the rule's top. */
function markLabel(mark: RetentionMark) {
  return ({ viewBox }: { viewBox?: { x?: number; y?: number } }) => {
    const x = viewBox?.x ?? 0;
    const y = (viewBox?.y ?? 0) - 6 - mark.row * LABEL_LINE;
    const left = mark.side === 'left';
    return (
      <text
        x={left ? x - 5 : x + 5}
        y={y}
        textAnchor={left ? 'end' : 'start'}
        fill={mark.color}
        fontSize={12}
        fontWeight={600}
        data-testid={mark.testId}
        data-retention={mark.retention}
      >
        {mark.label}
      </text>
    );
  };
}

export function RetentionChart({ rows, name, style, marks, height, format }: Props) {
  const lines = Math.max(1, ...marks.map((mark) => mark.row + 1));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart
        data={rows}
        margin={{ top: 8 + lines * LABEL_LINE, right: 16, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid {...GRID} />
        <XAxis
          dataKey="retention"
          type="number"
          domain={[0.7, 0.99]}
          ticks={TICKS}
          {...AXIS}
          tickFormatter={retentionPercent}
        />
        <YAxis {...AXIS} width={52} tickFormatter={format} allowDecimals />
        <Tooltip
          {...TOOLTIP}
          labelFormatter={(x) => `Desired retention ${retentionPercent(Number(x))}`}
          formatter={(value) => [format(Number(value)), name]}
        />
        {marks.map((mark) => (
          <ReferenceLine
            key={mark.testId}
            x={mark.retention}
            stroke={mark.color}
            strokeWidth={2}
            strokeDasharray={mark.dash}
            label={markLabel(mark)}
            ifOverflow="extendDomain"
          />
        ))}
        <Line
          dataKey="value"
          name={name}
          type="monotone"
          stroke={style.color}
          strokeWidth={2}
          strokeDasharray={style.dash}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
