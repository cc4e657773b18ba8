/**
 * A note type's CSS, made to style its card and nothing else. Anki shows a card as a page of its own
 * (`html > body.card`), so a note type's CSS says `.card`, `body`, `*` and means the card; in Cue the
 * card sits inside Cue's page. The CSS is parsed here (the tokenizer and block rules of CSS Syntax 3,
 * as the browser applies them), and written again as one `@scope` whose root is the card's element:
 * - `body`, `html` and `:root` become the card's root (`:scope`), what stood above them is dropped;
 * - every other part of a selector may match only the root or what is inside it, so no combinator
 *   (`.card ~ *`, `.card + p`) reaches a sibling;
 * - `@import`, `@charset`, `@namespace`, `@property`, `@counter-style`, `@page`, nested `@scope` and
 *   unknown at-rules are dropped (they load, or name things, for the whole page); `@media`, `@supports`,
 *   `@container` and `@layer` blocks are kept with their rules scoped; `@keyframes` get a prefix (their
 *   names are the page's) and the card's `animation` declarations follow it; `@font-face` is kept;
 * - what the input holds is written back token by token: strings re-quoted, comments dropped, and any
 *   brace or `<` inside a string, URL or name escaped, so the only braces in the output are the ones
 *   written here and no input can close the `@scope` early; a rule or declaration whose blocks do not
 *   close is dropped.
 * What the box the card is drawn in does (containment, clipping: styles.css) holds whatever this lets
 * through, such as `position: fixed`.
 */

type Token =
  | { type: 'ws' }
  | { type: 'string'; value: string; bad: boolean }
  | { type: 'url'; value: string; bad: boolean }
  | { type: 'at'; name: string }
  | { type: 'semicolon' }
  | { type: 'comma' }
  | { type: 'colon' }
  | { type: 'open'; text: string; close: string }
  | { type: 'close'; text: string }
  | { type: 'other'; text: string };

/** A component value: a token, or a block with what it holds. */
type Value = Token | Block;
interface Block {
  type: 'block';
  /** `{`, `(`, `[`, or a function's `name(`. */
  open: string;
  close: string;
  children: Value[];
  closed: boolean;
}

const KEYFRAMES_PREFIX = 'cue-card-';
const GROUP_RULES = new Set(['media', 'supports', 'container', 'layer']);
const PASSED_THROUGH = new Set(['font-face']);
const KEYFRAMES = new Set(['keyframes', '-webkit-keyframes']);

export function scopeCardCss(css: string, root: string): string {
  const values = parseValues(tokenize(css));
  const keyframes = new Map<string, string>();
  const outside: string[] = [];
  // first the names, so an animation declared before its @keyframes still finds it
  for (const rule of parseRules(values)) {
    if (rule.kind === 'at' && KEYFRAMES.has(rule.name.toLowerCase())) {
      const name = keyframesName(rule.prelude);
      if (name) keyframes.set(name, `${KEYFRAMES_PREFIX}${name}`);
    }
  }
  const scoped = writeRules(parseRules(values), { keyframes, outside, top: true });
  const body = scoped.length > 0 ? `@scope (${root}) {\n${scoped.join('\n')}\n}` : '';
  return [...outside, body].filter(Boolean).join('\n');
}

// Tokens
// ----------------------------------------

const isIdentChar = (c: string | undefined) => c !== undefined && /[\w\-\u0080-\uffff]/.test(c);
const isNewline = (c: string | undefined) => c === '\n' || c === '\r' || c === '\f';
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || isNewline(c);
const CLOSE_OF: Record<string, string> = { '{': '}', '(': ')', '[': ']' };

