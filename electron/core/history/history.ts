/**
 * The collection's undo history (schema 21): each change a person makes is a step, and undo and redo
 * are steps too, appended, never rewritten. A step's payload says what it changed (step-capture.ts);
 * undoing it checks nothing changed those rows since, then puts them back: answers and schedule changes
 * are marked undone in their logs (so a card still equals a replay of its log), deleted cards come back
 * from their batch, made cards go into one. Redo makes the change again from the same images, with
 * new log entries that copy the undone ones.
 */

import { CueError } from '../../../shared/errors';
import type { HistoryList, HistoryStep } from '../../../shared/history';
import { cachedStatement, type Db } from '../database';
import { deleteCards, deleteDeck, deleteSection, restoreDeleted } from '../deletion';
import { forgetCounts, keepingCounts } from '../queue-count-cache';
import { countLoggedReview } from '../review-log';
import {
  allColumns,
  type CapturedStep,
  captureStep,
  installStepCapture,
  isRecording,
  type StepPayload,
} from './step-capture';
import { applyRows, revertRows, rowConflict, touchedCards } from './step-rows';

/** How many steps undo can walk back. */
export const HISTORY_DEPTH = 100;

interface StepRow {
  id: number;
  at: number;
  action: 'do' | 'undo' | 'redo' | 'drop';
  target: number | null;
  label: string;
  payload: string;
  undo_stack: string;
  redo_stack: string;
}

interface Stacks {
  undo: number[];
  redo: number[];
}

function stacks(db: Db): Stacks {
  const newest = cachedStatement(
    db,
    'SELECT undo_stack, redo_stack FROM history_steps WHERE id = (SELECT max(id) FROM history_steps)',
  ).get() as Pick<StepRow, 'undo_stack' | 'redo_stack'> | undefined;
  if (!newest) return { undo: [], redo: [] };
  return { undo: JSON.parse(newest.undo_stack) as number[], redo: JSON.parse(newest.redo_stack) as number[] };
}

function stepRow(db: Db, id: number): StepRow {
  return cachedStatement(db, 'SELECT * FROM history_steps WHERE id = ?').get(id) as StepRow;
}

function append(db: Db, row: Omit<StepRow, 'id' | 'undo_stack' | 'redo_stack'>, next: Stacks): number {
  const trimmed = (ids: number[]) => ids.slice(-HISTORY_DEPTH);
  return Number(
    cachedStatement(
      db,
      `INSERT INTO history_steps (at, action, target, label, payload, undo_stack, redo_stack)
       VALUES (@at, @action, @target, @label, @payload, @undo, @redo)`,
    ).run({
      ...row,
      undo: JSON.stringify(trimmed(next.undo)),
      redo: JSON.stringify(trimmed(next.redo)),
    }).lastInsertRowid,
  );
}

/**
 * Runs `write` as one step of the history, in one transaction: what it changed becomes undoable under
 * `label`. A write that changed nothing leaves no step. The redo side is cleared, as in every editor.
 */
export function recordStep<T>(db: Db, at: number, label: (result: T) => string | null, write: () => T): T {
  // a step made of steps (an import that creates decks) is one step
  if (isRecording(db)) return write();
  installStepCapture(db);
  return db.transaction(() => {
    const { result, step } = captureStep(db, write);
    const text = label(result);
    if (isEmpty(step) || text === null) return result;
    const { undo } = stacks(db);
    const id = nextId(db);
    // the step's own row changes no card: the study queue's kept counts stay true through it
    keepingCounts(db, () =>
      append(
        db,
        { at, action: 'do', target: null, label: text, payload: JSON.stringify(step) },
        {
          undo: [...undo, id],
          redo: [],
        },
      ),
    );
    return result;
  })();
}

function nextId(db: Db): number {
  // ids are never reused and rows never leave (append-only), so the newest id is the counter
  const newest = cachedStatement(db, 'SELECT max(id) FROM history_steps').pluck().get() as number | null;
  return (newest ?? 0) + 1;
}

