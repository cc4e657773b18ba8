/**
 * Anki packages built in memory for import tests: a collection described as plain data, written as a
 * schema-11 database (legacy packages: collection.anki2 alone, or collection.anki21 + the dummy
 * collection.anki2 + meta 2) or a schema-18 one (meta 3: zstd collection.anki21b, protobuf media map,
 * zstd media). Schema 18 starts from the empty collection Anki itself exported
 * (srs-converter-empty-latest.apkg), so its tables are Anki's own. Node has no zstd compressor, so
 * `zstdStore` writes valid frames of raw (stored) blocks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync, zipSync, zlibSync } from 'fflate';
import { decompress } from 'fzstd';
import protobuf from 'protobufjs/minimal.js';

const ANKI_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'anki');

export function ankiFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(ANKI_FIXTURES, name)));
}

// zstd without a compressor
// ----------------------------------------

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const MAX_BLOCK = 128 * 1024;
/** Frame header: no checksum, no dictionary, no declared size; window 2^17 (one full block). */
const FRAME_HEADER = [...ZSTD_MAGIC, 0x00, (17 - 10) << 3];

function blockHeader(last: boolean, type: 0 | 1, size: number): number[] {
  const value = (last ? 1 : 0) | (type << 1) | (size << 3);
  return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff];
}

/** A zstd frame holding `data` in raw (uncompressed) blocks of at most 128 KB. */
export function zstdStore(data: Uint8Array): Uint8Array {
  const parts: number[][] = [FRAME_HEADER];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  do {
    const size = Math.min(MAX_BLOCK, data.length - offset);
    const last = offset + size >= data.length;
    parts.push(blockHeader(last, 0, size));
    chunks.push(data.subarray(offset, offset + size));
    offset += size;
  } while (offset < data.length);
  const total = parts.reduce((n, p) => n + p.length, 0) + data.length;
  const out = new Uint8Array(total);
  let pos = 0;
  out.set(parts[0], pos);
  pos += parts[0].length;
  chunks.forEach((chunk, i) => {
    out.set(parts[i + 1], pos);
    pos += parts[i + 1].length;
    out.set(chunk, pos);
    pos += chunk.length;
  });
  return out;
}

/** A zstd frame of run-length blocks: `count` copies of `byte` from a few bytes (a zstd bomb). */
export function zstdRepeat(byte: number, count: number): Uint8Array {
  const bytes: number[] = [...FRAME_HEADER];
  let left = count;
  do {
    const size = Math.min(MAX_BLOCK, left);
    left -= size;
    bytes.push(...blockHeader(left === 0, 1, size), byte);
  } while (left > 0);
  return new Uint8Array(bytes);
}

// Collections as data
// ----------------------------------------

export interface NotetypeSpec {
  id: number;
  name: string;
  kind: 'normal' | 'cloze';
  fields: string[];
  templates: { name: string; qfmt: string; afmt: string }[];
  /** The note type's styling (Anki's default when absent). */
  css?: string;
}

export interface DeckSpec {
  id: number;
  /** "Top::Sub". */
  name: string;
  description?: string;
  /** Its options preset (default 1, Anki's Default). */
  configId?: number;
  /** Its own limits over the preset's (Anki's "This deck"). */
  newLimit?: number;
  reviewLimit?: number;
  /** A filtered deck ("dyn"): cards sit in it away from their home deck (odid). */
  filtered?: boolean;
}

/** An Anki options preset, in schema 11's JSON (col.dconf); schema 18 gets the same as protobuf. */
export interface DeckConfigSpec {
  id: number;
  name: string;
  new: { perDay?: number; delays?: number[]; order?: number; bury?: boolean };
  rev: { perDay?: number; maxIvl?: number; bury?: boolean };
  lapse: { delays?: number[]; leechFails?: number; leechAction?: number };
  desiredRetention?: number;
  fsrsWeights?: number[];
  fsrsParams5?: number[];
  fsrsParams6?: number[];
  reviewOrder?: number;
  newGatherPriority?: number;
  newSortOrder?: number;
  /** Schema 11's `autoplay` (absent: on); schema 18 writes its opposite, disable_autoplay. */
  autoplay?: boolean;
}

