/**
 * Markdown to the HTML an Anki field holds, rendered the way Cue renders it, except that math is handed
 * to Anki's MathJax (`\(..\)`, `\[..\]`) and code is left unhighlighted; and the control
 * characters and normalisation Anki applies to every field.
 */
import MarkdownIt, { type StateBlock, type StateInline } from 'markdown-it';
import { keyPointsBlock } from '../../../../shared/key-points-markdown';
import type { ContentFormat } from '../import-bundle';

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
export function withoutControls(text: string, keep = ''): string {
  let out = '';
  for (const char of text) if (!isControl(char) || keep.includes(char)) out += char;
  return out;
}

/** Anki drops ASCII control characters other than tab and newline from fields and stores them in NFC. */
export function normalizeField(text: string): string {
  return withoutControls(text, '\t\n').normalize('NFC');
}

/** The HTML a card side is stored as in Anki: Markdown rendered, HTML as it is. */
export function cardFieldHtml(text: string, format: ContentFormat): string {
  const html = format === 'markdown' ? md.render(text).replace(/\n+$/, '') : text;
  return normalizeField(html);
}
