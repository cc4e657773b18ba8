/**
 * Putting a step's rows back (undo) and forward again (redo), and the check before either: every row
 * must still be as the step left it (or as its undo left it), or the change is no longer possible.
 */

import { CueError } from '../../../shared/errors';
import { cachedStatement, type Db } from '../database';
import { allColumns, keyColumns, ROW_TABLE_NAMES, type RowChange, type StepPayload } from './step-capture';

type Direction = 'undo' | 'redo';

const keyCache = new Map<string, string[]>();
function keyOf(db: Db, table: string): string[] {
  let columns = keyCache.get(table);
  if (!columns) {
    columns = keyColumns(db, table);
    keyCache.set(table, columns);
  }
  return columns;
}

function where(db: Db, table: string): string {
  return keyOf(db, table)
    .map((column) => `${column} = ?`)
    .join(' AND ');
}

/**
 * Table and column names come from a step's stored payload: only the tables the capture records, and
 * only their own columns, ever reach SQL (a doctored file cannot turn an undo into another statement).
 */
function checkedTable(db: Db, row: RowChange): void {
  const columns = tableColumns(db, row.table);
  if (!ROW_TABLE_NAMES.has(row.table) || columns.size === 0) {
    throw new CueError('database', `The history names a table Cue does not record: ${JSON.stringify(row.table)}.`);
  }
  for (const column of [...Object.keys(row.before ?? {}), ...Object.keys(row.after ?? {})]) {
    if (!columns.has(column)) {
      throw new CueError(
        'database',
        `The history names a column ${row.table} does not have: ${JSON.stringify(column)}.`,
      );
    }
  }
}

const columnSets = new Map<string, Set<string>>();
function tableColumns(db: Db, table: string): Set<string> {
  let columns = columnSets.get(table);
  if (!columns) {
    columns = new Set(allColumns(db, table));
    columnSets.set(table, columns);
  }
  return columns;
}

function current(db: Db, row: RowChange): Record<string, unknown> | undefined {
  checkedTable(db, row);
  return cachedStatement(db, `SELECT * FROM ${row.table} WHERE ${where(db, row.table)}`).get(...row.key) as
    | Record<string, unknown>
    | undefined;
}

/** Whether `actual` holds every value of `image`. */
function holds(actual: Record<string, unknown>, image: Record<string, unknown> | null): boolean {
  return Object.entries(image ?? {}).every(([column, value]) => actual[column] === value);
}

/** The first row not as undo (or redo) expects it: what it is, and its key for finding who changed it. */
export function rowConflict(db: Db, rows: RowChange[], direction: Direction) {
  for (const row of rows) {
    const now = current(db, row);
    const expected = direction === 'undo' ? row.after : row.before;
    // undo takes an insert back and puts a deleted row back; redo the other way round
    const shouldExist = direction === 'undo' ? row.op !== 'd' : row.op !== 'i';
    // an update checks the columns it changed; a row it made, all of it
    const fine = shouldExist
      ? now !== undefined && holds(now, row.op === 'd' ? row.before : expected)
      : now === undefined;
    if (!fine) return { what: rowName(row), key: `${row.table}:${row.key.join(',')}` };
  }
  return undefined;
}

const NAMES: Record<string, string> = {
  cards: 'card',
  notes: 'note',
  note_types: 'note type',
  decks: 'deck',
  sections: 'section',
  presets: 'preset',
  settings: 'setting',
  deck_limit_extensions: 'the day’s limits of deck',
  retired_card_keys: 'a retired key of deck',
  mock_section_limits: 'a mock interview limit of section',
};

function rowName(row: RowChange): string {
  return `${NAMES[row.table] ?? row.table} ${row.key[0]}`;
}

/** Puts every row back as it was before the step, newest change first. */
export function revertRows(db: Db, rows: RowChange[]): void {
  for (const row of rows.toReversed()) {
    if (row.op === 'i') remove(db, row);
    else if (row.op === 'd') insert(db, row, row.before);
    else update(db, row, row.before);
  }
}

/** Makes every row's change again, in the order the step made them. */
export function applyRows(db: Db, rows: RowChange[]): void {
  for (const row of rows) {
    if (row.op === 'i') insert(db, row, row.after);
    else if (row.op === 'd') remove(db, row);
    else update(db, row, row.after);
  }
}

function remove(db: Db, row: RowChange): void {
  cachedStatement(db, `DELETE FROM ${row.table} WHERE ${where(db, row.table)}`).run(...row.key);
}

function insert(db: Db, row: RowChange, image: Record<string, unknown> | null): void {
  if (!image) return;
  const columns = Object.keys(image);
  cachedStatement(
    db,
    `INSERT INTO ${row.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(...columns.map((column) => image[column]));
}

function update(db: Db, row: RowChange, image: Record<string, unknown> | null): void {
  const columns = Object.keys(image ?? {});
  if (!image || columns.length === 0) return;
  cachedStatement(
    db,
    `UPDATE ${row.table} SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE ${where(db, row.table)}`,
  ).run(...columns.map((column) => image[column]), ...row.key);
}

/** The cards a step changed: their rows, the cards it made or brought back, the cards answered. */
export function touchedCards(payload: StepPayload): number[] {
  const cards = new Set<number>(payload.added);
  for (const row of payload.rows) if (row.table === 'cards') cards.add(row.key[0] as number);
  for (const back of payload.restored ?? []) for (const id of back.cardIds) cards.add(id);
  return [...cards];
}
