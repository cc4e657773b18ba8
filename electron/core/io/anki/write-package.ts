/**
 * Writes an Anki package (.apkg) the way Anki does with "support older Anki versions" ticked: a zip with
 * `meta` (PackageMetadata, version LEGACY_2), the real collection in schema 11 as `collection.anki21`,
 * the dummy `collection.anki2` older clients show, media files named 0, 1, ... and the JSON `media` map.
 *
 * Cue's notes go out as Anki notes: the same guid, fields in the type's order and tags, one Anki note type
 * (model) per Cue note type with its fields, templates and CSS (anki-models.ts), and one Anki card per
 * exported Cue card, `ord` its template (or cloze number - 1). Markdown fields go out as HTML with their
 * source beside them (cue-markdown-fields.ts). The Cue deck is an Anki deck; a section goes to
 * `Deck::Section` (a section named `B::C` to `Deck::B::C`), and a section named after its deck, which holds
 * an Anki deck's own cards, to the deck itself.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { HTML_ENTITIES } from '../../../../shared/html-entities';
import { BASIC_KEY, BUILTIN_NOTE_TYPES } from '../../notes/builtin-note-types';
import type { ExportCard, ExportDeck, ExportNote, ExportNoteType, ExportReview, ExportSection } from '../export-data';
import { cardFieldHtml, withoutControls } from './anki-html';
import { ankiModelId, derivedModelId, noteTypeModelJson, stableId } from './anki-models';
import { ankiFieldValues } from './cue-markdown-fields';
import {
  basicModelJson,
  collectionConfJson,
  DEFAULT_DECK_ID,
  DUMMY_MODEL_ID,
  DUMMY_NOTE_TEXT,
  deckJson,
  defaultDeckConfigJson,
  SCHEMA_VERSION,
  SCHEMA11_SQL,
} from './schema11';

export { cardFieldHtml };

export interface AnkiExportOptions {
  /** Include the review log (revlog). Card scheduling is written either way. */
  withHistory: boolean;
  now: number;
}

const DAY_SECS = 86_400;
const DAY_MS = DAY_SECS * 1000;
/** Anki's default start of the study day, also Cue's. */
const ROLLOVER_HOUR = 4;
/** Anki caps the answer time it records at the options group's "maximum answer seconds" (60 by default). */
const MAX_ANSWER_MS = 60_000;
/** protobuf PackageMetadata { version: VERSION_LEGACY_2 }: field 1, varint 2. */
const META_LEGACY_2 = new Uint8Array([0x08, 0x02]);
const FIELD_SEPARATOR = '\x1f';

// ---------------------------------------------------------------------------------------------------
// Sort field, checksum and guid, as Anki computes them (rslib/src/text.rs, rslib/src/notes/mod.rs)

const HTML_MEDIA_TAGS =
  /<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))/gis;
const HTML_TAGS = /<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gis;

/**
 * Anki's decode_entities (htmlescape::decode_html): decodes every entity, or, if any `&` does not start
 * a well-formed entity, leaves the whole text alone; then non-breaking spaces become spaces.
 * Named entities are a common subset of HTML 4's; Anki recomputes the checksum on import anyway.
 */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let failed = false;
  const decoded = text.replace(/&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?/g, (whole, body?: string) => {
    if (!body) {
      failed = true;
      return whole;
    }
    const name = body.slice(0, -1);
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        failed = true;
        return whole;
      }
      return String.fromCodePoint(code);
    }
    const value = HTML_ENTITIES[name];
    if (value === undefined) failed = true;
    return value ?? whole;
  });
  return failed ? text : decoded.replace(/\u00a0/g, ' ');
}

/** Anki's strip_html_preserving_media_filenames: what `sfld` holds and `csum` hashes. */
export function stripHtmlPreservingMediaFilenames(html: string): string {
  const withNames = html.replace(
    HTML_MEDIA_TAGS,
    (_match, double?: string, single?: string, bare?: string) => ` ${double ?? single ?? bare ?? ''} `,
  );
  return decodeEntities(withNames.replace(HTML_TAGS, ''));
}

/** The first four bytes of the SHA-1 of the stripped first field, big-endian: Anki's duplicate check. */
export function fieldChecksum(stripped: string): number {
  return createHash('sha1').update(stripped, 'utf8').digest().readUInt32BE(0);
}

const BASE91 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