function isEmpty(step: CapturedStep): boolean {
  return (
    step.rows.length === 0 &&
    step.reviews.length === 0 &&
    step.events.length === 0 &&
    step.added.length === 0 &&
    step.batches.length === 0
  );
}

/** Whether there is a step to undo. */
export function canUndo(db: Db): boolean {
  return stacks(db).undo.length > 0;
}

/** The answer the newest step made, if it was an answer: its ticks go back to the study screen with its undo. */
export function newestStepAnswer(db: Db): number | undefined {
  const id = stacks(db).undo.at(-1);
  if (id === undefined) return undefined;
  const payload = JSON.parse(stepRow(db, id).payload) as StepPayload;
  return payload.reviews.length === 1 ? payload.reviews[0] : undefined;
}

/** The steps that can be undone and redone, newest first. */
export function listHistory(db: Db): HistoryList {
  const { undo, redo } = stacks(db);
  const view = (id: number): HistoryStep => {
    const row = stepRow(db, id);
    return { id, label: row.label, at: row.at, cardIds: touchedCards(JSON.parse(row.payload) as StepPayload) };
  };
  return { undo: undo.toReversed().map(view), redo: redo.toReversed().map(view) };
}

/** A step undone or redone, and the tables it put rows back in (what the collection keeps from them is read again). */
export interface StepTaken {
  step: HistoryStep;
  tables: string[];
}

/** Takes back the newest step; the step, with the cards it changed. */
export function undoStep(db: Db, at: number): StepTaken {
  return takeStep(db, at, 'undo');
}

/** Makes the newest undone step again; the step, with the cards it changed. */
export function redoStep(db: Db, at: number): StepTaken {
  return takeStep(db, at, 'redo');
}

/**
 * Undoes or redoes the top of its stack in one transaction, foreign keys checked at its end (rows come
 * back parents and children in any order). A step a later change made impossible is dropped from its
 * stack before the error says why, so the next undo reaches the step before it.
 */
function takeStep(db: Db, at: number, action: 'undo' | 'redo'): StepTaken {
  let dropped: number | undefined;
  let taking: StepRow | undefined;
  try {
    return db.transaction(() => {
      db.pragma('defer_foreign_keys = ON');
      const current = stacks(db);
      const [from, to] = action === 'undo' ? [current.undo, current.redo] : [current.redo, current.undo];
      const id = from.at(-1);
      if (id === undefined) throw new CueError('nothing_to_undo', `There is nothing to ${action}.`);
      const row = stepRow(db, id);
      taking = row;
      const payload = JSON.parse(row.payload) as StepPayload;
      const conflict = rowConflict(db, payload.rows, action) ?? logConflict(db, payload, action);
      if (conflict) {
        dropped = id;
        throw impossible(db, action === 'undo' ? 'Undo' : 'Redo', row, conflict);
      }
      const done = action === 'undo' ? undoPayload(db, payload, at) : redoPayload(db, payload, at);
      const moved = { from: from.slice(0, -1), to: [...to, nextId(db)] };
      append(
        db,
        { at, action, target: id, label: row.label, payload: JSON.stringify(done) },
        action === 'undo' ? { undo: moved.from, redo: moved.to } : { undo: moved.to, redo: moved.from },
      );
      const tables = [...new Set(payload.rows.map((r) => r.table))];
      return { step: { id, label: row.label, at, cardIds: touchedCards(done) }, tables };
    })();
  } catch (error) {
    // whatever else stopped it (a key taken meanwhile, a row a foreign key still needs at the commit), the
    // step cannot be taken: it steps aside too, or every undo after it would fail the same way
    if (taking === undefined || dropped !== undefined) throw error;
    dropped = taking.id;
    const verb = action === 'undo' ? 'Undo' : 'Redo';
    const reason = error instanceof Error ? error.message : String(error);
    throw new CueError('conflict', `${verb} ${taking.label} is no longer possible: ${reason}`, { step: taking.id });
  } finally {
    // what the queue keeps was counted from rows that may have changed
    forgetCounts(db);
    if (dropped !== undefined) dropStep(db, at, action, dropped);
  }
}

