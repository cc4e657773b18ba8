/**
 * Writes an Anki package (.apkg) the way Anki does with "support older Anki versions" ticked: a zip with
 * `meta` (PackageMetadata, version LEGACY_2), the real collection in schema 11 as `collection.anki21`,
 * the dummy `collection.anki2` older clients show, media files named 0, 1, ... and the JSON `media` map.
 *
 * The Cue deck becomes an Anki deck with one subdeck per section; every card is one note of the fixed
 * "Cue Basic" note type (Front, Back). Markdown is rendered to HTML the way Cue renders it, except that
 * math is handed to Anki's MathJax (`\(..\)`, `\[..\]`) and code is left unhighlighted. Note guids come
 * from the deck and card keys, so importing a later export updates the notes instead of duplicating them.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { strToU8, type Zippable, zipSync } from 'fflate';
import MarkdownIt, { type StateBlock, type StateInline } from 'markdown-it';
import { HTML_ENTITIES } from '../../../../shared/html-entities';
import { keyPointsBlock } from '../../../../shared/key-points-markdown';
import type { ExportCard, ExportDeck, ExportReview } from '../export-data';
import type { ContentFormat } from '../import-bundle';
import {
  basicModelJson,
  CUE_MODEL_ID,
  collectionConfJson,
  cueModelJson,
  DEFAULT_DECK_ID,
  DUMMY_MODEL_ID,
  DUMMY_NOTE_TEXT,
  deckJson,
  defaultDeckConfigJson,
  SCHEMA_VERSION,
  SCHEMA11_SQL,
} from './schema11';

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
// Markdown -> HTML

/*
 * Math delimiters exactly as Cue's renderer finds them: the rules of @vscode/markdown-it-katex
 * (renderer/markdown.ts), restated here so the main process does not bundle KaTeX only to find dollars.
 * test/unit/anki-export.test.ts checks the two agree.
 */
const isWordChar = (char: string | undefined) => char !== undefined && /^\w$/.test(char);

/** The next `delimiter` from `from` on that no odd run of backslashes escapes, or -1. */
function findClosing(src: string, delimiter: string, from: number): number {
  for (let match = src.indexOf(delimiter, from); match !== -1; match = src.indexOf(delimiter, match)) {
    let before = match - 1;
    while (src[before] === '\\') before--;
    if ((match - before) % 2 === 1) return match;
    match += delimiter.length;
  }
  return -1;
}

/** `$$` that opens or closes display math: not after `$` or a backslash, not followed by a third `$`. */
function isDisplayDelimiter(src: string, pos: number): boolean {
  const before = src[pos - 1];
  return src[pos] === '$' && src[pos + 1] === '$' && before !== '$' && before !== '\\' && src[pos + 2] !== '$';
}

/** Consumes `text` as plain text and moves to `pos`. */
function literal(state: StateInline, silent: boolean, text: string, pos: number): boolean {
  if (!silent) state.pending += text;
  state.pos = pos;
  return true;
}

/** `$..$`: the opening `$` not after a word character, the closing one not before one. */
function inlineMath(state: StateInline, silent: boolean): boolean {
  const { src } = state;
  if (src[state.pos] !== '$') return false;
  const last = state.tokens.at(-1);
  if (last?.type === 'html_inline' && /^<\w+.+[^/]>$/.test(last.content)) return false;
  const before = src[state.pos - 1];
  if (before === '$' || before === '\\' || isWordChar(before)) return literal(state, silent, '$', state.pos + 1);
  const start = state.pos + 1;
  const end = findClosing(src, '$', start);
  if (end === -1) return literal(state, silent, '$', start);
  if (end === start) return literal(state, silent, '$$', start + 1);
  const after = src[end + 1];
  if (after === '$' || isWordChar(after)) return literal(state, silent, '$', start);
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.markup = '$';
    token.content = src.slice(start, end);
  }
  state.pos = end + 1;
  return true;
}

/** `$$..$$` inside a paragraph: display math without a line of its own. */
function inlineDisplayMath(state: StateInline, silent: boolean): boolean {
  const { src } = state;
  if (src.slice(state.pos, state.pos + 2) !== '$$') return false;
  if (!isDisplayDelimiter(src, state.pos)) return literal(state, silent, '$$', state.pos + 2);
  const start = state.pos + 2;
  const end = findClosing(src, '$$', start);
  if (end === -1) return literal(state, silent, '$$', start);
  if (end === start) return literal(state, silent, '$$$$', start + 2);
  if (!isDisplayDelimiter(src, end)) return literal(state, silent, '$$', start);
  if (!silent) {
    const token = state.push('math_block', 'math', 0);
    token.block = true;
    token.markup = '$$';
    token.content = src.slice(start, end);
  }
  state.pos = end + 2;
  return true;
}