/** Anki's Default preset as a new collection of Anki 23.10+ has it. */
export function ankiDefaultConfig(): DeckConfigSpec {
  return {
    id: 1,
    name: 'Default',
    new: { perDay: 20, delays: [1, 10], order: 1, bury: false },
    rev: { perDay: 200, maxIvl: 36500, bury: false },
    lapse: { delays: [10], leechFails: 8, leechAction: 1 },
    desiredRetention: 0.9,
    fsrsWeights: [],
    fsrsParams5: [],
    reviewOrder: 0,
    newGatherPriority: 0,
    newSortOrder: 0,
  };
}

export interface NoteSpec {
  id: number;
  guid: string;
  notetypeId: number;
  fields: string[];
  tags?: string[];
}

export interface CardSpec {
  id: number;
  noteId: number;
  deckId: number;
  ord: number;
  /** -1 suspended, -2/-3 buried, 0 new, 1 learning, 2 review, 3 day-learning, 4 preview. */
  queue?: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type?: number;
  /** New: position; queue 1: epoch seconds; review and day-learning: days from crt's date. */
  due?: number;
  ivl?: number;
  factor?: number;
  reps?: number;
  lapses?: number;
  left?: number;
  odue?: number;
  /** Last changed, seconds. */
  mod?: number;
  data?: string;
  odid?: number;
  flags?: number;
}

export interface ReviewSpec {
  id: number;
  cardId: number;
  ease: number;
  timeMs?: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
  type?: number;
  factor?: number;
}

export interface CollectionSpec {
  notetypes: NotetypeSpec[];
  decks: DeckSpec[];
  notes: NoteSpec[];
  cards: CardSpec[];
  revlog: ReviewSpec[];
  /** Options presets; without them, Anki's Default alone. */
  deckConfigs?: DeckConfigSpec[];
  /** col.crt, seconds: the collection's creation, day 0 of review due days. */
  crt?: number;
  /**
   * Minutes west of UTC the collection was made in (Anki's creationOffset). Schema 11 leaves it out
   * unless given; schema 18 keeps the one Anki's empty export has (-120) unless given.
   */
  creationOffset?: number;
}

/** The crt built collections have unless told otherwise (2020-09-13 12:26:40 UTC). */
export const DEFAULT_CRT = 1_600_000_000;

const BASIC_AFMT = '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}';

/** Anki's stock note types, as a new collection has them. */
export const STOCK = {
  basic: (id = 1_600_000_000_001): NotetypeSpec => ({
    id,
    name: 'Basic',
    kind: 'normal',
    fields: ['Front', 'Back'],
    templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: BASIC_AFMT }],
  }),
  basicAndReversed: (id = 1_600_000_000_002): NotetypeSpec => ({
    id,
    name: 'Basic (and reversed card)',
    kind: 'normal',
    fields: ['Front', 'Back'],
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: BASIC_AFMT },
      { name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}' },
    ],
  }),
  optionalReversed: (id = 1_600_000_000_003): NotetypeSpec => ({
    id,
    name: 'Basic (optional reversed card)',
    kind: 'normal',
    fields: ['Front', 'Back', 'Add Reverse'],
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: BASIC_AFMT },
      {
        name: 'Card 2',
        qfmt: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}',
        afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}',
      },
    ],
  }),
  typing: (id = 1_600_000_000_004): NotetypeSpec => ({
    id,
    name: 'Basic (type in the answer)',
    kind: 'normal',
    fields: ['Front', 'Back'],
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}\n\n{{type:Back}}', afmt: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}' },
    ],
  }),
  imageOcclusion: (id = 1_600_000_000_006): NotetypeSpec => ({
    id,
    name: 'Image Occlusion',
    kind: 'cloze',
    fields: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'],
    templates: [
      {
        name: 'Image Occlusion',
        qfmt: '{{#Header}}<div>{{Header}}</div>{{/Header}}\n<div style="display: none">{{cloze:Occlusion}}</div>\n<div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div>\n<script>anki.imageOcclusion.setup();</script>',
        afmt: '{{#Header}}<div>{{Header}}</div>{{/Header}}\n<div style="display: none">{{cloze:Occlusion}}</div>\n<div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div>\n<script>anki.imageOcclusion.setup();</script>\n<div><button id="toggle">Toggle Masks</button></div>\n{{#Back Extra}}<div>{{Back Extra}}</div>{{/Back Extra}}',
      },
    ],
  }),
  cloze: (id = 1_600_000_000_005): NotetypeSpec => ({
    id,
    name: 'Cloze',
    kind: 'cloze',
    fields: ['Text', 'Back Extra'],
    templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }],
  }),
};

