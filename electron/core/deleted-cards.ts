/**
 * Cards moving into deleted_cards and back out, a whole selection at a time. Deleting is a few
 * statements over every card of the selection (keeping its rows, the per-day counts, the retired keys,
 * the delete itself), not a few per card; restoring inserts the kept rows with statements prepared once,
 * and adds the counts back in one. A kept card is its row,
 * its whole log (each answer with its ticks and typed text, `review_answer`, and the interval deadline
 * mode set on it, `deadline_days`), its events and its recordings' rows, as JSON, exactly as they were.
 */

import type Database from 'better-sqlite3';
import { CueError } from '../../shared/errors';
import { keyFromText } from './card-editing';
import { cachedStatement, type Db } from './database';
import { noteRejoiner } from './notes/restored-card';

type Row = Record<string, unknown>;

/** Old ids of decks and sections to the ids they came back under (when restored with their cards). */
export interface IdMaps {
  decks: Map<number, number>;
  sections: Map<number, number>;
}

/** The table's columns as they are now: kept rows follow the schema the collection has. */
function tableColumns(db: Db, table: string): string[] {
  return cachedStatement(db, 'SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

/** A row of `table` (named `alias` in the query) as a JSON object, key by column. */
function jsonRow(db: Db, table: string, alias: string, extra = ''): string {
  const pairs = tableColumns(db, table).map((name) => `'${name}', ${alias}.${name}`);
  return `json_object(${pairs.join(', ')}${extra})`;
}

/** The card ids of the selection, in the order given, as rows `(id, at)` of the JSON array `@ids`. */
const SELECTION = 'json_each(@ids) s JOIN cards c ON c.id = s.value';

/** The first of `cardIds` that is no card, if any. */
export function firstMissing(db: Db, cardIds: number[]): number | undefined {
  return cachedStatement(
    db,
    'SELECT value FROM json_each(@ids) WHERE value NOT IN (SELECT id FROM cards) ORDER BY key LIMIT 1',
  )
    .pluck()
    .get({ ids: JSON.stringify(cardIds) }) as number | undefined;
}

/**
 * Copies the cards (which must exist, without repeats) with their history into deleted_cards under
 * `batch`, one row each in the order given (what a restore needs to bring them back whole), takes their
 * answers out of the per-day counts and retires their keys, so an update of their deck does not bring
 * them back. `removeCards` then deletes them.
 */
export function keepCards(db: Db, cardIds: number[], batch: number, now: number): void {
  if (cardIds.length === 0) return;
  keepRows(db, cardIds, batch, now);
  shiftReviewCounts(db, cardIds, -1);
  cachedStatement(
    db,
    `INSERT INTO retired_card_keys (deck_id, key, reason, at)
     SELECT c.deck_id, c.key, 'deleted', @now FROM ${SELECTION} WHERE true
     ON CONFLICT DO UPDATE SET reason = excluded.reason, at = excluded.at`,
  ).run({ ids: JSON.stringify(cardIds), now });
}

function keepRows(db: Db, cardIds: number[], batch: number, now: number): void {
  const answer = `(SELECT json_object('recalled', a.recalled, 'missed', a.missed, 'typed_text', a.typed_text)
    FROM review_answers a WHERE a.review_id = r.id)`;
  const deadline = '(SELECT json_array(i.target_day, i.days) FROM deadline_intervals i WHERE i.review_id = r.id)';
  const review = jsonRow(db, 'review_log', 'r', `, 'deadline_days', ${deadline}, 'review_answer', ${answer}`);
  const list = (table: string, alias: string, row: string) =>
    `(SELECT json_group_array(${row} ORDER BY ${alias}.id) FROM ${table} ${alias} WHERE ${alias}.card_id = c.id)`;
  cachedStatement(
    db,
    `INSERT INTO deleted_cards (card_id, batch, deleted_at, card, reviews, events, recordings)
     SELECT c.id, @batch, @now, ${jsonRow(db, 'cards', 'c')},
       ${list('review_log', 'r', review)},
       ${list('card_events', 'e', jsonRow(db, 'card_events', 'e'))},
       ${list('recordings', 'k', jsonRow(db, 'recordings', 'k'))}
     FROM ${SELECTION} ORDER BY s.key`,
  ).run({ ids: JSON.stringify(cardIds), batch, now });
}

/**
 * Adds (sign 1) or takes away (sign -1) the cards' standing answers in the per-day and per-hour counts
 * of each card's section. Taking away drops the rows that reach zero.
 */
function shiftReviewCounts(db: Db, cardIds: number[], sign: 1 | -1): void {
  const params = { ids: JSON.stringify(cardIds), sign };
  const answers = `${SELECTION} JOIN reviews r ON r.card_id = c.id`;
  cachedStatement(
    db,
    `INSERT INTO review_days (section_id, study_day, kind, rating, first_of_day, reviews, duration_ms)
     SELECT c.section_id, r.study_day, r.kind, r.rating, r.first_of_day, @sign * count(*), @sign * sum(r.duration_ms)
     FROM ${answers} WHERE true
     GROUP BY c.section_id, r.study_day, r.kind, r.rating, r.first_of_day
     ON CONFLICT DO UPDATE SET reviews = reviews + excluded.reviews, duration_ms = duration_ms + excluded.duration_ms`,
  ).run(params);
  cachedStatement(
    db,
    `INSERT INTO review_hours (section_id, study_day, hour, reviews, counted, passed)
     SELECT c.section_id, r.study_day, r.hour, @sign * count(*), @sign * total(r.first_of_day AND r.kind IN (1, 2)),
       @sign * total(r.first_of_day AND r.kind IN (1, 2) AND r.rating > 1)
     FROM ${answers} WHERE true
     GROUP BY c.section_id, r.study_day, r.hour
     ON CONFLICT DO UPDATE SET reviews = reviews + excluded.reviews, counted = counted + excluded.counted,
       passed = passed + excluded.passed`,
  ).run(params);
  if (sign > 0) return;
  // rows that reach zero go (no other row is ever zero): a scan of the cards' sections' counts, which
  // costs less than reading the cards' answers again
  for (const table of ['review_days', 'review_hours']) {
    cachedStatement(
      db,
      `DELETE FROM ${table} WHERE reviews <= 0 AND section_id IN (SELECT c.section_id FROM ${SELECTION})`,
    ).run({ ids: params.ids });
  }
}

/**
 * Deletes the cards; their reviews, events and recordings go with them (ON DELETE CASCADE), the search
 * index by its trigger. Recordings' files stay in the media folder, for undo.
 */
export function removeCards(db: Db, cardIds: number[]): void {
  cachedStatement(db, 'DELETE FROM cards WHERE id IN (SELECT value FROM json_each(@ids))').run({
    ids: JSON.stringify(cardIds),
  });
}

interface KeptCard {
  card: string;
  reviews: string;
  events: string;
  recordings: string;
}

/**
 * Brings back the cards kept under `batch` with their history, in the order they were deleted, into
 * their sections (under new ids where `ids` says so); the card ids they have now. A card keeps its id
 * and key where still free, and rejoins its note where the note still makes it (restored-card.ts).
 */
export function restoreCards(db: Db, batch: number, ids: IdMaps): number[] {
  const kept = cachedStatement(
    db,
    'SELECT card, reviews, events, recordings FROM deleted_cards WHERE batch = ? ORDER BY id',
  ).all(batch) as KeptCard[];
  const rejoin = noteRejoiner(db);
  const insert = rowInserter(db);
  const answers: { cardId: number; review: Row }[] = [];
  const cardIds = kept.map((row) => {
    const cardId = insert('cards', rejoin(placedCard(db, JSON.parse(row.card) as Row, ids)), 'id');
    for (const review of JSON.parse(row.reviews) as Row[]) answers.push({ cardId, review });
    for (const event of JSON.parse(row.events) as Row[]) insert('card_events', { ...event, card_id: cardId }, 'id');
    for (const recording of JSON.parse(row.recordings) as Row[]) {
      insert('recordings', { ...recording, card_id: cardId }, 'id');
    }
    return cardId;
  });
  restoreAnswers(db, answers, insert);
  shiftReviewCounts(db, cardIds, 1);
  cachedStatement(
    db,
    `DELETE FROM retired_card_keys WHERE (deck_id, key) IN (SELECT c.deck_id, c.key FROM ${SELECTION})`,
  ).run({ ids: JSON.stringify(cardIds) });
  return cardIds;
}

/** The saved card row in its section now, under a new key if another card took its key meanwhile. */
function placedCard(db: Db, saved: Row, ids: IdMaps): Row {
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
  return card;
}

/**
 * The log rows back under their own ids (the log never gives an id twice), each with its ticks and
 * typed text and its deadline interval. One whose id another answer holds (only a file written by
 * other hands) comes back last, under a new id, so it cannot take the id of one still to come.
 */
function restoreAnswers(db: Db, answers: { cardId: number; review: Row }[], insert: RowInserter): void {
  const ids = JSON.stringify(answers.map((a) => a.review.id));
  const taken = new Set(
    cachedStatement(db, 'SELECT value FROM json_each(?) WHERE value IN (SELECT id FROM review_log)')
      .pluck()
      .all(ids) as number[],
  );
  const free = answers.filter((a) => !taken.has(a.review.id as number));
  const insertLog = logInserter(db);
  for (const { cardId, review } of [...free, ...answers.filter((a) => taken.has(a.review.id as number))]) {
    const reviewId = insertLog(review, cardId, taken.has(review.id as number) ? null : review.id);
    const answer = review.review_answer as Row | null | undefined;
    if (answer) insert('review_answers', { ...answer, review_id: reviewId, card_id: cardId });
    const deadline = review.deadline_days;
    if (deadline !== null && deadline !== undefined) {
      // kept as an array, or (by earlier versions of Cue) as the text of one
      const [targetDay, days] = (typeof deadline === 'string' ? JSON.parse(deadline) : deadline) as number[];
      insert('deadline_intervals', { review_id: reviewId, target_day: targetDay, days });
    }
  }
}

/**
 * Inserts kept log rows under a card id and an id (null: a new one), each with the log's columns the
 * row has, as insertRow does: one statement for each set of keys, which the rows of one kept card share.
 */
function logInserter(db: Db): (review: Row, cardId: number, id: unknown) => number {
  const table = tableColumns(db, 'review_log');
  let last: { keys: string; columns: string[]; insert: Database.Statement } | null = null;
  return (review, cardId, id) => {
    const keys = Object.keys(review).join();
    if (last?.keys !== keys) {
      const columns = table.filter((column) => column in review || column === 'card_id');
      const sql = `INSERT INTO review_log (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      last = { keys, columns, insert: cachedStatement(db, sql) };
    }
    const values = last.columns.map((c) => (c === 'card_id' ? cardId : c === 'id' ? id : review[c]));
    return Number(last.insert.run(values).lastInsertRowid);
  };
}

/** Inserts a saved row into a table and gives its id; `freeId` as in insertRow. */
type RowInserter = (table: string, row: Row, freeId?: string) => number;

/** insertRow for many rows: each table's columns are read once. */
function rowInserter(db: Db): RowInserter {
  const columns = new Map<string, string[]>();
  return (table, row, freeId) => {
    if (!columns.has(table)) columns.set(table, tableColumns(db, table));
    return Number(insertRow(db, table, row, freeId, columns.get(table)));
  };
}

/**
 * Inserts a saved row into `table`, taking only the table's own columns the row has (the others take
 * their defaults). `freeId` names an id column to keep when it is unused, and to leave to SQLite otherwise.
 */
export function insertRow(
  db: Db,
  table: string,
  row: Row,
  freeId?: string,
  columnNames = tableColumns(db, table),
): number | bigint {
  const columns = columnNames.filter((column) => column in row);
  const values = { ...row };
  if (freeId && cachedStatement(db, `SELECT 1 FROM ${table} WHERE ${freeId} = ?`).get(values[freeId])) {
    values[freeId] = null;
  }
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  return cachedStatement(db, sql).run(columns.map((c) => values[c])).lastInsertRowid;
}
