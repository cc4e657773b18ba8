/**
 * Math in one-line previews (the browser's question column): the core sends the question as escaped
 * text with its search matches in <mark>, `$…$` and `\(…\)` as written. Here each such span is typeset
 * with KaTeX, as the card itself shows it; marks inside math are dropped (KaTeX takes plain TeX). The
 * delimiters follow the Markdown renderer's rule for inline math: no space just inside the dollars, and
 * no digit right after the closing one, so "$5 and $10" stays text.
 */
import katex from 'katex';

const INLINE_MATH = /\$(?=\S)((?:[^$\\]|\\.)*?\S)\$(?!\d)|\\\((.+?)\\\)/g;
const MARK = /<\/?mark>/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text the core escaped, back: its named entities and numeric ones (`&#60;`, `&#x3c;`). */
function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? entity;
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** Typeset results by preview, bounded: the same rows render again as the list scrolls. */
const typeset = new Map<string, string>();

export function withMath(highlighted: string): string {
  if (!highlighted.includes('$') && !highlighted.includes('\\(')) return highlighted;
  let out = typeset.get(highlighted);
  if (out === undefined) {
    out = highlighted.replace(INLINE_MATH, (whole, dollars?: string, parens?: string) => {
      const tex = decodeEntities((dollars ?? parens ?? '').replace(MARK, ''));
      try {
        return katex.renderToString(tex, {
          throwOnError: true,
          trust: false,
          maxSize: 50,
          maxExpand: 1000,
          output: 'html',
        });
      } catch {
        return whole;
      }
    });
    if (typeset.size > 2000) typeset.clear();
    typeset.set(highlighted, out);
  }
  return out;
}