/**
 * A Cue card's note guid: its deck and card ids, as the CSV export writes them too. Stable, unique,
 * and readable back, so importing Cue's own export updates the cards it came from.
 */
export function cueGuid(deckKey: string, cardKey: string): string {
  return `cue:${deckKey}/${cardKey}`;
}

/** genanki's guid_for: the first 8 bytes of SHA-256 of the values joined by "__", in Anki's base 91. */
export function ankiGuid(...values: string[]): string {
  let n = createHash('sha256').update(values.join('__'), 'utf8').digest().readBigUInt64BE(0);
  let guid = '';
  while (n > 0n) {
    guid = BASE91[Number(n % 91n)] + guid;
    n /= 91n;
  }
  return guid;
}

// ---------------------------------------------------------------------------------------------------
// Days

/** Minutes east of UTC on this machine at `ms`; Anki uses the importing machine's zone the same way. */
function utcOffsetMinutes(ms: number): number {
  return -new Date(ms).getTimezoneOffset();
}

/** The rollover hour on the calendar date of `ms`, in a fixed UTC offset (Anki's rollover_datetime). */
function rolloverOnDateOf(ms: number, offsetMinutes: number): number {
  const local = ms + offsetMinutes * 60_000;
  return Math.floor(local / DAY_MS) * DAY_MS + ROLLOVER_HOUR * 3_600_000 - offsetMinutes * 60_000;
}

/** Anki's v1_creation_date, in seconds: 4 am local on the day of `ms`, or the day before when `ms` is earlier. */
function creationStamp(ms: number): number {
  let created = rolloverOnDateOf(ms, utcOffsetMinutes(ms));
  if (created > ms) created -= DAY_MS;
  return Math.floor(created / 1000);
}

interface Timing {
  /** col.crt, seconds. */
  crt: number;
  /** crt moved to the rollover hour in the current UTC offset, seconds: day 0 starts here. */
  crtAtRollover: number;
  /** Anki's day number at export time. */
  today: number;
}

/**
 * Anki's day numbering for this package. With `schedVer` 2, a rollover hour and no creation offset,
 * Anki counts whole days from `crt` taken at the rollover hour in the current UTC offset
 * (sched_timing_today_v2_legacy). The collection counts as created on the study day of the earliest
 * moment it holds, so no day number is negative.
 */
function collectionTiming(deck: ExportDeck, now: number): Timing {
  let earliest = now;
  for (const section of deck.sections) {
    for (const card of section.cards) {
      const moments = [card.lastReview ?? now, ...card.reviews.map((r) => r.at)];
      if (card.state === 2) moments.push(card.due);
      for (const moment of moments) if (moment > 0 && moment < earliest) earliest = moment;
    }
  }
  const crt = creationStamp(earliest);
  const crtAtRollover = Math.floor(rolloverOnDateOf(crt * 1000, utcOffsetMinutes(now)) / 1000);
  return { crt, crtAtRollover, today: Math.trunc((Math.floor(now / 1000) - crtAtRollover) / DAY_SECS) };
}

// ---------------------------------------------------------------------------------------------------
// Scheduling

interface CardRow {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  left: number;
  data: string;
}

const INT32_MAX = 2_147_483_647;
const clampInt = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/** FSRS memory in the card's data column, rounded like Anki's CardData (Anki >= 23.10 reads it). */
function memoryData(card: ExportCard): string {
  if (card.state === 0 || !(card.stability > 0)) return '{}';
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  return JSON.stringify({ s: round3(card.stability), d: round3(Math.min(10, Math.max(1, card.difficulty))) });
}

/**
 * Cue's state -> Anki's card columns. New cards are due by position; learning and relearning cards by
 * a timestamp in seconds (queue 1), or by day number when the step ends after today (queue 3, as Anki
 * does); review cards by day number counted from `crt`.
 */
