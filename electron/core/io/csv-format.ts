/**
 * CSV/TSV in the text format Anki imports and exports ("Notes in Plain Text"): optional `#key:value`
 * header lines at the top (`#separator:`, `#html:`, `#tags:`, `#columns:`, `#deck:`, `#notetype:`,
 * `#tags column:`, `#deck column:`, `#guid column:`, `#notetype column:`), then one row per note. Quoted
 * fields may span lines and hold the separator; `""` is a quote. Lines starting with `#` are comments.
 *
 * Reading maps columns to Cue's terms: question, answer, tags, section (from Anki's "Deck::Sub" deck
 * column) and a stable key (from the guid column, else a hash of the question).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ColumnMapping } from '../../../shared/io';
import { IdScope, keyFromName, shortHash, toStableId } from './cue-deck-io';
import type { ExportDeck, ExportSection } from './export-data';
import {
  type BundleCard,
  type BundleSection,
  type ContentFormat,
  type ImportBundle,
  ImportError,
  type SourceRef,
} from './import-bundle';

/** 1-based columns: which column of the file holds what. */
export type { ColumnMapping };

export type CsvSeparator = '\t' | ',' | ';' | ' ' | '|' | ':';

const SEPARATOR_NAMES: Record<CsvSeparator, string> = {
  '\t': 'tab',
  ',': 'comma',
  ';': 'semicolon',
  ' ': 'space',
  '|': 'pipe',
  ':': 'colon',
};

/** What the `#` lines at the top of the file said (Anki's file headers). */
export interface CsvHeaders {
  separator?: CsvSeparator;
  html?: boolean;
  /** `#tags:` — added to every card. */
  tags: string[];
  /** `#columns:` — column names, split with the file's separator. */
  columns?: string[];
  deck?: string;
  notetype?: string;
  tagsColumn?: number;
  deckColumn?: number;
  guidColumn?: number;
  notetypeColumn?: number;
  /** `#cue section:<key> <name>` — Cue's section ids, written by writeCsv (Anki ignores the line). */
  sections: { key: string; name: string }[];
}

export interface CsvPreview {
  separator: CsvSeparator;
  /** "tab", "comma"... as Anki's `#separator:` spells it. */
  separatorName: string;
  /** True when `#separator:` set it; false when detected. */
  separatorFromHeader: boolean;
  /** True when the file starts with `#` header lines (Anki's file headers). */
  hasHeader: boolean;
  headers: CsvHeaders;
  /** Fields in the first row. */
  columnCount: number;
  /** Up to five rows, as parsed. */
  rows: string[][];
  format: ContentFormat;
  /** The mapping readCsv uses when given none; null when the file has fewer than two content columns. */
  mapping: ColumnMapping | null;
}

// ---------------------------------------------------------------------------------------------------
// Text decoding

/** Bytes to text, strictly UTF-8; a leading BOM is dropped. */
export function decodeText(input: string | Uint8Array, file: string): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    const offset = firstInvalidUtf8(input);
    if (offset < 0) throw new ImportError({ file }, 'is not valid UTF-8 text; save it as UTF-8 and import it again');
    let line = 1;
    for (let i = 0; i < offset; i++) if (input[i] === 0x0a) line++;
    const byte = input[offset].toString(16).toUpperCase().padStart(2, '0');
    throw new ImportError(
      { file, where: `line ${line}` },
      `is not valid UTF-8 text (byte 0x${byte} at offset ${offset}); save it as UTF-8 and import it again`,
    );
  }
}

/** Offset of the first byte that doesn't start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (c < min || c > max) return k === 1 ? i : i + k;
    }
    i += need + 1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------
// Rows with line numbers

export interface CsvRow {
  fields: string[];
  /** 1-based line where the row starts. */
  line: number;
}

