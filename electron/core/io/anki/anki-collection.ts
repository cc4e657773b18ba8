/**
 * Reads an Anki collection database (an unpacked collection.anki2 / .anki21 / .anki21b) into plain
 * objects. Schema 11 keeps note types and decks as JSON in the `col` row; schema 18 (version-3
 * packages) keeps them in `notetypes`, `fields`, `templates` and `decks` tables with protobuf
 * configs and '\x1f'-separated deck names. Notes, cards and the review log are the same in both.
 * Ids are read as text so ids past 2^53 still match between tables and JSON keys.
 */
import Database from 'better-sqlite3';
import { configFromJson } from './anki-deck-config-json';
import {
  type AnkiConfigFields,
  decodeDeckConfig,
  decodeDeckKind,
  decodeNotetypeConfig,
  decodeTemplateConfig,
} from './anki-protobuf';

export interface AnkiTemplate {
  ord: number;
  name: string;
  qfmt: string;
  afmt: string;
}

export interface AnkiNotetype {
  id: string;
  name: string;
  kind: 'normal' | 'cloze';
  /** Field names in field order. */
  fields: string[];
  /** Templates by ordinal (a cloze note type has one, used for every cloze number). */
  templates: AnkiTemplate[];
  css: string;
  /** Anki's stock type it was made from: 6 is Image Occlusion (proto OriginalStockKind). */
  originalStockKind: number;
  /** The Cue note type a model Cue exported was made from (schema 11's JSON keeps unknown keys). */
  cueKey?: string;
}

export interface AnkiDeck {
  id: string;
  /** "Top::Sub::Subsub". */
  name: string;
  description: string;
  filtered: boolean;
  /** The Anki options preset ("deck config") it uses; '' when it names none. */
  configId: string;
  /** Its own daily limits over the preset's (Anki's "This deck"), when set. */
  newLimit: number | null;
  reviewLimit: number | null;
}

/** An Anki options preset, in Anki's terms (see anki-deck-options.ts for Cue's). */
export interface AnkiDeckConfig extends AnkiConfigFields {
  id: string;
  name: string;
}

export interface AnkiNote {
  id: string;
  guid: string;
  notetypeId: string;
  tags: string[];
  fields: string[];
}

export interface AnkiCard {
  id: string;
  noteId: string;
  deckId: string;
  /** The home deck of a card sitting in a filtered deck, else "0". */
  originalDeckId: string;
  ord: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number;
  /** -3/-2 buried, -1 suspended, 0 new, 1 learning (due in seconds), 2 review, 3 day-learning, 4 preview. */
  queue: number;
  /** New: position; learning (queue 1): epoch seconds; review and day-learning: days from `crt`. */
  due: number;
  /** Days, for review and relearning cards. */
  ivl: number;
  /** Ease in permille (2500 = 250%); 0 while new or learning. */
  factor: number;
  reps: number;
  lapses: number;
  /** Learning steps left: today * 1000 + in total. */
  left: number;
  /** The home due of a card in a filtered deck, else 0. */
  originalDue: number;
  /** Last changed (seconds; some tools write ms). */
  mod: number;
  flags: number;
  data: string;
}

export interface AnkiReview {
  id: string;
  cardId: string;
  ease: number;
  timeMs: number;
  type: number;
  factor: number;
}

export interface AnkiCollection {
  schemaVersion: number;
  /** col.crt: the collection's creation, seconds; review due days count from its date. */
  createdSecs: number;
  /**
   * The UTC offset the collection was made in, in minutes west of UTC (Anki's `creationOffset`): due
   * days count from crt's date there. null when the collection does not say (older collections count
   * from crt's date where they are opened).
   */
  creationOffset: number | null;
  notetypes: Map<string, AnkiNotetype>;
  decks: Map<string, AnkiDeck>;
  notes: AnkiNote[];
  cards: AnkiCard[];
  revlog: AnkiReview[];
  /** The options presets by id; a preset Cue cannot read is left out with a word in `configProblems`. */
  deckConfigs: Map<string, AnkiDeckConfig>;
  configProblems: string[];
}

