/**
 * Cue's deck format (docs/deck-format.md): Markdown with a small header, `# Section {#id}` and
 * `## Question {#id .tag}` headings. Parsing is strict and reports file and line; writing round-trips.
 */

export interface DeckCard {
  key: string;
  question: string;
  answer: string;
  tags: string[];
  /** 1-based line of the card's heading in the file. */
  line: number;
}

export interface DeckSection {
  key: string;
  name: string;
  description: string;
  cards: DeckCard[];
  line: number;
}

export interface DeckFile {
  formatVersion: number;
  key: string;
  name: string;
  version: number;
  description: string;
  sections: DeckSection[];
}

export class DeckSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'DeckSyntaxError';
  }
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
/** `# text` or `## text`: the level and the text, trimmed (absent when there is none). */
function matchHeading(line: string): [level: string, text: string | undefined] | null {
  const level = /^#{1,2}(?=[ \t]|$)/.exec(line)?.[0];
  if (level === undefined) return null;
  const text = line.slice(level.length).trim();
  return [level, text === '' ? undefined : text];
}

/** The inside of a heading's `{#id .tag .tag}`. */
const ATTRIBUTE_BLOCK = /^([^\s}]+)((?:[ \t]+\.[^\s}]+)*)[ \t]*$/;

/**
 * `Title {#id .tags}`: the title, the id and the tag text, or null. Found from the last `{#` of a
 * text ending in `}`, so a long line costs one pass (a single pattern over the whole line
 * backtracked quadratically on long runs of spaces).
 */
function matchAttributes(text: string): [title: string, key: string, tagText: string] | null {
  if (!text.endsWith('}')) return null;
  const open = text.lastIndexOf('{#');
  if (open < 0) return null;
  const inner = ATTRIBUTE_BLOCK.exec(text.slice(open + 2, -1));
  return inner ? [text.slice(0, open), inner[1], inner[2]] : null;
}
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})(.*)$/;
/** Info strings of verbatim blocks (see cue-deck-io): their lines are kept as they are, whatever they hold. */
const VERBATIM_INFO = /^cue-(html|markdown)$/;
const NO_ANSWER =
  'this card has no answer; write one below it (an answer left empty on purpose is an empty ```cue-markdown block)';

/** A fenced code block being read: its fence, the line that opened it, and whether it is verbatim. */
interface OpenFence {
  fence: string;
  line: number;
  verbatim: boolean;
}

function openFence(raw: string, line: number): OpenFence | null {
  const match = FENCE.exec(raw);
  // as in CommonMark, "```text```" on a line of its own is inline code, not a fence
  if (!match || (match[1][0] === '`' && match[2].includes('`'))) return null;
  return { fence: match[1], line, verbatim: VERBATIM_INFO.test(match[2].trim()) };
}

/** A closing fence: the opening's character, at least as many of them, nothing else (CommonMark). */
function closesFence(raw: string, open: OpenFence): boolean {
  const text = raw.replace(/^[ \t]{0,3}/, '').trimEnd();
  return text.length >= open.fence.length && [...text].every((char) => char === open.fence[0]);
}

/**
 * "card" or "section" when the line is a heading Cue would read as one (a level 1 or 2 heading ending
 * in a well-formed {#id}), else null. Such a line inside a code or question block almost always means
 * a block above was left open and is swallowing the cards after it.
 */
function headingLike(raw: string): 'card' | 'section' | null {
  const heading = matchHeading(raw);
  if (!heading) return null;
  const attributes = matchAttributes(heading[1] ?? '');
  if (!attributes || !ID.test(attributes[1])) return null;
  return heading[0].length === 1 ? 'section' : 'card';
}

function insideBlockReason(kind: 'card' | 'section', block: string, opened: number, fix: string): string {
  return `this line looks like a ${kind} heading but is inside the ${block} opened at line ${opened}; ${fix}`;
}

export function parseDeck(text: string, file = 'deck.md'): DeckFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fail = (line: number, reason: string): never => {
    throw new DeckSyntaxError(file, line, reason);
  };
  const header = parseHeader(lines, fail);
  const deck: DeckFile = { ...header.fields, description: header.description, sections: [] };
  const sectionLines = new Map<string, number>();
  const cardLines = new Map<string, number>();
  let body: string[] = [];
  let target: { set(text: string): void } = {
    set: (t) => {
      if (t) deck.description = t;
    },
  };
  let fence: OpenFence | null = null;

  const flush = () => target.set(trimBlankLines(body).join('\n'));

  for (let i = header.bodyStart; i < lines.length; i++) {
    const raw = lines[i];
    const lineNo = i + 1;
    if (fence) {
      if (closesFence(raw, fence)) fence = null;
      else if (!fence.verbatim) {
        const kind = headingLike(raw);
        if (kind) fail(lineNo, insideBlockReason(kind, 'code block', fence.line, 'close that block first'));
      }
      body.push(raw);
      continue;
    }
    fence = openFence(raw, lineNo);
    const heading = fence ? null : matchHeading(raw);
    if (!heading) {
      body.push(raw);
      continue;
    }
    flush();
    body = [];
    const level = heading[0].length;
    const { title, key, tags } = parseAttributes(heading[1] ?? '', lineNo, level === 1 ? 'section' : 'card', fail);
    if (level === 1) {
      const first = sectionLines.get(key);
      if (first) fail(lineNo, `section id "${key}" is used twice: here and at line ${first}`);
      if (!title) fail(lineNo, 'a section needs a name before its {#id}');
      if (tags.length) fail(lineNo, 'sections have no tags');
      sectionLines.set(key, lineNo);
      const section: DeckSection = { key, name: title, description: '', cards: [], line: lineNo };
      deck.sections.push(section);
      target = { set: (t) => (section.description = t) };
      continue;
    }
    const section = deck.sections.at(-1);
    if (!section) return fail(lineNo, 'a card must come after a section heading (# Name {#id})');
    const first = cardLines.get(key);
    if (first) fail(lineNo, `card id "${key}" is used twice: here and at line ${first}`);
    cardLines.set(key, lineNo);
    const card: DeckCard = { key, question: title, answer: '', tags, line: lineNo };
    section.cards.push(card);
    if (!title) i = readQuestionBlock(lines, i + 1, card, fail);
    target = { set: (t) => (card.answer = t || fail(card.line, NO_ANSWER)) };
  }
  if (fence) fail(fence.line, `the code block opened here with ${fence.fence} is never closed`);
  flush();
  if (deck.sections.length === 0) fail(header.bodyStart + 1, 'the deck has no sections (# Name {#id})');
  return deck;
}

