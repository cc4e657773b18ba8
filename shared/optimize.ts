/** FSRS optimisation ("Optimise" and "Evaluate" in Anki's deck options): what its API methods return. */

/** How well parameters predict the history: lower is better for both. */
export interface Evaluation {
  logLoss: number;
  rmseBins: number;
}

export type OptimizeState = 'running' | 'done' | 'cancelled' | 'failed';

/** What a preset's decks hold for a fit, before one starts. */
export interface OptimizeHistory {
  presetId: number;
  reviews: number;
  cards: number;
  /** The fewest reviews Cue fits to. */
  minimum: number;
}

export interface OptimizeStarted {
  jobId: number;
  /** Answers in the history the fit uses, and the cards they belong to. */
  reviews: number;
  cards: number;
}

export interface OptimizeProgress {
  jobId: number;
  state: OptimizeState;
  current: number;
  total: number;
  error?: string;
}

export interface OptimizeResult {
  presetId: number;
  reviews: number;
  cards: number;
  /** The parameters to use: the fitted ones, or the current ones when the fit is no better. */
  params: number[];
  /** The preset's parameters now (FSRS-6's defaults when it has none of its own). */
  current: number[];
  before: Evaluation;
  after: Evaluation;
}

/**
 * Fewer reviews than this and Cue does not fit: a fit to a few hundred answers says more about chance
 * than about the person (fsrs-rs itself would fit far fewer; Anki asks for the same 400).
 */
export const MIN_OPTIMIZE_REVIEWS = 400;
