/**
 * Fill patterns for bar series, so stacked sections differ by texture as well as hue. Rendered once per
 * screen in a zero-size SVG; `fill="url(#cue-fill-2)"` in any SVG of the same document finds them.
 */
import { SERIES } from './theme';

/** The texture drawn over each series' colour, in order: none, stripes, dots, bars, cross-hatch, waves. */
const TEXTURES = [
  null,
  <path key="t" d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" strokeWidth="1.6" />,
  <circle key="t" cx="4" cy="4" r="1.4" stroke="none" fill="var(--pattern-ink)" />,
  <path key="t" d="M0,2 H8 M0,6 H8" strokeWidth="1.4" />,
  <path key="t" d="M0,0 L8,8 M8,0 L0,8" strokeWidth="1.2" />,
  <path key="t" d="M0,4 H8" strokeWidth="2.5" />,
];

/** The answer buttons: Again cross-hatched, Hard striped, Good plain, Easy dotted. */
const RATING_FILLS = [
  { id: 'cue-rating-1', color: 'var(--again)', texture: 4 },
  { id: 'cue-rating-2', color: 'var(--hard)', texture: 1 },
  { id: 'cue-rating-3', color: 'var(--good)', texture: 0 },
  { id: 'cue-rating-4', color: 'var(--easy)', texture: 2 },
];

const FILLS = [
  ...SERIES.map((series, index) => ({ id: series.pattern, color: series.color, texture: index })),
  ...RATING_FILLS,
];

export function ChartPatterns() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" style={{ position: 'absolute' }}>
      <defs>
        {FILLS.map(({ id, color, texture }) => (
          <pattern key={id} id={id} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={color} />
            <g stroke="var(--pattern-ink)">{TEXTURES[texture]}</g>
          </pattern>
        ))}
      </defs>
    </svg>
  );
}
