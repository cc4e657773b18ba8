/**
 * What any transport may send as a search (through dispatch, as IPC, the web host and the CLI do):
 * control characters are refused with the character and its place, and no text at all reaches FTS5 in a
 * way that fails as a database error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import { CueError } from '../../shared/errors';
import type { CardSearchResult } from '../../shared/search';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

const search = (collection: Collection, query: string) =>
  dispatch(collection, 'cards.search', { query, limit: 500 }) as CardSearchResult;

function searchError(collection: Collection, query: string): CueError {
  try {
    search(collection, query);
  } catch (error) {
    expect(error).toBeInstanceOf(CueError);
    return error as CueError;
  }
  throw new Error(`${JSON.stringify(query)} was searched`);
}

describe('control characters in a search', () => {
  const refused: [string, string, number][] = [
    ['\u0000\u0001\u0002', 'U+0000', 1],
    ['cache\u0000', 'U+0000', 6],
    ['"rate \u0001limiter"', 'U+0001', 7],
    ['-tag:\u001f', 'U+001F', 6],
    ['delete\u007f', 'U+007F', 7],
    ['\u000b', 'U+000B', 1],
  ];
  for (const [query, character, at] of refused) {
    it(`refuses ${JSON.stringify(query)}, naming ${character} and character ${at}`, () => {
      const collection = openTestCollection(new TestClock(NOW));
      const error = searchError(collection, query);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(`control character ${character} at character ${at}`);
      expect((error.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['query']);
    });
  }

  it('counts tab and line breaks as spaces', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const spaced = search(collection, 'cache invalidation');
    expect(spaced.total).toBeGreaterThan(0);
    expect(search(collection, 'cache\tinvalidation')).toEqual(spaced);
    expect(search(collection, 'cache\r\ninvalidation')).toEqual(spaced);
    // the message quotes the query on one line, and the place still counts what was sent
    const error = searchError(collection, 'cache\nfoo:bar');
    expect(error.message).toBe(
      'Search "cache foo:bar", at character 7: "foo:" is not a filter ' +
        '(try deck:, section:, tag:, is:, added:, rated:, introduced:, prop:, flag:, re:, nc:, or due<, lapses>, reviews>, stability>).',
    );
  });
});

describe('text that FTS5 reads as syntax', () => {
  const hostile = [
    'NEAR(',
    'NEAR(cache invalidation, 2)',
    '*',
    'cache*',
    '^',
    '^cache',
    '-',
    '--',
    '- -',
    '-"cache"',
    'a"b',
    '"a"b"c"',
    '(',
    ')',
    'cache OR latency',
    'cache NOT latency',
    'AND',
    '+',
    '{question}:cache',
    'question:cache',
    "'",
    '%_',
    '\\',
    '\ud800',
    '🙂*',
    'x'.repeat(1000),
    `"${'x '.repeat(498)}"`,
    'a '.repeat(500),
    '-a '.repeat(333),
    '-tag:x '.repeat(142),
    'lapses>1 '.repeat(111),
  ];
  it('searches each of them as plain words, or says what is wrong with the query', () => {
    const collection = openTestCollection(new TestClock(NOW));
    for (const query of hostile) {
      try {
        expect(search(collection, query).total, query).toBeGreaterThanOrEqual(0);
      } catch (error) {
        expect((error as CueError).code, `${JSON.stringify(query)}: ${(error as Error).message}`).toBe('invalid_input');
      }
    }
    expect(search(collection, 'cache*').total).toBe(search(collection, 'cache').total);
  });

  it('never fails as a database error, whatever the text', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const piece = fc.oneof(
      fc.constantFrom('"', '*', '^', '-', '(', ')', 'NEAR', 'AND', 'OR', 'NOT', ':', ' ', '\t', 'tag:', 'is:', '+'),
      fc.constantFrom('{', '}', ',', "'", '\\', '%', '\u0000', '\u0001', '\u007f', 'cache', 'due<', 'lapses>'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit: piece, maxLength: 40 }), (query) => {
        try {
          search(collection, query);
        } catch (error) {
          expect(error).toBeInstanceOf(CueError);
          expect((error as CueError).code, (error as Error).message).toBe('invalid_input');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
