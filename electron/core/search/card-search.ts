/** Runs a browser query (query-language.ts) against the collection: SQL filters plus FTS5 for words. */
import { type CardFormat, cardPreview } from '../../../shared/card-preview';
import type { CardSearchResult, CardSearchRow, CardSort, SortColumn } from '../../../shared/search';
import { CARD_SUMMARY_COLUMNS, type CardSummaryRow, cardSummary, MASTERED_STABILITY, pick } from '../card-rows';
import type { Db } from '../database';
import { type DayBoundary, dayNumber, dayStart } from '../days';
import type { Scheduler } from '../scheduler';
import { type Clause, type Comparison, parseQuery } from './query-language';

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
  const names = { next: 0 };
  for (const clause of clauses) {
    // words side by side at the top rank the results; inside an `or` or a group they only filter
    if (clause.kind === 'text' && !clause.negated) positive.push(ftsTerm(clause));
    else compiled.where.push(conditionOf(clause, names, compiled.params, ctx));
  }
  if (positive.length) compiled.match = positive.join(' AND ');
  return compiled;
}

/** A clause's SQL over the cards table `c`, negated if it is; its parameters go to `params`. */
function conditionOf(clause: Clause, names: { next: number }, params: Compiled['params'], ctx: SearchContext): string {
  const name = `p${names.next++}`;
  const condition = conditionFor(clause, name, names, params, ctx);
  return clause.negated ? `NOT (${condition})` : condition;
}

function conditionFor(
  clause: Clause,
  name: string,
  names: { next: number },
  params: Compiled['params'],
  ctx: SearchContext,
): string {
  const each = (list: Clause[]) => `(${list.map((item) => conditionOf(item, names, params, ctx)).join(' AND ')})`;
  switch (clause.kind) {
    case 'text':
      params[name] = ftsTerm(clause);
      return `c.id IN (SELECT rowid FROM cards_fts WHERE cards_fts MATCH @${name})`;
    case 'wildcard':
      params[name] = `%${likePattern(clause.pattern, { wildcards: true })}%`;
      return `(c.question LIKE @${name} ESCAPE '\\' OR c.answer LIKE @${name} ESCAPE '\\' OR c.tags LIKE @${name} ESCAPE '\\')`;
    case 'field':
      if (clause.field === 'tag') return tagCondition(clause.value, name, params);
      return placeCondition(clause.field, clause.value, name, params);
    case 'is':
      return isCondition(clause.value, ctx);
    case 'compare':
      return compareCondition(clause, name, params, ctx);
    case 'prop':
      return propertyCondition(clause, name, params, ctx);
    case 'recent':
      return recentCondition(clause, name, params, ctx);
    case 'regex':
      params[name] = clause.source;
      return `(cue_regexp(@${name}, c.question) OR cue_regexp(@${name}, c.answer) OR cue_regexp(@${name}, c.tags))`;
    case 'flag':
      return `c.flag = ${clause.flag}`;
    case 'or':
      return `(${clause.groups.map(each).join(' OR ')})`;
    case 'group':
      return each(clause.clauses);
  }
}

/**
 * A query's text as a LIKE pattern (escaped with `\`): with `wildcards`, `*` is any run and `_` one
 * character, `\*` and `\_` themselves; without, every character stands for itself except `*`.
 */
function likePattern(text: string, { wildcards }: { wildcards: boolean }): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    const escaped = char === '\\' && (text[i + 1] === '*' || text[i + 1] === '_');
    if (escaped) out += `\\${text[++i]}`;
    else if (char === '*') out += '%';
    else if (char === '_' && wildcards) out += '_';
    else if (char === '%' || char === '_' || char === '\\') out += `\\${char}`;
    else out += char;
  }
  return out;
}

/**
 * deck: and section: alike: the whole name in any case, or the key, with `*` for any run of characters
 * (deck:Lead*). As a list of ids, so the planner can start from the place's cards (cards_section).
 */
