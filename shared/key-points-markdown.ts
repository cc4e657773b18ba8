/**
 * The `::: points` ... `:::` block of Cue's deck format (docs/deck-format.md): it marks which part of an
 * answer holds the card's key points. Renderers show what is inside as if the two lines were not
 * there (the list is the list), so the marking never shows on a card.
 */
import type MarkdownIt from 'markdown-it';
import type { StateBlock } from 'markdown-it';

export const POINTS_OPEN = '::: points';
const CLOSE = ':::';
const FENCE = /^(`{3,}|~{3,})/;

/** A line's text after its indentation. */
function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

/** The line closing the block opened above `start`, skipping fenced code (whose `:::` is code), or -1. */
function closingLine(state: StateBlock, start: number, end: number): number {
  let fence: string | null = null;
  for (let line = start; line < end; line++) {
    const text = lineText(state, line).trimEnd();
    if (fence) {
      if (text.length >= fence.length && [...text].every((char) => char === fence?.[0])) fence = null;
      continue;
    }
    const opened = FENCE.exec(text);
    if (opened) fence = opened[1];
    else if (text === CLOSE && state.sCount[line] - state.blkIndent < 4) return line;
  }
  return -1;
}

function pointsBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (lineText(state, startLine).trimEnd() !== POINTS_OPEN) return false;
  const close = closingLine(state, startLine + 1, endLine);
  // a block never closed stays the text it is
  if (close < 0) return false;
  if (silent) return true;
  const open = state.push('key_points_open', '', 1);
  open.block = true;
  open.map = [startLine, close + 1];
  const lineMax = state.lineMax;
  state.lineMax = close;
  state.md.block.tokenize(state, startLine + 1, close);
  state.lineMax = lineMax;
  state.push('key_points_close', '', -1).block = true;
  state.line = close + 1;
  return true;
}

/** Adds the block to a markdown-it instance; it renders as its content alone. */
export function keyPointsBlock(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'key_points', pointsBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.key_points_open = () => '';
  md.renderer.rules.key_points_close = () => '';
}