function tokenize(css: string): Token[] {
  const tokens: Token[] = [];
  let other = '';
  const flush = () => {
    if (other) tokens.push({ type: 'other', text: other });
    other = '';
  };
  let i = 0;
  while (i < css.length) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      flush();
      tokens.push({ type: 'ws' });
      i = end < 0 ? css.length : end + 2;
    } else if (isSpace(c)) {
      flush();
      while (isSpace(css[i])) i++;
      tokens.push({ type: 'ws' });
    } else if (c === '"' || c === "'") {
      flush();
      const read = readString(css, i + 1, c);
      tokens.push({ type: 'string', value: read.value, bad: read.bad });
      i = read.end;
    } else if (c === '\\' && !isNewline(css[i + 1]) && i + 1 < css.length) {
      other += css.slice(i, i + 2);
      i += 2;
    } else if (c === '(' && isIdentChar(other.at(-1))) {
      // a function: its name and the parenthesis are one token, as in CSS; url( without a quote is a URL
      const name = /[\w\-\u0080-\uffff]+$/.exec(other)?.[0] ?? '';
      other = other.slice(0, -name.length);
      flush();
      const url = name.toLowerCase() === 'url' ? readUrl(css, i + 1) : null;
      if (url) {
        tokens.push({ type: 'url', value: url.value, bad: url.bad });
        i = url.end;
      } else {
        tokens.push({ type: 'open', text: `${name}(`, close: ')' });
        i++;
      }
    } else if (c === '{' || c === '(' || c === '[') {
      flush();
      tokens.push({ type: 'open', text: c, close: CLOSE_OF[c] });
      i++;
    } else if (c === '}' || c === ')' || c === ']') {
      flush();
      tokens.push({ type: 'close', text: c });
      i++;
    } else if (c === ';' || c === ',' || c === ':') {
      flush();
      tokens.push({ type: c === ';' ? 'semicolon' : c === ',' ? 'comma' : 'colon' });
      i++;
    } else if (c === '@' && (isIdentChar(css[i + 1]) || css[i + 1] === '\\')) {
      flush();
      let j = i + 1;
      while (j < css.length && (isIdentChar(css[j]) || (css[j] === '\\' && !isNewline(css[j + 1])))) {
        j += css[j] === '\\' ? 2 : 1;
      }
      tokens.push({ type: 'at', name: css.slice(i + 1, j) });
      i = j;
    } else {
      other += c;
      i++;
    }
  }
  flush();
  return tokens;
}

/** A string's inside, from after its quote: it ends at the quote, or (bad) at a newline or the end. */
function readString(css: string, start: number, quote: string): { value: string; bad: boolean; end: number } {
  let value = '';
  let i = start;
  while (i < css.length) {
    const c = css[i];
    if (c === quote) return { value, bad: false, end: i + 1 };
    if (isNewline(c)) return { value, bad: true, end: i };
    if (c === '\\') {
      // an escaped newline continues the string; any other escape is kept as written
      if (isNewline(css[i + 1])) i += css[i + 1] === '\r' && css[i + 2] === '\n' ? 3 : 2;
      else {
        value += css.slice(i, i + 2);
        i += 2;
      }
      continue;
    }
    value += c;
    i++;
  }
  return { value, bad: false, end: i };
}

