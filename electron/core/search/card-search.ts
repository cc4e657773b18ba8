/** Runs a browser query (query-language.ts) against the collection: SQL filters plus FTS5 for words. */
import type { CardSearchResult, CardSearchRow } from '../../../shared/search';
import type { Db } from '../database';
import { type DayBoundary, dayNumber, dayStart } from '../days';
import { type Scheduler, STATE_NAMES, type StateCode } from '../scheduler';
import { MASTERED_STABILITY } from '../study-queue';
import { type Clause, parseQuery } from './query-language';

export interface SearchContext {
  db: Db;
  scheduler: Scheduler;
  boundary: DayBoundary;
  now: number;
}

interface Compiled {
  where: string[];
  params: Record<string, string | number>;
  /** The positive words, as one FTS5 expression: they rank the results. */
  match: string | null;
}

/** FTS5 string literal: words are matched as prefixes, phrases as they are. */
function ftsTerm(clause: Clause & { kind: 'text' }): string {
  const quoted = `"${clause.text.replace(/"/g, '""')}"`;
  return clause.phrase ? quoted : `${quoted}*`;
}

function compile(clauses: Clause[], ctx: SearchContext): Compiled {
  const compiled: Compiled = { where: [], params: {}, match: null };
  const positive: string[] = [];
  clauses.forEach((clause, i) => {
    const name = `p${i}`;
    if (clause.kind === 'text' && !clause.negated) {
      positive.push(ftsTerm(clause));
      return;
    }
    const condition = conditionFor(clause, name, compiled.params, ctx);
    compiled.where.push(clause.negated ? `NOT (${condition})` : condition);
  });
  if (positive.length) compiled.match = positive.join(' AND ');
  return compiled;
}

function conditionFor(clause: Clause, name: string, params: Compiled['params'], ctx: SearchContext): string {
  switch (clause.kind) {
    case 'text':
      params[name] = ftsTerm(clause);
      return `c.id IN (SELECT rowid FROM cards_fts WHERE cards_fts MATCH @${name})`;
    case 'field':
      params[name] = clause.value;
      if (clause.field === 'tag') return `(' ' || c.tags || ' ') LIKE '% ' || @${name} || ' %'`;
      if (clause.field === 'deck') return `(d.name = @${name} COLLATE NOCASE OR d.key = @${name})`;
      return `(s.name = @${name} COLLATE NOCASE OR s.key = @${name})`;
    case 'is':
      return isCondition(clause.value, ctx);
    case 'compare':
      return compareCondition(clause, name, params, ctx);
  }
}

function isCondition(
  value: Clause & { kind: 'is' } extends { value: infer V } ? V : never,
  ctx: SearchContext,
): string {
  const tomorrow = dayStart(dayNumber(ctx.now, ctx.boundary) + 1, ctx.boundary);
  const active = `c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= ${ctx.now})`;
  switch (value) {
    case 'new':
      return 'c.state = 0';
    case 'learning':
      return 'c.state IN (1, 3)';
    case 'review':
      return 'c.state = 2';
    case 'suspended':
      return 'c.suspended = 1';
    case 'buried':
      return `c.buried_until > ${ctx.now}`;
    case 'mastered':
      return `c.state = 2 AND c.stability >= ${MASTERED_STABILITY}`;
    case 'due':
      return `c.state != 0 AND c.due < ${tomorrow} AND ${active}`;
  }
}

function compareCondition(
  clause: Clause & { kind: 'compare' },
  name: string,
  params: Compiled['params'],
  ctx: SearchContext,
): string {
  if (clause.field !== 'due') {
    const column = { lapses: 'c.lapses', reviews: 'c.reps', stability: 'c.stability' }[clause.field];
    params[name] = clause.value;
    return `${column} ${clause.op} @${name}`;
  }
  // a day compares by its start: due<D means due before day D begins
  const start = dayStart(clause.value, ctx.boundary);
  const end = dayStart(clause.value + 1, ctx.boundary);
  const range = {
    '<': `c.due < ${start}`,
    '<=': `c.due < ${end}`,
    '>': `c.due >= ${end}`,
    '>=': `c.due >= ${start}`,
    '=': `c.due >= ${start} AND c.due < ${end}`,
  }[clause.op];
  return `c.state != 0 AND ${range}`;
}

export function searchCards(
  ctx: SearchContext,
  input: { query: string; limit: number; offset: number },
): CardSearchResult {
  const compiled = compile(parseQuery(input.query), ctx);
  const from = `cards c JOIN sections s ON s.id = c.section_id JOIN decks d ON d.id = c.deck_id${
    compiled.match ? ' JOIN cards_fts f ON f.rowid = c.id' : ''
  }`;
  const where = [...compiled.where, ...(compiled.match ? ['cards_fts MATCH @match'] : [])];
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const params = { ...compiled.params, ...(compiled.match ? { match: compiled.match } : {}) };
  const total = ctx.db.prepare(`SELECT count(*) FROM ${from} ${whereSql}`).pluck().get(params) as number;
  const { decay, factor } = ctx.scheduler.curve;
  const rows = ctx.db
    .prepare(
      `SELECT c.id, c.deck_id, d.name AS deck, c.section_id, s.name AS section, c.question, c.tags, c.state,
         c.suspended, c.due, c.stability, c.difficulty, c.lapses, c.reps,
         ${compiled.match ? 'highlight(cards_fts, 0, @markOpen, @markClose)' : 'c.question'} AS marked,
         CASE WHEN c.state = 0 OR c.last_review IS NULL OR c.stability <= 0 THEN NULL
           ELSE pow(1 + @factor * max(0, @now - c.last_review) / 86400000.0 / c.stability, @decay) END AS r
       FROM ${from} ${whereSql}
       ORDER BY ${compiled.match ? 'bm25(cards_fts, 5.0, 1.0, 2.0),' : ''} c.deck_id, c.position
       LIMIT @limit OFFSET @offset`,
    )
    .all({
      ...params,
      ...(compiled.match ? { markOpen: MARK_OPEN, markClose: MARK_CLOSE } : {}),
      limit: input.limit,
      offset: input.offset,
      now: ctx.now,
      decay,
      factor,
    }) as SearchSqlRow[];
  return { total, cards: rows.map(toRow) };
}

interface SearchSqlRow {
  id: number;
  deck_id: number;
  deck: string;
  section_id: number;
  section: string;
  question: string;
  tags: string;
  state: StateCode;
  suspended: number;
  due: number;
  stability: number;
  difficulty: number;
  lapses: number;
  reps: number;
  marked: string;
  r: number | null;
}

/** Characters no card contains, for FTS5's highlight() to wrap matches in before escaping. */
const MARK_OPEN = '\u0001';
const MARK_CLOSE = '\u0002';

/** Escapes the question as HTML, then turns FTS5's highlight markers into <mark>. */
function markMatches(marked: string): string {
  return marked
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .split(MARK_OPEN)
    .join('<mark>')
    .split(MARK_CLOSE)
    .join('</mark>');
}

function toRow(row: SearchSqlRow): CardSearchRow {
  return {
    id: row.id,
    deckId: row.deck_id,
    deck: row.deck,
    sectionId: row.section_id,
    section: row.section,
    question: row.question,
    questionHighlighted: markMatches(row.marked),
    tags: row.tags ? row.tags.split(' ') : [],
    state: STATE_NAMES[row.state],
    suspended: row.suspended === 1,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    retrievability: row.r,
    lapses: row.lapses,
    reviews: row.reps,
  };
}
