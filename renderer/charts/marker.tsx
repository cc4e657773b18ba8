/** Marker shapes drawn at a point: the same shapes on the lines and in their legend. */
import type { MarkerShape } from './theme';

interface Props {
  shape: MarkerShape;
  x: number;
  y: number;
  color: string;
  size?: number;
  /** Hollow markers stay readable where lines cross. */
  fill?: string;
}

export function Marker({ shape, x, y, color, size = 4, fill = 'var(--surface)' }: Props) {
  const s = size;
  const common = { stroke: color, strokeWidth: 1.6, fill };
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={s} {...common} />;
    case 'square':
      return <rect x={x - s} y={y - s} width={2 * s} height={2 * s} {...common} />;
    case 'triangle':
      return (
        <polygon
          points={`${x},${y - s * 1.2} ${x + s * 1.1},${y + s * 0.8} ${x - s * 1.1},${y + s * 0.8}`}
          {...common}
        />
      );
    case 'diamond':
      return <polygon points={`${x},${y - s * 1.3} ${x + s},${y} ${x},${y + s * 1.3} ${x - s},${y}`} {...common} />;
    case 'cross':
      return <path d={`M${x - s},${y - s}L${x + s},${y + s}M${x - s},${y + s}L${x + s},${y - s}`} {...common} />;
  }
}

/** A Recharts `dot` renderer: our marker at each point that has a value. */
export function markerDot(shape: MarkerShape, color: string) {
  return (props: { cx?: number; cy?: number; index?: number }) => {
    const { cx, cy, index } = props;
    if (cx === undefined || cy === undefined || cx === null || cy === null) return <g key={index} />;
    return (
      <g key={index}>
        <Marker shape={shape} x={cx} y={cy} color={color} />
      </g>
    );
  };
}