function placeCondition(field: 'deck' | 'section', value: string, name: string, params: Compiled['params']): string {
  params[name] = likePattern(value, { wildcards: false });
  const table = field === 'deck' ? 'decks' : 'sections';
  const column = field === 'deck' ? 'c.deck_id' : 'c.section_id';
  return `${column} IN (SELECT id FROM ${table} WHERE name LIKE @${name} ESCAPE '\\' OR key LIKE @${name} ESCAPE '\\')`;
}

/** prop:ivl, due, s, d, r, reps, lapses as Anki has them; new cards have none but reps and lapses. */
function propertyCondition(
  clause: Clause & { kind: 'prop' },
  name: string,
  params: Compiled['params'],
  ctx: SearchContext,
): string {
  params[name] = clause.value;
  const op = clause.op;
  switch (clause.property) {
    case 'ivl':
      return `c.state = 2 AND c.scheduled_days ${op} @${name}`;
    case 's':
      return `c.state != 0 AND c.stability ${op} @${name}`;
    case 'd':
      // Anki shows difficulty from 0 to 1: FSRS's 1 to 10, scaled
      return `c.state != 0 AND (c.difficulty - 1) / 9.0 ${op} @${name}`;
    case 'r':
      params.factor = ctx.scheduler.curve.factor;
      params.decay = ctx.scheduler.curve.decay;
      params.now = ctx.now;
      return `${RECALL} ${op} @${name}`;
    case 'reps':
      return `c.reps ${op} @${name}`;
    case 'lapses':
      return `c.lapses ${op} @${name}`;
    case 'due':
      return dueInDays(op, clause.value, ctx);
  }
}

/** prop:due compares days from today: prop:due=1 is due tomorrow, prop:due<0 overdue. */
function dueInDays(op: Comparison, days: number, ctx: SearchContext): string {
  const today = dayNumber(ctx.now, ctx.boundary);
  const whole = Math.floor(days);
  const start = dayStart(today + whole, ctx.boundary);
  const end = dayStart(today + whole + 1, ctx.boundary);
  const range = {
    '<': `c.due < ${Number.isInteger(days) ? start : end}`,
    '<=': `c.due < ${end}`,
    '>': `c.due >= ${end}`,
    '>=': `c.due >= ${Number.isInteger(days) ? start : end}`,
    '=': Number.isInteger(days) ? `c.due >= ${start} AND c.due < ${end}` : '0',
  }[op];
  return `c.state != 0 AND ${range}`;
}

/** added:N, rated:N[:EASE], introduced:N: in the last N study days, today being the first. */
function recentCondition(
  clause: Clause & { kind: 'recent' },
  name: string,
  params: Compiled['params'],
  ctx: SearchContext,
): string {
  params[name] = dayStart(dayNumber(ctx.now, ctx.boundary) - clause.days + 1, ctx.boundary);
  if (clause.what === 'added') return `c.created_at >= @${name}`;
  const answered = `r.undone_at IS NULL AND r.reviewed_at >= @${name}`;
  if (clause.what === 'rated') {
    const rating = clause.rating === undefined ? '' : ` AND r.rating = ${clause.rating}`;
    return `c.id IN (SELECT r.card_id FROM review_log r WHERE ${answered}${rating})`;
  }
  // the first answer that counts falls in the window: none before it
  return `c.id IN (SELECT r.card_id FROM review_log r WHERE ${answered} AND NOT EXISTS (
    SELECT 1 FROM review_log e WHERE e.card_id = r.card_id AND e.undone_at IS NULL AND e.reviewed_at < @${name}))`;
}

/**
 * Cards with the tag itself or a child of it (one of the card's space-separated tags, ignoring ASCII case). The full-text
 * index finds the few cards whose tags hold the tag's words, which the exact test then narrows, so a
 * tag costs no scan of every card; a tag with no words (only punctuation) is tested on every card.
 */
