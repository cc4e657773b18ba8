/**
 * The browser's query language, Anki's search as Anki users type it:
 *   cache                     words, matched as prefixes in question, answer and tags (full text)
 *   d*g  ca_he                `*` any run of characters, `_` one character (`\*` `\_` for themselves)
 *   "exact phrase"            a phrase
 *   deck:NAME  section:NAME   the whole name (any case) or key; `*` for the rest: deck:Lead*;
 *                             quote names with spaces: section:"System Design"
 *   tag:NAME                  cards with that tag
 *   is:new|learning|review|suspended|buried|mastered|due
 *   added:N  rated:N  rated:N:EASE  introduced:N   in the last N days (1 = today)
 *   prop:ivl>N prop:due<N prop:s>N prop:d>N prop:r<N prop:reps>N prop:lapses>N
 *   due<2026-12-01  lapses>2  reviews>=5  stability>21   comparisons with < <= > >= =
 *   flag:N                    flagged 1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple; 0 none
 *   re:PATTERN                a regular expression (any case) in question, answer or tags
 *   nc:TEXT                   words without their accents (as every word is matched)
 *   -term  a or b  (a or b) c  negation, either, and grouping
 * Terms side by side must all match. A malformed query is an error that says what and where.
 */
import { CueError } from '../../../shared/errors';

export type Comparison = '<' | '<=' | '>' | '>=' | '=';

export const PROPERTIES = ['ivl', 'due', 's', 'd', 'r', 'reps', 'lapses'] as const;
export type Property = (typeof PROPERTIES)[number];

export type Clause =
  | { kind: 'text'; text: string; phrase: boolean; negated: boolean }
  /** Words with `*` or `_` in them: a pattern over the text, not a prefix in the index. */
  | { kind: 'wildcard'; pattern: string; negated: boolean }
  | { kind: 'field'; field: 'deck' | 'section' | 'tag'; value: string; negated: boolean }
  | { kind: 'is'; value: IsValue; negated: boolean }
  | {
      kind: 'compare';
      field: (typeof COMPARED)[number];
      op: Comparison;
      /** A study day for due (days since 1970-01-01), otherwise the number itself. */
      value: number;
      negated: boolean;
    }
  | { kind: 'prop'; property: Property; op: Comparison; value: number; negated: boolean }
  /** Added, answered (with that rating), or first answered in the last `days` days. */
  | { kind: 'recent'; what: 'added' | 'rated' | 'introduced'; days: number; rating?: number; negated: boolean }
  | { kind: 'regex'; source: string; negated: boolean }
  | { kind: 'flag'; flag: number; negated: boolean }
  /** Either of the groups (each a list of clauses that must all match). */
  | { kind: 'or'; groups: Clause[][]; negated: boolean }
  /** Parenthesised clauses that must all match. */
  | { kind: 'group'; clauses: Clause[]; negated: boolean };

export const IS_VALUES = ['new', 'learning', 'review', 'suspended', 'buried', 'mastered', 'due'] as const;
export type IsValue = (typeof IS_VALUES)[number];

const FIELDS = ['deck', 'section', 'tag', 'is', 'added', 'rated', 'introduced', 'prop', 're', 'nc', 'flag'] as const;
/** Anki allows up to a year of answers in rated: and introduced:. */
const MAX_RECENT_DAYS = 365;
/** How far a search may reach back or ahead in days at all (a century): beyond it there is no date. */
const MAX_DAYS = 36_500;
const COMPARED = ['due', 'lapses', 'reviews', 'stability'] as const;

function fail(query: string, at: number, reason: string): never {
  throw new CueError('invalid_input', `Search "${query}", at character ${at + 1}: ${reason}.`, { query, at: at + 1 });
}

interface Token {
  text: string;
  at: number;
}

/**
 * Splits the query into raw terms, keeping quoted parts together and noting where each starts; `(` and
 * `)` outside quotes are tokens of their own.
 */