/** A problem with the database: `corrupt` for SQLite's own complaints, else a malformed Anki field. */
export class CollectionError extends Error {
  constructor(
    message: string,
    readonly corrupt: boolean,
  ) {
    super(message);
    this.name = 'CollectionError';
  }
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Opens a collection from its bytes (modified in place: a WAL header is switched to rollback). */
export function readAnkiCollection(bytes: Uint8Array): AnkiCollection {
  if (bytes.length < 100 || new TextDecoder('latin1').decode(bytes.subarray(0, 16)) !== SQLITE_HEADER) {
    throw new CollectionError('the collection database is truncated or corrupt (not an SQLite database)', true);
  }
  // Version-3 collections are saved in WAL mode (bytes 18-19 = 2); a deserialized database has no
  // WAL file, so say "rollback journal" before opening.
  if (bytes[18] === 2) bytes[18] = 1;
  if (bytes[19] === 2) bytes[19] = 1;
  let db: Database.Database;
  try {
    db = new Database(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw asCollectionError(error);
  }
  try {
    replaceUnicaseCollation(db);
    return readAll(db);
  } catch (error) {
    throw asCollectionError(error);
  } finally {
    db.close();
  }
}

/**
 * Schema 18 declares name columns `COLLATE unicase`, a collation only Anki registers; SQLite can't
 * even scan the WITHOUT ROWID `fields` and `templates` tables without it ("no query solution"), and
 * better-sqlite3 can't register collations. This private in-memory copy is never written back, so
 * its schema text is switched to NOCASE (the indexes are never used for lookups here).
 */
function replaceUnicaseCollation(db: Database.Database): void {
  const rows = db.prepare("SELECT name, sql FROM sqlite_master WHERE sql LIKE '%unicase%'").all() as {
    name: string;
    sql: string;
  }[];
  const changes = rows
    .map((row) => ({ name: row.name, sql: row.sql.replace(/collate\s+unicase\b/gi, 'COLLATE NOCASE') }))
    .filter((row, i) => row.sql !== rows[i].sql);
  if (!changes.length) return;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    const update = db.prepare('UPDATE sqlite_master SET sql = ? WHERE name = ?');
    for (const change of changes) update.run(change.sql, change.name);
    db.pragma('writable_schema = RESET');
  } finally {
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  }
}

function asCollectionError(error: unknown): Error {
  if (error instanceof CollectionError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    if (/^SQLITE_(CORRUPT|NOTADB|IOERR)/.test(code)) {
      return new CollectionError(`the collection database is truncated or corrupt (${message})`, true);
    }
    return new CollectionError(`is not a readable Anki collection (${message})`, true);
  }
  return error instanceof Error ? error : new Error(message);
}

function readAll(db: Database.Database): AnkiCollection {
  // No integrity check: it needs Anki's `unicase` collation for schema-18 indexes, and SQLite
  // reports a truncated or damaged page when a query below reads it.
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).map((t) =>
      t.toLowerCase(),
    ),
  );
  for (const table of ['col', 'notes', 'cards']) {
    if (!tables.has(table)) throw new CollectionError(`is not an Anki collection (no ${table} table)`, true);
  }
  const schemaVersion = Number(db.prepare('SELECT ver FROM col LIMIT 1').pluck().get() ?? 0);
  const createdSecs = Number(db.prepare('SELECT crt FROM col LIMIT 1').pluck().get() ?? 0);
  const modern = tables.has('notetypes') && tables.has('fields') && tables.has('templates') && tables.has('decks');
  const { notetypes, decks } = modern ? readSchema18(db) : readSchema11(db);
  const configs = modern && tables.has('deck_config') ? readDeckConfigs18(db) : readDeckConfigs11(db);
  return {
    schemaVersion,
    createdSecs: Number.isFinite(createdSecs) ? createdSecs : 0,
    creationOffset: modern && tables.has('config') ? creationOffset18(db) : creationOffset11(db),
    notetypes,
    decks,
    deckConfigs: configs.configs,
    configProblems: configs.problems,
    notes: readNotes(db),
    cards: readCards(db),
    revlog: tables.has('revlog') ? readRevlog(db) : [],
  };
}

