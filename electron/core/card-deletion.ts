/**
 * Deleting cards, and undoing it. A deleted card moves whole (row, reviews, events) into
 * deleted_cards in one transaction, so every query over cards is unchanged and undo restores the card
 * exactly: its id when still free, its history, its place in the per-day counts.
 */
import { CueError } from '../../shared/errors';
import { keyFromText } from './card-editing';
import { cachedStatement, type Db } from './database';
import { shiftReviewCounts } from './review-log';

type Row = Record<string, unknown>;

export function deleteCards(db: Db, cardIds: number[], now: number): { deleted: number; batch: number } {
  return db.transaction(() => {
    const batch = db.prepare('SELECT coalesce(max(batch), 0) + 1 FROM deleted_cards').pluck().get() as number;
    for (const cardId of new Set(cardIds)) deleteOne(db, cardId, batch, now);
    return { deleted: new Set(cardIds).size, batch };
  })();
}

function deleteOne(db: Db, cardId: number, batch: number, now: number): void {
  const card = cachedStatement(db, 'SELECT * FROM cards WHERE id = ?').get(cardId) as Row | undefined;
  if (!card) throw new CueError('not_found', `There is no card ${cardId}.`, { cardId });
  const reviews = cachedStatement(db, 'SELECT * FROM reviews WHERE card_id = ? ORDER BY id').all(cardId);
  const events = cachedStatement(db, 'SELECT * FROM card_events WHERE card_id = ? ORDER BY id').all(cardId);
  shiftReviewCounts(db, cardId, card.section_id as number, -1);
  cachedStatement(
    db,
    'INSERT INTO deleted_cards (card_id, batch, deleted_at, card, reviews, events) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(cardId, batch, now, JSON.stringify(card), JSON.stringify(reviews), JSON.stringify(events));
  cachedStatement(
    db,
    `INSERT INTO retired_card_keys (deck_id, key, reason, at) VALUES (?, ?, 'deleted', ?)
     ON CONFLICT DO UPDATE SET reason = excluded.reason, at = excluded.at`,
  ).run(card.deck_id, card.key, now);
  // reviews and events go with the card (ON DELETE CASCADE), the search index by its trigger
  cachedStatement(db, 'DELETE FROM cards WHERE id = ?').run(cardId);
}

/** Brings back every card of a delete; returns the cards' ids (a new one where the old was taken). */
export function restoreDeleted(db: Db, batch: number): { restored: number; cardIds: number[] } {
  return db.transaction(() => {
    const rows = db.prepare('SELECT * FROM deleted_cards WHERE batch = ? ORDER BY id').all(batch) as {
      id: number;
      card: string;
      reviews: string;
      events: string;
    }[];
    if (rows.length === 0) {
      throw new CueError('nothing_to_undo', 'Those cards are no longer in the deleted cards.', { batch });
    }
    const cardIds = rows.map((row) => restoreOne(db, row));
    db.prepare('DELETE FROM deleted_cards WHERE batch = ?').run(batch);
    return { restored: cardIds.length, cardIds };
  })();
}

function restoreOne(db: Db, row: { card: string; reviews: string; events: string }): number {
  const card = JSON.parse(row.card) as Row;
  if (!cachedStatement(db, 'SELECT 1 FROM sections WHERE id = ? AND deck_id = ?').get(card.section_id, card.deck_id)) {
    throw new CueError('not_found', `The section of card ${String(card.id)} no longer exists.`, { cardId: card.id });
  }
  const taken = (key: string) =>
    Boolean(cachedStatement(db, 'SELECT 1 FROM cards WHERE deck_id = ? AND key = ?').get(card.deck_id, key));
  if (taken(card.key as string)) card.key = keyFromText(card.key as string, taken);
  if (cachedStatement(db, 'SELECT 1 FROM cards WHERE id = ?').get(card.id)) card.id = null;
  const cardId = Number(insertRow(db, 'cards', card));
  for (const review of JSON.parse(row.reviews) as Row[]) {
    insertRow(db, 'reviews', { ...review, card_id: cardId }, 'id');
  }
  for (const event of JSON.parse(row.events) as Row[]) {
    insertRow(db, 'card_events', { ...event, card_id: cardId }, 'id');
  }
  shiftReviewCounts(db, cardId, card.section_id as number, 1);
  cachedStatement(db, 'DELETE FROM retired_card_keys WHERE deck_id = ? AND key = ?').run(card.deck_id, card.key);
  return cardId;
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
