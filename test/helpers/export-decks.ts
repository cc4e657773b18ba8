/** Decks and cards in the shape exporters take, for tests that write files without a collection. */
import type { DeckFile } from '../../electron/core/deck-format';
import type { ExportCard, ExportDeck } from '../../electron/core/io/export-data';

let nextId = 1;

/** A new card with everything a test does not care about at its zero value; ids count up. */
export function exportCard(fields: Partial<ExportCard> & Pick<ExportCard, 'key' | 'question' | 'answer'>): ExportCard {
  return {
    id: nextId++,
    format: 'markdown',
    tags: [],
    suspended: false,
    flag: 0,
    state: 0,
    due: 0,
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    reps: 0,
    lapses: 0,
    lastReview: null,
    createdAt: 0,
    updatedAt: 0,
    reviews: [],
    ...fields,
  };
}

/** A parsed deck file as the collection would hand it to an exporter: every card new. */
export function exportDeckOf(deck: DeckFile, cardFields: Partial<ExportCard> = {}): ExportDeck {
  return {
    key: deck.key,
    name: deck.name,
    description: deck.description,
    version: deck.version,
    media: new Map(),
    sections: deck.sections.map((section) => ({
      key: section.key,
      name: section.name,
      description: section.description,
      cards: section.cards.map((card) =>
        exportCard({ key: card.key, question: card.question, answer: card.answer, tags: card.tags, ...cardFields }),
      ),
    })),
  };
}