/** Builds a collection spec note by note, with ids that are plausible creation times. */
export class CollectionBuilder {
  readonly spec: CollectionSpec = {
    notetypes: [],
    decks: [{ id: 1, name: 'Default' }],
    notes: [],
    cards: [],
    revlog: [],
  };
  private clock = 1_700_000_000_000;

  private nextId(): number {
    this.clock += 1000;
    return this.clock;
  }

  notetype(notetype: NotetypeSpec): NotetypeSpec {
    if (!this.spec.notetypes.some((n) => n.id === notetype.id)) this.spec.notetypes.push(notetype);
    return notetype;
  }

  deck(name: string, description?: string, options: { filtered?: boolean } = {}): number {
    const existing = this.spec.decks.find((d) => d.name === name);
    if (existing) return existing.id;
    const id = this.nextId();
    this.spec.decks.push({ id, name, ...(description ? { description } : {}), ...options });
    return id;
  }

  /**
   * Adds a note and its cards: every template of a normal note type (or `ords`), and one card per
   * cloze number of a cloze note type. `card` overrides card columns by ordinal.
   */
  note(
    notetype: NotetypeSpec,
    fields: string[],
    options: {
      deck?: number;
      guid?: string;
      tags?: string[];
      ords?: number[];
      card?: (ord: number) => Partial<CardSpec>;
    } = {},
  ): { noteId: number; guid: string; cardIds: number[] } {
    this.notetype(notetype);
    const noteId = this.nextId();
    const guid = options.guid ?? `g${noteId.toString(36)}`;
    this.spec.notes.push({ id: noteId, guid, notetypeId: notetype.id, fields, tags: options.tags ?? [] });
    const ords =
      options.ords ??
      (notetype.kind === 'cloze'
        ? [...new Set([...fields.join('\n').matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1]) - 1))].sort(
            (a, b) => a - b,
          )
        : notetype.templates.map((_, i) => i));
    const cardIds = ords.map((ord) => {
      const id = this.nextId();
      this.spec.cards.push({ id, noteId, deckId: options.deck ?? 1, ord, ...options.card?.(ord) });
      return id;
    });
    return { noteId, guid, cardIds };
  }

  review(cardId: number, at: number, ease: number, options: Partial<ReviewSpec> = {}): void {
    this.spec.revlog.push({ id: at, cardId, ease, timeMs: 5000, type: 1, factor: 2500, ...options });
  }
}

// Schema 11
// ----------------------------------------

const SCHEMA_11 = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
  odue integer not null, odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

const DEFAULT_CSS = '.card { font-family: arial; }';

function modelsJson(notetypes: NotetypeSpec[]): string {
  const models: Record<string, unknown> = {};
  for (const nt of notetypes) {
    models[nt.id] = {
      id: nt.id,
      name: nt.name,
      type: nt.kind === 'cloze' ? 1 : 0,
      mod: 0,
      usn: -1,
      sortf: 0,
      did: 1,
      tags: [],
      vers: [],
      css: nt.css ?? DEFAULT_CSS,
      latexPre: '',
      latexPost: '',
      flds: nt.fields.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20 })),
      tmpls: nt.templates.map((t, ord) => ({
        name: t.name,
        ord,
        qfmt: t.qfmt,
        afmt: t.afmt,
        bqfmt: '',
        bafmt: '',
        did: null,
      })),
    };
  }
  return JSON.stringify(models);
}

function decksJson(decks: DeckSpec[]): string {
  const out: Record<string, unknown> = {};
  for (const deck of decks) {
    const conf = deck.configId ?? 1;
    const limits = { newLimit: deck.newLimit ?? null, reviewLimit: deck.reviewLimit ?? null };
    out[deck.id] = {
      id: deck.id,
      name: deck.name,
      desc: deck.description ?? '',
      dyn: deck.filtered ? 1 : 0,
      conf,
      usn: -1,
      mod: 0,
      ...limits,
    };
  }
  return JSON.stringify(out);
}