// Schema 11: JSON in the col row
// ----------------------------------------

/** Anki's creationOffset from col.conf; a conf that is not JSON says nothing (its other uses report it). */
function creationOffset11(db: Database.Database): number | null {
  try {
    const conf = JSON.parse(String(db.prepare('SELECT conf FROM col LIMIT 1').pluck().get() ?? '')) as unknown;
    return offsetMinutes((conf as { creationOffset?: unknown } | null)?.creationOffset);
  } catch {
    return null;
  }
}

/** Schema 18 keeps it in the config table, as JSON. */
function creationOffset18(db: Database.Database): number | null {
  const value = db.prepare("SELECT val FROM config WHERE KEY = 'creationOffset'").pluck().get();
  if (value === undefined || value === null) return null;
  try {
    return offsetMinutes(JSON.parse(Buffer.from(value as Uint8Array | string).toString('utf8')));
  } catch {
    return null;
  }
}

/** Minutes west of UTC that a real time zone has (within a day). */
function offsetMinutes(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 24 * 60 ? value : null;
}

function parseJsonObject(text: unknown, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(String(text ?? ''));
  } catch (error) {
    throw new CollectionError(
      `col.${what} is not valid JSON (${error instanceof Error ? error.message : error})`,
      false,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CollectionError(`col.${what} is not a JSON object`, false);
  }
  return value as Record<string, unknown>;
}

function asArray(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
}

function readSchema11(db: Database.Database): Pick<AnkiCollection, 'notetypes' | 'decks'> {
  const row = db.prepare('SELECT models, decks FROM col LIMIT 1').get() as
    | { models: unknown; decks: unknown }
    | undefined;
  if (!row) throw new CollectionError('the col table is empty', false);
  const notetypes = new Map<string, AnkiNotetype>();
  for (const [id, value] of Object.entries(parseJsonObject(row.models, 'models'))) {
    if (typeof value !== 'object' || value === null) continue;
    const model = value as Record<string, unknown>;
    const fields = asArray(model.flds)
      .map((f, i) => ({ ord: typeof f.ord === 'number' ? f.ord : i, name: String(f.name ?? '') }))
      .sort((a, b) => a.ord - b.ord)
      .map((f) => f.name);
    const templates = asArray(model.tmpls).map((t, i) => ({
      ord: typeof t.ord === 'number' ? t.ord : i,
      name: String(t.name ?? ''),
      qfmt: String(t.qfmt ?? ''),
      afmt: String(t.afmt ?? ''),
    }));
    notetypes.set(id, {
      id,
      name: String(model.name ?? ''),
      kind: model.type === 1 ? 'cloze' : 'normal',
      fields,
      templates: templates.sort((a, b) => a.ord - b.ord),
      css: typeof model.css === 'string' ? model.css : '',
      originalStockKind: typeof model.originalStockKind === 'number' ? model.originalStockKind : 0,
      ...(typeof model.cueKey === 'string' ? { cueKey: model.cueKey } : {}),
    });
  }
  const decks = new Map<string, AnkiDeck>();
  for (const [id, value] of Object.entries(parseJsonObject(row.decks, 'decks'))) {
    if (typeof value !== 'object' || value === null) continue;
    const deck = value as Record<string, unknown>;
    decks.set(id, {
      id,
      name: String(deck.name ?? ''),
      description: typeof deck.desc === 'string' ? deck.desc : '',
      filtered: deck.dyn === 1 || deck.dyn === true,
      configId: typeof deck.conf === 'number' || typeof deck.conf === 'string' ? String(deck.conf) : '',
      newLimit: limitOf(deck.newLimit),
      reviewLimit: limitOf(deck.reviewLimit),
    });
  }
  return { notetypes, decks };
}

