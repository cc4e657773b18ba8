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