function insertNotesCardsRevlog(db: Database.Database, spec: CollectionSpec): void {
  const note = db.prepare('INSERT INTO notes VALUES (?, ?, ?, 0, -1, ?, ?, ?, 0, 0, ?)');
  for (const n of spec.notes) {
    const tags = n.tags?.length ? ` ${n.tags.join(' ')} ` : '';
    note.run(n.id, n.guid, n.notetypeId, tags, n.fields.join('\x1f'), n.fields[0] ?? '', '');
  }
  const card = db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const c of spec.cards) {
    card.run(
      c.id,
      c.noteId,
      c.deckId,
      c.ord,
      c.mod ?? 0,
      c.type ?? 0,
      c.queue ?? 0,
      c.due ?? 0,
      c.ivl ?? 0,
      c.factor ?? 0,
      c.reps ?? 0,
      c.lapses ?? 0,
      c.left ?? 0,
      c.odue ?? 0,
      c.odid ?? 0,
      c.flags ?? 0,
      c.data ?? '',
    );
  }
  const review = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, 1, 0, ?, ?, ?)');
  for (const r of spec.revlog) review.run(r.id, r.cardId, r.ease, r.factor ?? 2500, r.timeMs ?? 0, r.type ?? 1);
}

function dconfJson(configs: DeckConfigSpec[]): string {
  return JSON.stringify(Object.fromEntries(configs.map((c) => [c.id, { usn: 0, mod: 0, ...c }])));
}

/** The same preset as schema 18's deck_config.config (DeckConfig.Config in deck_config.proto). */
export function deckConfigBytes(c: DeckConfigSpec): Uint8Array {
  const w = writer();
  const floats = (field: number, values: number[] | undefined) => {
    if (!values?.length) return;
    w.uint32((field << 3) | 2).fork();
    for (const v of values) w.float(v);
    w.ldelim();
  };
  const varint = (field: number, value: number | boolean | undefined) => {
    const n = Number(value ?? 0);
    if (n !== 0) w.uint32(field << 3).uint32(n);
  };
  floats(1, c.new.delays);
  floats(2, c.lapse.delays);
  floats(3, c.fsrsWeights);
  floats(5, c.fsrsParams5);
  floats(6, c.fsrsParams6);
  varint(9, c.new.perDay);
  varint(10, c.rev.perDay);
  varint(16, c.rev.maxIvl);
  varint(20, c.new.order === 0 ? 1 : 0);
  varint(21, c.lapse.leechAction);
  varint(22, c.lapse.leechFails);
  varint(23, c.autoplay === false);
  varint(27, c.new.bury);
  varint(28, c.rev.bury);
  varint(32, c.newSortOrder);
  varint(33, c.reviewOrder);
  varint(34, c.newGatherPriority);
  if (c.desiredRetention) w.uint32((37 << 3) | 5).float(c.desiredRetention);
  return w.finish();
}

/** A schema-11 collection database (what collection.anki2 / collection.anki21 hold). */
export function buildSchema11(spec: CollectionSpec): Uint8Array {
  const db = new Database(':memory:');
  try {
    db.exec(SCHEMA_11);
    db.prepare("INSERT INTO col VALUES (1, ?, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, '{}')").run(
      spec.crt ?? DEFAULT_CRT,
      JSON.stringify(spec.creationOffset === undefined ? {} : { creationOffset: spec.creationOffset }),
      modelsJson(spec.notetypes),
      decksJson(spec.decks),
      dconfJson(spec.deckConfigs ?? [ankiDefaultConfig()]),
    );
    insertNotesCardsRevlog(db, spec);
    return new Uint8Array(db.serialize());
  } finally {
    db.close();
  }
}

/** The dummy collection.anki2 that exports since Anki 2.1.50 carry next to the real one. */
export function dummyCollection(): Uint8Array {
  const builder = new CollectionBuilder();
  builder.note(STOCK.basic(), [
    'Please update to the latest Anki version, then import the .colpkg/.apkg file again.',
    '',
  ]);
  return buildSchema11(builder.spec);
}

// Schema 18
// ----------------------------------------

export function setCollation(db: Database.Database, from: RegExp, to: string): void {
  const rows = db.prepare('SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL').all() as {
    name: string;
    sql: string;
  }[];
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  const update = db.prepare('UPDATE sqlite_master SET sql = ? WHERE name = ?');
  for (const row of rows) {
    const sql = row.sql.replace(from, to);
    if (sql !== row.sql) update.run(sql, row.name);
  }
  db.pragma('writable_schema = RESET');
  db.pragma('writable_schema = OFF');
  db.unsafeMode(false);
}

