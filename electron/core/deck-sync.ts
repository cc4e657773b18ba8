/**
 * Loads a parsed deck file into the collection. Cards are matched by their stable id, so content
 * updates never touch review history; cards a person edited keep their edit.
 */
import type { Db } from './database';
import type { DeckFile } from './deck-format';

export interface SyncResult {
  /** Null when the person deleted the deck: it is not loaded again. */
  deckId: number | null;
  created: boolean;
  updated: boolean;
  cardsAdded: number;
  cardsUpdated: number;
  /** Cards the person edited whose text the update would have changed: their edit was kept. */
  editsKept: number;
}

/**
 * Inserts the deck, or updates it when `deck.version` is newer than the version loaded before.
 * `source` names where it came from ("bundled:lead-ml-engineer.md"). One transaction.
 */
export function syncDeck(db: Db, deck: DeckFile, source: string, now: number): SyncResult {
  return db.transaction((): SyncResult => {
    const existing = db.prepare('SELECT id, source_version FROM decks WHERE key = ?').get(deck.key) as
      | { id: number; source_version: number }
      | undefined;
    if (existing && existing.source_version >= deck.version) {
      return { deckId: existing.id, created: false, updated: false, cardsAdded: 0, cardsUpdated: 0, editsKept: 0 };
    }
    // a bundled deck the person deleted stays deleted (undo brings it back)
    if (!existing && wasDeleted(db, deck.key, 'deck', deck.key)) {
      return { deckId: null, created: false, updated: false, cardsAdded: 0, cardsUpdated: 0, editsKept: 0 };
    }
    const deckId = existing
      ? updateDeckRow(db, existing.id, deck, source, now)
      : (db
          .prepare(
            `INSERT INTO decks (key, name, description, source, source_version, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(deck.key, deck.name, deck.description, source, deck.version, now, now).lastInsertRowid as number);
    const counts = upsertContent(db, deckId, deck, now);
    return { deckId, created: !existing, updated: Boolean(existing), ...counts };
  })();
}

function updateDeckRow(db: Db, id: number, deck: DeckFile, source: string, now: number): number {
  db.prepare(
    `UPDATE decks SET name = CASE WHEN user_named_at IS NULL THEN ? ELSE name END, description = ?, source = ?,
       source_version = ?, updated_at = ? WHERE id = ?`,
  ).run(deck.name, deck.description, source, deck.version, now, id);
  return id;
}

function upsertContent(db: Db, deckId: number, deck: DeckFile, now: number) {
  const upsertSection = db.prepare(
    `INSERT INTO sections (deck_id, key, name, description, position) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (deck_id, key) DO UPDATE SET
       name = CASE WHEN user_named_at IS NULL THEN excluded.name ELSE name END,
       description = excluded.description, position = excluded.position
     RETURNING id`,
  );
  const findCard = db.prepare(
    'SELECT id, question, answer, tags, section_id, position, user_edited_at FROM cards WHERE deck_id = ? AND key = ?',
  );
  const insertCard = db.prepare(
    `INSERT INTO cards (deck_id, section_id, key, position, question, answer, tags, created_at, updated_at, due)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateCard = db.prepare(
    'UPDATE cards SET section_id = ?, position = ?, question = ?, answer = ?, tags = ?, updated_at = ? WHERE id = ?',
  );
  // a card the person never edited is still a Basic note whose fields are its question and answer
  const updateNote = db.prepare(
    'UPDATE notes SET fields = json_array(?, ?), tags = ?, updated_at = ? WHERE id = (SELECT note_id FROM cards WHERE id = ?)',
  );
  const movePosition = db.prepare('UPDATE cards SET section_id = ?, position = ? WHERE id = ?');
  const retired = db.prepare('SELECT 1 FROM retired_card_keys WHERE deck_id = ? AND key = ?');
  let cardsAdded = 0;
  let cardsUpdated = 0;
  let editsKept = 0;
  let position = 0;
  deck.sections.forEach((section, sectionIndex) => {
    // a section the person deleted stays deleted, and the cards in it
    if (wasDeleted(db, deck.key, 'section', section.key)) {
      position += section.cards.length;
      return;
    }
    const { id: sectionId } = upsertSection.get(
      deckId,
      section.key,
      section.name,
      section.description,
      sectionIndex,
    ) as {
      id: number;
    };
    for (const card of section.cards) {
      position++;
      const tags = card.tags.join(' ');
      const row = findCard.get(deckId, card.key) as
        | {
            id: number;
            question: string;
            answer: string;
            tags: string;
            section_id: number;
            position: number;
            user_edited_at: number | null;
          }
        | undefined;
      if (!row) {
        // a card the person deleted, or moved to another deck, stays where they put it
        if (retired.get(deckId, card.key)) continue;
        insertCard.run(deckId, sectionId, card.key, position, card.question, card.answer, tags, now, now, now);
        cardsAdded++;
      } else if (row.user_edited_at !== null) {
        movePosition.run(row.section_id, position, row.id);
        if (row.question !== card.question || row.answer !== card.answer || row.tags !== tags) editsKept++;
      } else if (
        row.question !== card.question ||
        row.answer !== card.answer ||
        row.tags !== tags ||
        row.section_id !== sectionId
      ) {
        updateCard.run(sectionId, position, card.question, card.answer, tags, now, row.id);
        updateNote.run(card.question, card.answer, tags, now, row.id);
        cardsUpdated++;
      } else if (row.position !== position) {
        movePosition.run(sectionId, position, row.id);
      }
    }
  });
  return { cardsAdded, cardsUpdated, editsKept };
}

function wasDeleted(db: Db, deckKey: string, kind: 'deck' | 'section', key: string): boolean {
  return Boolean(
    db.prepare('SELECT 1 FROM deleted_places WHERE deck_key = ? AND kind = ? AND key = ?').get(deckKey, kind, key),
  );
}
