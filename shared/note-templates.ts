/**
 * Anki's card template language, rendered as Anki renders it (after rslib/src/template.rs,
 * template_filters.rs and cloze.rs): `{{Field}}`, `{{#Field}}…{{/Field}}`, `{{^Field}}…{{/Field}}`,
 * filters chained right to left (`{{text:Field}}`, `{{cloze:Text}}`, `{{hint:Field}}`, `{{type:Field}}`,
 * `{{type:cloze:Text}}`, `{{tts …:Field}}`, `{{furigana:…}}`/`kana`/`kanji`, `{{cloze-only:…}}`), special
 * fields (FrontSide, Tags, Type, Deck, Subdeck, Card, CardFlag, CardID, c1…), HTML comments and the
 * legacy `{{=<% %>=}}` syntax. Both the core (Anki import, card generation) and the renderer (the note
 * editor's live preview) use it, so it imports nothing of either side.
 *
 * Where Cue's screens differ from Anki's webview, the card says so in `notes`:
 * - Cue shows the question above the answer, so the answer is what follows Anki's `<hr id=answer>`
 *   divider (or, without one, what follows the rendered question it starts with); scripts are dropped.
 * - The type box: the question renders nothing where `{{type:…}}` is (the study screen draws its own
 *   box from `typeAnswer`); the answer holds `<span class="type-answer-result"></span>` where Anki puts
 *   the comparison, for the study screen to fill (shared/type-answer-diff.ts).
 * - `{{hint:…}}` is a `<details class="hint">`, which opens by keyboard and needs no script.
 * - An unknown field or filter is no error: the card renders, and a note names what was left out.
 */
import { decodeEntities, markdownText } from './card-preview';

export class TemplateSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'field'; key: string; filters: string[] }
  | { kind: 'if' | 'unless'; key: string; children: Node[] };

export type ParsedTemplate = Node[];

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open' | 'negated' | 'close'; key: string }
  | { kind: 'field'; inner: string };

const ALT_SYNTAX = '{{=<% %>=}}';

function tokenize(source: string): Token[] {
  let text = source;
  let start = '{{';
  let end = '}}';
  if (text.trimStart().startsWith(ALT_SYNTAX)) {
    text = text.trimStart().slice(ALT_SYNTAX.length);
    start = '<%';
    end = '%>';
  }
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf(start, pos);
    const openEnd = open < 0 ? -1 : text.indexOf(end, open + start.length);
    const handlebar = open >= 0 && openEnd >= 0 ? open : -1;
    const commentStart = text.indexOf('<!--', pos);
    const commentEnd = commentStart < 0 ? -1 : text.indexOf('-->', commentStart + 4);
    const comment = commentStart >= 0 && commentEnd >= 0 ? commentStart : -1;
    const next = [handlebar, comment].filter((i) => i >= 0).sort((a, b) => a - b)[0];
    if (next === undefined) {
      tokens.push({ kind: 'text', text: text.slice(pos) });
      break;
    }
    if (next > pos) tokens.push({ kind: 'text', text: text.slice(pos, next) });
    if (next === comment && (handlebar < 0 || comment < handlebar)) {
      // Comments pass through untouched (handlebars inside them are not expanded); Cue drops them.
      pos = commentEnd + 3;
      continue;
    }
    tokens.push(classify(text.slice(open + start.length, openEnd)));
    pos = openEnd + end.length;
  }
  return tokens;
}