/** A deck's own limit in schema 11's JSON: a whole number, or null when unset. */
function limitOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

// Schema 18: tables with protobuf configs
// ----------------------------------------

function decode<T>(what: string, bytes: unknown, decoder: (bytes: Uint8Array) => T): T {
  try {
    return decoder(bytes instanceof Uint8Array ? bytes : new Uint8Array(0));
  } catch (error) {
    throw new CollectionError(
      `${what} has a corrupt config (${error instanceof Error ? error.message : error})`,
      false,
    );
  }
}

function readSchema18(db: Database.Database): Pick<AnkiCollection, 'notetypes' | 'decks'> {
  const notetypes = new Map<string, AnkiNotetype>();
  const rows = db.prepare('SELECT CAST(id AS TEXT) AS id, name, config FROM notetypes ORDER BY notetypes.id').all() as {
    id: string;
    name: string;
    config: unknown;
  }[];
  for (const row of rows) {
    const config = decode(`note type ${row.id}`, row.config, decodeNotetypeConfig);
    notetypes.set(row.id, {
      id: row.id,
      name: String(row.name),
      kind: config.kind === 1 ? 'cloze' : 'normal',
      fields: [],
      templates: [],
      css: config.css,
      originalStockKind: config.originalStockKind,
    });
  }
  const fields = db
    .prepare('SELECT CAST(ntid AS TEXT) AS ntid, ord, name FROM fields ORDER BY fields.ntid, fields.ord')
    .all() as {
    ntid: string;
    ord: number;
    name: string;
  }[];
  for (const field of fields) notetypes.get(field.ntid)?.fields.push(String(field.name));
  const templates = db
    .prepare(
      'SELECT CAST(ntid AS TEXT) AS ntid, ord, name, config FROM templates ORDER BY templates.ntid, templates.ord',
    )
    .all() as { ntid: string; ord: number; name: string; config: unknown }[];
  for (const template of templates) {
    const notetype = notetypes.get(template.ntid);
    if (!notetype) continue;
    const config = decode(
      `template ${template.ord} of note type ${template.ntid}`,
      template.config,
      decodeTemplateConfig,
    );
    notetype.templates.push({
      ord: Number(template.ord),
      name: String(template.name),
      qfmt: config.qFormat,
      afmt: config.aFormat,
    });
  }
  const decks = new Map<string, AnkiDeck>();
  const deckRows = db.prepare('SELECT CAST(id AS TEXT) AS id, name, kind FROM decks ORDER BY decks.id').all() as {
    id: string;
    name: string;
    kind: unknown;
  }[];
  for (const row of deckRows) {
    const kind = decode(`deck ${row.id}`, row.kind, decodeDeckKind);
    decks.set(row.id, {
      id: row.id,
      name: String(row.name).split('\x1f').join('::'),
      description: kind.description,
      filtered: kind.filtered,
      configId: kind.configId,
      newLimit: kind.newLimit,
      reviewLimit: kind.reviewLimit,
    });
  }
  return { notetypes, decks };
}

// Options presets ("deck configs"): JSON in col.dconf (schema 11), protobuf rows in deck_config (18)
// ----------------------------------------

interface ReadConfigs {
  configs: Map<string, AnkiDeckConfig>;
  problems: string[];
}

/** Options never stop an import: a preset that cannot be read is left out, and the import says so. */
function readDeckConfigs11(db: Database.Database): ReadConfigs {
  const configs = new Map<string, AnkiDeckConfig>();
  const problems: string[] = [];
  const text = db.prepare('SELECT dconf FROM col LIMIT 1').pluck().get();
  if (typeof text !== 'string' || text.trim() === '') return { configs, problems };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { configs, problems: ['col.dconf is not valid JSON, so no deck options came with the package'] };
  }
  if (typeof parsed !== 'object' || parsed === null) return { configs, problems };
  for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`deck options ${id} in col.dconf are not a JSON object`);
      continue;
    }
    const json = value as Record<string, unknown>;
    configs.set(id, { id, name: typeof json.name === 'string' ? json.name : '', ...configFromJson(json) });
  }
  return { configs, problems };
}