function terms(query: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < query.length) {
    if (/\s/.test(query[i])) {
      i++;
      continue;
    }
    if (query[i] === '(' || query[i] === ')') {
      out.push({ text: query[i], at: i++ });
      continue;
    }
    const start = i;
    let text = '';
    while (i < query.length && !/[\s()]/.test(query[i])) {
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
  const tokens = terms(query);
  const parser = { query, tokens, next: 0 };
  const clauses = either(parser);
  const stray = tokens[parser.next];
  if (stray) fail(query, stray.at, 'a ")" closes nothing');
  return clauses;
}

interface Parser {
  query: string;
  tokens: Token[];
  next: number;
}

const isOr = (token: Token | undefined) => token !== undefined && token.text.toLowerCase() === 'or';

/** Groups joined by `or`: one list of clauses, or a single `or` clause holding each group. */
function either(parser: Parser): Clause[] {
  const groups = [all(parser)];
  while (isOr(parser.tokens[parser.next])) {
    const or = parser.tokens[parser.next++];
    if (groups.at(-1)?.length === 0) fail(parser.query, or.at, '"or" needs a term before it');
    const group = all(parser);
    if (group.length === 0) fail(parser.query, or.at, '"or" needs a term after it');
    groups.push(group);
  }
  return groups.length === 1 ? (groups[0] ?? []) : [{ kind: 'or', groups, negated: false }];
}

/** Terms side by side, up to an `or`, a `)` or the end. */
function all(parser: Parser): Clause[] {
  const clauses: Clause[] = [];
  for (;;) {
    const token = parser.tokens[parser.next];
    if (!token || token.text === ')' || isOr(token)) return clauses;
    parser.next++;
    if (token.text.toLowerCase() === 'and') continue;
    if (token.text === '(') clauses.push(group(parser, token, false));
    else if (token.text === '-' && parser.tokens[parser.next]?.text === '(') {
      clauses.push(group(parser, parser.tokens[parser.next++] as Token, true));
    } else clauses.push(term(parser.query, token));
  }
}

function group(parser: Parser, open: Token, negated: boolean): Clause {
  const inner = either(parser);
  const close = parser.tokens[parser.next];
  if (close?.text !== ')') fail(parser.query, open.at, 'a "(" is never closed');
  parser.next++;
  if (inner.length === 0) fail(parser.query, open.at, 'the parentheses hold nothing');
  // (-(a or b)) keeps its own minus: the two negations combine
  if (inner.length === 1 && inner[0]?.kind === 'or') return { ...inner[0], negated: negated !== inner[0].negated };
  return { kind: 'group', clauses: inner, negated };
}

function term(query: string, { text: raw, at }: Token): Clause {
  const negated = raw.startsWith('-') && raw.length > 1;
  const text = negated ? raw.slice(1) : raw;
  const comparison = /^([a-z]+)(<=|>=|<|>|=)(.*)$/.exec(text);
  if (comparison && !text.startsWith('"')) return compare(query, at, comparison, negated);
  const field = /^([a-z]+):(.*)$/.exec(text);
  if (field && !text.startsWith('"')) return fieldClause(query, at, field[1], unquote(field[2]), negated);
  // "deck:My Deck", "re:(a|b)": a filter quoted whole, as Anki allows
  const quotedField = /^"([a-z]+):(.*)"$/s.exec(text);
  if (quotedField && (FIELDS as readonly string[]).includes(quotedField[1] ?? '')) {
    return fieldClause(query, at, quotedField[1] ?? '', quotedField[2] ?? '', negated);
  }
  if (text.startsWith('"')) {
    const phrase = unquote(text);
    if (!phrase.trim()) fail(query, at, 'the quotes hold nothing');
    return { kind: 'text', text: phrase, phrase: true, negated };
  }
  return wordClause(text, negated);
}

/** A word; with `*` or `_` inside it (not escaped), a pattern; a trailing `*` alone is the prefix it always is. */
function wordClause(text: string, negated: boolean): Clause {
  const bare = text.endsWith('*') && !text.endsWith('\\*') ? text.slice(0, -1) : text;
  if (/(^|[^\\])[*_]/.test(bare)) return { kind: 'wildcard', pattern: text, negated };
  return { kind: 'text', text: bare.replace(/\\([*_\\])/g, '$1') || text, phrase: false, negated };
}

function fieldClause(query: string, at: number, name: string, value: string, negated: boolean): Clause {
  if (!(FIELDS as readonly string[]).includes(name)) {
    fail(
      query,
      at,
      `"${name}:" is not a filter (try deck:, section:, tag:, is:, added:, rated:, introduced:, prop:, flag:, re:, nc:, or due<, lapses>, reviews>, stability>)`,
    );
  }
  if (!value) fail(query, at, `"${name}:" needs a value`);
  if (name === 'added' || name === 'rated' || name === 'introduced') return recent(query, at, name, value, negated);
  if (name === 'prop') return property(query, at, value, negated);
  if (name === 'flag') {
    if (!/^[0-7]$/.test(value)) fail(query, at, `"flag:${value}" is not a flag (flag:0 for none, flag:1 to flag:7)`);
    return { kind: 'flag', flag: Number(value), negated };
  }
  if (name === 're') return regex(query, at, value, negated);
  if (name === 'nc') return { kind: 'text', text: withoutMarks(value), phrase: /\s/.test(value), negated };
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

/** added:N, rated:N, rated:N:EASE, introduced:N. */
function recent(query: string, at: number, what: 'added' | 'rated' | 'introduced', value: string, negated: boolean) {
  const [daysText, ratingText, ...rest] = value.split(':');
  const days = Number(daysText);
  if (!/^\d+$/.test(daysText ?? '') || days < 1) fail(query, at, `"${what}:" takes a number of days, 1 or more`);
  if (what !== 'added' && days > MAX_RECENT_DAYS)
    fail(query, at, `"${what}:" looks back at most ${MAX_RECENT_DAYS} days`);
  if (days > MAX_DAYS) fail(query, at, `"${what}:" looks back at most ${MAX_DAYS} days`);
  if (ratingText === undefined) return { kind: 'recent', what, days, negated } as const;
  if (what !== 'rated' || rest.length > 0 || !/^[1-4]$/.test(ratingText)) {
    fail(
      query,
      at,
      what === 'rated'
        ? '"rated:N:EASE" takes an ease of 1 to 4 (Again, Hard, Good, Easy)'
        : `"${what}:" takes only a number of days`,
    );
  }
  return { kind: 'recent', what, days, rating: Number(ratingText), negated } as const;
}

/** prop:ivl>N and its kin, as Anki has them (d and r from 0 to 1). */
function property(query: string, at: number, value: string, negated: boolean): Clause {
  const match = /^([a-z]+)(<=|>=|<|>|=|!=)(.*)$/.exec(value);
  if (!match) fail(query, at, `"prop:${value}" is not a comparison like prop:ivl>10`);
  const [, name, op, number] = match;
  if (!(PROPERTIES as readonly string[]).includes(name ?? '')) {
    fail(query, at, `"prop:${name}" is not a property (try ${PROPERTIES.map((p) => `prop:${p}`).join(', ')})`);
  }
  const amount = parseNumber(query, at, number);
  if (name === 'due' && Math.abs(amount) > MAX_DAYS) {
    fail(query, at, `"prop:due" counts days from today, at most ${MAX_DAYS} either way`);
  }
  const property = name as Property;
  if (op === '!=') return { kind: 'prop', property, op: '=', value: amount, negated: !negated };
  return { kind: 'prop', property, op: op as Comparison, value: amount, negated };
}

function parseNumber(query: string, at: number, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value))
    fail(query, at, `"${text ?? ''}" is not a number`);
  return value;
}

function regex(query: string, at: number, source: string, negated: boolean): Clause {
  try {
    new RegExp(source, 'iu');
  } catch (error) {
    fail(
      query,
      at,
      `"re:${source}" is not a regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`,
    );
  }
  return { kind: 'regex', source, negated };
}

/** Text without combining marks: nc:uber finds über. */
export function withoutMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}