function classify(raw: string): Token {
  const inner = raw.replace(/^\{+/, '').trim();
  if (inner.length >= 2) {
    if (inner.startsWith('#')) return { kind: 'open', key: inner.slice(1).trim() };
    if (inner.startsWith('^')) return { kind: 'negated', key: inner.slice(1).trim() };
    if (inner.startsWith('/')) return { kind: 'close', key: inner.slice(1).trim() };
  }
  return { kind: 'field', inner };
}

/** Real templates nest a few sections deep; a hostile one could nest until the stack runs out. */
const MAX_SECTION_DEPTH = 100;

export function parseTemplate(source: string): ParsedTemplate {
  const tokens = tokenize(source);
  let index = 0;
  const parse = (openKey: string | null, depth = 0): Node[] => {
    if (depth > MAX_SECTION_DEPTH) {
      throw new TemplateSyntaxError(`sections are nested more than ${MAX_SECTION_DEPTH} deep`);
    }
    const nodes: Node[] = [];
    while (index < tokens.length) {
      const token = tokens[index++];
      switch (token.kind) {
        case 'text':
          nodes.push({ kind: 'text', text: token.text });
          break;
        case 'field': {
          const parts = token.inner.split(':');
          const key = (parts.pop() ?? '').trim();
          nodes.push({ kind: 'field', key, filters: parts.reverse().map((f) => f.trim()) });
          break;
        }
        case 'open':
        case 'negated':
          nodes.push({
            kind: token.kind === 'open' ? 'if' : 'unless',
            key: token.key,
            children: parse(token.key, depth + 1),
          });
          break;
        case 'close':
          if (openKey === token.key) return nodes;
          throw new TemplateSyntaxError(
            openKey === null
              ? `{{/${token.key}}} closes a section that was never opened`
              : `{{/${token.key}}} found where {{/${openKey}}} was expected`,
          );
      }
    }
    if (openKey !== null) throw new TemplateSyntaxError(`{{#${openKey}}} is never closed`);
    return nodes;
  };
  return parse(null);
}

/** The fields Anki fills in itself (FrontSide aside) when the note has none of that name. */
export const SPECIAL_FIELDS: ReadonlySet<string> = new Set([
  'FrontSide',
  'Tags',
  'Type',
  'Deck',
  'Subdeck',
  'Card',
  'CardFlag',
  'CardID',
]);

/** `{{#c2}}` asks whether this is card 2 of a cloze note; it names no field. */
function isClozeConditional(key: string): boolean {
  return /^c\d+$/.test(key);
}

/**
 * The note fields a template uses, in order of first use, each once: replacements and sections alike,
 * without special fields, `{{#c1}}`-style card conditions and the empty name of `{{tts …:}}`. For the
 * note-type editor's checks ("no field called X").
 */
export function fieldReferences(template: ParsedTemplate): string[] {
  const found = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.kind === 'text') continue;
      if (node.kind === 'field') {
        if (node.key !== '' && !SPECIAL_FIELDS.has(node.key)) found.add(node.key);
        continue;
      }
      if (!isClozeConditional(node.key) && !SPECIAL_FIELDS.has(node.key)) found.add(node.key);
      walk(node.children);
    }
  };
  walk(template);
  return [...found];
}

export interface SpecialFieldInfo {
  tags: readonly string[];
  /** The note type's name. */
  noteType: string;
  /** The card's deck, `Top::Sub` style (the original deck while the card is in a filtered deck). */
  deck: string;
  /** The card template's name. */
  cardName: string;
  /** The card's flag, 0 (none) to 7. */
  flag: number;
  cardId?: string;
}

/** A note's fields plus the special fields as Anki fills them, never replacing a note field of the same name. */
export function withSpecialFields(noteFields: Map<string, string>, info: SpecialFieldInfo): Map<string, string> {
  const fields = new Map(noteFields);
  const special: [string, string | undefined][] = [
    ['Tags', info.tags.join(' ')],
    ['Type', info.noteType],
    ['Deck', info.deck],
    ['Subdeck', info.deck.split('::').pop() ?? info.deck],
    ['Card', info.cardName],
    ['CardFlag', `flag${info.flag & 7}`],
    ['CardID', info.cardId],
  ];
  for (const [name, value] of special) if (value !== undefined && !fields.has(name)) fields.set(name, value);
  return fields;
}

/** True if the field counts as empty for `{{#Field}}`: only whitespace and empty `<br>`/`<div>` tags. */
export function fieldIsEmpty(text: string): boolean {
  return /^(?:\s|<\/?(?:br|div) ?\/?>)*$/i.test(text);
}

export interface CardRenderInput {
  /** Note fields by name, plus special fields (Tags, Type, Deck, …; see withSpecialFields). */
  fields: Map<string, string>;
  /** Template index (normal note types) or cloze number - 1 (cloze note types). */
  cardOrd: number;
  isCloze: boolean;
  /**
   * What the field values are: HTML (Anki's notes, the default) or Markdown (Cue's built-in note
   * types). Markdown values are inserted as written, for the Markdown renderer to render the whole side.
   */
  format?: 'html' | 'markdown';
}

export interface RenderedCard {
  question: string;
  answer: string;
  /** Set when the question side holds {{type:…}}: the expected text (HTML stripped, as Anki compares) and the field's name. */
  typeAnswer?: { field: string; expected: string };
  /** What Cue rendered differently from Anki, one line each, e.g. 'unknown filter "foo" on {{foo:Back}} left the text as it is'. */
  notes: string[];
}