/** `url(` without a quote: to the `)`; a quote, parenthesis or inner space makes it bad (then to the `)`). */
function readUrl(css: string, start: number): { value: string; bad: boolean; end: number } | null {
  let i = start;
  while (isSpace(css[i])) i++;
  if (css[i] === '"' || css[i] === "'") return null;
  let value = '';
  let bad = false;
  while (i < css.length) {
    const c = css[i];
    if (c === ')') return { value, bad, end: i + 1 };
    if (c === '\\' && !isNewline(css[i + 1])) {
      value += css.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (isSpace(c)) {
      let j = i;
      while (isSpace(css[j])) j++;
      if (css[j] === ')' || j >= css.length) {
        i = j;
        continue;
      }
      bad = true;
    }
    if (c === '"' || c === "'" || c === '(' || c === '\\') bad = true;
    value += c;
    i++;
  }
  return { value, bad: true, end: i };
}

// Blocks and rules
// ----------------------------------------

function parseValues(tokens: Token[]): Value[] {
  let at = 0;
  // a block holds everything up to its own closing token; any other closing token is an ordinary value
  const block = (close: string | null): { children: Value[]; closed: boolean } => {
    const children: Value[] = [];
    while (at < tokens.length) {
      const token = tokens[at++];
      if (token.type === 'close' && token.text === close) return { children, closed: true };
      if (token.type === 'open') {
        const inner = block(token.close);
        children.push({ type: 'block', open: token.text, close: token.close, ...inner });
      } else children.push(token);
    }
    return { children, closed: close === null };
  };
  return block(null).children;
}

type Rule =
  | { kind: 'at'; name: string; prelude: Value[]; block: Block | null }
  | { kind: 'style'; prelude: Value[]; block: Block };

const isCurly = (value: Value): value is Block => value.type === 'block' && value.open === '{';

function parseRules(values: Value[]): Rule[] {
  const rules: Rule[] = [];
  let i = 0;
  while (i < values.length) {
    const value = values[i];
    if (value.type === 'ws' || value.type === 'semicolon') {
      i++;
      continue;
    }
    if (value.type === 'at') {
      const prelude: Value[] = [];
      i++;
      while (i < values.length && values[i].type !== 'semicolon' && !isCurly(values[i])) prelude.push(values[i++]);
      const block = i < values.length && isCurly(values[i]) ? (values[i] as Block) : null;
      i++;
      rules.push({ kind: 'at', name: value.name, prelude, block });
      continue;
    }
    const prelude: Value[] = [];
    while (i < values.length && !isCurly(values[i])) prelude.push(values[i++]);
    const block = values[i] as Block | undefined;
    i++;
    if (block) rules.push({ kind: 'style', prelude, block });
  }
  return rules;
}

// Writing
// ----------------------------------------

interface WriteContext {
  keyframes: Map<string, string>;
  /** Rules that cannot sit inside `@scope` (fonts, keyframes), written before it. */
  outside: string[];
  top: boolean;
}

function writeRules(rules: Rule[], ctx: WriteContext): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    if (rule.kind === 'style') {
      const selector = scopeSelectorList(rule.prelude);
      const declarations = rule.block ? writeDeclarations(rule.block.children, ctx.keyframes) : null;
      if (selector && declarations !== null) out.push(`${selector} { ${declarations} }`);
      continue;
    }
    const name = rule.name.toLowerCase();
    const prelude = writeValues(rule.prelude);
    if (!rule.block || prelude === null) continue;
    if (GROUP_RULES.has(name)) {
      const inner = writeRules(parseRules(rule.block.children), { ...ctx, top: false });
      if (inner.length > 0) out.push(`@${name} ${prelude.trim()} {\n${inner.join('\n')}\n}`);
    } else if (ctx.top && PASSED_THROUGH.has(name)) {
      const declarations = writeDeclarations(rule.block.children, ctx.keyframes);
      if (declarations !== null) ctx.outside.push(`@${name} { ${declarations} }`);
    } else if (ctx.top && KEYFRAMES.has(name)) {
      const keyframes = writeKeyframes(rule, ctx.keyframes);
      if (keyframes) ctx.outside.push(keyframes);
    }
  }
  return out;
}

function keyframesName(prelude: Value[]): string | null {
  const parts = prelude.filter((v) => v.type !== 'ws');
  const only = parts[0];
  return parts.length === 1 && only.type === 'other' && /^-?[a-zA-Z_][\w-]*$/.test(only.text) ? only.text : null;
}

function writeKeyframes(rule: Extract<Rule, { kind: 'at' }>, names: Map<string, string>): string | null {
  const name = keyframesName(rule.prelude);
  if (!name || !rule.block) return null;
  const frames: string[] = [];
  for (const frame of parseRules(rule.block.children)) {
    if (frame.kind !== 'style') continue;
    const selector = writeValues(frame.prelude);
    const declarations = writeDeclarations(frame.block.children, names);
    if (selector !== null && declarations !== null) frames.push(`${selector.trim()} { ${declarations} }`);
  }
  return `@${rule.name.toLowerCase()} ${names.get(name)} { ${frames.join(' ')} }`;
}

/** `name: value` pairs; anything else (a nested rule, a broken declaration) is left out. */
function writeDeclarations(values: Value[], keyframes: Map<string, string>): string | null {
  const out: string[] = [];
  let current: Value[] = [];
  const end = () => {
    const declaration = writeDeclaration(current, keyframes);
    if (declaration) out.push(declaration);
    current = [];
  };
  for (const value of values) {
    if (value.type === 'semicolon') end();
    else current.push(value);
  }
  end();
  return out.join(' ');
}