/** Takes an impossible step off its stack, as a step of its own (the history stays append-only). */
function dropStep(db: Db, at: number, action: 'undo' | 'redo', id: number): void {
  db.transaction(() => {
    const { undo, redo } = stacks(db);
    const next =
      action === 'undo' ? { undo: undo.filter((s) => s !== id), redo } : { undo, redo: redo.filter((s) => s !== id) };
    append(db, { at, action: 'drop', target: id, label: stepRow(db, id).label, payload: '{}' }, next);
  })();
}

/**
 * What else a step stands on: undo, the answers it made still standing, the cards it made still there
 * and the deletions it kept still kept; redo, the batches it would bring back still kept.
 */
function logConflict(db: Db, payload: StepPayload, action: 'undo' | 'redo'): { what: string; key: string } | undefined {
  const kept = (batch: number) =>
    cachedStatement(
      db,
      'SELECT 1 FROM deleted_cards WHERE batch = @batch UNION ALL SELECT 1 FROM deleted_places WHERE batch = @batch LIMIT 1',
    ).get({ batch }) !== undefined;
  const batches = action === 'undo' ? payload.batches : payload.addedBatch === undefined ? [] : [payload.addedBatch];
  for (const batch of batches) {
    if (!kept(batch)) return { what: 'what it deleted (it was brought back another way)', key: '' };
  }
  if (action === 'redo') return undefined;
  for (const id of payload.reviews) {
    const review = cachedStatement(db, 'SELECT card_id, undone_at FROM review_log WHERE id = ?').get(id) as
      | { card_id: number; undone_at: number | null }
      | undefined;
    if (review && review.undone_at !== null) return { what: `the answer to card ${review.card_id}`, key: '' };
  }
  for (const cardId of payload.added) {
    if (!cachedStatement(db, 'SELECT 1 FROM cards WHERE id = ?').get(cardId)) {
      return { what: `card ${cardId} it made`, key: `cards:${cardId}` };
    }
  }
  return undefined;
}

/** "Undo Suspend is no longer possible: card 12 was changed since, by Edit note." */
function impossible(db: Db, verb: 'Undo' | 'Redo', row: StepRow, conflict: { what: string; key: string }) {
  const by = conflict.key ? laterStepTouching(db, row.id, conflict.key) : undefined;
  const since = by ? `, by ${by}` : '';
  return new CueError(
    'conflict',
    `${verb} ${row.label} is no longer possible: ${conflict.what} was changed since${since}.`,
    { step: row.id },
  );
}

/** The label of the first step after `id` that changed the row `key` ("cards:12"), if one did. */
function laterStepTouching(db: Db, id: number, key: string): string | undefined {
  const [table, value] = key.split(':');
  const rows = db
    .prepare("SELECT label, payload FROM history_steps WHERE id > ? AND action <> 'undo' ORDER BY id LIMIT 500")
    .all(id) as { label: string; payload: string }[];
  for (const later of rows) {
    const payload = JSON.parse(later.payload) as StepPayload;
    if (payload.rows.some((r) => r.table === table && JSON.stringify(r.key) === `[${value}]`)) return later.label;
  }
  return undefined;
}

function undoPayload(db: Db, payload: StepPayload, at: number): StepPayload {
  // the log entries of cards the step made go with those cards into their batch, as they are
  const added = new Set(payload.added);
  const reviews = payload.reviews.filter((id) => !added.has(cardOf(db, 'review_log', id)));
  const events = payload.events.filter((id) => !added.has(cardOf(db, 'card_events', id)));
  for (const id of reviews) {
    countLoggedReview(db, id, -1);
    cachedStatement(db, 'UPDATE review_log SET undone_at = ? WHERE id = ?').run(at, id);
  }
  for (const id of events) cachedStatement(db, 'UPDATE card_events SET undone_at = ? WHERE id = ?').run(at, id);
  // made cards leave before the rows they sit in (a deck the import made) are taken back
  const addedBatch = payload.added.length > 0 ? takeBackMade(db, [...added], at) : undefined;
  revertRows(db, payload.rows);
  const restored = payload.batches.toReversed().map((batch) => {
    const back = restoreDeleted(db, batch);
    return { cardIds: back.cardIds, deckIds: back.deckIds, sectionIds: back.sectionIds };
  });
  return {
    ...payload,
    batches: [],
    added: [],
    ...(addedBatch === undefined ? {} : { addedBatch }),
    restored,
    reviews,
    events,
  };
}