interface ParseInfo {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Parses CSV text into rows that know their first line. `#` lines (at a row's start) and empty lines
 * are skipped, as Anki does. Quotes inside unquoted fields are kept as text. Ragged rows are returned
 * as they are; callers check.
 */
export function parseRows(
  text: string,
  separator: string,
  source: SourceRef,
  options: { limit?: number; comments?: boolean } = {},
): CsvRow[] {
  let parsed: ParseInfo[];
  let lastLine = 0;
  try {
    parsed = parse(text, {
      delimiter: separator,
      ...(options.comments === false ? {} : { comment: '#', comment_no_infix: true }),
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      raw: true,
      info: true,
      ...(options.limit ? { to: options.limit } : {}),
      on_record: (record, context) => {
        lastLine = context.lines;
        return record;
      },
    }) as unknown as ParseInfo[];
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      // Report the row where the open quote is, not the end of the file.
      const lines = text.split(/\r\n|\n|\r/);
      let line = lastLine + 1;
      while (line < lines.length && (lines[line - 1] === '' || lines[line - 1].startsWith('#'))) line++;
      throw new ImportError({ ...source, where: `line ${line}` }, 'a quoted field starts here and is never closed');
    }
    const lines = (error as { lines?: number }).lines;
    const reason = error instanceof Error ? error.message.replace(/ (on|at) line \d+$/, '') : String(error);
    throw new ImportError({ ...source, ...(lines ? { where: `line ${lines}` } : {}) }, `is not valid CSV: ${reason}`);
  }
  return parsed.map(({ record, raw, info }) => ({ fields: record, line: info.lines - ownLineBreaks(raw) }));
}

/**
 * Line breaks inside a row's own text: `raw` also holds the comment and empty lines skipped before the
 * row and the row's line ending, which don't count.
 */
function ownLineBreaks(raw: string): number {
  const lines = raw.split(/\r\n|\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  let start = 0;
  while (start < lines.length - 1 && (lines[start] === '' || lines[start].startsWith('#'))) start++;
  return lines.length - 1 - start;
}

// ---------------------------------------------------------------------------------------------------
// Headers and separator

function separatorFromValue(value: string): CsvSeparator | undefined {
  const name = value.trim().toLowerCase();
  for (const [char, spelled] of Object.entries(SEPARATOR_NAMES) as [CsvSeparator, string][]) {
    if (name === spelled || value === char) return char;
  }
  return undefined;
}

function columnNumber(value: string): number | undefined {
  const n = Number(value.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function splitTags(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/**
 * Reads the header lines. Returns the headers, how many lines they took, and the text with an old-style
 * first line "tags:..." turned into a comment so the CSV parser skips it (line numbers stay the same).
 */
function readHeaders(text: string): { headers: CsvHeaders; headerLines: number; text: string; columnsRaw?: string } {
  const headers: CsvHeaders = { tags: [], sections: [] };
  let columnsRaw: string | undefined;
  let body = text;
  const lines = text.split('\n');
  let i = 0;
  if (lines[0]?.startsWith('tags:')) {
    headers.tags = splitTags(lines[0].slice(5));
    body = `#${text}`;
    i = 1;
  }
  for (; i < lines.length && lines[i].startsWith('#'); i++) {
    const line = lines[i].replace(/\r$/, '');
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(1, colon).trim().toLowerCase();
    const value = line.slice(colon + 1);
    switch (key) {
      case 'separator':
        headers.separator = separatorFromValue(value) ?? headers.separator;
        break;
      case 'html': {
        const flag = value.trim().toLowerCase();
        if (flag === 'true' || flag === 'false') headers.html = flag === 'true';
        break;
      }
      case 'tags':
        headers.tags = splitTags(value);
        break;
      case 'columns':
        columnsRaw = value;
        break;
      case 'deck':
        if (value.trim()) headers.deck = value.trim();
        break;
      case 'notetype':
        if (value.trim()) headers.notetype = value.trim();
        break;
      case 'tags column':
        headers.tagsColumn = columnNumber(value) ?? headers.tagsColumn;
        break;
      case 'deck column':
        headers.deckColumn = columnNumber(value) ?? headers.deckColumn;
        break;
      case 'guid column':
        headers.guidColumn = columnNumber(value) ?? headers.guidColumn;
        break;
      case 'notetype column':
        headers.notetypeColumn = columnNumber(value) ?? headers.notetypeColumn;
        break;
      case 'cue section': {
        const section = /^([a-z0-9][a-z0-9-]*) (.+)$/.exec(value.trim());
        if (section) headers.sections.push({ key: section[1], name: section[2] });
        break;
      }
    }
  }
  return { headers, headerLines: i, text: body, columnsRaw };
}

/** Separators tried when the file doesn't say, in order of preference. */
const DETECT_ORDER: CsvSeparator[] = ['\t', '|', ';', ',', ':'];

/**
 * Looks at the data after the header lines and takes the first separator, in Anki's order of preference
 * (tab, pipe, semicolon, comma; colon last as it is common in text), that splits the first rows into
 * the same number of fields, more than one. Semicolon before comma keeps "3,5;answer" (decimal commas
 * in a semicolon file) right. If none fits, the first of them on the first row, else tab (one column).
 * Unlike Anki, never space: words would become columns; a space-separated file says `#separator:space`.
 */
export function detectSeparator(body: string): CsvSeparator {
  const sample = body.slice(0, 64 * 1024);
  const consistent = (separator: CsvSeparator) => {
    try {
      const rows = parseRows(sample, separator, { file: '' }, { limit: 10 });
      // The last sampled row may be cut off by the sample's end.
      const whole = sample.length < body.length && rows.length > 1 ? rows.slice(0, -1) : rows;
      const count = whole[0]?.fields.length ?? 0;
      return count > 1 && whole.every((row) => row.fields.length === count);
    } catch {
      return false;
    }
  };
  for (const separator of DETECT_ORDER) {
    if (sample.includes(separator) && consistent(separator)) return separator;
  }
  const firstLine = sample.split('\n').find((line) => line.trim() && !line.startsWith('#')) ?? '';
  for (const separator of DETECT_ORDER) if (firstLine.includes(separator)) return separator;
  return '\t';
}

interface Layout {
  headers: CsvHeaders;
  headerLines: number;
  separator: CsvSeparator;
  separatorFromHeader: boolean;
  text: string;
}

function layoutOf(text: string): Layout {
  const { headers, headerLines, text: body, columnsRaw } = readHeaders(text);
  const afterHeaders = text.split('\n').slice(headerLines).join('\n');
  const separator = headers.separator ?? detectSeparator(afterHeaders);
  if (columnsRaw !== undefined) {
    const line = columnsRaw.replace(/\r$/, '');
    try {
      headers.columns = parseRows(line, separator, { file: '' }, { comments: false })[0]?.fields ?? [];
    } catch {
      headers.columns = line.split(separator);
    }
  }
  return { headers, headerLines, separator, separatorFromHeader: headers.separator !== undefined, text: body };
}

// ---------------------------------------------------------------------------------------------------
// Column mapping

const QUESTION_NAMES = new Set(['front', 'question', 'q']);
const ANSWER_NAMES = new Set(['back', 'answer', 'a']);

/**
 * Anki's default: the header columns (tags, deck, guid, notetype) are taken out; question and answer are
 * the columns named Front/Question and Back/Answer by `#columns:`, else the first two that are left.
 */
function defaultMapping(headers: CsvHeaders, columnCount: number): ColumnMapping | null {
  const meta = new Set(
    [headers.tagsColumn, headers.deckColumn, headers.guidColumn, headers.notetypeColumn].filter(
      (n): n is number => n !== undefined,
    ),
  );
  const content: number[] = [];
  for (let n = 1; n <= columnCount; n++) if (!meta.has(n)) content.push(n);
  const named = (names: Set<string>) => {
    const index = headers.columns?.findIndex((name, i) => names.has(name.trim().toLowerCase()) && !meta.has(i + 1));
    return index !== undefined && index >= 0 && index < columnCount ? index + 1 : undefined;
  };
  const question = named(QUESTION_NAMES) ?? content[0];
  const answer = named(ANSWER_NAMES) ?? content.find((n) => n !== question);
  if (question === undefined || answer === undefined) return null;
  const inRange = (n: number | undefined) => (n !== undefined && n <= columnCount ? n : undefined);
  return {
    question,
    answer,
    ...optional('tags', inRange(headers.tagsColumn)),
    ...optional('section', inRange(headers.deckColumn)),
    ...optional('key', inRange(headers.guidColumn)),
  };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

function checkMapping(mapping: ColumnMapping, columnCount: number, file: string): void {
  for (const [role, column] of Object.entries(mapping) as [string, number | undefined][]) {
    if (column === undefined) continue;
    if (!Number.isInteger(column) || column < 1) {
      throw new ImportError({ file }, `the ${role} column must be a number from 1, not ${column}`);
    }
    if (column > columnCount) {
      throw new ImportError({ file }, `the ${role} column is ${column}, but the rows have ${columnCount} columns`);
    }
  }
  if (mapping.question === mapping.answer) {
    throw new ImportError({ file }, `question and answer can't both be column ${mapping.question}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading

function stripExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '') || base;
}

/** A card key from an Anki guid: Cue's own `cue:<deck>/<card>` guids give back the card id. */
function keyFromGuid(guid: string): string {
  const cue = /^cue:[a-z0-9][a-z0-9-]*\/([a-z0-9][a-z0-9-]*)$/.exec(guid);
  if (cue) return cue[1];
  return toStableId(guid, 'note');
}

/** Detects the separator and headers and returns the first rows, for a column-mapping step. */
export function previewCsv(input: string | Uint8Array, fileName: string): CsvPreview {
  const layout = layoutOf(decodeText(input, fileName));
  const rows = parseRows(layout.text, layout.separator, { file: fileName }, { limit: 5 }).map((row) => row.fields);
  const columnCount = rows[0]?.length ?? 0;
  return {
    separator: layout.separator,
    separatorName: SEPARATOR_NAMES[layout.separator],
    separatorFromHeader: layout.separatorFromHeader,
    hasHeader: layout.headerLines > 0,
    headers: layout.headers,
    columnCount,
    rows,
    format: layout.headers.html ? 'html' : 'markdown',
    mapping: defaultMapping(layout.headers, columnCount),
  };
}

/**
 * Reads an Anki-style CSV/TSV file into one deck. Without a mapping, columns follow the file's headers
 * (Anki's defaults); with one, the mapping alone says which column is what.
 *
 * Deck name: `options.deckName` (the person's choice, as for Anki packages), else `#deck:`, else the
 * top-level deck every row of the deck column shares, else the file name. Sections come from the deck
 * column: "Deck::Sub" is section "Sub" of deck "Deck"; rows without one, or in "Deck" itself, go to a
 * section named after the deck. The deck key is the name's slug, or the Cue deck id in the guids of a
 * file Cue wrote.
 */
export function readCsv(
  input: string | Uint8Array,
  fileName: string,
  options: { mapping?: ColumnMapping; deckName?: string } = {},
): ImportBundle {
  const file = fileName;
  const layout = layoutOf(decodeText(input, file));
  const rows = parseRows(layout.text, layout.separator, { file });
  if (rows.length === 0) throw new ImportError({ file }, 'has no rows to import');
  const columnCount = rows[0].fields.length;
  for (const row of rows) {
    if (row.fields.length !== columnCount) {
      throw new ImportError(
        { file, where: `line ${row.line}` },
        `this row has ${row.fields.length} field${row.fields.length === 1 ? '' : 's'}, but the first row (line ${rows[0].line}) has ${columnCount}`,
      );
    }
  }
  const mapping = options.mapping ?? defaultMapping(layout.headers, columnCount);
  if (!mapping) {
    throw new ImportError(
      { file },
      `has ${columnCount === 1 ? 'one column' : 'no question and answer columns'}; a card needs a question column and an answer column`,
    );
  }
  checkMapping(mapping, columnCount, file);
  const format: ContentFormat = layout.headers.html ? 'html' : 'markdown';
  const at = (row: CsvRow, column: number | undefined) => (column === undefined ? '' : row.fields[column - 1]);

  const deckPaths = mapping.section === undefined ? [] : rows.map((row) => at(row, mapping.section).trim());
  const tops = new Set(deckPaths.filter(Boolean).map((path) => path.split('::')[0].trim()));
  const commonTop = tops.size === 1 ? [...tops][0] : undefined;
  const deckName = options.deckName?.trim() || layout.headers.deck || commonTop || stripExtension(file);
  // "Deck::Sub" is section "Sub" of the deck the file names (or all its rows share); the deck itself
  // is a section named after the deck; any other path stays whole.
  const roots = [layout.headers.deck, commonTop, deckName].filter((root): root is string => Boolean(root));
  const sectionNameOf = (path: string): string => {
    for (const root of roots) {
      if (path === root) return deckName;
      if (path.startsWith(`${root}::`)) return path.slice(root.length + 2);
    }
    return path || deckName;
  };

  const sectionIds = new IdScope();
  const headerKeys = new Map(layout.headers.sections.map(({ key, name }) => [name, key]));
  for (const key of headerKeys.values()) sectionIds.take(key);
  const sections = new Map<string, BundleSection>();
  const sectionFor = (name: string): BundleSection => {
    let section = sections.get(name);
    if (!section) {
      section = { key: headerKeys.get(name) ?? sectionIds.take(keyFromName(name, 'section')), name, cards: [] };
      sections.set(name, section);
    }
    return section;
  };

  const skipped: ImportBundle['skipped'] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const question = at(row, mapping.question);
    if (!question.trim()) {
      skipped.push({ item: `line ${row.line}`, reason: 'the question is empty' });
      return;
    }
    const guid = at(row, mapping.key).trim();
    const key = guid ? keyFromGuid(guid) : `csv-${shortHash(question)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      skipped.push({
        item: `line ${row.line}`,
        reason: guid
          ? `the card key "${key}" (from the guid "${guid}") is already used on line ${earlier}`
          : `the same question is already on line ${earlier}`,
      });
      return;
    }
    seen.set(key, row.line);
    const tags = [...new Set([...splitTags(at(row, mapping.tags)), ...layout.headers.tags])];
    const card: BundleCard = { key, question, answer: at(row, mapping.answer), format, tags };
    sectionFor(sectionNameOf(deckPaths[index] ?? '')).cards.push(card);
  });

  // A file Cue wrote (every guid "cue:<deck>/<card>", one deck) goes back to the deck it came from.
  const guidDecks = new Set(rows.map((row) => /^cue:([a-z0-9][a-z0-9-]*)\//.exec(at(row, mapping.key).trim())?.[1]));
  const cueDeckKey = guidDecks.size === 1 ? [...guidDecks][0] : undefined;
  return {
    source: { file, format: 'csv' },
    decks: [{ key: cueDeckKey ?? keyFromName(deckName, 'deck'), name: deckName, sections: [...sections.values()] }],
    media: [],
    skipped,
  };
}

// ---------------------------------------------------------------------------------------------------
// Writing

const COLUMNS = ['Front', 'Back', 'Deck', 'Tags', 'GUID'];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Writes a deck as text Anki imports (File > Import; Basic note type): Front, Back, Deck ("Deck::Section"),
 * Tags and a GUID column (`cue:<deck id>/<card id>`, so re-importing updates the same notes and Cue
 * gets its deck and card ids back), plus `#cue section:<id> <name>` lines that Anki ignores and Cue
 * reads its section ids from. `#html:` is per file: a deck whose cards are all HTML is written as HTML;
 * a mixed deck too, with its Markdown cards escaped so Anki shows their text.
 */
export function writeCsv(deck: ExportDeck, options: { separator?: ',' | '\t' } = {}): string {
  const separator = options.separator ?? '\t';
  const cards = deck.sections.flatMap((section) => section.cards.map((card) => ({ section, card })));
  const html = cards.some(({ card }) => card.format === 'html');
  const deckName = oneLine(deck.name) || deck.key;
  const deckKey = toStableId(deck.key, 'deck');
  const sectionName = (section: ExportSection) => oneLine(section.name) || section.key;
  const sectionIds = new IdScope();
  const header = [
    `#separator:${SEPARATOR_NAMES[separator]}`,
    `#html:${html}`,
    '#notetype:Basic',
    `#deck:${deckName}`,
    '#deck column:3',
    '#tags column:4',
    '#guid column:5',
    `#columns:${COLUMNS.join(separator)}`,
    ...deck.sections.map(
      (section) => `#cue section:${sectionIds.take(toStableId(section.key, 'section'))} ${sectionName(section)}`,
    ),
  ];
  const field = (text: string, format: ContentFormat) => (html && format === 'markdown' ? escapeHtml(text) : text);
  const rows = cards.map(({ section, card }) => [
    field(card.question, card.format),
    field(card.answer, card.format),
    `${deckName}::${sectionName(section)}`,
    card.tags.join(' '),
    `cue:${deckKey}/${toStableId(card.key, 'card')}`,
  ]);
  const body = stringify(rows, {
    delimiter: separator,
    record_delimiter: '\n',
    // A row starting with "#" would be a comment, and a lone "\r" a line break: quote both.
    quoted_match: [/^#/, /\r/],
  });
  return `${header.join('\n')}\n${body}`;
}
