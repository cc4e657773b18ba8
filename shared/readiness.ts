/** Target dates (an interview), deadline mode and readiness: what the API answers about them. */

/** A target date: a study day, YYYY-MM-DD, and whether deadline mode shortens intervals for it. */
export interface TargetDate {
  date: string;
  deadlineMode: boolean;
}

/** A deck's target dates: its own, the collection's, and the one that applies (its own over the collection's). */
export interface DeckTarget {
  deckId: number;
  deck: TargetDate | null;
  collection: TargetDate | null;
  effective: (TargetDate & { source: 'deck' | 'collection' }) | null;
  /** Study days from today to the effective date (0 on the day), when there is one. */
  daysLeft: number | null;
}

/** Mean predicted recall on the date over a group of cards (a section, the deck), each 0..1. */
export interface ReadinessGroup {
  id: number;
  name: string;
  cards: number;
  /** Retrievability on the date from the memory state now (a card never studied: 0). */
  recallIfStopped: number;
  /** Retrievability on the date after following the schedule until then (see electron/core/readiness/). */
  recallOnSchedule: number;
  /** Cards whose on-schedule recall on the date stays below the desired retention. */
  atRisk: number;
}

export interface ReadinessCard {
  id: number;
  sectionId: number;
  question: string;
  format: 'markdown' | 'html';
  state: 'new' | 'learning' | 'review' | 'relearning';
  recallIfStopped: number;
  recallOnSchedule: number;
  atRisk: boolean;
}

export interface Readiness {
  deckId: number;
  date: string;
  daysLeft: number;
  desiredRetention: number;
  /** Whether the projection followed deadline mode's intervals. */
  deadlineMode: boolean;
  sections: ReadinessGroup[];
  deck: ReadinessGroup;
  /** Weakest on schedule first. */
  cards: ReadinessCard[];
}

/** Predicted recall on the date as it was at the end of each past week (from the review log). */
export interface ReadinessHistory {
  deckId: number;
  date: string;
  weeks: { at: string; recall: number }[];
}
