/**
 * Mock interviews (mock.*): a session of N questions drawn from chosen sections, each asked against a
 * countdown, answered ("done", or time runs out), then revealed and graded as in study. Times are ms.
 */
import type { Rating, StudyCard, UndoneAnswer } from './domain';

export const MOCK_ORDERS = ['weakest', 'random'] as const;
/**
 * weakest: never-studied cards first (in the session's seeded order), then the lowest FSRS
 * retrievability now, then the most lapses; random: a seeded shuffle, the same for the same seed.
 */
export type MockOrder = (typeof MOCK_ORDERS)[number];

/** A section's time limit bounds, in seconds. */
export const MIN_LIMIT_SECONDS = 10;
export const MAX_LIMIT_SECONDS = 3600;

export interface MockSectionLimit {
  sectionId: number;
  key: string;
  name: string;
  /** Cards a session can draw from it: neither suspended nor buried. */
  cards: number;
  limitMs: number;
  defaultLimitMs: number;
  /** True when the person set this section's limit (limitMs is not its default). */
  custom: boolean;
  /** Median answer time over every mock answer in the section, or null before the first. */
  medianMs: number | null;
}

export interface MockSetup {
  deckId: number;
  sections: MockSectionLimit[];
  /** A session of this deck still running (not ended), to resume. */
  running: { sessionId: number; position: number; total: number } | null;
}

/** Where a question is: not shown yet, being answered, answered (revealed, to grade), graded. */
export type MockPhase = 'pending' | 'asking' | 'answered' | 'graded';

export interface MockQuestion {
  /** 1-based, in the order asked. */
  position: number;
  cardId: number;
  sectionId: number;
  sectionName: string;
  limitMs: number;
  phase: MockPhase;
  /** When the question was first shown (the server's clock). */
  shownAt: number | null;
  /** Whole seconds since shownAt by the server's clock when this was read: a reload resumes the countdown from it. */
  elapsedMs: number | null;
  timeTakenMs: number | null;
  timedOut: boolean | null;
  rating: Rating | null;
  /** The section's median answer time in mock interviews, or null before the first. */
  medianMs: number | null;
  /** The card as study shows it (with the interval each grade would give); null when it was deleted. */
  card: StudyCard | null;
}

export interface MockSessionView {
  sessionId: number;
  deckId: number;
  order: MockOrder;
  seed: number;
  total: number;
  ended: boolean;
  /** The question to answer or grade now; null once every question is graded (or the session ended). */
  current: MockQuestion | null;
  /** Questions graded so far. */
  graded: number;
  /** The last grade can be taken back. */
  canUndo: boolean;
  /** Set when the last grade made its card a leech. */
  leech: { tagged: true; suspended: boolean } | null;
  /** mock.undo: the ticks and typed text of the grade taken back, for the reveal to show again. */
  undone?: UndoneAnswer | null;
}

export interface MockSummaryQuestion {
  position: number;
  cardId: number;
  /** The card's question (its text), or null when the card was deleted. */
  question: string | null;
  format: 'markdown' | 'html';
  sectionId: number;
  sectionName: string;
  limitMs: number;
  /** null: never answered (the session ended first). */
  timeTakenMs: number | null;
  timedOut: boolean;
  rating: Rating | null;
  /** Rated Again or Hard, or time ran out: review it next. */
  reviewNext: boolean;
  /** The key points ticked as recalled at the grade, of how many; null when the checklist was not used. */
  points: { recalled: number; total: number } | null;
}

export interface MockSummary {
  sessionId: number;
  deckId: number;
  startedAt: number;
  endedAt: number | null;
  questions: MockSummaryQuestion[];
  /** The cards to review next, in question order (those rated Again or Hard, or timed out). */
  reviewNext: number[];
  answered: number;
  timedOut: number;
  /** Total time taken over the answered questions. */
  totalMs: number;
}

/** Median answer time per section per week, from mock interview answers. */
export interface AnswerTimes {
  deckId: number;
  /** Weeks of 7 study days, oldest first; `end` is the last day, YYYY-MM-DD. */
  weeks: { end: string; sections: { sectionId: number; answers: number; medianMs: number | null }[] }[];
  /** Over all time, by section. */
  sections: { sectionId: number; name: string; answers: number; medianMs: number | null }[];
}