type Fail = (line: number, reason: string) => never;

function parseHeader(lines: string[], fail: Fail) {
  if (lines[0]?.trim() !== '---') fail(1, 'a deck starts with a header between two "---" lines');
  const end = lines.indexOf('---', 1);
  if (end < 0) fail(1, 'the header is never closed with "---"');
  const values = new Map<string, string>();
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    const match = /^([a-z-]+):[ \t]*(.*)$/.exec(line);
    if (!match) fail(i + 1, `header lines are "key: value", not "${line}"`);
    const [, name, rawValue] = match as RegExpExecArray;
    values.set(name, parseHeaderValue(rawValue, i + 1, fail));
  }
  const required = (name: string) => values.get(name) ?? fail(2, `the header has no "${name}"`);
  const integer = (name: string) => {
    const value = required(name);
    if (!/^\d+$/.test(value)) fail(2, `"${name}" must be a whole number, not "${value}"`);
    return Number(value);
  };
  const formatVersion = integer('cue-deck');
  if (formatVersion !== 1) fail(2, `this Cue reads deck format 1, not ${formatVersion}`);
  const key = required('id');
  if (!ID.test(key)) fail(2, `deck id "${key}" may only hold lowercase letters, digits and "-"`);
  return {
    bodyStart: end + 1,
    fields: { formatVersion, key, name: required('name'), version: integer('version') },
    description: values.get('description') ?? '',
  };
}

function parseHeaderValue(raw: string, line: number, fail: Fail): string {
  const value = raw.trim();
  if (!value.startsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'string') return parsed;
  } catch {
    // reported below
  }
  return fail(line, `the quoted value ${value} is not a valid string`);
}

function parseAttributes(text: string, line: number, what: string, fail: Fail) {
  const match = matchAttributes(text);
  if (!match) return fail(line, `a ${what} heading needs a stable id at its end, like {#my-id}`);
  const [title, key, tagText] = match;
  if (!ID.test(key)) fail(line, `${what} id "${key}" may only hold lowercase letters, digits and "-"`);
  const tags = tagText
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((tag) => tag.slice(1));
  return { title: title.trim(), key, tags };
}

/** Reads `::: question` ... `:::` after a card heading with no text; returns the last line consumed. */
function readQuestionBlock(lines: string[], start: number, card: DeckCard, fail: Fail): number {
  let i = start;
  while (i < lines.length && !lines[i].trim()) i++;
  if (lines[i]?.trim() !== '::: question') {
    fail(i + 1, 'a card heading without a question must be followed by a "::: question" block');
  }
  const opened = i + 1;
  const question: string[] = [];
  let fence: OpenFence | null = null;
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j];
    if (fence && closesFence(line, fence)) fence = null;
    else if (!fence) fence = openFence(line, j + 1);
    if (!fence?.verbatim) {
      const kind = headingLike(line);
      if (kind && fence) fail(j + 1, insideBlockReason(kind, 'code block', fence.line, 'close that block first'));
      if (kind) fail(j + 1, insideBlockReason(kind, 'question block', opened, 'close that block with ":::" first'));
    }
    if (!fence && line.trim() === ':::') {
      card.question = trimBlankLines(question).join('\n');
      if (!card.question) fail(opened, 'the question block is empty');
      return j;
    }
    question.push(line);
  }
  if (fence) fail(fence.line, `the code block opened here with ${fence.fence} is never closed`);
  return fail(opened, 'the "::: question" block is never closed with ":::"');
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start].trim()) start++;
  while (end > start && !lines[end - 1].trim()) end--;
  return lines.slice(start, end);
}

/**
 * Writes a deck in Cue's format; parseDeck(writeDeck(d)) gives back the same content for any deck
 * parseDeck accepts (so every card has an answer; cue-deck-io writes an empty one as a verbatim block).
 */
export function writeDeck(deck: Omit<DeckFile, 'formatVersion'>): string {
  const out: string[] = [
    '---',
    'cue-deck: 1',
    `id: ${deck.key}`,
    `name: ${JSON.stringify(deck.name)}`,
    `version: ${deck.version}`,
    '---',
    '',
  ];
  if (deck.description) out.push(deck.description, '');
  for (const section of deck.sections) {
    out.push(`# ${oneLine(section.name)} {#${section.key}}`, '');
    if (section.description) out.push(section.description, '');
    for (const card of section.cards) {
      const attributes = [`#${card.key}`, ...card.tags.map((t) => `.${t}`)].join(' ');
      if (!card.question.includes('\n') && card.question.trim() === card.question && card.question) {
        out.push(`## ${card.question} {${attributes}}`, '');
      } else {
        out.push(`## {${attributes}}`, '', '::: question', card.question, ':::', '');
      }
      if (card.answer) out.push(card.answer, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
