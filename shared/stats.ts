/**
 * Statistics types: what the statistics screen, `cue stats --json` and the home screen's mastery bars
 * show. Times are ms since epoch; dates are study days (the day starts at the rollover hour) as YYYY-MM-DD.
 */

import type { CardNoteType } from './domain';

/** A retention figure with the count behind it; `rate` is null when nothing was counted. */
export interface RetentionFigure {
  passed: number;
  total: number;
  rate: number | null;
}

export interface CardCounts {
  total: number;
  new: number;
  /** Learning and relearning. */
  learning: number;
  review: number;
  suspended: number;
  buried: number;
}

/** One row of the per-section table; the whole-deck row has `sectionId: null`. */
export interface SectionStats {
  sectionId: number | null;
  name: string;
  cards: CardCounts;
  /** Review cards whose FSRS stability is at least 21 days (Anki's "mature"). */
  mastered: number;
  /** mastered / all cards (0..1). */
  masteredShare: number;
  /** Mean predicted recall probability now (0..1) over cards studied at least once; null if none. */
  averageRetrievability: number | null;
  /** Anki's true retention: first review of a card each day, review-state cards only, Again = fail. */
  trueRetention: { days7: RetentionFigure; days30: RetentionFigure; days365: RetentionFigure };
  reviews: { total: number; totalMs: number; last30Days: number; last30DaysMs: number };
  due: { today: number; tomorrow: number; next7Days: number };
}

/** The state of each section at the end of one period (a week, or a month for "all time"). */
export interface MasteryPoint {
  /** Last study day of the period, YYYY-MM-DD. */
  date: string;
  sections: {
    sectionId: number;
    cards: number;
    mastered: number;
    masteredShare: number;
    averageRetrievability: number | null;
  }[];
}

export interface CalendarStats {
  /** One entry per study day of the last 365 days, oldest first (days without reviews included). */
  days: { date: string; reviews: number }[];
  /** Days in a row with reviews, ending today (or yesterday, when today has none yet). */
  streak: number;
  longestStreak: number;
  /** Days with reviews within `days`. */
  daysStudied: number;
}

export interface ForecastDay {
  date: string;
  /** Cards due that day by section id; day 0 also holds everything overdue. */
  bySection: Record<number, number>;
  total: number;
}

export type ReviewKind = 'learning' | 'young' | 'mature' | 'relearning';

export interface AnswerButtonStats {
  kind: ReviewKind;
  /** Answers by rating: [Again, Hard, Good, Easy]. */
  counts: [number, number, number, number];
  total: number;
}

export interface HourStats {
  hour: number;
  reviews: number;
  /** Review-state first-of-day answers that were not Again, as in true retention. */
  retention: RetentionFigure;
}

export interface DeckStats {
  deck: { id: number; name: string };
  /** The study day the statistics describe, and the moment they were computed for. */
  date: string;
  at: number;
  timeZone: string;
  rolloverHour: number;
  /** What reviews are scheduled for now (the Settings), to hold true retention against. */
  desiredRetention: number;
  sections: SectionStats[];
  total: SectionStats;
  mastery: {
    /** The last 12 weeks, oldest first; each week ends on `date`. */
    weeks: MasteryPoint[];
    /** Month ends over the whole history, when it is longer than 12 weeks and was asked for. */
    allTime: MasteryPoint[] | null;
    /** True when the review history reaches back further than the 12 weeks. */
    longerHistory: boolean;
  };
  calendar: CalendarStats;
  /** The next 30 days, starting today. */
  forecast: ForecastDay[];
  /** Over the last 30 days. */
  answerButtons: AnswerButtonStats[];
  /** Over the last 30 days, by local hour of the answer. */
  hourly: HourStats[];
}

export interface CardReview {
  id: number;
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  kind: ReviewKind;
  /** Recall probability just before the answer; null for a new card. */
  retrievability: number | null;
  stabilityAfter: number;
  difficultyAfter: number;
  /** Days until the next review that this answer scheduled (0 for learning steps). */
  scheduledDays: number;
  dueAfter: number;
}

export interface CardEvent {
  at: number;
  /**
   * memory: a memory state an import brought; reschedule: after a change of retention or parameters;
   * kept_schedule: the schedule an import kept as the source had it (an Anki card's due date and interval).
   */
  kind: 'reset' | 'set_due' | 'memory' | 'reschedule' | 'kept_schedule';
  due: number | null;
}

export interface CardStats {
  card: {
    id: number;
    key: string;
    deckId: number;
    sectionId: number;
    sectionName: string;
    question: string;
    format: 'markdown' | 'html';
    state: 'new' | 'learning' | 'review' | 'relearning';
    suspended: boolean;
    due: number;
    stability: number;
    difficulty: number;
    reps: number;
    lapses: number;
    retrievability: number | null;
    mastered: boolean;
    noteId: number;
    noteType: CardNoteType;
    /** The note type's CSS, for the question shown ('' for Cue's built-in types). */
    css: string;
  };
  reviews: CardReview[];
  /**
   * Changes that were not answers, oldest first: resets to new, due dates set by hand (`due`), memory
   * states imports brought, and reschedules (with the new `due`).
   */
  events: CardEvent[];
  /** Predicted recall probability over time, from the first review to 30 days after `at`. */
  curve: { t: number; r: number }[];
}

/** A card row in a section's list on the statistics screen (weakest first). */
export interface CardStatsRow {
  id: number;
  key: string;
  question: string;
  format: 'markdown' | 'html';
  state: 'new' | 'learning' | 'review' | 'relearning';
  suspended: boolean;
  due: number;
  stability: number;
  retrievability: number | null;
  lapses: number;
  reviews: number;
  mastered: boolean;
}

/** One bar of a histogram: cards from `from` up to (not including) `to`; `to` null is open-ended. */
export interface HistogramBucket {
  from: number;
  to: number | null;
  cards: number;
}

export interface Histogram {
  /** What `from` and `to` count: days (intervals, stability) or a share from 0 to 1 (difficulty, recall). */
  unit: 'days' | 'share';
  buckets: HistogramBucket[];
  /** Cards that have a value (studied cards; reviews for intervals), and their median value (null: none). */
  cards: number;
  median: number | null;
}

/** One study day of answers by kind of card: how many, and the time spent. */
export interface ReviewsDay {
  date: string;
  count: Record<ReviewKind, number>;
  timeMs: Record<ReviewKind, number>;
}

/** Reviews whose predicted recall fell in [from, to): the mean prediction against what happened. */
export interface CalibrationBin {
  from: number;
  to: number;
  reviews: number;
  /** Mean predicted recall of the reviews in the bin, and the share of them passed (null: none). */
  predicted: number | null;
  actual: number | null;
}

/** The statistics graphs of a deck or section (stats.graphs): over a period of study days to today. */
export interface StatsGraphs {
  deck: { id: number; name: string };
  sectionId: number | null;
  /** The first and last study day the period holds (the last is today). */
  from: string;
  to: string;
  reviews: ReviewsDay[];
  /** Cards added per study day. */
  added: { date: string; cards: number }[];
  /** Review cards by the interval they were last given, in days. */
  intervals: Histogram;
  /** Studied cards by stability, in days. */
  stability: Histogram;
  /** Studied cards by FSRS difficulty scaled from 0 to 1 (as Anki shows it). */
  difficulty: Histogram;
  /** Studied cards by their recall now. */
  retrievability: Histogram;
  /**
   * The first reviews of a day of review cards in the period, binned by the recall FSRS predicted before
   * the answer: when the parameters fit, each bin's share passed is close to its mean prediction.
   */
  calibration: CalibrationBin[];
}
