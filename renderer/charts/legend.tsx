/** A legend in HTML: each entry shows the series' dash and marker (lines) or fill pattern (bars), and its name. */
import { Marker } from './marker';
import type { SeriesStyle } from './theme';

export interface LegendItem {
  name: string;
  style: SeriesStyle;
  /** How this entry is drawn when it differs from the legend's kind: a line without markers, or a marker alone. */
  draw?: 'line' | 'bar' | 'plain-line' | 'marker';
}

interface Props {
  items: LegendItem[];
  kind: 'line' | 'bar';
  label?: string;
}

export function Legend({ items, kind, label = 'Legend' }: Props) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {items.map(({ name, style, draw = kind }) => (
        <li key={name} className="legend-item">
          <svg width="30" height="14" aria-hidden="true" focusable="false">
            <Swatch style={style} draw={draw} />
          </svg>
          {name}
        </li>
      ))}
    </ul>
  );
}

function Swatch({ style, draw }: { style: SeriesStyle; draw: NonNullable<LegendItem['draw']> }) {
  if (draw === 'bar') {
    return <rect x="5" y="1" width="20" height="12" rx="2" fill={`url(#${style.pattern})`} stroke={style.color} />;
  }
  const line = <line x1="1" y1="7" x2="29" y2="7" stroke={style.color} strokeWidth="2" strokeDasharray={style.dash} />;
  const marker = <Marker shape={style.marker} x={15} y={7} color={style.color} size={draw === 'marker' ? 4.5 : 3.5} />;
  if (draw === 'plain-line') return line;
  if (draw === 'marker') return marker;
  return (
    <>
      {line}
      {marker}
    </>
  );
}
