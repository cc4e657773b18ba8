import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { parseQuery } from '../../electron/core/search/query-language';
import { CueError } from '../../shared/errors';
import { type CardSearchRow, SORT_COLUMNS, type SortColumn } from '../../shared/search';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

function search(collection: Collection, query: string, limit = 100) {
  return collection.handlers['cards.search']({ query, limit, offset: 0 });
}
const keys = (collection: Collection, query: string) =>
  search(collection, query).cards.map((c) =>
    collection.db.prepare('SELECT key FROM cards WHERE id = ?').pluck().get(c.id),
  );

function queryError(query: string): CueError {
  try {
    parseQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(CueError);
    return error as CueError;
  }
  throw new Error(`"${query}" parsed`);
}

describe('the query language', () => {
  it('reads each operator, quoting and negation', () => {
    expect(
      parseQuery('section:"System Design" is:due lapses>2 cache -tag:draft "rate limiter" due<=2026-03-10'),
    ).toEqual([
      { kind: 'field', field: 'section', value: 'System Design', negated: false },
      { kind: 'is', value: 'due', negated: false },
      { kind: 'compare', field: 'lapses', op: '>', value: 2, negated: false },
      { kind: 'text', text: 'cache', phrase: false, negated: false },
      { kind: 'field', field: 'tag', value: 'draft', negated: true },
      { kind: 'text', text: 'rate limiter', phrase: true, negated: false },
      { kind: 'compare', field: 'due', op: '<=', value: Date.UTC(2026, 2, 10) / 86_400_000, negated: false },
    ]);
    expect(parseQuery('   ')).toEqual([]);
  });

  const malformed: [string, number, RegExp][] = [
    ['color:red', 1, /"color:" is not a filter/],
    ['cache is:dormant', 7, /"is:dormant" is not one of is:new/],
    ['section:"System Design', 9, /a quote is never closed/],
    ['lapses>many', 1, /"many" is not a number/],
    ['due<tomorrow', 1, /"tomorrow" is not a date like 2026-12-01/],
    ['name<3', 1, /"name" cannot be compared/],
    ['tag:', 1, /"tag:" needs a value/],
  ];
  for (const [query, at, reason] of malformed) {
    it(`says what is wrong with "${query}" and where`, () => {
      const error = queryError(query);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(reason);
      expect(error.message).toContain(`at character ${at}`);
    });
  }
});

