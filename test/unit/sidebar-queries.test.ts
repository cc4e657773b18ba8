/** The browser sidebar's tag tree and the searches its items run, checked against the real search. */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../electron/core/search/query-language';
import { changeSnippet } from '../../renderer/screens/browse/change-snippet';
import {
  buildTagTree,
  combinedSearch,
  deckSearch,
  flagSearch,
  quotedValue,
  sectionSearch,
  tagPaths,
  tagSearch,
} from '../../renderer/screens/browse/sidebar-queries';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

describe('the tag tree', () => {
  it('nests by "::", making parents no card carries alone, alphabetical at each level', () => {
    const tree = buildTagTree([
      { tag: 'weak', cards: 2 },
      { tag: 'interview::ml', cards: 3 },
      { tag: 'interview::ml::deep', cards: 1 },
      { tag: 'interview::dsa', cards: 4 },
      { tag: 'Algebra', cards: 1 },
    ]);
    expect(tagPaths(tree)).toEqual([
      'Algebra',
      'interview',
      'interview::dsa',
      'interview::ml',
      'interview::ml::deep',
      'weak',
    ]);
    const interview = tree[1];
    expect(interview).toMatchObject({ name: 'interview', path: 'interview', cards: null });
    expect(interview?.children[1]).toMatchObject({ name: 'ml', path: 'interview::ml', cards: 3 });
    expect(interview?.children[1]?.children[0]).toEqual({
      name: 'deep',
      path: 'interview::ml::deep',
      cards: 1,
      children: [],
    });
  });

  it('shares nodes between spellings in any case, as the core compares tags, keeping the first', () => {
    const tree = buildTagTree([
      { tag: 'interview', cards: 1 },
      { tag: 'Interview::ML', cards: 2 },
      { tag: 'interview::ml::deep', cards: 1 },
      { tag: 'INTERVIEW::ml', cards: 5 },
    ]);
    expect(tagPaths(tree)).toEqual(['interview', 'interview::ML', 'interview::ML::deep']);
    expect(tree[0]?.cards).toBe(1);
    expect(tree[0]?.children[0]?.cards).toBe(7);
  });

  it('drops empty levels of odd tags (trailing, leading or doubled "::") instead of drawing blank rows', () => {
    const tree = buildTagTree([
      { tag: 'a::', cards: 1 },
      { tag: '::b', cards: 2 },
      { tag: 'c::::d', cards: 3 },
      { tag: '::', cards: 4 },
    ]);
    expect(tagPaths(tree)).toEqual(['a', 'b', 'c', 'c::d']);
    expect(tree.map((node) => node.cards)).toEqual([1, 2, null]);
    expect(buildTagTree([])).toEqual([]);
  });
});

describe('the searches sidebar items run', () => {
  it('quote what the query language would split, and escape its wildcard', () => {
    expect(quotedValue('Interview Prep')).toBe('"Interview Prep"');
    expect(quotedValue('C++ (basics)')).toBe('"C++ (basics)"');
    expect(quotedValue('Lead*')).toBe('Lead\\*');
    expect(deckSearch({ name: 'Say "hi"', key: 'say-hi' })).toBe('deck:say-hi');
    expect(tagSearch('interview::ml')).toBe('tag:interview::ml');
    expect(tagSearch('c(x)')).toBe('tag:"c(x)"');
    expect(flagSearch(3)).toBe('flag:3');
    for (const query of [
      sectionSearch({ name: 'A (b) c', key: 'a' }, { name: 'System Design*', key: 's' }),
      tagSearch('c(x)::y'),
    ]) {
      expect(() => parseQuery(query)).not.toThrow();
    }
  });

  it('replace the search, or with Ctrl/Cmd join it, grouping an "or" so the item narrows all of it', () => {
    expect(combinedSearch('cache', 'flag:1', false)).toBe('flag:1');
    expect(combinedSearch('  ', 'flag:1', true)).toBe('flag:1');
    expect(combinedSearch('cache', 'flag:1', true)).toBe('cache flag:1');
    expect(combinedSearch('a or b', 'is:due', true)).toBe('(a or b) is:due');
    expect(combinedSearch('order', 'is:due', true)).toBe('order is:due');
  });

  it('find exactly the cards of a deck, of a section in that deck, and of a tag with its children', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const count = (query: string) => collection.handlers['cards.search']({ query, limit: 1, offset: 0 }).total;
    const deckId = collection.handlers['decks.create']({ name: 'Prep (2026) *new*' }).deckId;
    const other = collection.handlers['decks.create']({ name: 'Other' }).deckId;
    const section = (id: number) => collection.handlers['sections.create']({ deckId: id, name: 'System Design' });
    const here = section(deckId).sectionId;
    const there = section(other).sectionId;
    const add = (sectionId: number, tags: string[]) =>
      collection.handlers['cards.create']({ sectionId, question: `Question ${tags.join(' ')}`, answer: 'a', tags });
    add(here, ['interview::ml']);
    add(here, ['interview::ml::deep']);
    add(there, ['interview']);
    const deck = {
      name: 'Prep (2026) *new*',
      key: collection.handlers['decks.list']({}).find((d) => d.id === deckId)?.key ?? '',
    };
    expect(count(deckSearch(deck))).toBe(2);
    expect(count(sectionSearch(deck, { name: 'System Design', key: '' }))).toBe(2);
    expect(count(tagSearch('interview::ml'))).toBe(2);
    expect(count(tagSearch('interview'))).toBe(3);
  });
});

describe('a find and replace change, previewed', () => {
  it('marks what differs with a little unchanged text either side, cut with "…"', () => {
    const field = `${'a'.repeat(60)} the middle ${'z'.repeat(60)}`;
    expect(changeSnippet(field, field.replace('the', 'THE'), 10)).toEqual({
      before: `…${'a'.repeat(9)} `,
      removed: 'the',
      added: 'THE',
      after: ` middle zz…`,
    });
  });

  it('shows a whole short field, an insertion, a removal and several changes as one stretch', () => {
    expect(changeSnippet('cat', 'cart')).toEqual({ before: 'ca', removed: '', added: 'r', after: 't' });
    expect(changeSnippet('a b c', 'a c')).toEqual({ before: 'a ', removed: 'b ', added: '', after: 'c' });
    expect(changeSnippet('x1 y x1', 'x2 y x2')).toEqual({ before: 'x', removed: '1 y x1', added: '2 y x2', after: '' });
    expect(changeSnippet('', 'new')).toEqual({ before: '', removed: '', added: 'new', after: '' });
  });
});
