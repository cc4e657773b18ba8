/**
 * The typed answer against the expected one, marked up as Anki marks it (rslib/src/typeanswer.rs):
 * `<code id=typeans>` holding the typed text in `typeGood` (right), `typeBad` (wrong or extra) and
 * `typeMissed` (a `-` per character left out) spans, then `<br><span id=typearrow>&darr;</span><br>`
 * and the expected text in `typeGood`/`typeMissed` spans. A right answer is one `typeGood` span; an
 * empty one shows the expected text alone. Both texts are NFC-normalised and compared character by
 * character (code points), as Anki does, with the same matcher: a port of the difflib crate's
 * SequenceMatcher Anki uses (no diff library is installed here, and another diff would mark differently).
 */

/** Anki's <code id=typeans> markup for `typed` against `expected` (plain text, as RenderedCard.typeAnswer gives it). */
export function compareTypedAnswer(expected: string, typed: string): string {
  const want = expected.trim();
  if (typed === '') return `<code id=typeans>${encodeMinimal(want)}</code>`;
  const typedChars = Array.from(typed.normalize('NFC'));
  const expectedChars = Array.from(want.normalize('NFC'));
  if (typedChars.length === expectedChars.length && typedChars.every((c, i) => c === expectedChars[i])) {
    return `<code id=typeans><span class=typeGood>${encodeMinimal(expectedChars.join(''))}</span></code>`;
  }
  const { typedTokens, expectedTokens } = diffTokens(typedChars, expectedChars);
  return `<code id=typeans>${renderTokens(typedTokens)}<br><span id=typearrow>&darr;</span><br>${renderTokens(expectedTokens)}</code>`;
}

type Kind = 'typeGood' | 'typeBad' | 'typeMissed';

interface DiffToken {
  kind: Kind;
  text: string;
}

function diffTokens(typed: string[], expected: string[]): { typedTokens: DiffToken[]; expectedTokens: DiffToken[] } {
  const typedTokens: DiffToken[] = [];
  const expectedTokens: DiffToken[] = [];
  for (const op of opcodes(typed, expected)) {
    const typedSlice = typed.slice(op.aStart, op.aEnd).join('');
    const expectedSlice = expected.slice(op.bStart, op.bEnd).join('');
    switch (op.tag) {
      case 'equal':
        typedTokens.push({ kind: 'typeGood', text: typedSlice });
        expectedTokens.push({ kind: 'typeGood', text: expectedSlice });
        break;
      case 'delete':
        typedTokens.push({ kind: 'typeBad', text: typedSlice });
        break;
      case 'insert':
        typedTokens.push({ kind: 'typeMissed', text: '-'.repeat(op.bEnd - op.bStart) });
        expectedTokens.push({ kind: 'typeMissed', text: expectedSlice });
        break;
      case 'replace':
        typedTokens.push({ kind: 'typeBad', text: typedSlice });
        expectedTokens.push({ kind: 'typeMissed', text: expectedSlice });
        break;
    }
  }
  return { typedTokens, expectedTokens };
}

function renderTokens(tokens: DiffToken[]): string {
  // a token starting with a combining mark gets a no-break space to sit on, not the previous span's letter
  return tokens
    .map((t) => `<span class=${t.kind}>${encodeMinimal(/^\p{M}/u.test(t.text) ? `\u00a0${t.text}` : t.text)}</span>`)
    .join('');
}

const MINIMAL: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' };

/** htmlescape's encode_minimal, as Anki escapes the texts. */
function encodeMinimal(text: string): string {
  return text.replace(/["&'<>]/g, (c) => MINIMAL[c]);
}

// The matcher
// ----------------------------------------

interface Match {
  a: number;
  b: number;
  size: number;
}

interface Opcode {
  tag: 'equal' | 'delete' | 'insert' | 'replace';
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * Where each element occurs in `b`. As the crate has it (and unlike Python's difflib, which drops
 * popular elements), a `b` of 200 or more keeps only the elements that occur more than 1% + 1 times.
 */
function indexOf(b: string[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  b.forEach((item, i) => {
    const list = positions.get(item);
    if (list) list.push(i);
    else positions.set(item, [i]);
  });
  if (b.length >= 200) {
    const popular = Math.floor(b.length / 100) + 1;
    for (const [item, list] of positions) if (list.length <= popular) positions.delete(item);
  }
  return positions;
}

function longestMatch(
  a: string[],
  b: string[],
  positions: Map<string, number[]>,
  [aLo, aHi, bLo, bHi]: [number, number, number, number],
): Match {
  let bestA = aLo;
  let bestB = bLo;
  let best = 0;
  let lengths = new Map<number, number>();
  for (let i = aLo; i < aHi; i++) {
    const next = new Map<number, number>();
    for (const j of positions.get(a[i]) ?? []) {
      if (j < bLo) continue;
      if (j >= bHi) break;
      const size = (j > 0 ? (lengths.get(j - 1) ?? 0) : 0) + 1;
      next.set(j, size);
      if (size > best) {
        bestA = i + 1 - size;
        bestB = j + 1 - size;
        best = size;
      }
    }
    lengths = next;
  }
  // the crate grows the match over equal neighbours, twice, whatever the index left out
  for (let pass = 0; pass < 2; pass++) {
    while (bestA > aLo && bestB > bLo && a[bestA - 1] === b[bestB - 1]) {
      bestA--;
      bestB--;
      best++;
    }
    while (bestA + best < aHi && bestB + best < bHi && a[bestA + best] === b[bestB + best]) best++;
  }
  return { a: bestA, b: bestB, size: best };
}

function matchingBlocks(a: string[], b: string[]): Match[] {
  const positions = indexOf(b);
  const matches: Match[] = [];
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const range = queue.pop() as [number, number, number, number];
    const [aLo, aHi, bLo, bHi] = range;
    const m = longestMatch(a, b, positions, range);
    if (m.size === 0) continue;
    if (aLo < m.a && bLo < m.b) queue.push([aLo, m.a, bLo, m.b]);
    if (m.a + m.size < aHi && m.b + m.size < bHi) queue.push([m.a + m.size, aHi, m.b + m.size, bHi]);
    matches.push(m);
  }
  matches.sort((x, y) => x.a - y.a || x.b - y.b || x.size - y.size);
  const joined: Match[] = [];
  let current: Match = { a: 0, b: 0, size: 0 };
  for (const m of matches) {
    if (current.a + current.size === m.a && current.b + current.size === m.b) {
      current.size += m.size;
    } else {
      if (current.size) joined.push(current);
      current = { ...m };
    }
  }
  if (current.size) joined.push(current);
  joined.push({ a: a.length, b: b.length, size: 0 });
  return joined;
}

function opcodes(a: string[], b: string[]): Opcode[] {
  const ops: Opcode[] = [];
  let i = 0;
  let j = 0;
  for (const m of matchingBlocks(a, b)) {
    const tag = i < m.a && j < m.b ? 'replace' : i < m.a ? 'delete' : j < m.b ? 'insert' : null;
    if (tag) ops.push({ tag, aStart: i, aEnd: m.a, bStart: j, bEnd: m.b });
    i = m.a + m.size;
    j = m.b + m.size;
    if (m.size) ops.push({ tag: 'equal', aStart: m.a, aEnd: i, bStart: m.b, bEnd: j });
  }
  return ops;
}