function readDeckConfigs18(db: Database.Database): ReadConfigs {
  const configs = new Map<string, AnkiDeckConfig>();
  const problems: string[] = [];
  const rows = db.prepare('SELECT CAST(id AS TEXT) AS id, name, config FROM deck_config ORDER BY id').all() as {
    id: string;
    name: unknown;
    config: unknown;
  }[];
  for (const row of rows) {
    try {
      const fields = decodeDeckConfig(row.config instanceof Uint8Array ? row.config : new Uint8Array(0));
      configs.set(row.id, { id: row.id, name: String(row.name ?? ''), ...fields });
    } catch (error) {
      problems.push(`deck options ${row.id} are corrupt (${error instanceof Error ? error.message : error})`);
    }
  }
  return { configs, problems };
}

// Notes, cards, review log
// ----------------------------------------

function readNotes(db: Database.Database): AnkiNote[] {
  const rows = db
    .prepare('SELECT CAST(id AS TEXT) AS id, guid, CAST(mid AS TEXT) AS mid, tags, flds FROM notes ORDER BY notes.id')
    .all() as { id: string; guid: unknown; mid: string; tags: unknown; flds: unknown }[];
  return rows.map((row) => ({
    id: row.id,
    guid: row.guid === null || row.guid === undefined ? '' : String(row.guid),
    notetypeId: row.mid,
    tags: String(row.tags ?? '')
      .split(/\s+/)
      .filter(Boolean),
    fields: String(row.flds ?? '').split('\x1f'),
  }));
}

function readCards(db: Database.Database): AnkiCard[] {
  const rows = db
    .prepare(
      `SELECT CAST(id AS TEXT) AS id, CAST(nid AS TEXT) AS nid, CAST(did AS TEXT) AS did,
         CAST(odid AS TEXT) AS odid, ord, type, queue, due, ivl, factor, reps, lapses, left, odue, mod, flags, data
       FROM cards ORDER BY cards.nid, cards.ord, cards.id`,
    )
    .all() as (Record<
    'type' | 'queue' | 'due' | 'ivl' | 'factor' | 'reps' | 'lapses' | 'left' | 'odue' | 'mod',
    unknown
  > & {
    id: string;
    nid: string;
    did: string;
    odid: string | null;
    ord: number;
    flags: number;
    data: unknown;
  })[];
  return rows.map((row) => ({
    id: row.id,
    noteId: row.nid,
    deckId: row.did,
    originalDeckId: row.odid ?? '0',
    ord: Number(row.ord),
    type: whole(row.type),
    queue: whole(row.queue),
    due: whole(row.due),
    ivl: whole(row.ivl),
    factor: whole(row.factor),
    reps: whole(row.reps),
    lapses: whole(row.lapses),
    left: whole(row.left),
    originalDue: whole(row.odue),
    mod: whole(row.mod),
    flags: Number(row.flags ?? 0),
    data: typeof row.data === 'string' ? row.data : '',
  }));
}

/** An integer column as a number; anything else (NULL, text a tool wrote) as 0. */
function whole(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

function readRevlog(db: Database.Database): AnkiReview[] {
  // row by row, as arrays: a review log of hundreds of thousands of rows is held once, as its reviews
  const rows = db
    .prepare('SELECT CAST(id AS TEXT), CAST(cid AS TEXT), ease, time, type, factor FROM revlog ORDER BY revlog.id')
    .raw()
    .iterate() as IterableIterator<[string, string, number, number, number, number]>;
  const reviews: AnkiReview[] = [];
  for (const [id, cardId, ease, time, type, factor] of rows) {
    reviews.push({ id, cardId, ease: Number(ease), timeMs: Number(time), type: Number(type), factor: Number(factor) });
  }
  return reviews;
}