/** A block opening with `$$`, up to the line that holds the closing `$$`. */
function blockMath(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const { src } = state;
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (pos + 2 > max || src.slice(pos, pos + 2) !== '$$') return false;
  pos += 2;
  let firstLine = src.slice(pos, max);
  let found = false;
  const closings = [...firstLine.matchAll(/\$\$/g)];
  if (closings.length === 1 && closings[0].index === firstLine.length - 2) {
    firstLine = firstLine.trim().slice(0, -2);
    found = true;
  } else if (closings.length > 1) {
    return false;
  }
  if (silent) return true;
  let next = startLine;
  let lastLine = '';
  while (!found) {
    next++;
    if (next >= endLine) break;
    pos = state.bMarks[next] + state.tShift[next];
    max = state.eMarks[next];
    if (pos < max && state.tShift[next] < state.blkIndent) break;
    const line = src.slice(pos, max).trim();
    if (line.slice(-2) === '$$') {
      lastLine = src.slice(pos, src.slice(0, max).lastIndexOf('$$'));
      found = true;
    } else if (line.includes('$$')) {
      // (sic) the plugin searches from the start of the document here; kept so both split alike
      lastLine = src.slice(pos, src.slice(0, max).trim().indexOf('$$'));
      found = true;
    }
  }
  state.line = next + 1;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content =
    (firstLine.trim() ? `${firstLine}\n` : '') +
    state.getLines(startLine + 1, next, state.tShift[startLine], true) +
    (lastLine.trim() ? lastLine : '');
  token.map = [startLine, state.line];
  token.markup = '$$';
  return true;
}

/**
 * Same parser settings and math delimiters as Cue's renderer (renderer/markdown.ts): raw HTML off, no
 * linkify, no typographer. Only the output differs: math stays TeX for Anki's MathJax, code blocks are
 * plain `<pre><code class="language-x">`.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
// registered in the plugin's order: `$$` is tried before `$`
md.inline.ruler.after('escape', 'math_inline', inlineMath);
md.inline.ruler.after('escape', 'math_inline_block', inlineDisplayMath);
md.block.ruler.after('blockquote', 'math_block', blockMath, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
// a `::: points` block goes to Anki as the list it holds
md.use(keyPointsBlock);

const escapeHtml = md.utils.escapeHtml;
/** Environments the plugin renders in display mode even between single dollars. */
const DISPLAY_ENVIRONMENT = /\\begin\{(align|equation|gather|cd|alignat)\}/i;

md.renderer.rules.math_inline = (tokens, idx) => {
  const content = tokens[idx].content;
  // $`1+1`$ is inline math with the backticks dropped, as in the plugin
  const tex = content.length > 2 && content.startsWith('`') && content.endsWith('`') ? content.slice(1, -1) : content;
  return DISPLAY_ENVIRONMENT.test(tex) ? `\\[${escapeHtml(tex)}\\]` : `\\(${escapeHtml(tex)}\\)`;
};
// `$$..$$` inside a paragraph also yields a math_block token, one without a source line map
md.renderer.rules.math_block = (tokens, idx) => {
  const tex = `\\[${escapeHtml(tokens[idx].content)}\\]`;
  return tokens[idx].map ? `<p>${tex}</p>\n` : tex;
};
md.renderer.rules.math_inline_block = md.renderer.rules.math_block;

