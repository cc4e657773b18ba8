/**
 * Anki's card template language, as far as real decks use it (after rslib/src/template.rs,
 * template_filters.rs and cloze.rs): `{{Field}}`, `{{#Field}}…{{/Field}}`, `{{^Field}}…{{/Field}}`,
 * filters chained right to left (`{{text:Field}}`, `{{cloze:Text}}`, `{{hint:Field}}`, `{{type:Field}}`,
 * `{{tts …:Field}}`, `{{furigana:…}}`/`kana`/`kanji`, `{{cloze-only:…}}`), special fields (FrontSide,
 * Tags, Type, Deck, Subdeck, Card, CardFlag, c1…), HTML comments and the legacy `{{=<% %>=}}` syntax.
 *
 * Cue shows a card's question above its answer, so the answer is what Anki shows after its
 * `<hr id=answer>` divider, and `{{FrontSide}}` renders empty there; scripts are dropped.
 */

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

/** True if the field counts as empty for `{{#Field}}`: only whitespace and empty `<br>`/`<div>` tags. */
export function fieldIsEmpty(text: string): boolean {
  return /^(?:\s|<\/?(?:br|div) ?\/?>)*$/i.test(text);
}

export interface CardRenderInput {
  /** Note fields by name, plus special fields (Tags, Type, Deck, …) that don't clobber them. */
  fields: Map<string, string>;
  /** Template index (normal note types) or cloze number - 1 (cloze note types). */
  cardOrd: number;
  isCloze: boolean;
}

export interface RenderedCard {
  question: string;
  answer: string;
}

type Side = 'question' | 'answer';

interface Context {
  fields: Map<string, string>;
  nonEmpty: Set<string>;
  cardOrd: number;
  side: Side;
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
  const question = renderNodes(qfmt, { fields, nonEmpty, cardOrd: input.cardOrd, side: 'question' });
  const answer = renderNodes(afmt, { fields, nonEmpty, cardOrd: input.cardOrd, side: 'answer' });
  return { question: tidy(question), answer: tidy(afterAnswerDivider(answer)) };
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
        if (ctx.nonEmpty.has(node.key)) out += renderNodes(node.children, ctx);
        break;
      case 'unless':
        if (!ctx.nonEmpty.has(node.key)) out += renderNodes(node.children, ctx);
        break;
    }
  }
  return out;
}

function renderField(key: string, filters: string[], ctx: Context): string {
  // Cue shows the question above the answer, so the answer side doesn't repeat it.
  if (key === 'FrontSide') return '';
  if (key === '' || filters.some((f) => f.startsWith('tts'))) return '';
  const value = ctx.fields.get(key);
  if (value === undefined) return '';
  if (filters[filters.length - 1] === 'type') {
    // Anki shows a typing box on the front and the correct answer on the back; a cloze being
    // typed is already shown by the {{cloze:}} next to it.
    if (ctx.side === 'question' || filters.includes('cloze')) return '';
    return stripHtml(value);
  }
  let text = value;
  for (const filter of filters) text = applyFilter(filter, text, ctx);
  return text;
}

