/**
 * A card side as one line of plain text, for lists (the browser, `cue search`, statistics, readiness,
 * mock summaries): what a person reads on the card, never its HTML or Markdown source.
 *
 * HTML (imported cards): the text content. Tags go, `<br>` and the ends of block elements (p, div, li,
 * headings, table cells…) become spaces, `<script>`, `<style>` and comments go with their content, an image
 * becomes its alt text (or nothing), `[sound:…]` goes, entities are decoded (numeric ones and the common
 * named ones; an unknown name stays as written). A cloze reads as the side shows it: the rendered question
 * holds `[...]` (or `[hint]`), the answer the hidden text; raw `{{c1::text::hint}}` markup reads as `text`.
 * Markdown (Cue's cards): the text without its syntax (emphasis, code marks, headings, list marks, links
 * keep their text, images their alt text); `$math$` stays as written, dollars included.
 * Nothing is executed or rendered: a hand-written tokenizer reads the HTML, markdown-it only parses.
 * The result is text: whoever shows it as HTML escapes it.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { HTML_ENTITIES } from './html-entities';

export type CardFormat = 'markdown' | 'html';

/** Long enough for any list cell; the cells cut the rest with an ellipsis. */
export const PREVIEW_MAX_LENGTH = 200;

export function cardPreview(text: string, format: CardFormat, maxLength = PREVIEW_MAX_LENGTH): string {
  const plain = format === 'html' ? htmlText(text) : markdownText(text);
  return truncate(collapse(withoutClozeMarkup(plain)), maxLength);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cut at a word boundary where there is one near the end, with an ellipsis. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength * 0.7 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const CLOZE = /\{\{c\d+::((?:(?!\{\{|\}\}).)*?)(?:::(?:(?!\{\{|\}\}).)*?)?\}\}/gs;

/** `{{c1::text::hint}}` -> `text`, innermost first so nested clozes unwrap too. */
function withoutClozeMarkup(text: string): string {
  let previous = '';
  let current = text;
  while (current !== previous) {
    previous = current;
    current = current.replace(CLOZE, '$1');
  }
  return current;
}

// ---------------------------------------------------------------------------------------------------
// HTML

/** Elements whose end separates words: `a</div>b` reads as "a b", `a</b>b` as "ab". */
const BLOCK = new Set(
  (
    'address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);
/** Elements whose content is not text a person reads. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'title', 'head', 'textarea', 'select']);

const NAMED: Readonly<Record<string, string>> = {
  ...HTML_ENTITIES,
  // invisible in a one-line preview, or a plain space there
  nbsp: ' ',
  shy: '',
  zwj: '',
  zwnj: '',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  zwsp: '',
  minus: '−',
  lArr: '⇐',
  hArr: '⇔',
  isin: '∈',
  omega: 'ω',
};

/** Decodes character references; an invalid number becomes U+FFFD, an unknown name stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g,
    (whole, dec, hex, name) => {
      if (name !== undefined) return NAMED[name] ?? whole;
      const code = dec !== undefined ? Number(dec) : Number.parseInt(hex, 16);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '\uFFFD';
    },
  );
}

interface Tag {
  name: string;
  closing: boolean;
  /** The raw attribute text, for an image's alt. */
  attributes: string;
  /** Index just past the tag's `>` (or the end of the input for an unclosed one). */
  end: number;
}

/** The tag starting at `start` (a `<`), or null when the `<` is just a character. */
function readTag(html: string, start: number): Tag | null {
  const head = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(start, start + 64));
  if (!head) return null;
  // scan to the `>` that is not inside a quoted attribute value
  let quote: string | null = null;
  let i = start + head[0].length;
  for (; i < html.length; i++) {
    const char = html[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      break;
    }
  }
  return {
    name: head[2].toLowerCase(),
    closing: head[1] === '/',
    attributes: html.slice(start + head[0].length, i),
    end: Math.min(i + 1, html.length),
  };
}

function altText(attributes: string): string {
  const alt = /(?:^|\s)alt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes);
  return alt ? decodeEntities(alt[1] ?? alt[2] ?? alt[3] ?? '') : '';
}

/** Where the content of a hidden element (`<script>…`) ends: past its closing tag, or the end. */
function skipHidden(html: string, name: string, from: number): number {
  const close = new RegExp(`</${name}\\s*>`, 'i').exec(html.slice(from));
  return close ? from + close.index + close[0].length : html.length;
}

/** The text content of an HTML fragment, words kept apart where blocks end. */
export function htmlText(html: string): string {
  const out: string[] = [];
  let text = 0;
  let i = 0;
  const flush = (to: number) => {
    if (to > text) out.push(decodeEntities(html.slice(text, to)));
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      flush(lt);
      const close = html.indexOf('-->', lt + 4);
      i = text = close < 0 ? html.length : close + 3;
      continue;
    }
    if (/^<[!?]/.test(html.slice(lt, lt + 2))) {
      // a doctype or processing instruction: not text
      flush(lt);
      const close = html.indexOf('>', lt);
      i = text = close < 0 ? html.length : close + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      i = lt + 1;
      continue;
    }
    flush(lt);
    if (tag.name === 'img' && !tag.closing) out.push(` ${altText(tag.attributes)} `);
    else if (BLOCK.has(tag.name)) out.push(' ');
    i = text = !tag.closing && HIDDEN.has(tag.name) ? skipHidden(html, tag.name, tag.end) : tag.end;
  }
  flush(html.length);
  return out.join('').replace(/\[sound:[^\]]*\]/g, ' ');
}

// ---------------------------------------------------------------------------------------------------
// Markdown

// Raw HTML off, as Cue renders cards: `<b>` in a Markdown card is the text it shows.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

function inlineText(tokens: Token[]): string {
  let out = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code_inline' || token.type === 'text_special') out += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') out += ' ';
    else if (token.type === 'image') out += ` ${inlineText(token.children ?? [])} `;
  }
  return out;
}

/** The text of a Markdown card, without its syntax. */
export function markdownText(markdown: string): string {
  const out: string[] = [];
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'inline') out.push(inlineText(token.children ?? []));
    else if (token.type === 'fence' || token.type === 'code_block') out.push(` ${token.content} `);
    else if (token.block && token.nesting === -1) out.push(' ');
  }
  return out.join('');
}
