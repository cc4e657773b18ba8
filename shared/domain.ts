/** Domain types shared by the core, the transports and the renderer. Times are ms since epoch. */
import type { HistoryStep } from './history';
import type { KeyPoint } from './key-points';
import type { NoteTypeKind } from './notes';

export type CardState = 'new' | 'learning' | 'review' | 'relearning';

/** Anki's four answer buttons; the numbers are FSRS's ratings and the keys 1-4. */
export type Rating = 1 | 2 | 3 | 4;
export const RATING_NAMES: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

export interface QueueCounts {
  learning: number;
  review: number;
  new: number;
}

export interface SectionSummary {
  id: number;
  key: string;
  name: string;
  description: string;
  cards: number;
  due: QueueCounts;
  suspended: number;
  buried: number;
  /** Review cards with stability of at least 21 days (see statistics). */
  mastered: number;
}

export interface DeckSummary {
  id: number;
  key: string;
  name: string;
  description: string;
  /** Shipped with Cue: updates of the file reach the collection, leaving the person's edits alone. */
  bundled: boolean;
  cards: number;
  sections: SectionSummary[];
  due: QueueCounts;
  /** How many new cards the deck introduces a day: its own limit, else its preset's. */
  newPerDay: number;
  /** The deck option preset it is studied with. */
  presetId: number;
  /** New cards still allowed today, after the daily limit. */
  newLeftToday: number;
  reviewedToday: number;
  /** The interview date that applies to the deck (its own or the collection's), while it is ahead or today. */
  target: { date: string; daysLeft: number } | null;
}

export interface IntervalPreview {
  rating: Rating;
  /** When the card would next be due. */
  due: number;
  /** Short label as Anki shows it: "1m", "10m", "3d", "2.5mo". */
  label: string;
}

export interface StudyCard {
  id: number;
  key: string;
  deckId: number;
  sectionId: number;
  sectionName: string;
  question: string;
  answer: string;
  /** Cue's own cards are Markdown; imported Anki cards are HTML. Both are sanitised when shown. */
  format: 'markdown' | 'html';
  tags: string[];
  state: CardState;
  /** Anki's flag colours, 1 to 7; 0 none. */
  flag: number;
  /** The four answers with the interval each would give, computed at `shownAt`. */
  previews: IntervalPreview[];
  /** The answer's key points, the checklist after the reveal (shared/key-points.ts); empty: no checklist. */
  keyPoints: KeyPoint[];
  /** Ids of the points missed at the card's last standing answer (when its checklist was used). */
  missedLastTime: string[];
  /** The deck preset's checklist thresholds and whether it asks for a typed answer. */
  answering: { pointsGoodShare: number; pointsHardShare: number; typedAnswer: boolean };
  /** The deck preset's `autoplayAudio`: each side's `[sound:…]` files play when it is shown. */
  autoplayAudio: boolean;
  noteId: number;
  noteType: CardNoteType;
  /** Revealed, the answer is shown in place of the question (a cloze's answer is the whole revealed text). */
  answerAlone: boolean;
  /** The text to type (`{{type:Field}}`): the question shows a box, the answer the comparison. */
  typeAnswer: string | null;
  /** The note type's CSS, scoped to the card when shown ('' for Cue's built-in types). */
  css: string;
}

/** The note type a card's note belongs to, as a card shows it. */
export interface CardNoteType {
  id: number;
  name: string;
  kind: NoteTypeKind;
}

export interface StudyNext {
  card: StudyCard | null;
  counts: QueueCounts;
  /** When nothing is due now: when the next learning card comes back, if today. */
  nextLearningDue: number | null;
  /** Cards due during tomorrow's study day, for the "done for today" screen. */
  dueTomorrow: number;
  /** When the next card already studied falls due again (any day), or null. */
  nextDue: number | null;
  newLeftToday: number;
  canUndo: boolean;
  /** Which of today's limits is used up while cards still wait (what stopped the queue). */
  limits: { reviewLimitReached: boolean; newLimitReached: boolean };
}