function cardSchedule(card: ExportCard, position: number, timing: Timing): CardRow {
  const dayOf = (ms: number) => Math.floor((ms / 1000 - timing.crtAtRollover) / DAY_SECS);
  let row: CardRow;
  switch (card.state) {
    case 2:
      row = {
        type: 2,
        queue: 2,
        // Cue's review cards fall due at the start of a study day; rounding absorbs a DST hour
        due: Math.max(0, Math.round((card.due / 1000 - timing.crtAtRollover) / DAY_SECS)),
        ivl: clampInt(card.scheduledDays, 1, INT32_MAX),
        factor: 2500,
        left: 0,
        data: memoryData(card),
      };
      break;
    case 1:
    case 3: {
      const dueDay = dayOf(card.due);
      // A suspended card keeps the timestamp: Anki shifts only day numbers of unsuspended learning cards on
      // import, and picks the queue back from the size of `due` when the card is unsuspended.
      const laterDay = dueDay > timing.today && !card.suspended;
      row = {
        type: card.state,
        queue: laterDay ? 3 : 1,
        due: laterDay ? dueDay : Math.max(0, Math.floor(card.due / 1000)),
        ivl: card.state === 3 ? clampInt(card.scheduledDays, 1, INT32_MAX) : 0,
        factor: card.state === 3 ? 2500 : 0,
        // one step left (today and in total, in Anki's left = today * 1000 + total)
        left: 1001,
        data: memoryData(card),
      };
      break;
    }
    default:
      row = { type: 0, queue: 0, due: position, ivl: 0, factor: 0, left: 0, data: '{}' };
  }
  if (card.suspended) row.queue = -1;
  return row;
}

/** Revlog interval: days when the answer scheduled days, otherwise the learning step as negative seconds. */
function revlogInterval(review: ExportReview): number {
  if (review.scheduledDaysAfter > 0) return clampInt(review.scheduledDaysAfter, 1, INT32_MAX);
  return -clampInt((review.dueAfter - review.at) / 1000, 0, INT32_MAX);
}

/** Cue's state before the answer -> Anki's review kind: 0 learning, 1 review, 2 relearning. */
const REVLOG_KIND: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2 };

/** Anki with FSRS logs difficulty as factor: ((d - 1) / 9 + 0.1) * 1000. */
function revlogFactor(review: ExportReview): number {
  if (!(review.difficultyAfter > 0)) return 0;
  const difficulty = Math.min(10, Math.max(1, review.difficultyAfter));
  return Math.round(((difficulty - 1) / 9 + 0.1) * 1000);
}

// ---------------------------------------------------------------------------------------------------
// The package

function tagsColumn(tags: string[]): string {
  const clean = [...new Set(tags.map((tag) => tag.trim().replace(/\s+/g, '_')).filter(Boolean))];
  return clean.length ? ` ${clean.join(' ')} ` : '';
}

/** Anki splits deck names on "::" and drops control characters. */
function deckNameComponent(name: string): string {
  const clean = withoutControls(name).replace(/:{2,}/g, ':').trim();
  return clean || 'Untitled';
}

/** Names Anki accepts in the media map; one unsafe name makes it reject the whole package. */
function isSafeMediaName(name: string): boolean {
  if (!name || name === '.' || name === '..' || /[/\\]|^[A-Za-z]:/.test(name)) return false;
  return withoutControls(name) === name;
}

/** A fresh id from `start` up, unique in `used`. */
function claimId(used: Set<number>, start: number): number {
  let id = start;
  while (used.has(id)) id++;
  used.add(id);
  return id;
}

function note(id: number, guid: string, modelId: number, mtime: number, tags: string, fields: string[]) {
  const sortField = stripHtmlPreservingMediaFilenames(fields[0]);
  return {
    id,
    guid,
    mid: modelId,
    mod: mtime,
    usn: -1,
    tags,
    flds: fields.join(FIELD_SEPARATOR),
    sfld: sortField,
    csum: fieldChecksum(sortField),
    flags: 0,
    data: '',
  };
}

type NoteRow = ReturnType<typeof note>;
interface CardTableRow extends CardRow {
  id: number;
  nid: number;
  did: number;
  ord: number;
  mod: number;
  reps: number;
  lapses: number;
  flags: number;
}
interface RevlogRow {
  id: number;
  cid: number;
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: number;
}

interface CollectionContent {
  crt: number;
  now: number;
  conf: Record<string, unknown>;
  models: Record<string, unknown>;
  decks: Record<string, unknown>;
  dconf: Record<string, unknown>;
  tags: Record<string, number>;
  notes: NoteRow[];
  cards: CardTableRow[];
  revlog: RevlogRow[];
}