function tagCondition(tag: string, name: string, params: Compiled['params']): string {
  // LIKE's wildcards stand for themselves: tag:a_b is the tag a_b
  params[name] = tag.replace(/[\\%_]/g, (c) => `\\${c}`);
  // the tag itself, or one of its children (tag:interview finds interview::ml), as in Anki
  const exact = `((' ' || c.tags || ' ') LIKE '% ' || @${name} || ' %' ESCAPE '\\' OR (' ' || c.tags) LIKE '% ' || @${name} || '::%' ESCAPE '\\')`;
  if (!/[\p{L}\p{N}]/u.test(tag)) return exact;
  params[`${name}_words`] = `tags : "${tag.replace(/"/g, '""')}"`;
  return `c.id IN (SELECT rowid FROM cards_fts WHERE cards_fts MATCH @${name}_words) AND ${exact}`;
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

/** ORDER BY terms for each sort column; ties fall back to the deck's order, then the id, so pages never overlap. */
function orderTerms(sort: CardSort, hasWords: boolean): string {
  const column = sort.column === 'relevance' && !hasWords ? 'order' : sort.column;
  const dir = sort.descending ? 'DESC' : 'ASC';
  const terms: Record<SortColumn, string> = {
    relevance: `bm25(cards_fts, 5.0, 1.0, 2.0) ${dir}`,
    order: `c.deck_id ${dir}, c.position ${dir}`,
    question: `c.question COLLATE NOCASE ${dir}`,
    deck: `d.name COLLATE NOCASE ${dir}`,
    section: `s.name COLLATE NOCASE ${dir}`,
    // learning and relearning sort together, as the browser shows them
    state: `CASE c.state WHEN 0 THEN 0 WHEN 2 THEN 2 ELSE 1 END ${dir}`,
    // new cards have no due date: they come after the studied ones either way
    due: `c.state = 0, c.due ${dir}`,
    stability: `c.state = 0, c.stability ${dir}`,
    difficulty: `c.state = 0, c.difficulty ${dir}`,
    retrievability: `${RECALL} IS NULL, ${RECALL} ${dir}`,
    lapses: `c.lapses ${dir}`,
    reviews: `c.reps ${dir}`,
    tags: `c.tags = '', c.tags COLLATE NOCASE ${dir}`,
    modified: `c.updated_at ${dir}`,
  };
  return `${terms[column]}, c.deck_id, c.position, c.id`;
}

/** Predicted recall now, as SQL over the card's columns (null for new cards). */
const RECALL = `(CASE WHEN c.state = 0 OR c.last_review IS NULL OR c.stability <= 0 THEN NULL
  ELSE pow(1 + @factor * max(0, @now - c.last_review) / 86400000.0 / c.stability, @decay) END)`;

export function searchCards(
  ctx: SearchContext,
  input: { query: string; limit: number; offset: number; sort?: CardSort },
): CardSearchResult {
  const compiled = compile(parseQuery(input.query), ctx);
  const match = compiled.match !== null;
  const sort = input.sort ?? { column: 'relevance', descending: false };
  const fts = match ? ' JOIN cards_fts ON cards_fts.rowid = c.id' : '';
  const sectionJoin = ' JOIN sections s ON s.id = c.section_id';
  const deckJoin = ' JOIN decks d ON d.id = c.deck_id';
  // Counting and ordering join a section or deck only to sort by its name: on 100,000 cards the
  // joins alone cost more than the query.
  const from = `cards c${sort.column === 'section' ? sectionJoin : ''}${sort.column === 'deck' ? deckJoin : ''}${fts}`;
  const where = [...compiled.where, ...(match ? ['cards_fts MATCH @match'] : [])];
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const params = { ...compiled.params, ...(match ? { match: compiled.match } : {}) };
  // Words alone are counted in the index alone: its rows are the cards' (kept so by triggers), and
  // joining 100,000 matches to their cards only to count them costs more than the count.
  const counted =
    match && compiled.where.length === 0 ? 'cards_fts WHERE cards_fts MATCH @match' : `${from} ${whereSql}`;
  const total = ctx.db.prepare(`SELECT count(*) FROM ${counted}`).pluck().get(params) as number;
  const { decay, factor } = ctx.scheduler.curve;
  // The page's ids first, then their rows: a page deep in the list then sorts and skips bare ids,
  // not whole rows with their highlights and recall.
  const ids = ctx.db
    .prepare(`SELECT c.id FROM ${from} ${whereSql} ORDER BY ${orderTerms(sort, match)} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: input.limit, offset: input.offset, now: ctx.now, decay, factor }) as number[];
  if (ids.length === 0) return { total, cards: [] };
  const rows = ctx.db
    .prepare(
      `SELECT ${CARD_SUMMARY_COLUMNS}, d.name AS deck, s.name AS section, c.updated_at,
         ${match ? 'highlight(cards_fts, 0, @markOpen, @markClose)' : 'c.question'} AS marked, ${RECALL} AS r
       FROM cards c${sectionJoin}${deckJoin}${fts}
       WHERE c.id IN (SELECT value FROM json_each(@ids))${match ? ' AND cards_fts MATCH @match' : ''}`,
    )
    .all({
      ...(match ? { match: compiled.match, markOpen: MARK_OPEN, markClose: MARK_CLOSE } : {}),
      ids: JSON.stringify(ids),
      now: ctx.now,
      decay,
      factor,
    }) as SearchSqlRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { total, cards: ids.flatMap((id) => (byId.has(id) ? [toRow(byId.get(id) as SearchSqlRow)] : [])) };
}

interface SearchSqlRow extends CardSummaryRow {
  deck: string;
  section: string;
  updated_at: number;
  marked: string;
  r: number | null;
}

/** Characters no card contains, for FTS5's highlight() to wrap matches in before escaping. */
const MARK_OPEN = '\u0001';
const MARK_CLOSE = '\u0002';
const MARKER = `[${MARK_OPEN}${MARK_CLOSE}]`;
const MARKERS = new RegExp(MARKER, 'g');
const MARKED_TAG = new RegExp(`<${MARKER}*/?${MARKER}*[a-zA-Z][^>]*>?`, 'g');
const MARKED_ENTITY = new RegExp(`&(?:${MARKER}|[#a-zA-Z0-9]){2,40};`, 'g');

/**
 * The question's preview (shared/card-preview.ts) with FTS5's matches in <mark>, HTML-escaped otherwise.
 * FTS5 marks words of the source, tag names and entity names included; marks inside a tag or an entity
 * go first so the preview reads them as ever, and the rest are balanced (the preview may cut one off).
 */
export function markMatches(marked: string, format: CardFormat): string {
  const source =
    format === 'html'
      ? marked
          .replace(MARKED_TAG, (tag) => tag.replace(MARKERS, ''))
          .replace(MARKED_ENTITY, (entity) => entity.replace(MARKERS, ''))
      : marked;
  const escaped = cardPreview(source, format).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  let open = false;
  const html = escaped.replace(MARKERS, (marker) => {
    if ((marker === MARK_OPEN) === open) return '';
    open = !open;
    return open ? '<mark>' : '</mark>';
  });
  return open ? `${html}</mark>` : html;
}

const SEARCH_ROW_FIELDS = [
  'id',
  'deckId',
  'sectionId',
  'question',
  'tags',
  'state',
  'suspended',
  'due',
  'stability',
  'difficulty',
  'lapses',
] as const;

function toRow(row: SearchSqlRow): CardSearchRow {
  return {
    ...pick(cardSummary(row), SEARCH_ROW_FIELDS),
    deck: row.deck,
    section: row.section,
    preview: cardPreview(row.question, row.format),
    questionHighlighted: markMatches(row.marked, row.format),
    retrievability: row.r,
    reviews: row.reps,
    modified: row.updated_at,
    flag: row.flag,
  };
}

/**
 * The ids of every card a query matches among those `within` admits (SQL over the cards table `c`, with
 * its own parameters), in the deck's order: what a cram session of that query studies.
 */
export function searchCardIds(
  ctx: SearchContext,
  query: string,
  within: { where: string; params: Record<string, number | null> },
): number[] {
  const compiled = compile(parseQuery(query), ctx);
  const match = compiled.match !== null;
  const where = [within.where, ...compiled.where, ...(match ? ['cards_fts MATCH @match'] : [])];
  return ctx.db
    .prepare(
      `SELECT c.id FROM cards c${match ? ' JOIN cards_fts ON cards_fts.rowid = c.id' : ''}
       WHERE ${where.join(' AND ')} ORDER BY c.deck_id, c.position, c.id`,
    )
    .pluck()
    .all({ ...within.params, ...compiled.params, ...(match ? { match: compiled.match } : {}) }) as number[];
}
