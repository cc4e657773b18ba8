/**
 * What one step changed, captured as it happens. While a step records, temporary triggers on the
 * collection's tables write each changed row into `temp.step_rows`: the columns an update changed
 * (before and after), a whole row inserted or deleted, the log entries an answer or a reset appended,
 * and the batch a deletion kept its cards under. The triggers live on this connection only and cost
 * one check of a flag per row when nothing records. The per-day review counts are not kept: they are
 * a cache of the log, counted again as answers are undone and redone, and moved by triggers of their own
 * when a card changes section.
 */
import { cachedStatement, type Db } from '../database';
import { keepingCounts } from '../queue-count-cache';

/** Tables whose rows a step puts back by their images. */
const ROW_TABLES = [
  'cards',
  'notes',
  'note_types',
  'decks',
  'sections',
  'presets',
  'settings',
  'deck_limit_extensions',
  'retired_card_keys',
  'mock_section_limits',
] as const;

export type RowTable = (typeof ROW_TABLES)[number];
export const ROW_TABLE_NAMES: ReadonlySet<string> = new Set(ROW_TABLES);

/** One row a step changed: inserted (`i`, with its image), updated (`u`, the columns it changed) or deleted (`d`). */
export interface RowChange {
  table: RowTable;
  op: 'i' | 'u' | 'd';
  /** The primary key's values, in the key's column order. */
  key: unknown[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Everything one step changed. */
export interface CapturedStep {
  rows: RowChange[];
  /** Answers appended (review_log ids). */
  reviews: number[];
  /** Schedule changes appended (card_events ids). */
  events: number[];
  /** Cards made (their rows are not kept: undo deletes them into a batch, redo brings the batch back). */
  added: number[];
  /** Deletions kept under these batches (deleted_cards, deleted_places). */
  batches: number[];
}

/** What redo needs after an undo, beside the rows: the batch made cards went into, what a deletion restored. */
export interface StepPayload extends CapturedStep {
  addedBatch?: number;
  restored?: { cardIds: number[]; deckIds: number[]; sectionIds: number[] }[];
}

const recording = new WeakMap<Db, boolean>();
const installed = new WeakSet<Db>();
const functions = new WeakSet<Db>();

/** The capture's triggers are gone (a change of temp_store drops them): made again when next needed. */
export function forgetStepCapture(db: Db): void {
  installed.delete(db);
}

/** Whether a step is recording on `db` now. */
export function isRecording(db: Db): boolean {
  return recording.get(db) === true;
}

/** The primary key columns of `table`, in order (rowid tables: their INTEGER PRIMARY KEY). */
export function keyColumns(db: Db, table: string): string[] {
  const columns = db.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0').all(table) as {
    name: string;
    pk: number;
  }[];
  return columns.sort((a, b) => a.pk - b.pk).map((column) => column.name);
}

export function allColumns(db: Db, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

/** The capture's triggers, and the flag they check (cue_recording()), on this connection. */
export function installStepCapture(db: Db): void {
  if (installed.has(db)) return;
  if (!functions.has(db)) {
    db.function('cue_recording', { deterministic: false }, () => (recording.get(db) ? 1 : 0));
    functions.add(db);
  }
  // made inside a transaction, they would go with its rollback: only made outside one are they kept for good
  if (!db.inTransaction) installed.add(db);
  else if (db.prepare("SELECT 1 FROM temp.sqlite_master WHERE name = 'step_rows'").get()) return;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS step_rows (
    seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, key TEXT, before TEXT, after TEXT)`);
  for (const table of ROW_TABLES) db.exec(rowTriggers(db, table));
  db.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS step_review_added AFTER INSERT ON main.review_log WHEN cue_recording()
    BEGIN INSERT INTO step_rows (tbl, op, key) VALUES ('review_log', 'i', NEW.id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS step_event_added AFTER INSERT ON main.card_events WHEN cue_recording()
    BEGIN INSERT INTO step_rows (tbl, op, key) VALUES ('card_events', 'i', NEW.id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS step_cards_kept AFTER INSERT ON main.deleted_cards WHEN cue_recording()
    BEGIN INSERT INTO step_rows (tbl, op, key) VALUES ('batch', 'i', NEW.batch); END;
    CREATE TEMP TRIGGER IF NOT EXISTS step_places_kept AFTER INSERT ON main.deleted_places WHEN cue_recording()
    BEGIN INSERT INTO step_rows (tbl, op, key) VALUES ('batch', 'i', NEW.batch); END;`);
}

function rowTriggers(db: Db, table: RowTable): string {
  const columns = allColumns(db, table);
  const key = (row: 'NEW' | 'OLD') => `json_array(${keyColumns(db, table).map((c) => `${row}.${c}`)})`;
  const image = (row: 'NEW' | 'OLD') => `json_object(${columns.map((c) => `'${c}', ${row}.${c}`)})`;
  // an update keeps only the columns it changed, each wrapped in an array so a NULL survives json_patch
  const changed = (row: 'NEW' | 'OLD') =>
    `json_patch('{}', json_object(${columns.map((c) => `'${c}', CASE WHEN OLD.${c} IS NOT NEW.${c} THEN json_array(${row}.${c}) END`)}))`;
  const anyChanged = columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  // a card made keeps no image: undo deletes it into a batch, which keeps it whole
  const insertedImage = table === 'cards' ? 'NULL' : image('NEW');
  return `
    CREATE TEMP TRIGGER IF NOT EXISTS step_${table}_insert AFTER INSERT ON main.${table} WHEN cue_recording()
    BEGIN INSERT INTO step_rows (tbl, op, key, after) VALUES ('${table}', 'i', ${key('NEW')}, ${insertedImage}); END;
    CREATE TEMP TRIGGER IF NOT EXISTS step_${table}_update AFTER UPDATE ON main.${table}
    WHEN cue_recording() AND (${anyChanged})
    BEGIN INSERT INTO step_rows (tbl, op, key, before, after)
      VALUES ('${table}', 'u', ${key('OLD')}, ${changed('OLD')}, ${changed('NEW')}); END;
    CREATE TEMP TRIGGER IF NOT EXISTS step_${table}_delete AFTER DELETE ON main.${table} WHEN cue_recording()
    BEGIN INSERT INTO step_rows (tbl, op, key, before) VALUES ('${table}', 'd', ${key('OLD')}, ${image('OLD')}); END;`;
}

/** Tables whose changes a deletion's batch (or a made card's) puts back itself. */
const KEPT_BY_BATCH = new Set<string>(['retired_card_keys']);
const PLACES = new Set<string>(['cards', 'sections', 'decks']);

/**
 * Runs `write` (inside the caller's transaction) with the triggers recording; what it changed. A
 * step that deleted or made cards leaves their rows, per-day counts and retired keys to the batch.
 */
export function captureStep<T>(db: Db, write: () => T): { result: T; step: CapturedStep } {
  installStepCapture(db);
  // the capture's own rows change no card: the study queue's kept counts stay true through them
  keepingCounts(db, () => cachedStatement(db, 'DELETE FROM temp.step_rows').run());
  recording.set(db, true);
  let result: T;
  try {
    result = write();
  } finally {
    recording.set(db, false);
  }
  const raw = keepingCounts(db, () => {
    const rows = cachedStatement(
      db,
      'SELECT tbl, op, key, before, after FROM temp.step_rows WHERE seq >= 1 ORDER BY seq',
    ).all() as CapturedRow[];
    cachedStatement(db, 'DELETE FROM temp.step_rows').run();
    return rows;
  });
  return { result, step: stepOf(raw) };
}

interface CapturedRow {
  tbl: string;
  op: 'i' | 'u' | 'd';
  key: string;
  before: string | null;
  after: string | null;
}

function stepOf(
  raw: { tbl: string; op: 'i' | 'u' | 'd'; key: string; before: string | null; after: string | null }[],
): CapturedStep {
  const step: CapturedStep = { rows: [], reviews: [], events: [], added: [], batches: [] };
  for (const row of raw) {
    if (row.tbl === 'review_log') step.reviews.push(Number(row.key));
    else if (row.tbl === 'card_events') step.events.push(Number(row.key));
    else if (row.tbl === 'batch') {
      if (!step.batches.includes(Number(row.key))) step.batches.push(Number(row.key));
    } else if (row.tbl === 'cards' && row.op === 'i') step.added.push((JSON.parse(row.key) as number[])[0] as number);
    else step.rows.push(rowChange(row));
  }
  step.rows = mergedByRow(step.rows);
  if (step.batches.length === 0 && step.added.length === 0) return step;
  // a card made and removed again within the step (an import replacing one) was never there
  const removed = new Set(step.rows.filter((r) => r.table === 'cards' && r.op === 'd').map((r) => r.key[0] as number));
  step.added = step.added.filter((id) => !removed.has(id));
  // what a batch keeps (the cards, their places, their counts) it also brings back
  const added = new Set(step.added);
  step.rows = step.rows.filter(
    (row) =>
      !KEPT_BY_BATCH.has(row.table) &&
      !(row.op === 'd' && PLACES.has(row.table)) &&
      !(row.table === 'cards' && added.has(row.key[0] as number)),
  );
  return step;
}

function rowChange(row: {
  tbl: string;
  op: 'i' | 'u' | 'd';
  key: string;
  before: string | null;
  after: string | null;
}) {
  const unwrap = (text: string | null, wrapped: boolean) => {
    if (text === null) return null;
    const image = JSON.parse(text) as Record<string, unknown>;
    return wrapped ? Object.fromEntries(Object.entries(image).map(([k, v]) => [k, (v as unknown[])[0]])) : image;
  };
  const wrapped = row.op === 'u';
  return {
    table: row.tbl as RowTable,
    op: row.op,
    key: JSON.parse(row.key) as unknown[],
    before: unwrap(row.before, wrapped),
    after: unwrap(row.after, wrapped),
  };
}

/**
 * One change per row: a row updated twice is one update from its first state to its last, a row made
 * and then changed is made as it ended, a row made and deleted is left out, and a row deleted and made
 * again is an update from the one to the other.
 */
function mergedByRow(rows: RowChange[]): RowChange[] {
  const byKey = new Map<string, RowChange>();
  for (const row of rows) {
    const id = `${row.table}:${JSON.stringify(row.key)}`;
    const earlier = byKey.get(id);
    if (!earlier) byKey.set(id, row);
    else {
      const merged = mergedPair(earlier, row);
      if (merged) byKey.set(id, merged);
      else byKey.delete(id);
    }
  }
  return [...byKey.values()];
}

function mergedPair(first: RowChange, then: RowChange): RowChange | null {
  if (then.op === 'u') {
    if (first.op === 'i') return { ...first, after: first.after && { ...first.after, ...then.after } };
    return { ...first, before: { ...then.before, ...first.before }, after: { ...first.after, ...then.after } };
  }
  if (then.op === 'd') {
    if (first.op === 'i') return null;
    return { ...then, before: { ...then.before, ...first.before } };
  }
  // deleted, then made again
  return { ...then, op: 'u', before: first.before, after: then.after };
}