function writeCollection(content: CollectionContent, options: { smallPages?: boolean } = {}): Uint8Array {
  const db = new Database(':memory:');
  try {
    if (options.smallPages) db.pragma('page_size = 512');
    db.exec(SCHEMA11_SQL);
    db.prepare(
      `INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
       VALUES (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)`,
    ).run(
      content.crt,
      content.now,
      content.now,
      SCHEMA_VERSION,
      JSON.stringify(content.conf),
      JSON.stringify(content.models),
      JSON.stringify(content.decks),
      JSON.stringify(content.dconf),
      JSON.stringify(content.tags),
    );
    const insertNote = db.prepare(
      `INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
       VALUES (@id, @guid, @mid, @mod, @usn, @tags, @flds, @sfld, @csum, @flags, @data)`,
    );
    const insertCard = db.prepare(
      `INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid,
         flags, data)
       VALUES (@id, @nid, @did, @ord, @mod, -1, @type, @queue, @due, @ivl, @factor, @reps, @lapses, @left, 0, 0, @flags,
         @data)`,
    );
    const insertRevlog = db.prepare(
      `INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
       VALUES (@id, @cid, -1, @ease, @ivl, @lastIvl, @factor, @time, @type)`,
    );
    db.transaction(() => {
      for (const row of content.notes) insertNote.run(row);
      for (const row of content.cards) insertCard.run(row);
      for (const row of content.revlog) insertRevlog.run(row);
    })();
    if (options.smallPages) db.exec('VACUUM');
    return new Uint8Array(db.serialize());
  } finally {
    db.close();
  }
}