const writer = () => protobuf.Writer.create();

function notetypeConfig(nt: NotetypeSpec): Uint8Array {
  // kind (1), css (3), original_stock_kind (9): 5 cloze, 1 basic
  return writer()
    .uint32(8)
    .uint32(nt.kind === 'cloze' ? 1 : 0)
    .uint32((3 << 3) | 2)
    .string(nt.css ?? DEFAULT_CSS)
    .uint32(9 << 3)
    .uint32(nt.kind === 'cloze' ? 5 : 1)
    .finish();
}

function fieldConfig(): Uint8Array {
  // font_name (3), font_size (4)
  return writer()
    .uint32((3 << 3) | 2)
    .string('Arial')
    .uint32(4 << 3)
    .uint32(20)
    .finish();
}

export function templateConfig(qfmt: string, afmt: string): Uint8Array {
  return writer()
    .uint32((1 << 3) | 2)
    .string(qfmt)
    .uint32((2 << 3) | 2)
    .string(afmt)
    .finish();
}

function deckKind(deck: DeckSpec): Uint8Array {
  if (deck.filtered)
    return writer()
      .uint32((2 << 3) | 2)
      .bytes(new Uint8Array(0))
      .finish();
  const normal = writer()
    .uint32(8)
    .int64(deck.configId ?? 1)
    .uint32((4 << 3) | 2)
    .string(deck.description ?? '');
  if (deck.reviewLimit !== undefined) normal.uint32(6 << 3).uint32(deck.reviewLimit);
  if (deck.newLimit !== undefined) normal.uint32(7 << 3).uint32(deck.newLimit);
  return writer()
    .uint32((1 << 3) | 2)
    .bytes(normal.finish())
    .finish();
}

/** The schema-18 collection Anki exported empty, decompressed (WAL header as Anki leaves it). */
export function emptySchema18(): Uint8Array {
  const files = unzipSync(ankiFixture('srs-converter-empty-latest.apkg'));
  return decompress(files['collection.anki21b']);
}

/** A schema-18 collection database (what a version-3 package's collection.anki21b holds, uncompressed). */
export function buildSchema18(spec: CollectionSpec): Uint8Array {
  const base = emptySchema18();
  base[18] = 1;
  base[19] = 1;
  const db = new Database(Buffer.from(base));
  try {
    // Anki's `unicase` collation isn't available here; NOCASE stands in while rows go in.
    setCollation(db, /COLLATE unicase/g, 'COLLATE NOCASE');
    db.exec('DELETE FROM notetypes; DELETE FROM fields; DELETE FROM templates; DELETE FROM decks WHERE id != 1;');
    db.exec('DELETE FROM notes; DELETE FROM cards; DELETE FROM revlog;');
    const notetype = db.prepare('INSERT INTO notetypes VALUES (?, ?, 0, -1, ?)');
    const field = db.prepare('INSERT INTO fields VALUES (?, ?, ?, ?)');
    const template = db.prepare('INSERT INTO templates VALUES (?, ?, ?, 0, -1, ?)');
    for (const nt of spec.notetypes) {
      notetype.run(nt.id, nt.name, notetypeConfig(nt));
      nt.fields.forEach((name, ord) => {
        field.run(nt.id, ord, name, fieldConfig());
      });
      nt.templates.forEach((t, ord) => {
        template.run(nt.id, ord, t.name, templateConfig(t.qfmt, t.afmt));
      });
    }
    const deck = db.prepare('INSERT OR REPLACE INTO decks VALUES (?, ?, 0, -1, ?, ?)');
    for (const d of spec.decks) {
      deck.run(d.id, d.name.split('::').join('\x1f'), new Uint8Array(0), deckKind(d));
    }
    db.exec('DELETE FROM deck_config');
    const config = db.prepare('INSERT INTO deck_config VALUES (?, ?, 0, -1, ?)');
    for (const c of spec.deckConfigs ?? [ankiDefaultConfig()]) config.run(c.id, c.name, deckConfigBytes(c));
    insertNotesCardsRevlog(db, spec);
    db.prepare('UPDATE col SET crt = ?').run(spec.crt ?? DEFAULT_CRT);
    if (spec.creationOffset !== undefined) {
      const offset = Buffer.from(JSON.stringify(spec.creationOffset));
      db.prepare("UPDATE config SET val = ? WHERE KEY = 'creationOffset'").run(offset);
    }
    setCollation(db, /COLLATE NOCASE/g, 'COLLATE unicase');
    const bytes = new Uint8Array(db.serialize());
    bytes[18] = 2;
    bytes[19] = 2;
    return bytes;
  } finally {
    db.close();
  }
}

