/**
 * Shared look of the statistics charts.
 *
 * Why Recharts: it is declarative React (a chart is JSX, not imperative drawing code), it draws SVG (the
 * text stays selectable and every colour below is a CSS variable, so the charts follow the theme styles.css
 * shows, the root's `data-theme`, without JavaScript), stacked bars and dashed lines are built in, and it is
 * well maintained. The heatmap is plain SVG: a grid of squares needs no chart library.
 *
 * Series never rely on colour alone: each has a dash pattern and a marker shape (lines), or a fill
 * pattern (bars), and the legends draw the same.
 */
import type { CSSProperties } from 'react';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray; undefined for a solid line. */
  dash?: string;
  marker: MarkerShape;
  /** Id of the fill pattern in <ChartPatterns>, for bars. */
  pattern: string;
}

export const SERIES: SeriesStyle[] = [
  { color: 'var(--series-1)', marker: 'circle', pattern: 'cue-fill-1' },
  { color: 'var(--series-2)', dash: '8 4', marker: 'square', pattern: 'cue-fill-2' },
  { color: 'var(--series-3)', dash: '2 3', marker: 'triangle', pattern: 'cue-fill-3' },
  { color: 'var(--series-4)', dash: '10 3 2 3', marker: 'diamond', pattern: 'cue-fill-4' },
  { color: 'var(--series-5)', dash: '4 2', marker: 'cross', pattern: 'cue-fill-5' },
  { color: 'var(--series-6)', dash: '1 4', marker: 'circle', pattern: 'cue-fill-6' },
];

export function seriesStyle(index: number): SeriesStyle {
  return SERIES[index % SERIES.length];
}

/** Props for every XAxis / YAxis: muted text and rules in the current theme. */
export const AXIS = {
  stroke: 'var(--border)',
  tick: { fill: 'var(--muted)', fontSize: 12 },
  tickLine: { stroke: 'var(--border)' },
} as const;

export const GRID = { stroke: 'var(--border)', strokeDasharray: '3 3', vertical: false } as const;

export const TOOLTIP_STYLE: CSSProperties = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 8,
  color: 'var(--text)',
  fontSize: 13,
};

/** Props for every <Tooltip>: themed box, no animation (charts must look the same in every screenshot). */
export const TOOLTIP = {
  contentStyle: TOOLTIP_STYLE,
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  itemStyle: { color: 'var(--text)' },
  cursor: { stroke: 'var(--muted)', strokeDasharray: '3 3', fill: 'var(--surface-2)', fillOpacity: 0.5 },
  isAnimationActive: false,
} as const;