/** collection.anki2: what a client too old to read collection.anki21 imports instead. */
function writeDummyCollection(now: number): Uint8Array {
  const mtime = Math.floor(now / 1000);
  const nid = Math.max(1, now);
  const model = basicModelJson({
    id: DUMMY_MODEL_ID,
    name: 'Basic',
    mtime,
    deckId: DEFAULT_DECK_ID,
    css: '.card {\n  font-family: arial;\n  font-size: 20px;\n  text-align: center;\n  color: black;\n  background-color: white;\n}\n',
    template: { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
  });
  return writeCollection(
    {
      crt: creationStamp(now),
      now,
      conf: collectionConfJson({ deckId: DEFAULT_DECK_ID, modelId: DUMMY_MODEL_ID, nextPos: 2 }),
      models: { [DUMMY_MODEL_ID]: model },
      decks: { [DEFAULT_DECK_ID]: deckJson(DEFAULT_DECK_ID, 'Default', '', mtime) },
      dconf: { 1: defaultDeckConfigJson(mtime) },
      tags: {},
      notes: [note(nid, ankiGuid('cue', 'dummy-note'), DUMMY_MODEL_ID, mtime, '', [DUMMY_NOTE_TEXT, ''])],
      cards: [
        {
          id: nid,
          nid,
          did: DEFAULT_DECK_ID,
          ord: 0,
          mod: mtime,
          flags: 0,
          type: 0,
          queue: 0,
          due: 1,
          ivl: 0,
          factor: 0,
          reps: 0,
          lapses: 0,
          left: 0,
          data: '{}',
        },
      ],
      revlog: [],
    },
    { smallPages: true },
  );
}

/**
 * A card's recorded answers as Anki's sound tags, after the note's last field (Anki plays them on the
 * back). Only exports that asked for recordings name any; the Markdown source field stays as written.
 */
function recordingSounds(cards: ExportCard[]): string {
  const names = cards.flatMap((card) => card.recordings ?? []).filter(isSafeMediaName);
  return names.map((name) => `<br>[sound:${name}]`).join('');
}

/** The section's deck below the Cue deck: [] for a section named after its deck (an Anki deck's own cards). */
function sectionPath(deckName: string, section: ExportSection): string[] {
  if (section.name === deckName) return [];
  const parts = section.name.split('::').filter((part) => part.trim());
  return parts.length ? parts.map(deckNameComponent) : ['Untitled'];
}

interface DeckTree {
  decks: Record<string, unknown>;
  mainDeckId: number;
  deckOf: Map<ExportSection, number>;
}

/**
 * The Cue deck as an Anki deck, each section as `Deck::Section` (nested where its name holds `::`), and
 * any parent the nesting needs. Sections that come to the same name share its deck.
 */
function deckTree(deck: ExportDeck, nowSecs: number): DeckTree {
  const deckName = deckNameComponent(deck.name);
  const mainDeckId = stableId(`cue-deck:${deck.key}`);
  const idByName = new Map<string, number>([[deckName, mainDeckId]]);
  const decks: Record<string, unknown> = { [DEFAULT_DECK_ID]: deckJson(DEFAULT_DECK_ID, 'Default', '', nowSecs) };
  let mainDescription = deck.description;
  const deckOf = new Map<ExportSection, number>();
  for (const section of deck.sections) {
    const path = sectionPath(deck.name, section);
    if (path.length === 0) {
      mainDescription ||= section.description;
      deckOf.set(section, mainDeckId);
      continue;
    }
    const name = [deckName, ...path].join('::');
    let id = idByName.get(name);
    if (id === undefined) {
      id = stableId(`cue-section:${deck.key}:${section.key}`);
      idByName.set(name, id);
      decks[id] = deckJson(id, name, cardFieldHtml(section.description, 'markdown'), nowSecs);
    }
    deckOf.set(section, id);
  }
  decks[mainDeckId] = deckJson(mainDeckId, deckName, cardFieldHtml(mainDescription, 'markdown'), nowSecs);
  // Anki would make missing parents itself; naming them here keeps their ids the same on every export
  for (const name of [...idByName.keys()]) {
    const parts = name.split('::');
    for (let depth = 2; depth < parts.length; depth++) {
      const parent = parts.slice(0, depth).join('::');
      if (idByName.has(parent)) continue;
      const id = stableId(`cue-deck-path:${deck.key}:${parent}`);
      idByName.set(parent, id);
      decks[id] = deckJson(id, parent, '', nowSecs);
    }
  }
  return { decks, mainDeckId, deckOf };
}

/** The built-in Basic type a card without a note is written as. */
function basicType(format: ExportCard['format']): ExportNoteType {
  const definition = BUILTIN_NOTE_TYPES.find((type) => type.key === BASIC_KEY[format]);
  if (!definition) throw new Error(`The built-in note type ${BASIC_KEY[format]} is missing.`);
  return { ...definition, ankiId: null, updatedAt: 0 };
}

/** A card's note, or a Basic note of its own with the guid Cue gives such a note (migration 15). */
function noteOfCard(deck: ExportDeck, card: ExportCard): ExportNote {
  if (card.note) return card.note;
  return {
    id: card.id,
    guid: cueGuid(deck.key, card.key),
    type: basicType(card.format),
    fields: [card.question, card.answer],
    tags: card.tags,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  };
}

/** One model per note type, keyed by the type's key; an Anki id two types claim goes to the first. */
function modelRegistry(deckId: number, nowSecs: number) {
  const json: Record<string, unknown> = {};
  const byKey = new Map<string, number>();
  const used = new Set<number>();
  const idOf = (type: ExportNoteType): number => {
    const known = byKey.get(type.key);
    if (known !== undefined) return known;
    const wanted = ankiModelId(type);
    const id = claimId(used, used.has(wanted) ? derivedModelId(type.key) : wanted);
    byKey.set(type.key, id);
    json[id] = noteTypeModelJson(type, { id, deckId, nowSecs });
    return id;
  };
  return { json, idOf };
}

interface PlacedCard {
  card: ExportCard;
  deckId: number;
  position: number;
}

/** The exported cards grouped by note, notes in the order of their first card. */
function cardsByNote(deck: ExportDeck, tree: DeckTree): Map<ExportNote, PlacedCard[]> {
  const byNote = new Map<ExportNote, PlacedCard[]>();
  let position = 0;
  for (const section of deck.sections) {
    const deckId = tree.deckOf.get(section) ?? tree.mainDeckId;
    for (const card of section.cards) {
      const note = noteOfCard(deck, card);
      const placed = { card, deckId, position: ++position };
      const list = byNote.get(note);
      if (list) list.push(placed);
      else byNote.set(note, [placed]);
    }
  }
  return byNote;
}

/** Ids from creation times (Anki shows them as "Added"), never in the future. */
const createdId = (createdAt: number, now: number) => (createdAt >= 1e12 && createdAt <= now ? createdAt : now);
const mtimeOf = (updatedAt: number, nowSecs: number) =>
  updatedAt > 0 ? Math.min(nowSecs, Math.floor(updatedAt / 1000)) : nowSecs;

interface PendingReview {
  cid: number;
  review: ExportReview;
  ivl: number;
  lastIvl: number;
}

/** Review ids are the answer times in milliseconds; two answers in one millisecond move apart. */
function revlogRows(pending: PendingReview[]): RevlogRow[] {
  const ids = new Set<number>();
  pending.sort((a, b) => a.review.at - b.review.at || a.review.id - b.review.id);
  return pending.map(({ cid, review, ivl, lastIvl }) => ({
    id: claimId(ids, Math.max(1, Math.round(review.at))),
    cid,
    ease: review.rating,
    ivl,
    lastIvl,
    factor: revlogFactor(review),
    time: clampInt(review.durationMs, 0, MAX_ANSWER_MS),
    type: REVLOG_KIND[review.stateBefore] ?? 1,
  }));
}

/** The zip: meta, both collections, the media files by number and their JSON map. */
function zipPackage(collection: Uint8Array, media: Map<string, Uint8Array>, now: number): Uint8Array {
  // fflate stores a DOS date, which only covers 1980-2099
  const mtime = new Date(Math.min(Date.UTC(2099, 11, 31), Math.max(Date.UTC(1980, 0, 2), now)));
  const stored = { level: 0, mtime } as const;
  const files: Zippable = {
    meta: [META_LEGACY_2, stored],
    'collection.anki21': [collection, { level: 6, mtime }],
    'collection.anki2': [writeDummyCollection(now), stored],
  };
  const mediaMap: Record<string, string> = {};
  let index = 0;
  for (const [name, data] of media) {
    if (!isSafeMediaName(name)) continue;
    mediaMap[String(index)] = name.normalize('NFC');
    files[String(index)] = [data, stored];
    index++;
  }
  files.media = [strToU8(JSON.stringify(mediaMap)), stored];
  return zipSync(files);
}

/** Builds the .apkg for one Cue deck (or the sections of it the export holds). */
export function writeAnkiPackage(deck: ExportDeck, options: AnkiExportOptions): Uint8Array {
  const { now } = options;
  const nowSecs = Math.floor(now / 1000);
  const timing = collectionTiming(deck, now);
  const tree = deckTree(deck, nowSecs);
  const models = modelRegistry(tree.mainDeckId, nowSecs);

  const notes: NoteRow[] = [];
  const cards: CardTableRow[] = [];
  const tagRegistry: Record<string, number> = {};
  const noteIds = new Set<number>();
  const cardIds = new Set<number>();
  const pendingReviews: PendingReview[] = [];
  const byNote = cardsByNote(deck, tree);

  for (const [exportNote, placed] of byNote) {
    const tags = tagsColumn(exportNote.tags);
    for (const tag of tags.split(' ').filter(Boolean)) tagRegistry[tag] = 0;
    const { type } = exportNote;
    const values = Array.from({ length: type.fields.length }, (_, i) => exportNote.fields[i] ?? '');
    const fields = ankiFieldValues(type.format, values, recordingSounds(placed.map((p) => p.card)));
    const noteRow = note(
      claimId(noteIds, createdId(exportNote.createdAt, now)),
      exportNote.guid,
      models.idOf(type),
      mtimeOf(exportNote.updatedAt, nowSecs),
      tags,
      fields,
    );
    notes.push(noteRow);
    for (const { card, deckId, position } of placed) {
      const cardId = claimId(cardIds, createdId(card.createdAt, now));
      cards.push({
        id: cardId,
        nid: noteRow.id,
        did: deckId,
        ord: card.templateOrd ?? 0,
        mod: mtimeOf(card.updatedAt, nowSecs),
        reps: clampInt(card.reps, 0, INT32_MAX),
        lapses: clampInt(card.lapses, 0, INT32_MAX),
        flags: card.flag & 7,
        ...cardSchedule(card, position, timing),
      });
      if (options.withHistory) {
        let lastIvl = 0;
        for (const review of card.reviews) {
          const ivl = revlogInterval(review);
          pendingReviews.push({ cid: cardId, review, ivl, lastIvl: review.stateBefore === 0 ? 0 : lastIvl });
          lastIvl = ivl;
        }
      }
    }
  }
  // a package without notes still names a note type, as Anki's own do
  const curModel = notes.length ? notes[0].mid : models.idOf(basicType('markdown'));

  const collection = writeCollection({
    crt: timing.crt,
    now,
    conf: collectionConfJson({ deckId: tree.mainDeckId, modelId: curModel, nextPos: cards.length + 1 }),
    models: models.json,
    decks: tree.decks,
    dconf: { 1: defaultDeckConfigJson(nowSecs) },
    tags: tagRegistry,
    notes,
    cards,
    revlog: revlogRows(pendingReviews),
  });

  return zipPackage(collection, deck.media, now);
}
