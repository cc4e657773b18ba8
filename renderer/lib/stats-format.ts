/** Wording for statistics: percentages, retention with its counts, durations and study days. */
import type { RetentionFigure, ReviewKind } from '../../shared/stats';

export const DASH = '—';

/** 0.913 -> "91%"; null -> "—". */
export function percent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return DASH;
  return `${(share * 100).toFixed(digits)}%`;
}

/** "91% (45/49)": the count behind the figure, so a rate from three reviews does not look like one from 300. */
export function retention(figure: RetentionFigure): string {
  if (figure.total === 0 || figure.rate === null) return DASH;
  return `${percent(figure.rate)} (${figure.passed}/${figure.total})`;
}

/** The same figure in two parts, for a table cell that puts the count under the rate: "91%" and "(45/49)". */
export function retentionParts(figure: RetentionFigure): { rate: string; count?: string } {
  if (figure.total === 0 || figure.rate === null) return { rate: DASH };
  return { rate: percent(figure.rate), count: `(${figure.passed}/${figure.total})` };
}

/** "45 s", "12 min", "3 h 05 min". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "8.4 s" for a single answer. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A study day as a UTC midnight, so formatting never shifts it by the viewer's time zone. */
function studyDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** "Tue, 10 Mar 2025". */
export function longDate(date: string): string {
  return studyDay(date).toLocaleDateString([], {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

/** "10 Mar". */
export function shortDate(date: string): string {
  return studyDay(date).toLocaleDateString([], { timeZone: 'UTC', day: 'numeric', month: 'short' });
}

/** "Mar 2025", for month ends. */
export function monthLabel(date: string): string {
  return studyDay(date).toLocaleDateString([], { timeZone: 'UTC', month: 'short', year: 'numeric' });
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  return (studyDay(date).getUTCDay() + 6) % 7;
}

/** Whole days from one study day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((studyDay(to).getTime() - studyDay(from).getTime()) / 86_400_000);
}

/** A moment as date and time in the viewer's locale, e.g. "10 Mar 2025, 07:42". */
export function dateTime(ms: number): string {
  return new Date(ms).toLocaleString([], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "3 d", "2.5 mo", "1.2 y" for stabilities and intervals (in days). */
export function days(value: number): string {
  if (value < 1) return `${value.toFixed(1)} d`;
  if (value < 30) return `${Math.round(value)} d`;
  if (value < 365) return `${(value / 30).toFixed(1)} mo`;
  return `${(value / 365).toFixed(1)} y`;
}

export const STATE_NAMES = { new: 'New', learning: 'Learning', review: 'Review', relearning: 'Relearning' } as const;

/** The kinds of review, as the answer-button chart and a card's review log name them. */
export const KIND_NAMES: Record<ReviewKind, string> = {
  learning: 'Learning',
  young: 'Young',
  mature: 'Mature',
  relearning: 'Relearning',
};