describe('searching the collection', () => {
  it('finds words by prefix in question, answer and tags, ranks question matches first, and marks them', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const result = search(collection, 'cach');
    expect(result.total).toBeGreaterThan(3);
    // three questions hold the word (cache, Cache, caching); they rank above answers that do
    const found = keys(collection, 'cach');
    expect(found.slice(0, 3).sort()).toEqual(['coding-06', 'dsa-01', 'system-design-06']);
    expect(found).toContain('core-05'); // "Multi-level caching" in its answer only
    const design = result.cards.find((c) => c.question.startsWith('Design a distributed caching'));
    expect(design?.questionHighlighted).toBe('Design a distributed <mark>caching</mark> system');
    expect(search(collection, '"distributed caching"').total).toBe(1);
  });

  it('combines filters, and negates them', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 4, durationMs: 1000 });
    collection.handlers['cards.suspend']({ cardId: 2 });
    expect(search(collection, 'section:core').total).toBe(10);
    expect(search(collection, 'section:"core concepts" is:new').total).toBe(9);
    expect(keys(collection, 'is:review')).toEqual(['core-01']);
    expect(keys(collection, 'is:suspended')).toEqual(['core-02']);
    expect(
      search(collection, 'deck:"Lead Machine Learning Engineer: Interview Questions and Answers" -is:new').total,
    ).toBe(1);
    expect(search(collection, '-section:core').total).toBe(40);
    // Easy on a new card: due 8 days later, on Mar 10 from 4 am
    expect(keys(collection, 'due<2026-03-10')).toEqual([]);
    expect(keys(collection, 'due<=2026-03-10')).toEqual(['core-01']);
    expect(keys(collection, 'due=2026-03-10 stability>8')).toEqual(['core-01']);
    expect(search(collection, 'stability>9').total).toBe(0);
  });

  it('filters by lapses and tags', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    collection.db.prepare("UPDATE cards SET lapses = 3, tags = 'weak ml' WHERE key = 'dsa-04'").run();
    collection.db.prepare("UPDATE cards SET lapses = 1, tags = 'ml' WHERE key = 'dsa-05'").run();
    expect(keys(collection, 'lapses>2')).toEqual(['dsa-04']);
    expect(keys(collection, 'lapses>=1')).toEqual(['dsa-04', 'dsa-05']);
    expect(keys(collection, 'tag:ml')).toEqual(['dsa-04', 'dsa-05']);
    expect(keys(collection, 'tag:m')).toEqual([]);
    expect(keys(collection, 'tag:ml -tag:weak')).toEqual(['dsa-05']);
    expect(keys(collection, 'tag:ML')).toEqual(['dsa-04', 'dsa-05']);
  });

  it('finds a tag as it is written: underscores, percent signs and punctuation are the tag’s own', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const tag = collection.db.prepare('UPDATE cards SET tags = ? WHERE key = ?');
    tag.run('machine_learning', 'dsa-04');
    tag.run('machineXlearning', 'dsa-05');
    tag.run('100% ::', 'dsa-06');
    tag.run('weak::ml', 'dsa-07');
    expect(keys(collection, 'tag:machine_learning')).toEqual(['dsa-04']);
    expect(keys(collection, 'tag:100%')).toEqual(['dsa-06']);
    expect(keys(collection, 'tag:%')).toEqual([]);
    expect(keys(collection, 'tag:::')).toEqual(['dsa-06']);
    expect(keys(collection, 'tag:weak::ml')).toEqual(['dsa-07']);
    expect(keys(collection, 'tag:ml')).toEqual([]);
    expect(search(collection, '-tag:machine_learning').total).toBe(49);
  });

  it('keeps the index in step when a card changes', () => {
    const collection = openTestCollection(new TestClock(NOW));
    collection.db.prepare("UPDATE cards SET question = 'What is a Bloom filter?' WHERE key = 'dsa-06'").run();
    expect(keys(collection, 'bloom')).toEqual(['dsa-06']);
    expect(search(collection, 'trie prefix').cards.map((c) => c.id)).not.toContain(
      collection.db.prepare("SELECT id FROM cards WHERE key = 'dsa-06'").pluck().get(),
    );
  });

  it('pages through results and reports the total', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const first = collection.handlers['cards.search']({ query: '', limit: 20, offset: 0 });
    const third = collection.handlers['cards.search']({ query: '', limit: 20, offset: 40 });
    expect(first.total).toBe(50);
    expect(first.cards).toHaveLength(20);
    expect(third.cards).toHaveLength(10);
    expect(third.cards.at(-1)?.section).toBe('Behavioral Questions');
  });

  it('sorts by every column, either way, new cards last where they have no value, pages never overlapping', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    // a little history: two answers on card 3, good answers elsewhere, and a tag
    for (const [cardId, rating] of [
      [1, 3],
      [2, 4],
      [3, 1],
      [3, 1],
      [4, 3],
    ] as const) {
      collection.handlers['study.answer']({ deckId: 1, cardId, rating, durationMs: 1000 });
      clock.advance(60_000);
    }
    clock.advance(3 * 86_400_000);
    collection.handlers['cards.bulk']({ cardIds: [5], change: { action: 'addTags', tags: ['aaa'] } });
    const all = (column: SortColumn, descending: boolean) => {
      const ids: CardSearchRow[] = [];
      for (let offset = 0; offset < 50; offset += 7) {
        ids.push(
          ...collection.handlers['cards.search']({ query: '', limit: 7, offset, sort: { column, descending } }).cards,
        );
      }
      return ids;
    };
    for (const column of SORT_COLUMNS) {
      for (const descending of [false, true]) {
        const rows = all(column, descending);
        // every card exactly once across the pages
        expect(new Set(rows.map((r) => r.id)).size, `${column} ${descending}`).toBe(50);
        const values = rows.map((r) => sortValue(r, column));
        const present = values.filter((v) => v !== null);
        const sorted = [...present].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(present, `${column} ${descending}`).toEqual(descending ? sorted.reverse() : sorted);
        // cards without a value (new cards, no tags) come last either way
        expect(
          values.slice(present.length).every((v) => v === null),
          column,
        ).toBe(true);
      }
    }
    expect(all('reviews', true)[0].id).toBe(3);
    expect(all('tags', false)[0].id).toBe(5);
    expect(all('modified', true)[0].id).toBe(5);
    // relevance without words is the deck's order
    expect(all('relevance', false).map((r) => r.id)).toEqual(all('order', false).map((r) => r.id));
  });
});

function sortValue(row: CardSearchRow, column: SortColumn): string | number | null {
  const isNew = row.state === 'new';
  switch (column) {
    case 'relevance':
    case 'order':
      return null;
    case 'question':
      return row.question.toLowerCase();
    case 'deck':
      return row.deck.toLowerCase();
    case 'section':
      return row.section.toLowerCase();
    case 'state':
      return { new: 0, learning: 1, relearning: 1, review: 2 }[row.state];
    case 'due':
      return isNew ? null : row.due;
    case 'stability':
      return isNew ? null : row.stability;
    case 'difficulty':
      return isNew ? null : row.difficulty;
    case 'retrievability':
      return row.retrievability;
    case 'lapses':
      return row.lapses;
    case 'reviews':
      return row.reviews;
    case 'tags':
      return row.tags.length ? row.tags.join(' ').toLowerCase() : null;
    case 'modified':
      return row.modified;
  }
}
