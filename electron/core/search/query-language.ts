/**
 * The browser's query language, in the spirit of Anki's search:
 *   cache                     words, matched as prefixes in question, answer and tags (full text)
 *   "exact phrase"            a phrase
 *   deck:NAME  section:NAME   by name or id; quote names with spaces: section:"System Design"
 *   tag:NAME                  cards with that tag
 *   is:new|learning|review|suspended|buried|mastered|due
 *   due<2026-12-01  lapses>2  reviews>=5  stability>21   comparisons with < <= > >= =
 *   -term                     anything above, negated
 * Terms combine with AND. A malformed query is an error that says what and where.
 */
import { CueError } from '../../../shared/errors';

export type Comparison = '<' | '<=' | '>' | '>=' | '=';

export type Clause =
  | { kind: 'text'; text: string; phrase: boolean; negated: boolean }
  | { kind: 'field'; field: 'deck' | 'section' | 'tag'; value: string; negated: boolean }
  | { kind: 'is'; value: IsValue; negated: boolean }
  | {
      kind: 'compare';
      field: (typeof COMPARED)[number];
      op: Comparison;
      /** A study day for due (days since 1970-01-01), otherwise the number itself. */
      value: number;
      negated: boolean;
    };

export const IS_VALUES = ['new', 'learning', 'review', 'suspended', 'buried', 'mastered', 'due'] as const;
export type IsValue = (typeof IS_VALUES)[number];

const FIELDS = ['deck', 'section', 'tag', 'is'] as const;
const COMPARED = ['due', 'lapses', 'reviews', 'stability'] as const;

function fail(query: string, at: number, reason: string): never {
  throw new CueError('invalid_input', `Search "${query}", at character ${at + 1}: ${reason}.`, { query, at: at + 1 });
}

/** Splits the query into raw terms, keeping quoted parts together and noting where each starts. */
function terms(query: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let i = 0;
  while (i < query.length) {
    if (/\s/.test(query[i])) {
      i++;
      continue;
    }
    const start = i;
    let text = '';
    while (i < query.length && !/\s/.test(query[i])) {
      if (query[i] === '"') {
        const close = query.indexOf('"', i + 1);
        if (close < 0) fail(query, i, 'a quote is never closed');
        text += query.slice(i, close + 1);
        i = close + 1;
      } else {
        text += query[i++];
      }
    }
    out.push({ text, at: start });
  }
  return out;
}

const unquote = (value: string) => (value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);

export function parseQuery(query: string): Clause[] {
  return terms(query).map(({ text: raw, at }) => {
    const negated = raw.startsWith('-') && raw.length > 1;
    const text = negated ? raw.slice(1) : raw;
    const comparison = /^([a-z]+)(<=|>=|<|>|=)(.*)$/.exec(text);
    if (comparison && !text.startsWith('"')) return compare(query, at, comparison, negated);
    const field = /^([a-z]+):(.*)$/.exec(text);
    if (field && !text.startsWith('"')) return fieldClause(query, at, field[1], unquote(field[2]), negated);
    if (text.startsWith('"')) {
      const phrase = unquote(text);
      if (!phrase.trim()) fail(query, at, 'the quotes hold nothing');
      return { kind: 'text', text: phrase, phrase: true, negated };
    }
    return { kind: 'text', text, phrase: false, negated };
  });
}

function fieldClause(query: string, at: number, name: string, value: string, negated: boolean): Clause {
  if (!(FIELDS as readonly string[]).includes(name)) {
    fail(
      query,
      at,
      `"${name}:" is not a filter (try deck:, section:, tag:, is:, or due<, lapses>, reviews>, stability>)`,
    );
  }
  if (!value) fail(query, at, `"${name}:" needs a value`);
  if (name === 'is') {
    if (!(IS_VALUES as readonly string[]).includes(value)) {
      fail(query, at, `"is:${value}" is not one of ${IS_VALUES.map((v) => `is:${v}`).join(', ')}`);
    }
    return { kind: 'is', value: value as IsValue, negated };
  }
  return { kind: 'field', field: name as 'deck' | 'section' | 'tag', value, negated };
}

function compare(query: string, at: number, match: RegExpExecArray, negated: boolean): Clause {
  const [, name, op, rawValue] = match;
  if (!(COMPARED as readonly string[]).includes(name)) {
    fail(query, at, `"${name}" cannot be compared (try due, lapses, reviews or stability)`);
  }
  if (!rawValue) fail(query, at, `"${name}${op}" needs a value`);
  let value: number;
  if (name === 'due') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(rawValue) || Number.isNaN(Date.parse(`${rawValue}T00:00:00Z`))) {
      fail(query, at, `"${rawValue}" is not a date like 2026-12-01`);
    }
    value = Date.parse(`${rawValue}T00:00:00Z`) / 86_400_000;
  } else {
    value = Number(rawValue);
    if (!Number.isFinite(value) || rawValue.trim() === '') fail(query, at, `"${rawValue}" is not a number`);
  }
  const compared = name as (typeof COMPARED)[number];
  return { kind: 'compare', field: compared, op: op as Comparison, value, negated };
}
