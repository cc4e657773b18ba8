/**
 * Deleting cards, sections and decks, and undoing it. What is deleted moves whole into deleted_cards
 * (a card's row, reviews and events) and deleted_places (a section's or deck's row) in one
 * transaction, under one batch number, so every query over the live tables is unchanged and one undo
 * restores the batch exactly: the same ids where still free, the history, the per-day counts. Keys are
 * retired, so an update of a bundled deck does not bring back what the person deleted.
 */
import { CueError } from '../../shared/errors';
import { keyFromText, retireCardKey } from './card-editing';
import { cachedStatement, type Db } from './database';
import { rejoinNote } from './notes/restored-card';
import { restoreAnswerExtras, withAnswerExtras } from './review-answers';
import { shiftReviewCounts } from './review-log';

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
    for (const cardId of unique) deleteCard(db, cardId, batch, now);
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
  for (const cardId of cardIds) deleteCard(db, cardId, batch, now);
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

function deleteCard(db: Db, cardId: number, batch: number, now: number): void {
  const card = cachedStatement(db, 'SELECT * FROM cards WHERE id = ?').get(cardId) as Row | undefined;
  if (!card) throw new CueError('not_found', `There is no card ${cardId}.`, { cardId });
  // the whole log, undone answers too: a restore gives back exactly what was there
  // each with the interval deadline mode set on it, if any (deadline_days is no column of review_log)
  const log = cachedStatement(
    db,
    `SELECT r.*, (SELECT json_array(target_day, days) FROM deadline_intervals WHERE review_id = r.id) AS deadline_days
     FROM review_log r WHERE r.card_id = ? ORDER BY r.id`,
  ).all(cardId) as Row[];
  // and its ticks and typed text (review_answers), which go with the card too
  const reviews = withAnswerExtras(db, log);
  const events = cachedStatement(db, 'SELECT * FROM card_events WHERE card_id = ? ORDER BY id').all(cardId);
  // recordings' rows are kept with it and their files stay in the media folder, for undo
  const recordings = cachedStatement(db, 'SELECT * FROM recordings WHERE card_id = ? ORDER BY id').all(cardId);
  shiftReviewCounts(db, cardId, card.section_id as number, -1);
  cachedStatement(
    db,
    `INSERT INTO deleted_cards (card_id, batch, deleted_at, card, reviews, events, recordings)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    cardId,
    batch,
    now,
    JSON.stringify(card),
    JSON.stringify(reviews),
    JSON.stringify(events),
    JSON.stringify(recordings),
  );
  retireCardKey(db, card.deck_id as number, card.key as string, 'deleted', now);
  // reviews, events and recordings go with the card (ON DELETE CASCADE), the search index by its trigger
  cachedStatement(db, 'DELETE FROM cards WHERE id = ?').run(cardId);
}

export interface Restored {
  /** Cards brought back, with their ids (a new one where the old was taken meanwhile). */
  restored: number;
  cardIds: number[];
  decks: number;
  sections: number;
}

/** Brings back everything one delete removed: the deck and sections first, then the cards into them. */
export function restoreDeleted(db: Db, batch: number): Restored {
  return db.transaction(() => {
    const places = db.prepare('SELECT kind, row FROM deleted_places WHERE batch = ? ORDER BY id').all(batch) as {
      kind: 'deck' | 'section';
      row: string;
    }[];
    const cards = db.prepare('SELECT * FROM deleted_cards WHERE batch = ? ORDER BY id').all(batch) as DeletedCardRow[];
    if (places.length === 0 && cards.length === 0) {
      throw new CueError('nothing_to_undo', 'That delete was undone already, or never happened.', { batch });
    }
    const ids: IdMaps = { decks: new Map(), sections: new Map() };
    for (const place of places) restorePlace(db, place.kind, JSON.parse(place.row) as Row, ids);
    const cardIds = cards.map((row) => restoreCard(db, row, ids));
    db.prepare('DELETE FROM deleted_places WHERE batch = ?').run(batch);
    db.prepare('DELETE FROM deleted_cards WHERE batch = ?').run(batch);
    const count = (kind: string) => places.filter((p) => p.kind === kind).length;
    return { restored: cardIds.length, cardIds, decks: count('deck'), sections: count('section') };
  })();
}

/** Old ids to the ids rows came back under. */
interface IdMaps {
  decks: Map<number, number>;
  sections: Map<number, number>;
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

interface DeletedCardRow {
  card: string;
  reviews: string;
  events: string;
  recordings: string;
}

function restoreCard(db: Db, row: DeletedCardRow, ids: IdMaps): number {
  const saved = JSON.parse(row.card) as Row;
  const card: Row = {
    ...saved,
    deck_id: ids.decks.get(saved.deck_id as number) ?? saved.deck_id,
    section_id: ids.sections.get(saved.section_id as number) ?? saved.section_id,
  };
  if (!cachedStatement(db, 'SELECT 1 FROM sections WHERE id = ? AND deck_id = ?').get(card.section_id, card.deck_id)) {
    throw new CueError('not_found', `The section of card ${String(saved.id)} no longer exists.`, { cardId: saved.id });
  }
  const taken = (key: string) =>
    Boolean(cachedStatement(db, 'SELECT 1 FROM cards WHERE deck_id = ? AND key = ?').get(card.deck_id, key));
  if (taken(card.key as string)) card.key = keyFromText(card.key as string, taken);
  const cardId = Number(insertRow(db, 'cards', rejoinNote(db, card), 'id'));
  for (const review of JSON.parse(row.reviews) as Row[]) {
    const reviewId = Number(insertRow(db, 'review_log', { ...review, card_id: cardId }, 'id'));
    restoreAnswerExtras(db, review, reviewId, cardId);
    if (typeof review.deadline_days === 'string') restoreDeadline(db, reviewId, review.deadline_days);
  }
  for (const event of JSON.parse(row.events) as Row[]) {
    insertRow(db, 'card_events', { ...event, card_id: cardId }, 'id');
  }
  for (const recording of JSON.parse(row.recordings) as Row[]) {
    insertRow(db, 'recordings', { ...recording, card_id: cardId }, 'id');
  }
  shiftReviewCounts(db, cardId, card.section_id as number, 1);
  cachedStatement(db, 'DELETE FROM retired_card_keys WHERE deck_id = ? AND key = ?').run(card.deck_id, card.key);
  return cardId;
}

/** The interval deadline mode set on a restored answer, under the id the answer came back with. */
function restoreDeadline(db: Db, reviewId: number, saved: string): void {
  const [targetDay, days] = JSON.parse(saved) as [number, number];
  cachedStatement(db, 'INSERT INTO deadline_intervals (review_id, target_day, days) VALUES (?, ?, ?)').run(
    reviewId,
    targetDay,
    days,
  );
}

/**
 * Inserts a saved row into `table`, taking only the table's own columns. `freeId` names an id column
 * to keep when it is unused, and to leave to SQLite otherwise.
 */
function insertRow(db: Db, table: string, row: Row, freeId?: string): number | bigint {
  const columns = (cachedStatement(db, 'SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).filter(
    (column) => column in row,
  );
  const values = { ...row };
  if (freeId && cachedStatement(db, `SELECT 1 FROM ${table} WHERE ${freeId} = ?`).get(values[freeId])) {
    values[freeId] = null;
  }
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
  return cachedStatement(db, sql).run(Object.fromEntries(columns.map((c) => [c, values[c]]))).lastInsertRowid;
}
