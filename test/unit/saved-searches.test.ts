/** Saved searches: kept in the collection's settings by name, each query parsed before it is kept. */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { SAVED_SEARCHES_KEY } from '../../electron/core/saved-searches';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

const open = (dataDir?: string) => openTestCollection(new TestClock(NOW), dataDir ? { dataDir } : {});
const call = (collection: ReturnType<typeof open>, method: string, input: unknown) =>
  dispatch(collection, method, input);
const refusal = (action: () => unknown) => thrown(CueError, action);

describe('saved searches', () => {
  it('start empty, are saved alphabetically, and outlive closing the collection', () => {
    const collection = open();
    expect(call(collection, 'searches.list', {})).toEqual([]);
    call(collection, 'searches.save', { name: 'weak', query: 'tag:weak' });
    const list = call(collection, 'searches.save', { name: 'Due ML', query: 'is:due tag:interview::ml' });
    expect(list).toEqual([
      { name: 'Due ML', query: 'is:due tag:interview::ml' },
      { name: 'weak', query: 'tag:weak' },
    ]);
    const dataDir = collection.dataDir;
    collection.close();
    expect(call(open(dataDir), 'searches.list', {})).toEqual(list);
  });

  it('replace a search of the same name, in any case, and trim the name', () => {
    const collection = open();
    call(collection, 'searches.save', { name: 'Weak', query: 'tag:weak' });
    expect(call(collection, 'searches.save', { name: '  weak ', query: 'lapses>2' })).toEqual([
      { name: 'weak', query: 'lapses>2' },
    ]);
  });

  it('refuse a malformed query with the parser’s what-and-where, keeping the list as it was', () => {
    const collection = open();
    call(collection, 'searches.save', { name: 'weak', query: 'tag:weak' });
    const error = refusal(() => call(collection, 'searches.save', { name: 'weak', query: 'tag:weak (is:due' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Search "tag:weak (is:due", at character 10: a "(" is never closed.');
    expect(refusal(() => call(collection, 'searches.save', { name: 'x', query: 'flag:9' })).message).toMatch(
      /at character 1: "flag:9" is not a flag/,
    );
    expect(call(collection, 'searches.list', {})).toEqual([{ name: 'weak', query: 'tag:weak' }]);
  });

  it('refuse an empty or too long name or query, saying which', () => {
    const collection = open();
    const message = (input: unknown) => refusal(() => call(collection, 'searches.save', input)).message;
    expect(message({ name: ' ', query: 'a' })).toMatch(/A saved search needs a name\n {2}→ at name/);
    expect(message({ name: 'n'.repeat(101), query: 'a' })).toMatch(/at most 100 characters/);
    expect(message({ name: 'n', query: '  ' })).toMatch(/A saved search needs a query\n {2}→ at query/);
    expect(message({ name: 'n', query: 'a'.repeat(1001) })).toMatch(/query/);
    expect(message({ name: 'n', query: 'a\u0000b' })).toMatch(/control character U\+0000 at character 2/);
    expect(call(collection, 'searches.list', {})).toEqual([]);
  });

  it('hold at most 100; replacing one of them is still allowed', () => {
    const collection = open();
    for (let i = 0; i < 100; i++) call(collection, 'searches.save', { name: `s${i}`, query: `tag:t${i}` });
    const error = refusal(() => call(collection, 'searches.save', { name: 'one more', query: 'is:due' }));
    expect(error.message).toBe('There are already 100 saved searches; delete one before saving "one more".');
    const list = call(collection, 'searches.save', { name: 's5', query: 'is:new' }) as { name: string }[];
    expect(list).toHaveLength(100);
  });

  it('are deleted by name in any case; an unknown name is not found and deletes nothing', () => {
    const collection = open();
    call(collection, 'searches.save', { name: 'weak', query: 'tag:weak' });
    call(collection, 'searches.save', { name: 'due', query: 'is:due' });
    expect(call(collection, 'searches.delete', { name: 'WEAK' })).toEqual([{ name: 'due', query: 'is:due' }]);
    const error = refusal(() => call(collection, 'searches.delete', { name: 'weak' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No saved search is called "weak".');
    expect(call(collection, 'searches.list', {})).toEqual([{ name: 'due', query: 'is:due' }]);
  });

  it('read a damaged stored value as none, and keep only well-formed entries', () => {
    const collection = open();
    const store = (value: string) =>
      collection.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value')
        .run(SAVED_SEARCHES_KEY, value);
    store('{not json');
    expect(call(collection, 'searches.list', {})).toEqual([]);
    store('{"name":"a"}');
    expect(call(collection, 'searches.list', {})).toEqual([]);
    store('[{"name":"a","query":"x"},{"name":"","query":"y"},{"query":"z"},7]');
    expect(call(collection, 'searches.list', {})).toEqual([{ name: 'a', query: 'x' }]);
    // the collection's other settings still read (they share the table)
    expect(call(collection, 'settings.get', {})).toEqual({ rolloverHour: 4 });
  });
});