/** Where the study screen puts the typed answer's comparison on the answer side. */
export const TYPE_ANSWER_RESULT = '<span class="type-answer-result"></span>';

type Side = 'question' | 'answer';

interface Context {
  fields: Map<string, string>;
  nonEmpty: Set<string>;
  cardOrd: number;
  side: Side;
  format: 'html' | 'markdown';
  /** The rendered question, once the answer is being rendered ({{FrontSide}}). */
  frontSide: string;
  typeAnswer: { field: string; expected: string } | undefined;
  /** How many {{type:…}} the question holds; Anki uses the first. */
  typeBoxes: number;
  notes: Set<string>;
}

/**
 * Renders one card, or returns null when Anki would show "the front of this card is blank" (a
 * normal template whose fields are all empty, or a cloze number no field holds).
 */
export function renderCard(qfmt: ParsedTemplate, afmt: ParsedTemplate, input: CardRenderInput): RenderedCard | null {
  const fields = new Map(input.fields);
  const clozeKey = `c${input.cardOrd + 1}`;
  if (!fields.has(clozeKey)) fields.set(clozeKey, '1');
  const nonEmpty = new Set([...fields].filter(([, value]) => !fieldIsEmpty(value)).map(([name]) => name));
  if (input.isCloze) {
    const numbers = new Set<number>();
    for (const value of input.fields.values()) for (const n of clozeNumbers(value)) numbers.add(n);
    if (!numbers.has(input.cardOrd + 1)) return null;
  } else if (templateIsEmpty(qfmt, nonEmpty)) {
    return null;
  }
  const ctx: Context = {
    fields,
    nonEmpty,
    cardOrd: input.cardOrd,
    side: 'question',
    format: input.format ?? 'html',
    frontSide: '',
    typeAnswer: undefined,
    typeBoxes: 0,
    notes: new Set(),
  };
  const question = renderNodes(qfmt, ctx);
  if (ctx.typeBoxes > 1)
    ctx.notes.add(`the question holds ${ctx.typeBoxes} {{type:…}} boxes; Anki and Cue use the first`);
  const answer = renderNodes(afmt, { ...ctx, side: 'answer', frontSide: question });
  const card: RenderedCard = {
    question: tidy(question),
    answer: tidy(answerPart(afmt, answer, question, ctx)),
    notes: [...ctx.notes],
  };
  if (ctx.typeAnswer) card.typeAnswer = ctx.typeAnswer;
  return card;
}

function templateIsEmpty(nodes: Node[], nonEmpty: Set<string>): boolean {
  for (const node of nodes) {
    if (node.kind === 'field') {
      if (nonEmpty.has(node.key)) return false;
    } else if (node.kind === 'if') {
      if (nonEmpty.has(node.key) && !templateIsEmpty(node.children, nonEmpty)) return false;
    } else if (node.kind === 'unless') {
      if (!nonEmpty.has(node.key) && !templateIsEmpty(node.children, nonEmpty)) return false;
    }
  }
  return true;
}

function renderNodes(nodes: Node[], ctx: Context): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'field':
        out += renderField(node.key, node.filters, ctx);
        break;
      case 'if':
      case 'unless':
        if (conditionHolds(node.key, ctx) === (node.kind === 'if')) out += renderNodes(node.children, ctx);
        break;
    }
  }
  return out;
}

function conditionHolds(key: string, ctx: Context): boolean {
  if (!ctx.fields.has(key) && !isClozeConditional(key)) {
    ctx.notes.add(`{{#${key}}}: the note has no field "${key}", so Cue takes it as empty (Anki shows an error)`);
  }
  return ctx.nonEmpty.has(key);
}

/** How the template spelled a replacement, for notes. */
function spelling(key: string, filters: string[]): string {
  return `{{${[...filters].reverse().concat(key).join(':')}}}`;
}

function renderField(key: string, filters: string[], ctx: Context): string {
  if (key === 'FrontSide') return ctx.side === 'answer' ? ctx.frontSide : '';
  // `{{tts en_US:}}` with no field: a filter that makes its own text, which Anki renders as nothing here
  if (key === '') return '';
  if (filters[filters.length - 1] === 'type') return typeBox(key, filters, ctx);
  const value = ctx.fields.get(key);
  if (value === undefined) {
    ctx.notes.add(
      `${spelling(key, filters)}: the note has no field "${key}", so Cue shows nothing (Anki shows an error)`,
    );
    return '';
  }
  let text = value;
  for (const filter of filters) text = applyFilter(filter, text, key, filters, ctx);
  return text;
}

