/**
 * Benchmark: the card browser's search as you type, on a private copy of the generated collection of
 * 100,000 cards. Each row is a query typed a key at a time ("q", "qu", "que"…), every prefix asked
 * for as the browser asks after a key (`cards.search`, the first page of 200 rows and the count), in
 * the browser's default order or a sort; prefixes that are not a query yet ("tag:") are skipped, as
 * the browser shows their error without rows. Timings are per keystroke.
 *
 * The floor is the least SQL that answers the same page: the count and the page's ids in the same
 * order, then the page's rows, each written by hand for the few forms the rows type.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collection } from '../electron/core/collection';
import { parseQuery } from '../electron/core/search/query-language';
import type { CardSort } from '../shared/search';
import { benchCollection } from './generate-collection';
import { type BenchOptions, type BenchRow, interleaved, peakRssMb, row } from './measure';
import { removeDir } from './temp-dirs';

const PAGE = 200;

interface Typed {
  text: string;
  sort?: CardSort;
}

const TYPED: Typed[] = [
  { text: 'question 4242' },
  { text: 'what is:due' },
  { text: 'section:s3 is:due' },
  { text: 'tag:leech' },
  { text: 'question', sort: { column: 'due', descending: false } },
  { text: 'is:review', sort: { column: 'stability', descending: true } },
];

export function run(options: BenchOptions = {}): { rows: BenchRow[] } {
  const size = options.smoke ? { cards: 200, reviews: 5, rounds: 1 } : { cards: 100_000, reviews: 20, rounds: 3 };
  const copyDir = mkdtempSync(join(tmpdir(), 'cue-bench-browse-'));
  try {
    // a copy, since opening migrates the file: the cached one stays as generated
    const generated = benchCollection(size.cards, size.reviews, copyDir);
    const collection = new Collection({ dataDir: copyDir, clock: () => generated.now, timeZone: 'UTC' });
    try {
      const label = `${size.cards.toLocaleString('en')} cards`;
      const rows = TYPED.map((typed) => {
        const keys = prefixes(typed.text);
        const measured = interleaved(
          keys.length * size.rounds,
          (round) => search(collection, keys[round % keys.length], typed.sort),
          (round) => floorSearch(collection, keys[round % keys.length], typed.sort),
          keys.length,
        );
        const sorted = typed.sort ? `, by ${typed.sort.column}${typed.sort.descending ? ' descending' : ''}` : '';
        return row(`search as you type "${typed.text}"${sorted}, per key`, label, measured, '< 50 ms');
      });
      const rss = peakRssMb();
      return { rows: rows.map((r) => ({ ...r, peakRssMb: rss })) };
    } finally {
      collection.close();
    }
  } finally {
    removeDir(copyDir);
  }
}

/** What the search box holds after each key, where it is a query. */
function prefixes(text: string): string[] {
  const all = Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));
  return all.filter((query) => {
    try {
      parseQuery(query);
      return true;
    } catch {
      return false;
    }
  });
}

function search(collection: Collection, query: string, sort?: CardSort) {
  return collection.handlers['cards.search']({ query, limit: PAGE, offset: 0, sort });
}

/**
 * The same page by hand: words as FTS5 prefixes (ranked by bm25 unless sorted), `section:`, `tag:`
 * and `is:` as the plain conditions they stand for.
 */
function floorSearch(collection: Collection, query: string, sort?: CardSort): unknown {
  const db = collection.db;
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  const words: string[] = [];
  const tomorrow = Date.UTC(2026, 10, 3, 4);
  for (const term of query.split(/\s+/).filter(Boolean)) {
    const [field, value] = term.includes(':') ? term.split(':') : [null, term];
    if (field === null) words.push(`"${value}"*`);
    else if (field === 'section') where.push(`c.section_id IN (SELECT id FROM sections WHERE key = '${value}')`);
    else if (field === 'tag') where.push(`(' ' || c.tags || ' ') LIKE '% ${value} %'`);
    else if (value === 'due') where.push(`c.state != 0 AND c.due < ${tomorrow} AND c.suspended = 0`);
    else if (value === 'review') where.push('c.state = 2');
    else throw new Error(`the floor cannot answer ${term}`);
  }
  const fts = words.length > 0;
  if (fts) {
    where.push('cards_fts MATCH @match');
    params.match = words.join(' AND ');
  }
  const from = `cards c${fts ? ' JOIN cards_fts ON cards_fts.rowid = c.id' : ''}`;
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = sort
    ? `c.state = 0, c.${sort.column} ${sort.descending ? 'DESC' : 'ASC'}`
    : fts
      ? 'bm25(cards_fts, 5.0, 1.0, 2.0)'
      : 'c.deck_id, c.position';
  const total = db.prepare(`SELECT count(*) FROM ${from} ${whereSql}`).pluck().get(params);
  const ids = db
    .prepare(`SELECT c.id FROM ${from} ${whereSql} ORDER BY ${order}, c.id LIMIT ${PAGE}`)
    .pluck()
    .all(params) as number[];
  const rows = db
    .prepare(
      'SELECT c.*, s.name AS section FROM cards c JOIN sections s ON s.id = c.section_id WHERE c.id IN (SELECT value FROM json_each(?))',
    )
    .all(JSON.stringify(ids));
  return { total, rows };
}
