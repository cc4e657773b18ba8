/**
 * GitHub-style calendar: one column per week, one row per weekday, one square per study day. The shade
 * steps with the count (by quartiles); each square also carries its count in a tooltip (<title>) and an aria-label, and
 * the legend names the range of each step, so the colour is never the only way to read a day.
 */
import { longDate, weekdayIndex } from '../lib/stats-format';

export interface HeatDay {
  date: string;
  reviews: number;
}

const CELL = 14;
const GAP = 3;
const STEP = CELL + GAP;
const LEFT = 30;
const TOP = 18;
const WEEKDAYS = ['Mon', '', 'Wed', '', 'Fri', '', ''];

/**
 * Upper bounds of shades 1-3 (shade 4 is everything above): the quartiles of the days with reviews, so
 * each shade holds about as many days and one heavy first day does not wash the rest out.
 */
export function heatThresholds(counts: number[]): [number, number, number] {
  const sorted = counts.filter((n) => n > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [0, 0, 0];
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return [at(0.25), at(0.5), at(0.75)];
}

export function heatLevel(reviews: number, thresholds: [number, number, number]): number {
  if (reviews <= 0) return 0;
  const level = thresholds.findIndex((bound) => reviews <= bound);
  return level === -1 ? 4 : level + 1;
}

/** The counts each shade stands for, e.g. ["0", "1–5", "6–9", "10–14", "15–64"]; "" for an empty shade. */
export function levelRanges(thresholds: [number, number, number], max: number): string[] {
  const bounds = [0, ...thresholds, max];
  const ranges = ['0'];
  for (let level = 1; level <= 4; level++) {
    const low = bounds[level - 1] + 1;
    const high = bounds[level];
    ranges.push(high < low ? '' : low === high ? `${low}` : `${low}–${high}`);
  }
  return ranges;
}

function reviewsText(day: HeatDay): string {
  return `${day.reviews === 1 ? '1 review' : `${day.reviews} reviews`}, ${longDate(day.date)}`;
}

export function Heatmap({ days, today }: { days: HeatDay[]; today: string }) {
  const thresholds = heatThresholds(days.map((day) => day.reviews));
  const offset = days.length > 0 ? weekdayIndex(days[0].date) : 0;
  const weeks = Math.ceil((days.length + offset) / 7);
  const width = LEFT + weeks * STEP;
  const height = TOP + 7 * STEP;
  return (
    <svg
      className="heatmap"
      width={width}
      height={height}
      style={{ maxWidth: '100%', height: 'auto' }}
      viewBox={`0 0 ${width} ${height}`}
      data-testid="heatmap"
    >
      <title>Reviews per day over the last year</title>
      {WEEKDAYS.map((name, row) =>
        name ? (
          <text key={name} x={LEFT - 6} y={TOP + row * STEP + CELL - 2} textAnchor="end" className="heatmap-label">
            {name}
          </text>
        ) : null,
      )}
      <MonthLabels days={days} offset={offset} />
      {days.map((day, index) => {
        const slot = index + offset;
        const level = heatLevel(day.reviews, thresholds);
        const label = reviewsText(day);
        return (
          <rect
            key={day.date}
            x={LEFT + Math.floor(slot / 7) * STEP}
            y={TOP + (slot % 7) * STEP}
            width={CELL}
            height={CELL}
            rx={2}
            className={`heat heat-${level}${day.date === today ? ' heat-today' : ''}`}
            aria-label={label}
            data-reviews={day.reviews}
            data-testid={day.date === today ? 'calendar-today' : undefined}
          >
            <title>{label}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** A month's short name above the week in which it starts, skipped when too close to the previous one. */
function MonthLabels({ days, offset }: { days: HeatDay[]; offset: number }) {
  const labels: { x: number; text: string }[] = [];
  days.forEach((day, index) => {
    if (!day.date.endsWith('-01') && index !== 0) return;
    const x = LEFT + Math.floor((index + offset) / 7) * STEP;
    const previous = labels.at(-1);
    if (previous && x - previous.x < 3 * STEP) labels.pop();
    const text = new Date(`${day.date}T00:00:00Z`).toLocaleDateString([], { timeZone: 'UTC', month: 'short' });
    labels.push({ x, text });
  });
  return (
    <>
      {labels.map(({ x, text }) => (
        <text key={`${x}-${text}`} x={x} y={TOP - 6} className="heatmap-label">
          {text}
        </text>
      ))}
    </>
  );
}

/** "Less ■■■■■ More", with the count range written under each step. */
export function HeatLegend({ days }: { days: HeatDay[] }) {
  const counts = days.map((day) => day.reviews);
  const ranges = levelRanges(heatThresholds(counts), Math.max(0, ...counts));
  return (
    <ul className="heat-legend" aria-label="Shades: reviews per day">
      {ranges.map((range, level) =>
        range === '' ? null : (
          <li key={range} className="legend-item">
            <svg width={CELL} height={CELL} aria-hidden="true" focusable="false">
              <rect width={CELL} height={CELL} rx={2} className={`heat heat-${level}`} />
            </svg>
            <span>{range}</span>
          </li>
        ),
      )}
    </ul>
  );
}