function applyFilter(filter: string, text: string, key: string, filters: string[], ctx: Context): string {
  const markdown = ctx.format === 'markdown';
  switch (filter) {
    case '':
      // two colons in a row: Anki ignores the empty filter
      return text;
    case 'text':
      // Markdown holds no HTML to strip (raw HTML is off in Cue's Markdown)
      return markdown ? text : stripHtml(text);
    case 'hint':
      return hint(text, key, ctx);
    case 'cloze':
      return clozeFilter(text, ctx);
    case 'cloze-only':
      return clozeOnly(text, ctx.cardOrd + 1, ctx.side === 'question');
    case 'furigana':
      return ruby(text, (base, reading) => `<ruby><rb>${base}</rb><rt>${reading}</rt></ruby>`);
    case 'kanji':
      return ruby(text, (base) => base);
    case 'kana':
      return ruby(text, (_base, reading) => reading);
    default:
      if (filter.startsWith('tts ')) {
        ctx.notes.add(`${spelling(key, filters)}: Cue does not read text aloud, so it shows nothing there`);
        return '';
      }
      ctx.notes.add(`unknown filter "${filter}" on ${spelling(key, filters)} left the text as it is`);
      return text;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Anki hides the field behind a "show hint" link run by script; a <details> does that with none. */
function hint(text: string, field: string, ctx: Context): string {
  if (text.trim() === '') return text;
  if (ctx.format === 'markdown') {
    ctx.notes.add(`{{hint:${field}}}: a Markdown card shows the hint as it is, not behind a "${field}" link`);
    return text;
  }
  return `<details class="hint"><summary>${escapeHtml(field)}</summary>${text}</details>`;
}

/** `{{type:Field}}`, `{{type:cloze:Text}}`: the box and the answer's comparison (see the file's comment). */
function typeBox(key: string, filters: string[], ctx: Context): string {
  if (ctx.side === 'answer') return ctx.typeAnswer ? TYPE_ANSWER_RESULT : '';
  ctx.typeBoxes++;
  if (ctx.typeBoxes > 1) return '';
  const value = ctx.fields.get(key);
  if (value === undefined) {
    ctx.notes.add(`${spelling(key, filters)}: the note has no field "${key}", so there is no box to type in`);
    return '';
  }
  const cloze = filters.length > 1 && filters[0] === 'cloze';
  if (filters.length > 1 && filters[0] === 'nc') {
    ctx.notes.add(`${spelling(key, filters)}: Cue compares the typed answer with its combining marks (accents)`);
  } else if (filters.length > 1 && !cloze) {
    ctx.notes.add(`${spelling(key, filters)}: Anki and Cue ignore the filters before "type"`);
  }
  const source = cloze ? clozeForTyping(value, ctx.cardOrd + 1) : value;
  const expected = ctx.format === 'markdown' ? markdownText(source).replace(/\s+/g, ' ').trim() : typingText(source);
  // an empty field asks for nothing to be typed, so Anki shows no box
  if (expected !== '') ctx.typeAnswer = { field: key, expected };
  return '';
}

const LINEBREAKS = /(?:\n|<br\s?\/?>|<\/?div>)+/gi;
const AV_TAGS = /\[sound:.+?\]|\[anki:tts[^\]]*\][\s\S]*?\[\/anki:tts\]/g;

/** The text Anki compares a typed answer with: no media, line breaks as spaces, no HTML, entities decoded. */
function typingText(html: string): string {
  const text = stripHtml(html.replace(AV_TAGS, '').replace(LINEBREAKS, ' '));
  return decodeEntities(text).replaceAll('\u00a0', ' ').trim();
}

const FURIGANA = / ?([^ >]+?)\[(.+?)\]/g;

function ruby(text: string, replace: (base: string, reading: string) => string): string {
  return text
    .replaceAll('&nbsp;', ' ')
    .replace(FURIGANA, (match, base: string, reading: string) =>
      reading.startsWith('sound:') ? match : replace(base, reading),
    );
}

export function stripHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '');
}