/**
 * Cards the step made, into a batch of their own: kept whole for redo, but not retired, since the person
 * did not delete them (an import undone and made again brings its cards, as the first time did).
 */
function takeBackMade(db: Db, cardIds: number[], at: number): number {
  const { batch } = deleteCards(db, cardIds, at);
  cachedStatement(
    db,
    `DELETE FROM retired_card_keys WHERE reason = 'deleted' AND at = @at AND (deck_id, key) IN
       (SELECT json_extract(card, '$.deck_id'), json_extract(card, '$.key') FROM deleted_cards WHERE batch = @batch)`,
  ).run({ at, batch });
  return batch;
}

function redoPayload(db: Db, payload: StepPayload, at: number): StepPayload {
  applyRows(db, payload.rows);
  const added = payload.addedBatch === undefined ? [] : restoreDeleted(db, payload.addedBatch).cardIds;
  const batches = (payload.restored ?? []).map((back) => deleteAgain(db, back, at));
  return {
    rows: payload.rows,
    reviews: payload.reviews.map((id) => {
      const copy = copyReview(db, id);
      countLoggedReview(db, copy, 1);
      return copy;
    }),
    events: payload.events.map((id) => copyEvent(db, id)),
    added,
    batches,
  };
}

function deleteAgain(db: Db, back: NonNullable<StepPayload['restored']>[number], at: number): number {
  if (back.deckIds.length > 0) return back.deckIds.map((id) => deleteDeck(db, id, at).batch).at(-1) as number;
  if (back.sectionIds.length > 0) return back.sectionIds.map((id) => deleteSection(db, id, at).batch).at(-1) as number;
  return deleteCards(db, back.cardIds, at).batch;
}

function cardOf(db: Db, log: 'review_log' | 'card_events', id: number): number {
  return cachedStatement(db, `SELECT card_id FROM ${log} WHERE id = ?`).pluck().get(id) as number;
}

const REVIEW_COPY_SKIP = new Set(['id', 'undone_at']);

/** The answer made again: a new entry of the log with what the undone one held, and the extras hanging off it. */
function copyReview(db: Db, reviewId: number): number {
  const columns = columnList(db, 'review_log');
  const id = Number(
    cachedStatement(db, `INSERT INTO review_log (${columns}) SELECT ${columns} FROM review_log WHERE id = ?`).run(
      reviewId,
    ).lastInsertRowid,
  );
  for (const table of ['review_answers', 'deadline_intervals']) {
    const rest = columnList(db, table, 'review_id');
    cachedStatement(
      db,
      `INSERT INTO ${table} (review_id${rest ? `, ${rest}` : ''}) SELECT ?${rest ? `, ${rest}` : ''} FROM ${table} WHERE review_id = ?`,
    ).run(id, reviewId);
  }
  return id;
}

function copyEvent(db: Db, eventId: number): number {
  const columns = columnList(db, 'card_events');
  return Number(
    cachedStatement(db, `INSERT INTO card_events (${columns}) SELECT ${columns} FROM card_events WHERE id = ?`).run(
      eventId,
    ).lastInsertRowid,
  );
}

const columnLists = new Map<string, string>();
function columnList(db: Db, table: string, skip?: string): string {
  const cacheKey = `${table}:${skip ?? ''}`;
  let list = columnLists.get(cacheKey);
  if (list === undefined) {
    list = allColumns(db, table)
      .filter((name) => !REVIEW_COPY_SKIP.has(name) && name !== skip)
      .join(', ');
    columnLists.set(cacheKey, list);
  }
  return list;
}