function applyFilter(filter: string, text: string, ctx: Context): string {
  switch (filter) {
    case 'text':
      return stripHtml(text);
    case 'hint':
      // Anki hides the field behind a "show hint" link; Cue shows it as it is.
      return text;
    case 'cloze':
      return revealCloze(text, ctx.cardOrd + 1, ctx.side === 'question');
    case 'cloze-only':
      return clozeOnly(text, ctx.cardOrd + 1, ctx.side === 'question');
    case 'furigana':
      return ruby(text, (base, reading) => `<ruby><rb>${base}</rb><rt>${reading}</rt></ruby>`);
    case 'kanji':
      return ruby(text, (base) => base);
    case 'kana':
      return ruby(text, (_base, reading) => reading);
    default:
      // Unknown (add-on) filters leave the text as it is.
      return text;
  }
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

/** Anki's answer repeats the question above `<hr id=answer>`; Cue shows only what follows it. */
function afterAnswerDivider(answer: string): string {
  const match = ANSWER_DIVIDER.exec(answer);
  return match ? answer.slice(match.index + match[0].length) : answer;
}

function tidy(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').trim();
}

// Clozes
// ----------------------------------------

type ClozeNode = string | Cloze;

interface Cloze {
  ordinal: number;
  nodes: ClozeNode[];
  hint: string | null;
}

const CLOZE_TOKEN = /\{\{c(\d+)::|\}\}/g;
/** Anki ignores clozes nested deeper than this. */
const MAX_CLOZE_DEPTH = 10;

/** Parses `{{c1::text::hint}}` deletions, nested ones included (as Anki 2.1.56+ does). */
function parseClozes(text: string): ClozeNode[] {
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
    const hintAt = chunk.indexOf('::');
    if (hintAt >= 0) {
      current.hint = chunk.slice(hintAt + 2);
      current.nodes.push(chunk.slice(0, hintAt));
    } else {
      current.nodes.push(chunk);
    }
  };
  let pos = 0;
  for (const match of text.matchAll(CLOZE_TOKEN)) {
    pushText(text.slice(pos, match.index));
    pos = match.index + match[0].length;
    if (match[1] !== undefined) {
      if (open.length < MAX_CLOZE_DEPTH) {
        open.push({ ordinal: Number(match[1]), nodes: [], hint: null });
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
  // Unclosed clozes: Anki drops them; showing their text loses less.
  while (open.length) {
    const cloze = open.pop() as Cloze;
    const marker = openMarkers.pop() ?? '';
    const flat = [marker, ...cloze.nodes.map(clozedText)].join('') + (cloze.hint !== null ? `::${cloze.hint}` : '');
    (open[open.length - 1]?.nodes ?? output).push(flat);
  }
  return output;
}

function clozedText(node: ClozeNode): string {
  return typeof node === 'string' ? node : node.nodes.map(clozedText).join('');
}

function isOcclusionCloze(cloze: Cloze): boolean {
  return typeof cloze.nodes[0] === 'string' && cloze.nodes[0].startsWith('image-occlusion:');
}

/** True if cloze `ordinal` in `text` is an Image Occlusion mask (`{{c1::image-occlusion:rect:…}}`). */
export function isImageOcclusion(text: string, ordinal: number): boolean {
  for (const match of text.matchAll(/\{\{c(\d+)::image-occlusion:/g)) if (Number(match[1]) === ordinal) return true;
  return false;
}

/** The cloze numbers (1-based, 0 excluded) a field holds. */
export function clozeNumbers(text: string): Set<number> {
  const numbers = new Set<number>();
  const walk = (nodes: ClozeNode[]) => {
    for (const node of nodes) {
      if (typeof node === 'string' || node.ordinal === 0) continue;
      numbers.add(node.ordinal);
      walk(node.nodes);
    }
  };
  walk(parseClozes(text));
  return numbers;
}

/**
 * The `{{cloze:}}` filter: the active cloze becomes `[...]` (or `[hint]`) on the question and
 * `<span class="cloze">text</span>` on the answer; other clozes show their text. Empty when the
 * field doesn't hold the active cloze. Image Occlusion masks (drawn by Anki's script) render empty.
 */
export function revealCloze(text: string, ordinal: number, question: boolean): string {
  let found = false;
  const render = (nodes: ClozeNode[]): string => {
    let out = '';
    for (const node of nodes) {
      if (typeof node === 'string') {
        out += node;
        continue;
      }
      const active = node.ordinal === ordinal;
      found ||= active;
      if (isOcclusionCloze(node)) continue;
      const inner = render(node.nodes);
      if (!active) out += inner;
      else if (question) out += `<span class="cloze">[${node.hint ?? '...'}]</span>`;
      else out += `<span class="cloze">${inner}</span>`;
    }
    return out;
  };
  const out = render(parseClozes(text));
  return found ? out : '';
}

/** The `{{cloze-only:}}` filter: just the active clozes' text (or hints), comma-separated. */
export function clozeOnly(text: string, ordinal: number, question: boolean): string {
  const parts: string[] = [];
  const walk = (nodes: ClozeNode[]) => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      if (node.ordinal === ordinal) parts.push(question ? (node.hint ?? '...') : clozedText(node));
      walk(node.nodes);
    }
  };
  walk(parseClozes(text));
  return parts.join(', ');
}
