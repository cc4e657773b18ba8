/**
 * One chart on the statistics screen: a title, the chart as an image with a spoken summary, its legend,
 * and a "Show as table" toggle that swaps the picture for the same numbers as a table.
 */
import { type ReactNode, useId, useState } from 'react';

interface Props {
  title: string;
  /**
   * What the chart shows, in words: the image's accessible name. Without it the chart brings its own
   * images (small multiples, each with a name).
   */
  summary?: string;
  /** Height of the plot in px: Recharts' ResponsiveContainer needs a sized parent. */
  height?: number;
  chart: ReactNode;
  legend?: ReactNode;
  table: ReactNode;
  /** Said in place of the plot when there is nothing to draw (empty axes look like a broken chart). */
  empty?: string;
  /** Extra controls next to the toggle (e.g. "All time"). */
  actions?: ReactNode;
  /** Facts shown above the chart (e.g. streaks). */
  intro?: ReactNode;
  testId: string;
  className?: string;
}

export function ChartFigure({
  title,
  summary,
  height,
  chart,
  legend,
  table,
  actions,
  intro,
  empty,
  testId,
  className,
}: Props) {
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  return (
    <section
      className={`stats-card chart-card${className ? ` ${className}` : ''}`}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <header className="chart-head">
        <h2 id={headingId}>{title}</h2>
        <div className="chart-actions">
          {actions}
          <button
            type="button"
            className="button small toggle"
            aria-pressed={asTable}
            onClick={() => setAsTable((value) => !value)}
          >
            Show as table
          </button>
        </div>
      </header>
      {intro}
      {asTable ? (
        table
      ) : empty ? (
        <p className="chart-empty" style={{ minHeight: height }}>
          {empty}
        </p>
      ) : (
        <>
          {summary === undefined ? (
            chart
          ) : (
            <ChartImage summary={summary} height={height}>
              {chart}
            </ChartImage>
          )}
          {legend}
        </>
      )}
    </section>
  );
}

/** The plot as one image for assistive technology; the SVG's own texts are then not read one by one. */
export function ChartImage({ summary, height, children }: { summary: string; height?: number; children: ReactNode }) {
  return (
    <div className="chart-plot" role="img" aria-label={summary} style={{ height }}>
      {children}
    </div>
  );
}