// Packages
// ----------------------------------------

export type PackageLayout =
  /** collection.anki2 only, no meta (Anki 2.1.x before 2.1.50, genanki). */
  | 'legacy1'
  /** collection.anki21 + dummy collection.anki2 + meta version 2 ("support older Anki versions"). */
  | 'legacy2'
  /** zstd collection.anki21b + dummy collection.anki2 + meta version 3 (Anki's default). */
  | 'latest';

export interface PackageOptions {
  layout: PackageLayout;
  collection: CollectionSpec;
  media?: { name: string; data: Uint8Array }[];
  /** Raw zip entries to add or replace (null removes one), for broken packages. */
  entries?: Record<string, Uint8Array | null>;
}

export function metaBytes(version: number): Uint8Array {
  return writer().uint32(8).uint32(version).finish();
}

export function mediaEntriesBytes(media: { name: string; data: Uint8Array }[]): Uint8Array {
  const w = writer();
  for (const file of media) {
    const entry = writer()
      .uint32((1 << 3) | 2)
      .string(file.name)
      .uint32(2 << 3)
      .uint32(file.data.length)
      .uint32((3 << 3) | 2)
      .bytes(new Uint8Array(20))
      .finish();
    w.uint32((1 << 3) | 2).bytes(entry);
  }
  return w.finish();
}

/** The zip entries of a package, before zipping (tests edit them to break packages). */
export function packageEntries(options: PackageOptions): Record<string, Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  const media = options.media ?? [];
  const encoder = new TextEncoder();
  if (options.layout === 'latest') {
    entries['collection.anki2'] = dummyCollection();
    entries['collection.anki21b'] = zstdStore(buildSchema18(options.collection));
    entries.meta = metaBytes(3);
    entries.media = zstdStore(mediaEntriesBytes(media));
    media.forEach((file, i) => {
      entries[String(i)] = zstdStore(file.data);
    });
  } else {
    if (options.layout === 'legacy2') {
      entries['collection.anki2'] = dummyCollection();
      entries['collection.anki21'] = buildSchema11(options.collection);
      entries.meta = metaBytes(2);
    } else {
      entries['collection.anki2'] = buildSchema11(options.collection);
    }
    entries.media = encoder.encode(JSON.stringify(Object.fromEntries(media.map((file, i) => [String(i), file.name]))));
    media.forEach((file, i) => {
      entries[String(i)] = file.data;
    });
  }
  for (const [name, data] of Object.entries(options.entries ?? {})) {
    if (data === null) delete entries[name];
    else entries[name] = data;
  }
  return entries;
}

export function zip(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 6 });
}

export function buildPackage(options: PackageOptions): Uint8Array {
  return zip(packageEntries(options));
}

/** The HTML-rich cloze question a card list must show as text: Anki's stock Cloze type, one note, one card. */
export const CLOZE_NOTE_TEXT = 'In a cloze, some&nbsp;{{c1::text}} is <b>hidden</b> [sound:clue.mp3]';

/** A package (Anki's legacy 2 layout) with that note in a deck "Imported". */
export function clozeNotePackage(): Uint8Array {
  const b = new CollectionBuilder();
  b.note(STOCK.cloze(), [CLOZE_NOTE_TEXT, 'extra'], { deck: b.deck('Imported') });
  return buildPackage({ layout: 'legacy2', collection: b.spec, media: [] });
}

/**
 * A real PNG (8-bit RGB, no interlace) `width` x `height`: a left half in `left`, a right half in `right`,
 * so a test can tell the image's halves apart. Deterministic: the same bytes every run.
 */
