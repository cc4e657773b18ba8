/**
 * Mastery over time as small multiples: one chart per section with the share of cards mastered (solid,
 * circles) and the average recall (dashed, squares). Weeks by default; month ends with "All time".
 */
import type { DeckStats, MasteryPoint } from '../../../shared/stats';
import { ChartFigure, ChartImage } from '../../charts/chart-figure';
import { type Column, DataTable } from '../../charts/data-table';
import { Legend } from '../../charts/legend';
import { type LineRow, type LineSeries, ShareLineChart } from '../../charts/line-chart';
import { seriesStyle } from '../../charts/theme';
import { monthLabel, percent, shortDate } from '../../lib/stats-format';

interface Props {
  stats: DeckStats;
  names: Map<number, string>;
  /** True when the all-time points are loaded and shown. */
  allTime: boolean;
  onAllTime: (allTime: boolean) => void;
}

const SERIES: LineSeries[] = [
  { key: 'mastered', name: 'Mastered (share of cards)', style: seriesStyle(0) },
  { key: 'recall', name: 'Average recall', style: seriesStyle(1) },
];

type Point = MasteryPoint['sections'][number];

export function MasteryChart({ stats, names, allTime, onAllTime }: Props) {
  const { mastery } = stats;
  const points = allTime && mastery.allTime ? mastery.allTime : mastery.weeks;
  const xLabel = allTime ? monthLabel : shortDate;
  const sectionIds = stats.sections.map((s) => s.sectionId ?? 0);
  const single = sectionIds.length === 1;
  const period = allTime ? 'at each month end over the whole history' : `over the last ${points.length} weeks`;
  return (
    <ChartFigure
      title="Mastery over time"
      testId="mastery-chart"
      className="mastery-card"
      intro={
        <p className="chart-note">Mastered: in review with a memory stability of at least 21 days. Shown {period}.</p>
      }
      actions={
        mastery.longerHistory && (
          <button
            type="button"
            className="button small toggle"
            aria-pressed={allTime}
            onClick={() => onAllTime(!allTime)}
          >
            All time
          </button>
        )
      }
      chart={
        <div className={single ? 'multiples single' : 'multiples'}>
          {sectionIds.map((id) => (
            <SectionMastery
              key={id}
              name={names.get(id) ?? `Section ${id}`}
              rows={rowsFor(points, id)}
              xLabel={xLabel}
              large={single}
            />
          ))}
        </div>
      }
      legend={<Legend kind="line" items={SERIES} />}
      table={<MasteryTable points={points} sectionIds={sectionIds} names={names} xLabel={xLabel} />}
    />
  );
}

function rowsFor(points: MasteryPoint[], sectionId: number): LineRow[] {
  return points.map((point) => {
    const section = point.sections.find((s) => s.sectionId === sectionId);
    // No cards yet (the deck was added later): no point, rather than a misleading 0 %.
    const present = section !== undefined && section.cards > 0;
    return {
      x: point.date,
      mastered: present ? section.masteredShare : null,
      recall: present ? section.averageRetrievability : null,
    };
  });
}

interface SectionProps {
  name: string;
  rows: LineRow[];
  xLabel: (date: string) => string;
  large: boolean;
}

function SectionMastery({ name, rows, xLabel, large }: SectionProps) {
  const first = rows[0];
  const last = rows.at(-1);
  const summary = `${name}: mastered ${percent(first?.mastered as number)} on ${xLabel(first?.x ?? '')}, ${percent(last?.mastered as number)} on ${xLabel(last?.x ?? '')}; average recall ${percent(last?.recall as number | null)}.`;
  return (
    <figure className="multiple">
      <figcaption>{name}</figcaption>
      <ChartImage summary={summary} height={large ? 240 : 170}>
        <ShareLineChart rows={rows} series={SERIES} height={large ? 240 : 170} xLabel={xLabel} compact={!large} />
      </ChartImage>
    </figure>
  );
}

interface TableProps {
  points: MasteryPoint[];
  sectionIds: number[];
  names: Map<number, string>;
  xLabel: (date: string) => string;
}

function MasteryTable({ points, sectionIds, names, xLabel }: TableProps) {
  const find = (point: MasteryPoint, id: number): Point | undefined => point.sections.find((s) => s.sectionId === id);
  const columns: Column<MasteryPoint>[] = sectionIds.flatMap((id) => [
    {
      id: `${id}-mastered`,
      header: 'Mastered',
      numeric: true,
      cell: (point: MasteryPoint) => {
        const s = find(point, id);
        return s ? `${s.mastered}/${s.cards} (${percent(s.masteredShare)})` : '—';
      },
    },
    {
      id: `${id}-recall`,
      header: 'Recall',
      numeric: true,
      cell: (point: MasteryPoint) => percent(find(point, id)?.averageRetrievability),
    },
  ]);
  return (
    <DataTable
      caption="Cards mastered and average recall per section"
      rowHeader={{ header: 'Period ending', cell: (point) => xLabel(point.date) }}
      columns={columns}
      rows={points}
      rowKey={(point) => point.date}
      groups={sectionIds.map((id) => ({ header: names.get(id) ?? `Section ${id}`, span: 2 }))}
      testId="mastery-table"
    />
  );
}
