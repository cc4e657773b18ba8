/**
 * Raw HTML is off in Cue's Markdown, but a cloze note's fields come out of the template engine
 * (shared/note-templates.ts) wrapped in `<span class="cloze">`, and the Markdown inside them (bold,
 * `$math$`, code) must still render. This inline rule lets exactly those spans through: the opening
 * tags the engine writes (`cloze` or `cloze-inactive`, with their `data-cloze` and `data-ordinal`),
 * `</span>`, and the empty `<span class="type-answer-result"></span>` the study screen fills. Any other
 * HTML stays text.
 */
import type MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';

/** data-cloze is attribute-encoded by the engine, so it holds no quote and no angle bracket. */
const CLOZE_TAG =
  /(?:<span class="cloze(?:-inactive)?"(?: data-cloze="[^"<>]*")?(?: data-ordinal="\d+(?:,\d+)*")?>|<\/span>|<span class="type-answer-result"><\/span>)/y;

function clozeSpan(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
  // sticky: matched where the parser stands, without copying the rest of the source
  CLOZE_TAG.lastIndex = state.pos;
  const match = CLOZE_TAG.exec(state.src);
  if (!match) return false;
  if (!silent) state.push('cloze_span', '', 0).content = match[0];
  state.pos += match[0].length;
  return true;
}

export function clozeSpans(md: MarkdownIt): void {
  md.inline.ruler.before('html_inline', 'cloze_span', clozeSpan);
  // its own token type, not html_inline: the KaTeX plugin renders no $math$ right after inline HTML
  md.renderer.rules.cloze_span = (tokens, index) => tokens[index].content;
}