export function twoTonePng(width: number, height: number, left = [200, 40, 40], right = [40, 40, 200]): Uint8Array {
  const row = new Uint8Array(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(x < width / 2 ? left : right, 1 + x * 3);
  const raw = new Uint8Array(row.length * height);
  for (let y = 0; y < height; y++) raw.set(row, y * row.length);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const chunks = [
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlibSync(raw, { level: 9 })),
    pngChunk('IEND', new Uint8Array()),
  ];
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return concatBytes([new Uint8Array(signature), ...chunks]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concatBytes([new TextEncoder().encode(type), data]);
  const out = new Uint8Array(4 + typed.length + 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typed, 4);
  view.setUint32(4 + typed.length, crc32(typed));
  return out;
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The image of the Image Occlusion package below: 40 x 30, red left half, blue right half. */
export const IMAGE_OCCLUSION_IMAGE = { name: 'io-heart.png', width: 40, height: 30 };

/**
 * The Occlusion field of that package, as Anki 25's editor writes it: c1 a rectangle, c2 an ellipse and a
 * polygon (one card, two masks), c3 a rectangle, all hide-all-guess-one, and a text label (c0, on every card).
 */
export const IMAGE_OCCLUSION_FIELD =
  '{{c1::image-occlusion:rect:left=.05:top=.1:width=.3:height=.2:oi=1}}<br>' +
  '{{c2::image-occlusion:ellipse:left=.55:top=.1:rx=.15:ry=.1:oi=1}}<br>' +
  '{{c2::image-occlusion:polygon:left=.6:top=.6:points=.6,.6 .9,.6 .75,.9:oi=1}}<br>' +
  '{{c3::image-occlusion:rect:left=.1:top=.6:width=.2:height=.25:oi=1}}<br>' +
  '{{c0::image-occlusion:text:left=.4:top=.45:text=Aorta\\: left:scale=1:fs=.08:oi=1}}<br>';

/** The other fields of the note: Image, Header, Back Extra, Comments (after Occlusion). */
export const IMAGE_OCCLUSION_NOTE = {
  image: `<img src="${IMAGE_OCCLUSION_IMAGE.name}">`,
  header: 'The <b>heart</b>',
  backExtra: 'Blood leaves by the aorta',
  comments: '',
};

/**
 * A package holding one Image Occlusion note of Anki's stock type in a deck "Anatomy", its image as media
 * and one card per cloze number (c1, c2, c3: three cards; the label's c0 has none, as in Anki).
 */
export function imageOcclusionPackage(layout: PackageLayout = 'latest'): Uint8Array {
  const b = new CollectionBuilder();
  const { image, header, backExtra, comments } = IMAGE_OCCLUSION_NOTE;
  b.note(STOCK.imageOcclusion(), [IMAGE_OCCLUSION_FIELD, image, header, backExtra, comments], {
    deck: b.deck('Anatomy'),
    ords: [0, 1, 2],
  });
  const png = twoTonePng(IMAGE_OCCLUSION_IMAGE.width, IMAGE_OCCLUSION_IMAGE.height);
  return buildPackage({ layout, collection: b.spec, media: [{ name: IMAGE_OCCLUSION_IMAGE.name, data: png }] });
}

/**
 * Rewrites the uncompressed size the zip's central directory declares for `name` (the local header
 * is left alone: fflate reads sizes from the central directory).
 */
export function withDeclaredSize(zipBytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = new Uint8Array(zipBytes);
  const view = new DataView(out.buffer);
  let end = out.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  let offset = view.getUint32(end + 16, true);
  const count = view.getUint16(end + 10, true);
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(offset + 28, true);
    const extra = view.getUint16(offset + 30, true);
    const comment = view.getUint16(offset + 32, true);
    if (decoder.decode(out.subarray(offset + 46, offset + 46 + nameLength)) === name) {
      view.setUint32(offset + 24, size, true);
      return out;
    }
    offset += 46 + nameLength + extra + comment;
  }
  throw new Error(`no zip entry ${name}`);
}

// Zips fflate won't write
// ----------------------------------------

export interface RawZipEntry {
  name: string;
  data: Uint8Array;
  /** Written as stored (0) unless told; other methods are only declared, for readers to refuse. */
  method?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of data) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip of stored entries in the order given, names as they are: duplicate names, names with "..",
 * absolute paths and unknown compression methods, which fflate's writer won't make.
 */
export function rawZip(entries: RawZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const crc = crc32(entry.data);
    const method = entry.method ?? 0;
    const local = new Uint8Array(30 + name.length + entry.data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, entry.data.length, true);
    lv.setUint32(22, entry.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(entry.data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, entry.data.length, true);
    cv.setUint32(24, entry.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + 22);
  let pos = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}