export interface AnswerResult {
  cardId: number;
  reviewId: number;
  state: CardState;
  due: number;
  /** The queue after the answer, exactly what `study.next` answers for the same scope right after. */
  next: StudyNext;
  /** Set when this answer made the card a leech: tagged `leech`, and suspended if the preset says so. */
  leech: { tagged: true; suspended: boolean } | null;
}

/** Today's extra new cards and reviews of a deck beyond its limits (custom study), totals for the day. */
export interface LimitExtension {
  deckId: number;
  /** YYYY-MM-DD. */
  studyDay: string;
  newCards: number;
  reviews: number;
}

export interface UndoResult {
  cardId: number;
  /** The queue after the undo, showing the card that was taken back (question side). */
  next: StudyNext;
  /** study.undo: the undone answer's ticks and typed text, for the screen to restore; null: it had none. */
  answer?: UndoneAnswer | null;
  /** study.undo: the step of the history it took back ("Answer", "Bury", "Delete 1 card"). */
  step?: HistoryStep;
}

/** What an undone answer held beside its rating. */
export interface UndoneAnswer {
  /** Ids of the points ticked, or null when the checklist was not used. */
  recalled: string[] | null;
  typedText: string | null;
}

/** How often each of a card's key points was missed (stats.missedPoints, stats.cardPoints). */
export interface MissedPoint {
  cardId: number;
  pointId: string;
  /** The label as it read at the newest answer that ticked or missed it. */
  label: string;
  /** Standing answers that had this point on their checklist, and those that left it unticked. */
  asked: number;
  missed: number;
  /** missed / asked. */
  share: number;
}

export interface MissedPointsStats {
  /** Per section of the deck (or the one asked for), its most missed points, most missed first. */
  sections: { sectionId: number; name: string; points: (MissedPoint & { question: string })[] }[];
  /** Per card with a miss, its missed points, the cards with most misses first. */
  cards: { cardId: number; sectionId: number; question: string; points: MissedPoint[] }[];
}

/** One card's points and the answers that ticked them (card info). */
export interface CardPointsStats {
  /** Every point the card has now, with how often it was missed (0 when never asked). */
  points: MissedPoint[];
  /** The standing answers that kept ticks or a typed text, newest first. */
  answers: {
    reviewId: number;
    reviewedAt: number;
    rating: Rating;
    recalled: { id: string; label: string }[] | null;
    missed: { id: string; label: string }[] | null;
    typedText: string | null;
  }[];
}

/** What the person can set for the whole collection; what decks are studied with is in their presets. */
export interface CollectionSettings {
  /** The local hour a new study day starts (0–23; 4 by default, as in Anki). */
  rolloverHour: number;
}

/** What a full check of the collection file found (collection.check). */
export interface CollectionCheck {
  sound: boolean;
  /** What SQLite's integrity check reported, when it was not sound. */
  problem: string | null;
  /** What Cue did about it: the backup it restored, where the damaged file is. */
  notice: string | null;
  checkedAt: number;
}

export interface CollectionInfo {
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  cueVersion: string;
  /** Problems met while loading bundled decks; the app still runs with what it has. */
  warnings: string[];
  /** What changed when a bundled deck was updated at this start, e.g. edits of the person's that were kept. */
  notices: string[];
  /** What Cue did about a damaged or missing collection file: the backup it restored, where the damaged one is. */
  recoveries: string[];
}

// Custom study (custom.*): sessions over a deck or section, beside the day's queue.

/**
 * What a custom session studies: cards due in the next days ('ahead'), cards answered Again lately
 * ('forgotten'), new cards ('preview'), or the cards of a tag or a search ('cram').
 */
export const CUSTOM_KINDS = ['ahead', 'forgotten', 'preview', 'cram'] as const;
export type CustomKind = (typeof CUSTOM_KINDS)[number];

export interface CustomSessionStarted {
  sessionId: string;
  /** Cards the session holds (at most its limit). */
  cards: number;
  /** True when answers go into the review log and reschedule the cards, as in study. */
  reschedules: boolean;
}

/** An answer in a custom session: as study's, except that a practice answer (schedule untouched) has no review. */
export interface CustomAnswerResult extends Omit<AnswerResult, 'reviewId'> {
  /** The review log entry, or null for a session that does not reschedule. */
  reviewId: number | null;
}
