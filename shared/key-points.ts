/**
 * An answer's key points: what the checklist after the reveal asks about. From a `::: points` block
 * when the answer has one (docs/deck-format.md); else from labelled paragraphs (**Situation:** ...
 * **Result:**), one point per label; else from the top-level list items, labelled by their bold lead
 * or their first words. Imported HTML cards: their top-level <li> items. Code is never a point.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { keyPointsBlock } from './key-points-markdown';

export interface KeyPoint {
  /** Stable within the card while its label stays: a slug of the label, numbered when two share one. */
  id: string;
  label: string;
  /** What the point says beyond its label, as plain text. */
  text: string;
}

/** A label made of an item's first words takes at most this many. */
const LABEL_WORDS = 6;
/** A plain lead before a colon ("Time Complexity: O(n)") is a label when it is this short. */
const LEAD_WORDS = 4;
/** Paragraphs with a bold label it takes for an answer to be read as labelled paragraphs. */
const MIN_LABELLED = 2;

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
keyPointsBlock(md);

export function extractKeyPoints(answer: string, format: 'markdown' | 'html'): KeyPoint[] {
  const raw = format === 'html' ? htmlPoints(answer) : markdownPoints(md.parse(answer, {}));
  return withIds(raw.filter((point) => point.label !== ''));
}

type RawPoint = Omit<KeyPoint, 'id'>;

/** The tokens of each level-0 `::: points` block, or the whole answer when it has none. */
function markdownPoints(tokens: Token[]): RawPoint[] {
  const blocks: RawPoint[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'key_points_open' || tokens[i].level !== 0) continue;
    const end = closeOf(tokens, i);
    blocks.push(pointsOf(tokens.slice(i + 1, end), 1));
    i = end;
  }
  return blocks.length > 0 ? blocks.flat() : pointsOf(tokens, 0);
}

function pointsOf(tokens: Token[], level: number): RawPoint[] {
  const top = topBlocks(tokens, level);
  const labelled = top.filter((block) => block.inline && labelOf(block.inline)?.bold);
  return labelled.length >= MIN_LABELLED ? labelledParagraphs(top) : listItems(top);
}

interface Block {
  kind: 'paragraph' | 'list' | 'other';
  /** A paragraph's inline token. */
  inline: Token | null;
  /** A list's items, each as its tokens. */
  items: Token[][];
}

/** The blocks at `level`: paragraphs, lists (with their items) and the rest (code, headings...). */
function topBlocks(tokens: Token[], level: number): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.level !== level || token.nesting === -1) continue;
    const end = token.nesting === 1 ? closeOf(tokens, i) : i;
    const inner = tokens.slice(i + 1, end);
    if (token.type === 'paragraph_open') blocks.push({ kind: 'paragraph', inline: inner[0] ?? null, items: [] });
    else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      blocks.push({ kind: 'list', inline: null, items: itemsOf(inner, level + 1) });
    } else blocks.push({ kind: 'other', inline: null, items: [] });
    i = end;
  }
  return blocks;
}

function itemsOf(tokens: Token[], level: number): Token[][] {
  const items: Token[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'list_item_open' || tokens[i].level !== level) continue;
    const end = closeOf(tokens, i);
    items.push(tokens.slice(i + 1, end));
    i = end;
  }
  return items;
}

/** The index of the token closing the one opened at `open`. */
function closeOf(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i].nesting;
    if (depth === 0) return i;
  }
  return tokens.length;
}

function listItems(blocks: Block[]): RawPoint[] {
  return blocks.flatMap((block) => block.items.map(itemPoint));
}

/** An item: its first paragraph's label, and everything it says (nested items too) as its text. */
function itemPoint(item: Token[]): RawPoint {
  const inlines = item.filter((token) => token.type === 'inline');
  const first = inlines[0];
  const rest = inlines.slice(1).map((token) => plainText(token.children ?? []));
  const lead = first ? labelOf(first) : null;
  if (lead) return { label: lead.label, text: joinText([lead.rest, ...rest]) };
  const text = joinText([first ? plainText(first.children ?? []) : '', ...rest]);
  return labelledByWords(text);
}

/** An item without a lead is labelled by its first words; its text is all of it, unless the label is. */
function labelledByWords(text: string): RawPoint {
  const label = firstWords(text);
  return { label, text: label === text ? '' : text };
}

/** All an item says, nested items too. */
function itemText(item: Token[]): string {
  return joinText(item.filter((token) => token.type === 'inline').map((token) => plainText(token.children ?? [])));
}

