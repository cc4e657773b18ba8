/**
 * Deleting cards, sections and decks, and undoing it. What is deleted moves whole into deleted_cards
 * (a card's row, reviews and events) and deleted_places (a section's or deck's row) in one
 * transaction, under one batch number, so every query over the live tables is unchanged and one undo
 * restores the batch exactly: the same ids where still free, the history, the per-day counts. Keys are
 * retired, so an update of a bundled deck does not bring back what the person deleted.
 */
import { CueError } from '../../shared/errors';
import { keyFromText, retireCardKey } from './card-editing';
import type { Db } from './database';
import { firstMissing, type IdMaps, insertRow, keepCards, removeCards, restoreCards } from './deleted-cards';

type Row = Record<string, unknown>;

export interface Deleted {
  batch: number;
  /** Cards deleted (with their history). */
  deleted: number;
}

function nextBatch(db: Db): number {
  return db
    .prepare(
      `SELECT max(coalesce((SELECT max(batch) FROM deleted_cards), 0),
                  coalesce((SELECT max(batch) FROM deleted_places), 0)) + 1`,
    )
    .pluck()
    .get() as number;
}

export function deleteCards(db: Db, cardIds: number[], now: number): Deleted {
  return db.transaction(() => {
    const batch = nextBatch(db);
    const unique = [...new Set(cardIds)];
    const missing = firstMissing(db, unique);
    if (missing !== undefined) throw new CueError('not_found', `There is no card ${missing}.`, { cardId: missing });
    keepCards(db, unique, batch, now);
    removeCards(db, unique);
    return { deleted: unique.length, batch };
  })();
}

/** A section and its cards. */
export function deleteSection(db: Db, sectionId: number, now: number): Deleted {
  return db.transaction(() => {
    const section = db.prepare('SELECT * FROM sections WHERE id = ?').get(sectionId) as Row | undefined;
    if (!section) throw new CueError('not_found', `There is no section ${sectionId}.`, { sectionId });
    const deckKey = db.prepare('SELECT key FROM decks WHERE id = ?').pluck().get(section.deck_id) as string;
    const batch = nextBatch(db);
    const deleted = deleteCardsOf(db, 'section_id', sectionId, batch, now);
    keepPlace(db, batch, 'section', deckKey, section, now);
    // its per-day counts are empty now; they and its stored history go with it (ON DELETE CASCADE)
    db.prepare('DELETE FROM sections WHERE id = ?').run(sectionId);
    return { batch, deleted };
  })();
}

/** A deck with its sections and cards. */
export function deleteDeck(db: Db, deckId: number, now: number): Deleted {
  return db.transaction(() => {
    const deck = db.prepare('SELECT * FROM decks WHERE id = ?').get(deckId) as Row | undefined;
    if (!deck) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
    const batch = nextBatch(db);
    const deleted = deleteCardsOf(db, 'deck_id', deckId, batch, now);
    const retired = db.prepare('SELECT key, reason, at FROM retired_card_keys WHERE deck_id = ?').all(deckId);
    keepPlace(db, batch, 'deck', deck.key as string, { ...deck, retired }, now);
    const sections = db.prepare('SELECT * FROM sections WHERE deck_id = ? ORDER BY position').all(deckId) as Row[];
    for (const section of sections) keepPlace(db, batch, 'section', deck.key as string, section, now);
    db.prepare('DELETE FROM decks WHERE id = ?').run(deckId);
    return { batch, deleted };
  })();
}

function deleteCardsOf(db: Db, column: 'deck_id' | 'section_id', id: number, batch: number, now: number): number {
  const cardIds = db.prepare(`SELECT id FROM cards WHERE ${column} = ? ORDER BY id`).pluck().all(id) as number[];
  keepCards(db, cardIds, batch, now);
  removeCards(db, cardIds);
  return cardIds.length;
}

function keepPlace(db: Db, batch: number, kind: 'deck' | 'section', deckKey: string, row: Row, now: number): void {
  db.prepare('INSERT INTO deleted_places (batch, kind, deck_key, key, deleted_at, row) VALUES (?, ?, ?, ?, ?, ?)').run(
    batch,
    kind,
    deckKey,
    row.key,
    now,
    JSON.stringify(row),
  );
}

export interface Restored {
  /** Cards brought back, with their ids (a new one where the old was taken meanwhile). */
  restored: number;
  cardIds: number[];
  decks: number;
  sections: number;
  /** The decks and sections brought back, by their ids now. */
  deckIds: number[];
  sectionIds: number[];
}

/** Brings back everything one delete removed: the deck and sections first, then the cards into them. */
export function restoreDeleted(db: Db, batch: number): Restored {
  return db.transaction(() => {
    const places = db.prepare('SELECT kind, row FROM deleted_places WHERE batch = ? ORDER BY id').all(batch) as {
      kind: 'deck' | 'section';
      row: string;
    }[];
    const kept = db.prepare('SELECT count(*) FROM deleted_cards WHERE batch = ?').pluck().get(batch) as number;
    if (places.length === 0 && kept === 0) {
      throw new CueError('nothing_to_undo', 'That delete was undone already, or never happened.', { batch });
    }
    const ids: IdMaps = { decks: new Map(), sections: new Map() };
    for (const place of places) restorePlace(db, place.kind, JSON.parse(place.row) as Row, ids);
    const cardIds = restoreCards(db, batch, ids);
    db.prepare('DELETE FROM deleted_places WHERE batch = ?').run(batch);
    db.prepare('DELETE FROM deleted_cards WHERE batch = ?').run(batch);
    const count = (kind: string) => places.filter((p) => p.kind === kind).length;
    return {
      restored: cardIds.length,
      cardIds,
      decks: count('deck'),
      sections: count('section'),
      deckIds: [...ids.decks.values()],
      sectionIds: [...ids.sections.values()],
    };
  })();
}

function restorePlace(db: Db, kind: 'deck' | 'section', row: Row, ids: IdMaps): void {
  if (kind === 'deck') {
    const { retired, ...deck } = row as Row & { retired: { key: string; reason: 'deleted' | 'moved'; at: number }[] };
    const taken = (key: string) => Boolean(db.prepare('SELECT 1 FROM decks WHERE key = ?').get(key));
    if (taken(deck.key as string)) deck.key = keyFromText(deck.key as string, taken, 'deck');
    const deckId = Number(insertRow(db, 'decks', deck, 'id'));
    ids.decks.set(row.id as number, deckId);
    for (const key of retired) retireCardKey(db, deckId, key.key, key.reason, key.at);
    return;
  }
  const section: Row = { ...row, deck_id: ids.decks.get(row.deck_id as number) ?? row.deck_id };
  if (!db.prepare('SELECT 1 FROM decks WHERE id = ?').get(section.deck_id)) {
    throw new CueError('not_found', `The deck of section "${String(row.name)}" no longer exists.`);
  }
  const taken = (key: string) =>
    Boolean(db.prepare('SELECT 1 FROM sections WHERE deck_id = ? AND key = ?').get(section.deck_id, key));
  if (taken(section.key as string)) section.key = keyFromText(section.key as string, taken, 'section');
  ids.sections.set(row.id as number, Number(insertRow(db, 'sections', section, 'id')));
}