// Anki looks media up by the literal file name in src=""; markdown-it percent-encodes it (my%20chart.png).
const defaultImageRule = md.renderer.rules.image;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = token.attrGet('src');
  if (src && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) {
    try {
      token.attrSet('src', decodeURIComponent(src));
    } catch {
      // not valid percent-encoding: keep it as written
    }
  }
  return defaultImageRule ? defaultImageRule(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

const isControl = (char: string) => char < ' ' || char === '\x7f';

/** `text` without ASCII control characters, except those in `keep`. */
function withoutControls(text: string, keep = ''): string {
  let out = '';
  for (const char of text) if (!isControl(char) || keep.includes(char)) out += char;
  return out;
}

/** Anki drops ASCII control characters other than tab and newline from fields and stores them in NFC. */
function normalizeField(text: string): string {
  return withoutControls(text, '\t\n').normalize('NFC');
}

/** The HTML a card side is stored as in Anki: Markdown rendered, HTML as it is. */
export function cardFieldHtml(text: string, format: ContentFormat): string {
  const html = format === 'markdown' ? md.render(text).replace(/\n+$/, '') : text;
  return normalizeField(html);
}

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

/** A positive id from a key, never Anki's Default deck (1). */
function stableId(key: string): number {
  const n = createHash('sha1').update(key, 'utf8').digest().readUIntBE(0, 6);
  return 2 + (n % (2 ** 48 - 2));
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
  mod: number;
  reps: number;
  lapses: number;
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
       VALUES (@id, @nid, @did, 0, @mod, -1, @type, @queue, @due, @ivl, @factor, @reps, @lapses, @left, 0, 0, 0, @data)`,
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
          mod: mtime,
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

/** Builds the .apkg for one Cue deck (or the sections of it the export holds). */
/**
 * A card's recorded answers after its answer, as Anki's sound tags (Anki plays them on the back). Only
 * exports that asked for recordings name any; the Markdown source field stays as the person wrote it.
 */
function recordingSounds(card: ExportCard): string {
  const names = (card.recordings ?? []).filter(isSafeMediaName);
  return names.map((name) => `<br>[sound:${name}]`).join('');
}

export function writeAnkiPackage(deck: ExportDeck, options: AnkiExportOptions): Uint8Array {
  const { now } = options;
  const nowSecs = Math.floor(now / 1000);
  const timing = collectionTiming(deck, now);

  const deckName = deckNameComponent(deck.name);
  const mainDeckId = stableId(`cue-deck:${deck.key}`);
  const decks: Record<string, unknown> = {
    [DEFAULT_DECK_ID]: deckJson(DEFAULT_DECK_ID, 'Default', '', nowSecs),
    [mainDeckId]: deckJson(mainDeckId, deckName, cardFieldHtml(deck.description, 'markdown'), nowSecs),
  };

  const notes: NoteRow[] = [];
  const cards: CardTableRow[] = [];
  const revlog: RevlogRow[] = [];
  const tagRegistry: Record<string, number> = {};
  const noteIds = new Set<number>();
  const cardIds = new Set<number>();
  const revlogIds = new Set<number>();
  const pendingReviews: { cid: number; review: ExportReview; ivl: number; lastIvl: number }[] = [];
  let position = 0;

  for (const section of deck.sections) {
    const sectionDeckId = stableId(`cue-section:${deck.key}:${section.key}`);
    decks[sectionDeckId] = deckJson(
      sectionDeckId,
      `${deckName}::${deckNameComponent(section.name)}`,
      cardFieldHtml(section.description, 'markdown'),
      nowSecs,
    );
    for (const card of section.cards) {
      position++;
      // ids from the card's creation time (Anki shows it as "Added"), never in the future
      const created = card.createdAt >= 1e12 && card.createdAt <= now ? card.createdAt : now;
      const mtime = card.updatedAt > 0 ? Math.min(nowSecs, Math.floor(card.updatedAt / 1000)) : nowSecs;
      const tags = tagsColumn(card.tags);
      for (const tag of tags.split(' ').filter(Boolean)) tagRegistry[tag] = 0;
      const markdown = card.format === 'markdown';
      const noteRow = note(claimId(noteIds, created), cueGuid(deck.key, card.key), CUE_MODEL_ID, mtime, tags, [
        cardFieldHtml(card.question, card.format),
        cardFieldHtml(card.answer, card.format) + recordingSounds(card),
        markdown ? card.question : '',
        markdown ? card.answer : '',
      ]);
      notes.push(noteRow);
      const cardId = claimId(cardIds, created);
      cards.push({
        id: cardId,
        nid: noteRow.id,
        did: sectionDeckId,
        mod: mtime,
        reps: clampInt(card.reps, 0, INT32_MAX),
        lapses: clampInt(card.lapses, 0, INT32_MAX),
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

  // Review ids are the answer times in milliseconds; two answers in one millisecond move apart.
  pendingReviews.sort((a, b) => a.review.at - b.review.at || a.review.id - b.review.id);
  for (const { cid, review, ivl, lastIvl } of pendingReviews) {
    revlog.push({
      id: claimId(revlogIds, Math.max(1, Math.round(review.at))),
      cid,
      ease: review.rating,
      ivl,
      lastIvl,
      factor: revlogFactor(review),
      time: clampInt(review.durationMs, 0, MAX_ANSWER_MS),
      type: REVLOG_KIND[review.stateBefore] ?? 1,
    });
  }

  const collection = writeCollection({
    crt: timing.crt,
    now,
    conf: collectionConfJson({ deckId: mainDeckId, modelId: CUE_MODEL_ID, nextPos: position + 1 }),
    models: { [CUE_MODEL_ID]: cueModelJson(mainDeckId) },
    decks,
    dconf: { 1: defaultDeckConfigJson(nowSecs) },
    tags: tagRegistry,
    notes,
    cards,
    revlog,
  });

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
  for (const [name, data] of deck.media) {
    if (!isSafeMediaName(name)) continue;
    mediaMap[String(index)] = name.normalize('NFC');
    files[String(index)] = [data, stored];
    index++;
  }
  files.media = [strToU8(JSON.stringify(mediaMap)), stored];
  return zipSync(files);
}
