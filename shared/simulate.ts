/** Workload simulation and rescheduling: what the API answers with. */

export interface WorkloadRow {
  /** Desired retention, 0.70 to 0.99. */
  retention: number;
  /** Cards answered a day (reviews and new cards), the mean over the period. */
  reviewsPerDay: number;
  /** Minutes of study a day, the mean over the period. */
  minutesPerDay: number;
  /** Expected number of cards recalled at the end of the period. */
  remembered: number;
}

export interface Simulation {
  presetId: number;
  days: number;
  /** The desired retention the preset has (or the options tried). */
  current: number;
  /** The retention among the rows that keeps the most cards remembered per minute of study. */
  best: number;
  rows: WorkloadRow[];
}

/** Desired retentions the simulation tries unless told which: 0.70 to 0.99 in steps of 0.01. */
export const SIMULATED_RETENTIONS: readonly number[] = Array.from({ length: 30 }, (_, i) => (70 + i) / 100);
export const DEFAULT_SIMULATED_DAYS = 365;
export const MAX_SIMULATED_DAYS = 1825;

export interface RescheduleDay {
  /** Study day, YYYY-MM-DD; the first also holds what is overdue. */
  day: string;
  /** Cards due that day as they are scheduled now. */
  before: number;
  /** Cards due that day after rescheduling. */
  after: number;
}

export interface ReschedulePreview {
  /** Cards whose schedule the reschedule changes. */
  cards: number;
  /** The next 30 study days. */
  days: RescheduleDay[];
}

export interface RescheduleResult {
  presetId: number;
  /** Cards rescheduled. */
  cards: number;
}
