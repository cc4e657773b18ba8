/** A card as the browser and `cue search` list it. */
export interface CardSearchRow {
  id: number;
  deckId: number;
  deck: string;
  sectionId: number;
  section: string;
  question: string;
  /** The question with matches of the search words wrapped in <mark>, HTML-escaped otherwise. */
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
}
