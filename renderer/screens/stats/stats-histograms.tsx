/**
 * The memory graphs: a histogram of studied cards (intervals, stability, difficulty, recall now) and the
 * FSRS calibration, predicted recall against what happened, with the reviews behind each bin.
 */
import type { CalibrationBin, Histogram, HistogramBucket } from '../../../shared/stats';
import { CalibrationChart } from '../../charts/calibration-chart';
import { ChartFigure } from '../../charts/chart-figure';
import { DataTable } from '../../charts/data-table';
import { Legend, type LegendItem } from '../../charts/legend';
import { type BarSeries, StackedBars } from '../../charts/stacked-bars';
import { seriesStyle } from '../../charts/theme';
import { plural } from '../../lib/format';
import { binLabel, bucketLabel, calibrationGap, EMPTY_HEIGHT } from '../../lib/graph-rows';
import { days as dayText, percent } from '../../lib/stats-format';

const CARD_SERIES: BarSeries[] = [{ key: 'cards', name: 'Cards', style: seriesStyle(0) }];

interface HistogramProps {
  title: string;
  testId: string;
  histogram: Histogram;
  /** What is counted, singular: "studied card". */
  noun: string;
  note: string;
}

export function HistogramGraph({ title, testId, histogram, noun, note }: HistogramProps) {
  const { buckets, unit, cards, median } = histogram;
  const label = (bucket: HistogramBucket) => bucketLabel(bucket, unit);
  const medianText = median === null ? '' : unit === 'days' ? dayText(median) : percent(median);
  const summary =
    cards === 0
      ? `No ${noun}s yet.`
      : `${plural(cards, noun)}, median ${medianText}: ${buckets.map((b) => `${label(b)} ${b.cards}`).join(', ')}.`;
  return (
    <ChartFigure
      title={title}
      testId={testId}
      summary={summary}
      empty={cards === 0 ? `No ${noun}s yet: study some cards to see this.` : undefined}
      height={cards === 0 ? EMPTY_HEIGHT : 180}
      intro={
        <p className="chart-note">
          {note}
          {cards > 0 && ` ${plural(cards, noun)}, median ${medianText}.`}
        </p>
      }
      chart={
        <StackedBars
          rows={buckets.map((bucket) => ({ x: label(bucket), cards: bucket.cards }))}
          series={CARD_SERIES}
          height={180}
        />
      }
      table={
        <DataTable
          caption={`${title}: cards per range (a range holds its start, not its end)`}
          rowHeader={{ header: unit === 'days' ? 'Days (from, up to)' : 'Range (from, up to)', cell: label }}
          columns={[
            { id: 'cards', header: 'Cards', numeric: true, cell: (bucket) => bucket.cards },
            {
              id: 'share',
              header: 'Share',
              numeric: true,
              cell: (bucket) => percent(cards ? bucket.cards / cards : null),
            },
          ]}
          rows={buckets}
          rowKey={(bucket) => String(bucket.from)}
          footer={{ header: 'Total', row: { from: 0, to: null, cards } }}
          testId={`${testId}-table`}
        />
      }
    />
  );
}

const PREDICTED = seriesStyle(1);
const ACTUAL = seriesStyle(0);
const REVIEWS = seriesStyle(5);
const CALIBRATION_LEGEND: LegendItem[] = [
  { name: 'Predicted recall', style: PREDICTED, draw: 'line' },
  { name: 'Actual recall (share passed)', style: ACTUAL, draw: 'line' },
  { name: 'Reviews in the bin', style: REVIEWS, draw: 'bar' },
];

export function CalibrationGraph({ bins, during }: { bins: CalibrationBin[]; during: string }) {
  const { reviews, gap } = calibrationGap(bins);
  const rows = bins.map((bin) => ({
    x: binLabel(bin),
    predicted: bin.predicted,
    actual: bin.actual,
    reviews: bin.reviews,
  }));
  const filled = bins.filter((bin) => bin.reviews > 0);
  const summary =
    reviews === 0
      ? 'No reviews of review cards yet.'
      : `${plural(reviews, 'review')} ${during}; mean gap between predicted and actual recall ${percent(gap, 1)}. ${filled
          .map((bin) => `${binLabel(bin)}: ${bin.reviews} reviews, ${percent(bin.actual)} passed`)
          .join('; ')}.`;
  return (
    <ChartFigure
      title="FSRS calibration"
      testId="graph-calibration"
      summary={summary}
      empty={reviews === 0 ? 'No reviews of review cards yet in this period.' : undefined}
      height={reviews === 0 ? EMPTY_HEIGHT : 200}
      intro={
        <p className="chart-note">
          First reviews of a day, binned by the recall FSRS predicted. A good fit keeps the actual line close to the
          predicted one where a bin holds many reviews.
          {reviews > 0 && ` Mean gap ${percent(gap, 1)} over ${plural(reviews, 'review')}.`}
        </p>
      }
      chart={<CalibrationChart rows={rows} height={200} predicted={PREDICTED} actual={ACTUAL} reviews={REVIEWS} />}
      legend={<Legend kind="line" items={CALIBRATION_LEGEND} label="Calibration" />}
      table={
        <DataTable
          caption={`FSRS calibration ${during}: per bin of predicted recall, its reviews, their mean prediction and the share passed`}
          rowHeader={{ header: 'Bin', cell: binLabel }}
          columns={[
            { id: 'reviews', header: 'Reviews', numeric: true, cell: (bin) => bin.reviews },
            { id: 'predicted', header: 'Predicted', numeric: true, cell: (bin) => percent(bin.predicted, 1) },
            { id: 'actual', header: 'Passed', numeric: true, cell: (bin) => percent(bin.actual, 1) },
          ]}
          rows={bins}
          rowKey={(bin) => String(bin.from)}
          footer={{
            header: 'Total',
            row: { from: 0, to: 1, reviews, predicted: weighted(bins, 'predicted'), actual: weighted(bins, 'actual') },
          }}
          testId="graph-calibration-table"
        />
      }
    />
  );
}

/** The mean over every review of the bins (each bin weighted by its reviews). */
function weighted(bins: CalibrationBin[], of: 'predicted' | 'actual'): number | null {
  let reviews = 0;
  let sum = 0;
  for (const bin of bins) {
    const value = bin[of];
    if (value === null || bin.reviews === 0) continue;
    reviews += bin.reviews;
    sum += value * bin.reviews;
  }
  return reviews === 0 ? null : sum / reviews;
}