function writeDeclaration(values: Value[], keyframes: Map<string, string>): string | null {
  const parts = trimSpace(values);
  const name = parts[0];
  if (name?.type !== 'other' || !/^-{0,2}[a-zA-Z_][\w-]*$/.test(name.text)) return null;
  const colon = trimSpace(parts.slice(1));
  if (colon[0]?.type !== 'colon') return null;
  const rest = colon.slice(1);
  if (rest.some(isCurly)) return null;
  let value = writeValues(rest);
  if (value === null || value.trim() === '') return null;
  if (/^(-webkit-)?animation(-name)?$/i.test(name.text)) value = renameAnimations(value, keyframes);
  return `${name.text}: ${value.trim()};`;
}

function renameAnimations(value: string, keyframes: Map<string, string>): string {
  return value.replace(/(^|[\s,])(-?[a-zA-Z_][\w-]*)(?=$|[\s,!])/g, (whole, before: string, name: string) => {
    const renamed = keyframes.get(name);
    return renamed ? `${before}${renamed}` : whole;
  });
}

function trimSpace(values: Value[]): Value[] {
  let start = 0;
  let end = values.length;
  while (start < end && values[start].type === 'ws') start++;
  while (end > start && values[end - 1].type === 'ws') end--;
  return values.slice(start, end);
}

/**
 * Text written back with what could end a block or a `<style>` (`{ } <`, bare or escaped) as CSS hex
 * escapes, which mean the same character; in a string, its quote escaped too.
 */
function escapeBreaking(text: string, quote = false): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    // a backslash escaping nothing (at the end, before a newline) would escape what is written after it
    if (c === '\\' && (i + 1 >= text.length || isNewline(text[i + 1]))) continue;
    const escaped = c === '\\';
    const char = escaped ? text[i + 1] : c;
    if (char === '{' || char === '}' || char === '<') out += `\\${char.charCodeAt(0).toString(16)} `;
    else if (escaped) out += `\\${char}`;
    else if (quote && c === '"') out += '\\"';
    else out += c;
    if (escaped) i++;
  }
  return out;
}

/** The values written back; null when something in them is broken (a block not closed, a bad string). */
function writeValues(values: Value[]): string | null {
  let out = '';
  for (const value of values) {
    const written = writeValue(value);
    if (written === null) return null;
    out += written;
  }
  return out;
}

function writeValue(value: Value): string | null {
  switch (value.type) {
    case 'ws':
      return ' ';
    case 'string':
      return value.bad ? null : `"${escapeBreaking(value.value, true)}"`;
    case 'url':
      return value.bad || isRemote(value.value) ? null : `url("${escapeBreaking(value.value, true)}")`;
    case 'at':
      // an at-keyword inside a selector or a value is never valid there; the rule goes
      return null;
    case 'semicolon':
      return ';';
    case 'comma':
      return ',';
    case 'colon':
      return ':';
    case 'close':
      // a closing token with nothing to close: CSS would make the rule invalid, so it is dropped
      return null;
    case 'open':
      return null;
    case 'other':
      return escapeBreaking(value.text);
    case 'block': {
      // a block left open at the end is closed here, as CSS closes it; a {} block is no value
      if (value.open === '{') return null;
      if (
        /^(url|src)\($/i.test(value.open) &&
        value.children.some((child) => child.type === 'string' && isRemote(child.value))
      ) {
        return null;
      }
      const inner = writeValues(value.children);
      return inner === null ? null : `${escapeBreaking(value.open)}${inner}${value.close}`;
    }
  }
}

/**
 * A URL that would leave the computer: any scheme but data:, or a protocol-relative `//host`. Cue is
 * offline by construction, so a declaration that loads one (an imported note type's web font or
 * background) is dropped here rather than left for the CSP to refuse.
 */
function isRemote(url: string): boolean {
  const trimmed = url.trim();
  return trimmed.startsWith('//') || (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^data:/i.test(trimmed));
}

// Selectors
// ----------------------------------------

const IN_CARD = ':where(:scope, :scope *)';
const LEGACY_PSEUDO_ELEMENTS = /^:(before|after|first-line|first-letter)(?![\w-])/i;

/** Each selector of the list scoped to the card; null when none is left (or the list is broken). */
function scopeSelectorList(prelude: Value[]): string | null {
  const written = writeValues(prelude);
  if (written === null) return null;
  const selectors = splitTopLevel(written, ',')
    .map((selector) => scopeSelector(selector.trim()))
    .filter((selector): selector is string => selector !== null);
  return selectors.length > 0 ? selectors.join(', ') : null;
}

/** How many characters the escape at `i` (a backslash) takes: a hex escape with its one space, or two. */
function escapeLength(text: string, i: number): number {
  const hex = /^\\[0-9a-fA-F]{1,6}[ \t\n]?/.exec(text.slice(i, i + 8));
  return hex ? hex[0].length : 2;
}

/** Splits at `separator` outside parentheses, brackets and strings. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i += escapeLength(text, i) - 1;
    else if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

interface Compound {
  text: string;
  /** The combinator before it (' ' for a descendant), '' for the first. */
  combinator: string;
}