/** Each labelled paragraph starts a point; what follows it (its bullets) up to the next label is its text. */
function labelledParagraphs(blocks: Block[]): RawPoint[] {
  const points: RawPoint[] = [];
  for (const block of blocks) {
    const lead = block.kind === 'paragraph' && block.inline ? labelOf(block.inline) : null;
    if (lead?.bold) points.push({ label: lead.label, text: lead.rest });
    const current = points.at(-1);
    if (!current || lead?.bold) continue;
    const said = block.kind === 'paragraph' && block.inline ? [plainText(block.inline.children ?? [])] : [];
    const items = block.items.map(itemText);
    current.text = joinText([current.text, ...said, ...items]);
  }
  return points;
}

/**
 * A paragraph's label: a bold lead (`**Label:** text`, `**Label**: text`, or a bold item on its own),
 * or a short plain lead before a colon; with the text after it.
 */
function labelOf(inline: Token): { label: string; rest: string; bold: boolean } | null {
  const children = (inline.children ?? []).filter((child, index) => index > 0 || child.content !== '');
  if (children[0]?.type === 'strong_open') {
    const close = children.findIndex((child) => child.type === 'strong_close');
    const label = plainText(children.slice(1, close));
    let rest = plainText(children.slice(close + 1));
    const colon = label.endsWith(':') || rest.startsWith(':');
    if (rest.startsWith(':')) rest = rest.slice(1).trim();
    // in a paragraph only `**Label:**` labels; a list item's bold lead does without the colon
    return { label: label.replace(/:$/, '').trim(), rest, bold: colon || rest === '' || inline.level > 1 };
  }
  const text = plainText(children);
  const colon = text.indexOf(': ');
  const lead = colon > 0 ? text.slice(0, colon) : '';
  if (!lead || lead.split(/\s+/).length > LEAD_WORDS) return null;
  return { label: lead.trim(), rest: text.slice(colon + 1).trim(), bold: false };
}

/** The words a reader sees: text, inline code, line breaks as spaces; emphasis marks dropped. */
function plainText(children: Token[]): string {
  return children
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content;
      return child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : '';
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parts of a text joined by semicolons; after a part ending in a colon ("I:") by a space. */
function joinText(parts: string[]): string {
  let joined = '';
  for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
    joined = joined === '' ? part : `${joined}${joined.endsWith(':') ? ' ' : '; '}${part}`;
  }
  return joined;
}

function firstWords(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > LABEL_WORDS ? `${words.slice(0, LABEL_WORDS).join(' ')}…` : words.join(' ');
}

/** Ids from the labels: lowercase words joined by dashes, numbered from 2 when a label repeats. */
function withIds(points: RawPoint[]): KeyPoint[] {
  const used = new Set<string>();
  return points.map((point) => {
    const base = slug(point.label) || 'point';
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { id, ...point };
  });
}

const SLUG_LENGTH = 40;

/** Up to 40 characters, cut at a dash so no word is left half. */
function slug(label: string): string {
  const full = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= SLUG_LENGTH) return full;
  const cut = full.slice(0, SLUG_LENGTH + 1).lastIndexOf('-');
  return (cut > 0 ? full.slice(0, cut) : full.slice(0, SLUG_LENGTH)).replace(/-+$/, '');
}

const LIST_TAG = /<(\/?)(ul|ol|li)\b[^>]*>/gi;

/** The top-level <li> items of imported HTML, each labelled by its bold lead or first words. */
function htmlPoints(html: string): RawPoint[] {
  const items: string[] = [];
  let depth = 0;
  let start = -1;
  for (const match of html.matchAll(LIST_TAG)) {
    const closing = match[1] === '/';
    const tag = match[2].toLowerCase();
    if (tag !== 'li') depth += closing ? -1 : 1;
    else if (!closing && depth === 1) start = (match.index ?? 0) + match[0].length;
    else if (closing && depth === 1 && start >= 0) {
      items.push(html.slice(start, match.index));
      start = -1;
    }
  }
  return items.map(htmlItem);
}

function htmlItem(inner: string): RawPoint {
  const bold = /^\s*<(b|strong)\b[^>]*>([\s\S]*?)<\/\1>/i.exec(inner);
  if (bold) {
    const label = htmlText(bold[2]).replace(/:$/, '').trim();
    const rest = htmlText(inner.slice(bold[0].length)).replace(/^:\s*/, '');
    return { label, text: rest };
  }
  return labelledByWords(htmlText(inner));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Tags dropped, the common entities decoded, spaces folded. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
