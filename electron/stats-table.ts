/** `cue stats` without --json: the per-section table, readable in an 80+ column terminal. */
import type { DeckStats, RetentionFigure, SectionStats } from '../shared/stats';

const COLUMNS: [string, number, (s: SectionStats) => string][] = [
  ['Section', 30, (s) => s.name],
  ['New', 5, (s) => String(s.cards.new)],
  ['Lrn', 5, (s) => String(s.cards.learning)],
  ['Rev', 5, (s) => String(s.cards.review)],
  ['Susp', 5, (s) => String(s.cards.suspended)],
  ['Mastered', 10, (s) => `${s.mastered} ${percent(s.masteredShare)}`],
  ['Recall', 7, (s) => (s.averageRetrievability === null ? '-' : percent(s.averageRetrievability))],
  ['Ret 7d', 14, (s) => retention(s.trueRetention.days7)],
  ['Ret 30d', 14, (s) => retention(s.trueRetention.days30)],
  ['Ret 365d', 14, (s) => retention(s.trueRetention.days365)],
  ['Reviews', 8, (s) => String(s.reviews.total)],
  ['Time', 8, (s) => duration(s.reviews.totalMs)],
  ['Due t/tm/7d', 12, (s) => `${s.due.today}/${s.due.tomorrow}/${s.due.next7Days}`],
];

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function retention(figure: RetentionFigure): string {
  return figure.rate === null ? '-' : `${percent(figure.rate)} (${figure.passed}/${figure.total})`;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;
}

function row(cells: string[]): string {
  return cells
    .map((cell, i) => {
      const width = COLUMNS[i][1];
      const fitted = cell.length > width ? `${cell.slice(0, width - 1)}…` : cell;
      return i === 0 ? fitted.padEnd(width) : fitted.padStart(width);
    })
    .join(' ');
}

export function formatStatsTable(stats: DeckStats): string {
  const lines = [
    `${stats.deck.name}: statistics as of ${stats.date} (${stats.timeZone}, day starts ${stats.rolloverHour}:00)`,
    '',
    row(COLUMNS.map(([title]) => title)),
    ...stats.sections.map((s) => row(COLUMNS.map(([, , cell]) => cell(s)))),
  ];
  if (stats.sections.length > 1)
    lines.push(row(COLUMNS.map(([, , cell]) => cell({ ...stats.total, name: 'All sections' }))));
  const { calendar } = stats;
  lines.push(
    '',
    `Streak: ${days(calendar.streak)} (longest ${days(calendar.longestStreak)}); studied on ${calendar.daysStudied} of the last 365 days.`,
    'Mastered: stability of at least 21 days. Recall: average predicted recall now. Ret: true retention (passed/counted).',
  );
  return `${lines.join('\n')}\n`;
}

function days(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}
