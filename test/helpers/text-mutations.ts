/**
 * Grammar-aware mutations of text files (CSV/TSV, Cue decks, review-log CSV), as data: whole lines
 * deleted, duplicated, swapped or replaced by junk of the format's own kind (header lines with junk
 * values, headings with bad ids, broken quoting), fields changed, added or removed, line endings and
 * encodings broken (BOMs, NULs, invalid UTF-8, Latin-1).
 */
import fc from 'fast-check';
import { expandText, type Text } from './package-mutations';

export interface TextGrammar {
  /** Splits a line into fields (CSV's separator; a space for Markdown). */
  separator: string;
  /** Whole lines of the format's own kind, with junk in them. */
  lines: fc.Arbitrary<Text>;
  /** What a field may become. */
  fields: fc.Arbitrary<Text>;
}

export type TextMutation =
  | { kind: 'deleteLine'; at: number }
  | { kind: 'duplicateLines'; at: number; count: number; to: number }
  | { kind: 'swapLines'; at: number; other: number }
  | { kind: 'insertLine'; at: number; line: Text }
  | { kind: 'replaceLine'; at: number; line: Text }
  | { kind: 'editField'; at: number; field: number; value: Text }
  | { kind: 'addField'; at: number; field: number; value: Text }
  | { kind: 'removeField'; at: number; field: number }
  | { kind: 'insertChars'; at: number; offset: number; text: Text }
  | { kind: 'truncateLine'; at: number; offset: number }
  | { kind: 'truncateFile'; at: number }
  | { kind: 'lineEndings'; style: 'crlf' | 'cr' | 'mixed' | 'none' };

export type EncodingMutation =
  | { kind: 'bom'; count: number }
  | { kind: 'insertBytes'; at: number; bytes: number[] }
  | { kind: 'latin1' };

export interface TextRecipe {
  text: TextMutation[];
  encoding: EncodingMutation[];
}

const line = fc.nat({ max: 10_000 });
const small = fc.nat({ max: 40 });

/** Characters that break quoting, fields, headings and fences. */
export const breakingChars = fc.constantFrom(
  '"',
  '""',
  '"\n',
  '\n',
  '\r',
  '\t',
  ',',
  ';',
  '|',
  '#',
  '{',
  '}',
  '`',
  '```',
  ':::',
  '\u0000',
  '\\',
);

function textMutation(grammar: TextGrammar): fc.Arbitrary<TextMutation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('deleteLine'), at: line }),
    fc.record({ kind: fc.constant('duplicateLines'), at: line, count: fc.integer({ min: 1, max: 30 }), to: line }),
    fc.record({ kind: fc.constant('swapLines'), at: line, other: line }),
    { arbitrary: fc.record({ kind: fc.constant('insertLine'), at: line, line: grammar.lines }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('replaceLine'), at: line, line: grammar.lines }), weight: 2 },
    {
      arbitrary: fc.record({ kind: fc.constant('editField'), at: line, field: small, value: grammar.fields }),
      weight: 3,
    },
    fc.record({ kind: fc.constant('addField'), at: line, field: small, value: grammar.fields }),
    fc.record({ kind: fc.constant('removeField'), at: line, field: small }),
    {
      arbitrary: fc.record({ kind: fc.constant('insertChars'), at: line, offset: fc.nat(), text: breakingChars }),
      weight: 2,
    },
    fc.record({ kind: fc.constant('truncateLine'), at: line, offset: fc.nat() }),
    fc.record({ kind: fc.constant('truncateFile'), at: fc.nat() }),
    fc.record({ kind: fc.constant('lineEndings'), style: fc.constantFrom('crlf', 'cr', 'mixed', 'none') }),
  ) as fc.Arbitrary<TextMutation>;
}

const INVALID_UTF8 = [
  [0xff],
  [0xfe],
  [0xc3],
  [0xe2, 0x82],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
];

const encodingMutation: fc.Arbitrary<EncodingMutation> = fc.oneof(
  fc.record({ kind: fc.constant('bom'), count: fc.integer({ min: 1, max: 2 }) }),
  {
    arbitrary: fc.record({
      kind: fc.constant('insertBytes'),
      at: fc.nat(),
      bytes: fc.oneof(fc.constantFrom(...INVALID_UTF8), fc.constantFrom([0], [0xef, 0xbb, 0xbf], [0x0d], [0x1a])),
    }),
    weight: 3,
  },
  fc.record({ kind: fc.constant('latin1') }),
) as fc.Arbitrary<EncodingMutation>;