/** Compounds and the combinators between them, at the top level of one (trimmed) selector. */
function compoundsOf(selector: string): Compound[] | null {
  const compounds: Compound[] = [];
  let depth = 0;
  let quoted = false;
  let text = '';
  let pending = '';
  const flush = () => {
    if (text) compounds.push({ text, combinator: pending });
    if (text) pending = '';
    text = '';
  };
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    const top = !quoted && depth === 0;
    if (c === '\\') {
      const length = escapeLength(selector, i);
      text += selector.slice(i, i + length);
      i += length - 1;
    } else if (top && c === ' ') {
      flush();
      if (pending === '') pending = ' ';
    } else if (top && (c === '>' || c === '+' || c === '~')) {
      flush();
      if (pending.trim()) return null;
      pending = c;
    } else {
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === '(' || c === '[')) depth++;
      else if (!quoted && (c === ')' || c === ']')) depth--;
      text += c;
    }
  }
  flush();
  // a selector that starts or ends with a combinator (relative, or broken) is not a page's selector
  if (compounds.length === 0 || compounds[0].combinator.trim() !== '' || pending.trim()) return null;
  compounds[0].combinator = '';
  return compounds;
}

/** Where the page's own elements stand in a compound: `html`, `body`, `:root`, `:scope`. */
function pageElementOf(compound: string): 'html' | 'body' | null {
  if (/^html(?![\w-])/i.test(compound) || /(^|[^\\]):root(?![\w-])/i.test(compound)) return 'html';
  if (/^body(?![\w-])/i.test(compound) || /(^|[^\\]):scope(?![\w-])/i.test(compound)) return 'body';
  return null;
}

function scopeSelector(selector: string): string | null {
  const compounds = compoundsOf(selector);
  if (!compounds) return null;
  // nothing above the page's root or body is in the card: start at the last of them
  let start = 0;
  compounds.forEach((compound, i) => {
    if (pageElementOf(compound.text)) start = i;
  });
  const kept = compounds.slice(start);
  // html stands above body: `html .x` is `.x` anywhere in the card, and html alone is the card
  if (pageElementOf(kept[0].text) === 'html' && kept.length > 1) {
    const rest = kept[0].text.replace(/^html(?![\w-])/i, '').replace(/:root(?![\w-])/gi, '');
    if (rest === '' && (kept[1].combinator === ' ' || kept[1].combinator === '>')) kept.shift();
  }
  kept[0].combinator = '';
  return kept
    .map(({ text, combinator }) => {
      const prefix = combinator === '' ? '' : combinator === ' ' ? ' ' : ` ${combinator} `;
      return `${prefix}${scopeCompound(text)}`;
    })
    .join('');
}

/** The compound as the card's root (for html, body, :root) or as an element inside the card. */
function scopeCompound(compound: string): string {
  if (pageElementOf(compound)) {
    const rest = compound.replace(/^(html|body)(?![\w-])/i, '').replace(/(^|[^\\]):(root|scope)(?![\w-])/gi, '$1');
    return `:scope${rest}`;
  }
  const pseudo = pseudoElementAt(compound);
  return `${compound.slice(0, pseudo)}${IN_CARD}${compound.slice(pseudo)}`;
}

/** Where the compound's pseudo-element starts (`::x`, or the old one-colon ones), or its end. */
function pseudoElementAt(compound: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < compound.length; i++) {
    const c = compound[i];
    if (c === '\\') i += escapeLength(compound, i) - 1;
    else if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && c === ':' && (compound[i + 1] === ':' || LEGACY_PSEUDO_ELEMENTS.test(compound.slice(i)))) {
      return i;
    }
  }
  return compound.length;
}