const ANSWER_DIVIDER = /<hr\b[^>]*\bid\s*=\s*["']?answer\b["']?[^>]*>/i;

/**
 * Anki's answer usually repeats the question above `<hr id=answer>`; Cue shows only what follows it.
 * Without the divider, an answer that starts with {{FrontSide}} shows the rest; one with {{FrontSide}}
 * further in (inside a <div>, say) shows the rest of it, since the question is above it already.
 */
function answerPart(afmt: ParsedTemplate, answer: string, question: string, ctx: Context): string {
  const match = ANSWER_DIVIDER.exec(answer);
  if (match) return answer.slice(match.index + match[0].length);
  const without = renderNodes(afmt, { ...ctx, side: 'answer', frontSide: '' });
  if (without === answer) return answer;
  const front = question.trim();
  const trimmed = answer.trimStart();
  if (trimmed.startsWith(front)) return trimmed.slice(front.length);
  ctx.notes.add('{{FrontSide}} is left out of the answer: Cue shows the question above it');
  return without;
}

function tidy(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').trim();
}

// Clozes
// ----------------------------------------

type ClozeNode = string | Cloze;

interface Cloze {
  /** `{{c1,3::…}}` is one deletion on cards 1 and 3. */
  ordinals: number[];
  nodes: ClozeNode[];
  hint: string | null;
}

const CLOZE_TOKEN = /\{\{c([\d,]+)::|\}\}/g;
/** Anki ignores clozes nested deeper than this. */
const MAX_CLOZE_DEPTH = 10;
const IMAGE_OCCLUSION = 'image-occlusion:';

interface ParsedClozes {
  nodes: ClozeNode[];
  /** Opening markers never closed, which Cue shows as text (Anki drops them and their text). */
  unclosed: number;
}

/** The ordinals of `{{c1,2::`, as Anki reads them: numbers, deduplicated and sorted; none means no cloze. */
function ordinalsOf(list: string): number[] {
  const numbers = list
    .split(',')
    .filter((s) => s !== '')
    .map(Number)
    .filter((n) => n <= 65535);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** Parses `{{c1::text::hint}}` deletions, nested ones included (as Anki 2.1.56+ does). */
function parseClozes(text: string): ParsedClozes {
  const output: ClozeNode[] = [];
  const open: Cloze[] = [];
  /** Opening markers, kept so an unclosed cloze can be shown as the text it was. */
  const openMarkers: string[] = [];
  const pushText = (chunk: string) => {
    if (!chunk) return;
    const current = open[open.length - 1];
    if (!current) {
      output.push(chunk);
      return;
    }
    const hintAt = chunk.startsWith(IMAGE_OCCLUSION) ? -1 : chunk.indexOf('::');
    if (hintAt >= 0) {
      current.hint = chunk.slice(hintAt + 2);
      current.nodes.push(chunk.slice(0, hintAt));
    } else {
      current.nodes.push(chunk);
    }
  };
  let pos = 0;
  for (const match of text.matchAll(CLOZE_TOKEN)) {
    const ordinals = match[1] === undefined ? null : ordinalsOf(match[1]);
    if (ordinals?.length === 0) continue;
    pushText(text.slice(pos, match.index));
    pos = match.index + match[0].length;
    if (ordinals) {
      if (open.length < MAX_CLOZE_DEPTH) {
        open.push({ ordinals, nodes: [], hint: null });
        openMarkers.push(match[0]);
      }
    } else {
      const cloze = open.pop();
      openMarkers.pop();
      if (!cloze) output.push('}}');
      else (open[open.length - 1]?.nodes ?? output).push(cloze);
    }
  }
  pushText(text.slice(pos));
  const unclosed = open.length;
  while (open.length) {
    const cloze = open.pop() as Cloze;
    const marker = openMarkers.pop() ?? '';
    const flat = [marker, ...cloze.nodes.map(clozedText)].join('') + (cloze.hint !== null ? `::${cloze.hint}` : '');
    (open[open.length - 1]?.nodes ?? output).push(flat);
  }
  return { nodes: output, unclosed };
}

function clozedText(node: ClozeNode): string {
  return typeof node === 'string' ? node : node.nodes.map(clozedText).join('');
}

function isOcclusionCloze(cloze: Cloze): boolean {
  return typeof cloze.nodes[0] === 'string' && cloze.nodes[0].startsWith(IMAGE_OCCLUSION);
}

/** True if cloze `ordinal` in `text` is an Image Occlusion mask (`{{c1::image-occlusion:rect:…}}`). */
export function isImageOcclusion(text: string, ordinal: number): boolean {
  for (const match of text.matchAll(/\{\{c([\d,]+)::image-occlusion:/g)) {
    if (ordinalsOf(match[1]).includes(ordinal)) return true;
  }
  return false;
}

/** The cloze numbers (1-based, 0 excluded) a field holds. */
export function clozeNumbers(text: string): Set<number> {
  const numbers = new Set<number>();
  const walk = (nodes: ClozeNode[]) => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      for (const n of node.ordinals) if (n !== 0) numbers.add(n);
      walk(node.nodes);
    }
  };
  walk(parseClozes(text).nodes);
  return numbers;
}

/** htmlescape's encode_attribute, which Anki uses for data-cloze: every ASCII character but letters and digits. */
function encodeAttribute(text: string): string {
  const named: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' };
  return text.replace(
    /[\0-/:-@[-`{-\x7f]/g,
    (c) => named[c] ?? `&#x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')};`,
  );
}

interface RevealResult {
  html: string;
  /** True when the field holds the card's cloze at all. */
  found: boolean;
  occlusions: number;
  unclosed: number;
}

function reveal(text: string, ordinal: number, question: boolean): RevealResult {
  const parsed = parseClozes(text);
  const result: RevealResult = { html: '', found: false, occlusions: 0, unclosed: parsed.unclosed };
  const render = (nodes: ClozeNode[]): string => {
    let out = '';
    for (const node of nodes) out += typeof node === 'string' ? node : renderCloze(node);
    return out;
  };
  const renderCloze = (cloze: Cloze): string => {
    const active = cloze.ordinals.includes(ordinal);
    result.found ||= active;
    const ordinals = cloze.ordinals.join(',');
    if (isOcclusionCloze(cloze)) {
      // the mask is drawn over the image by Anki's script, which Cue doesn't have
      result.occlusions++;
      return '';
    }
    const inner = render(cloze.nodes);
    if (!active) return `<span class="cloze-inactive" data-ordinal="${ordinals}">${inner}</span>`;
    if (!question) return `<span class="cloze" data-ordinal="${ordinals}">${inner}</span>`;
    return `<span class="cloze" data-cloze="${encodeAttribute(inner)}" data-ordinal="${ordinals}">[${cloze.hint ?? '...'}]</span>`;
  };
  result.html = render(parsed.nodes);
  return result;
}

/**
 * The `{{cloze:}}` filter: the active cloze becomes `[...]` (or `[hint]`) on the question and its text
 * on the answer, both in `<span class="cloze">`; other clozes show their text in `<span
 * class="cloze-inactive">`. Empty when the field doesn't hold the active cloze. Image Occlusion masks
 * (drawn by Anki's script) render empty.
 */
export function revealCloze(text: string, ordinal: number, question: boolean): string {
  const result = reveal(text, ordinal, question);
  return result.found ? result.html : '';
}

const MATHJAX = /(\\[([])([\s\S]*?)(\\[)\]])/gi;

function clozeFilter(text: string, ctx: Context): string {
  const result = reveal(text, ctx.cardOrd + 1, ctx.side === 'question');
  if (result.unclosed) {
    ctx.notes.add(`a cloze is opened and never closed ("{{c…::" without "}}"); Cue shows its text, Anki drops it`);
  }
  if (result.occlusions) ctx.notes.add('Image Occlusion masks are left out: Cue cannot draw them over the image');
  if (!result.found) return '';
  if (ctx.format === 'markdown') return result.html;
  // as Anki: markup inside \( \) or \[ \] (the cloze spans among it) would break the formula
  return result.html.replace(MATHJAX, (_m, open: string, inner: string, close: string) =>
    [open, stripHtml(inner), close].join(''),
  );
}

/** The active clozes' text (or hints), as Anki's cloze-only and type:cloze walk them. */
function activeClozeTexts(text: string, ordinal: number, question: boolean): string[] {
  const parts: string[] = [];
  const walk = (nodes: ClozeNode[]) => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      if (node.ordinals.includes(ordinal)) parts.push(question ? (node.hint ?? '...') : clozedText(node));
      walk(node.nodes);
    }
  };
  walk(parseClozes(text).nodes);
  return parts;
}

/** The `{{cloze-only:}}` filter: just the active clozes' text (or hints), comma-separated. */
export function clozeOnly(text: string, ordinal: number, question: boolean): string {
  return activeClozeTexts(text, ordinal, question).join(', ');
}

/** What `{{type:cloze:}}` expects: the active clozes' text, comma-joined, once when they all say the same. */
function clozeForTyping(text: string, ordinal: number): string {
  const parts = activeClozeTexts(text, ordinal, false);
  return new Set(parts).size === 1 ? parts[0] : parts.join(', ');
}