export function textRecipe(grammar: TextGrammar): fc.Arbitrary<TextRecipe> {
  return fc.record({
    text: fc.array(textMutation(grammar), { minLength: 1, maxLength: 4 }),
    encoding: fc.oneof(
      { arbitrary: fc.constant<EncodingMutation[]>([]), weight: 3 },
      { arbitrary: fc.array(encodingMutation, { minLength: 1, maxLength: 2 }), weight: 1 },
    ),
  });
}

function applyTextMutation(text: string, mutation: TextMutation, separator: string): string {
  const lines = text.split('\n');
  const index = (n: number) => n % Math.max(1, lines.length);
  const splitLine = (at: number) => lines[index(at)]?.split(separator) ?? [];
  const setLine = (at: number, value: string) => {
    lines[index(at)] = value;
    return lines.join('\n');
  };
  switch (mutation.kind) {
    case 'deleteLine':
      lines.splice(index(mutation.at), 1);
      return lines.join('\n');
    case 'duplicateLines': {
      const from = index(mutation.at);
      lines.splice(index(mutation.to), 0, ...lines.slice(from, from + mutation.count));
      return lines.join('\n');
    }
    case 'swapLines': {
      const [a, b] = [index(mutation.at), index(mutation.other)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'insertLine':
      lines.splice(index(mutation.at), 0, expandText(mutation.line));
      return lines.join('\n');
    case 'replaceLine':
      return setLine(mutation.at, expandText(mutation.line));
    case 'editField': {
      const fields = splitLine(mutation.at);
      if (fields.length) fields[mutation.field % fields.length] = expandText(mutation.value);
      return setLine(mutation.at, fields.join(separator));
    }
    case 'addField': {
      const fields = splitLine(mutation.at);
      fields.splice(mutation.field % (fields.length + 1), 0, expandText(mutation.value));
      return setLine(mutation.at, fields.join(separator));
    }
    case 'removeField': {
      const fields = splitLine(mutation.at);
      fields.splice(mutation.field % Math.max(1, fields.length), 1);
      return setLine(mutation.at, fields.join(separator));
    }
    case 'insertChars': {
      const target = lines[index(mutation.at)] ?? '';
      const at = mutation.offset % (target.length + 1);
      return setLine(mutation.at, target.slice(0, at) + expandText(mutation.text) + target.slice(at));
    }
    case 'truncateLine': {
      const target = lines[index(mutation.at)] ?? '';
      return setLine(mutation.at, target.slice(0, mutation.offset % (target.length + 1)));
    }
    case 'truncateFile':
      return text.slice(0, mutation.at % (text.length + 1));
    case 'lineEndings':
      if (mutation.style === 'crlf') return lines.join('\r\n');
      if (mutation.style === 'cr') return lines.join('\r');
      if (mutation.style === 'none') return lines.join('');
      return lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : '\n')).join('');
  }
}

function applyEncoding(bytes: Uint8Array, text: string, mutation: EncodingMutation): Uint8Array {
  switch (mutation.kind) {
    case 'bom':
      return Buffer.concat([
        Buffer.from(Array.from({ length: mutation.count }, () => [0xef, 0xbb, 0xbf]).flat()),
        bytes,
      ]);
    case 'insertBytes': {
      const at = mutation.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(mutation.bytes), bytes.subarray(at)]);
    }
    case 'latin1':
      return Uint8Array.from(text, (char) => {
        const code = char.charCodeAt(0);
        return code < 256 ? code : 0x3f;
      });
  }
}

/** The source text, mutated as the recipe says, as the bytes of a file. */
export function applyTextRecipe(
  source: string,
  recipe: TextRecipe,
  grammar: Pick<TextGrammar, 'separator'>,
): Uint8Array {
  const text = recipe.text.reduce(
    (current, mutation) => applyTextMutation(current, mutation, grammar.separator),
    source,
  );
  let bytes: Uint8Array = new TextEncoder().encode(text);
  for (const mutation of recipe.encoding) bytes = applyEncoding(bytes, text, mutation);
  return bytes;
}
