import type { CardNoteType } from './domain';

/** A card as the browser and `cue search` list it. */
export interface CardSearchRow {
  id: number;
  deckId: number;
  deck: string;
  sectionId: number;
  section: string;
  /** The question as stored: Markdown or HTML source. */
  question: string;
  /** The question as one line of plain text (shared/card-preview.ts), for lists. */
  preview: string;
  /** The preview with matches of the search words wrapped in <mark>, HTML-escaped otherwise. */
  questionHighlighted: string;
  tags: string[];
  state: 'new' | 'learning' | 'review' | 'relearning';
  suspended: boolean;
  due: number;
  stability: number;
  difficulty: number;
  /** Predicted recall now (0..1); null for new cards. */
  retrievability: number | null;
  lapses: number;
  reviews: number;
  /** When the card's content last changed (an edit, a tag, an import or a deck update). */
  modified: number;
  /** Anki's flag colours, 1 to 7; 0 none. */
  flag: number;
}

/** Columns the browser sorts by; `relevance` ranks by the search words, `order` is the deck's own order. */
export const SORT_COLUMNS = [
  'relevance',
  'order',
  'question',
  'deck',
  'section',
  'state',
  'due',
  'stability',
  'difficulty',
  'retrievability',
  'lapses',
  'reviews',
  'tags',
  'modified',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface CardSort {
  column: SortColumn;
  descending: boolean;
}

export interface CardSearchResult {
  total: number;
  cards: CardSearchRow[];
}

/** Everything the editor needs about one card. */
export interface CardDetail {
  id: number;
  key: string;
  deckId: number;
  sectionId: number;
  question: string;
  answer: string;
  format: 'markdown' | 'html';
  tags: string[];
  state: 'new' | 'learning' | 'review' | 'relearning';
  suspended: boolean;
  /** When a person last edited it in Cue (null for content as it came). */
  editedAt: number | null;
  noteId: number;
  noteType: CardNoteType;
  /** Revealed, the answer is shown in place of the question (a cloze's answer). */
  answerAlone: boolean;
  /** The text to type (`{{type:Field}}`), or null. */
  typeAnswer: string | null;
  /** The note type's CSS ('' for Cue's built-in types). */
  css: string;
}

/** A search saved by name, listed in the browser's sidebar. */
export interface SavedSearch {
  name: string;
  query: string;
}

export const MAX_SAVED_SEARCHES = 100;
