/**
 * Anki's search operators in the browser's language: places by name or pattern, recent cards and
 * answers, card properties, wildcards, regular expressions, accents, `or` and grouping — and what
 * each says when it is written wrong.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY } from '../../electron/core/days';
import { parseQuery } from '../../electron/core/search/query-language';
import type { Rating } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock } from '../helpers/collections';
import { openPackageCollection } from '../helpers/package-sql';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 2, 2, 10, 0);
const DECK = 'Lead Machine Learning Engineer: Interview Questions and Answers';

function total(collection: Collection, query: string): number {
  return collection.handlers['cards.search']({ query, limit: 500, offset: 0 }).total;
}

function keys(collection: Collection, query: string): string[] {
  const { cards } = collection.handlers['cards.search']({ query, limit: 500, offset: 0 });
  const key = collection.db.prepare('SELECT key FROM cards WHERE id = ?').pluck();
  return cards.map((card) => key.get(card.id) as string).sort();
}

function idOf(collection: Collection, key: string): number {
  return collection.db.prepare('SELECT id FROM cards WHERE key = ?').pluck().get(key) as number;
}

function answer(collection: Collection, key: string, rating: Rating) {
  return collection.handlers['study.answer']({ deckId: 1, cardId: idOf(collection, key), rating, durationMs: 4000 });
}

const setQuestion = (collection: Collection, key: string, question: string) =>
  collection.db.prepare('UPDATE cards SET question = ? WHERE key = ?').run(question, key);

describe('deck: and section:', () => {
  it('match the whole name in any case, or the key, and take * for the rest', () => {
    const collection = openTestCollection(new TestClock(NOW));
    expect(total(collection, 'deck:Lead')).toBe(0);
    expect(total(collection, 'deck:lead*')).toBe(50);
    expect(total(collection, `deck:"${DECK.toUpperCase()}"`)).toBe(50);
    expect(total(collection, 'deck:lead-ml-engineer')).toBe(50);
    expect(total(collection, 'deck:*interview*')).toBe(50);
    expect(total(collection, 'section:Concepts')).toBe(0);
    expect(total(collection, 'section:CORE')).toBe(10);
    expect(total(collection, 'section:core*')).toBe(10);
    expect(total(collection, 'section:"core concepts"')).toBe(10);
    expect(total(collection, 'section:core')).toBe(10);
    expect(total(collection, 'section:*design*')).toBe(10);
    // a name's own % and _ are themselves, not patterns
    expect(total(collection, 'section:c_re')).toBe(0);
    expect(total(collection, 'section:%')).toBe(0);
  });
});

describe('recent cards and answers', () => {
  it('added:N, rated:N, rated:N:EASE and introduced:N count study days back from today; undone answers do not count', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    collection.db.prepare("UPDATE cards SET created_at = ? WHERE key LIKE 'core-%'").run(NOW - 10 * MS_PER_DAY);
    answer(collection, 'dsa-01', 3);
    clock.advance(3 * MS_PER_DAY);
    answer(collection, 'dsa-01', 2);
    answer(collection, 'dsa-02', 1);
    answer(collection, 'dsa-03', 4);
    collection.handlers['study.undo']({ deckId: 1 });

    // the bundled deck came in when the collection opened, three days ago; the core cards ten days before
    expect(total(collection, 'added:3')).toBe(0);
    expect(total(collection, 'added:4')).toBe(40);
    expect(total(collection, 'added:13')).toBe(40);
    expect(total(collection, 'added:14')).toBe(50);
    expect(keys(collection, 'rated:1')).toEqual(['dsa-01', 'dsa-02']);
    expect(keys(collection, 'rated:1:1')).toEqual(['dsa-02']);
    expect(keys(collection, 'rated:1:2')).toEqual(['dsa-01']);
    expect(keys(collection, 'rated:4:3')).toEqual(['dsa-01']);
    expect(keys(collection, 'rated:3')).toEqual(['dsa-01', 'dsa-02']);
    expect(keys(collection, 'introduced:1')).toEqual(['dsa-02']);
    expect(keys(collection, 'introduced:4')).toEqual(['dsa-01', 'dsa-02']);
    expect(total(collection, '-rated:7')).toBe(48);
  });
});

describe('prop:', () => {
  it('compares interval, due days, stability, difficulty (0 to 1), recall, reviews and lapses', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    answer(collection, 'dsa-01', 4);
    answer(collection, 'dsa-02', 3);
    const card = collection.db
      .prepare("SELECT scheduled_days, due, stability, difficulty, reps FROM cards WHERE key = 'dsa-01'")
      .get() as { scheduled_days: number; due: number; stability: number; difficulty: number };
    expect(card.scheduled_days).toBeGreaterThan(1);
    expect(keys(collection, `prop:ivl=${card.scheduled_days}`)).toEqual(['dsa-01']);
    expect(keys(collection, 'prop:ivl>=1')).toEqual(['dsa-01']);
    expect(keys(collection, `prop:due=${card.scheduled_days}`)).toEqual(['dsa-01']);
    expect(keys(collection, 'prop:due<1')).toEqual(['dsa-02']);
    expect(keys(collection, 'prop:due>0')).toEqual(['dsa-01']);
    expect(keys(collection, `prop:s>${card.stability - 0.01}`)).toEqual(['dsa-01']);
    expect(keys(collection, 'prop:s>0')).toEqual(['dsa-01', 'dsa-02']);
    const scaled = (card.difficulty - 1) / 9;
    expect(keys(collection, `prop:d<=${scaled + 0.0001}`)).toContain('dsa-01');
    expect(keys(collection, `prop:d<${scaled - 0.0001}`)).not.toContain('dsa-01');
    expect(keys(collection, 'prop:r>0.99')).toEqual(['dsa-01', 'dsa-02']);
    clock.advance(30 * MS_PER_DAY);
    expect(keys(collection, 'prop:r<0.9')).toEqual(['dsa-01', 'dsa-02']);
    expect(keys(collection, 'prop:reps=1')).toEqual(['dsa-01', 'dsa-02']);
    expect(total(collection, 'prop:reps!=1')).toBe(48);
    expect(total(collection, 'prop:lapses>0')).toBe(0);
  });
});

describe('words with wildcards, regular expressions and accents', () => {
  it('* is any run of characters, _ one, and \\* \\_ themselves', () => {
    const collection = openTestCollection(new TestClock(NOW));
    setQuestion(collection, 'dsa-01', 'Why qwzzyk snake_case names?');
    setQuestion(collection, 'dsa-02', 'Why qwyk snakeXcase names?');
    expect(keys(collection, 'qw*yk')).toEqual(['dsa-01', 'dsa-02']);
    expect(keys(collection, 'qwzz_k')).toEqual(['dsa-01']);
    expect(keys(collection, 'snake_case')).toEqual(['dsa-01', 'dsa-02']);
    expect(keys(collection, 'snake\\_case')).toEqual(['dsa-01']);
    expect(keys(collection, '-qw*yk section:dsa')).toHaveLength(8);
  });

  it('re: matches a regular expression in any case; nc: and plain words ignore accents', () => {
    const collection = openTestCollection(new TestClock(NOW));
    setQuestion(collection, 'dsa-03', 'Über-caching at 4242 rps');
    expect(keys(collection, 're:^über-caching\\s+at\\s+\\d{4}')).toEqual(['dsa-03']);
    expect(keys(collection, 're:"caching at"')).toEqual(['dsa-03']);
    expect(keys(collection, '"re:(über|unter)-caching"')).toEqual(['dsa-03']);
    expect(keys(collection, 're:"(über|unter)-caching"')).toEqual(['dsa-03']);
    expect(keys(collection, 'nc:uber')).toEqual(['dsa-03']);
    expect(keys(collection, 'uber')).toEqual(['dsa-03']);
    expect(total(collection, 're:.')).toBe(50);
  });
});

describe('or, and, and parentheses', () => {
  it('combine as Anki’s: side by side means and; or joins; parentheses group; - negates a group', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    answer(collection, 'core-01', 3);
    answer(collection, 'dsa-01', 3);
    expect(total(collection, 'section:core or section:dsa')).toBe(20);
    expect(total(collection, 'section:core OR section:dsa or section:behavioral')).toBe(30);
    expect(keys(collection, '(section:core or section:dsa) is:learning')).toEqual(['core-01', 'dsa-01']);
    expect(keys(collection, 'is:learning and (section:core or section:coding)')).toEqual(['core-01']);
    expect(total(collection, '-(section:core or section:dsa)')).toBe(30);
    expect(total(collection, '- (section:core or section:dsa)')).toBe(30);
    expect(total(collection, '(cache or caching) section:dsa')).toBeGreaterThan(0);
    // a minus inside parentheses is kept, and two of them cancel
    expect(parseQuery('(-(a or b))')[0]).toMatchObject({ kind: 'or', negated: true });
    expect(parseQuery('-(-(a or b))')[0]).toMatchObject({ kind: 'or', negated: false });
    expect(total(collection, '(-(section:core or section:dsa))')).toBe(30);
    expect(parseQuery('a or b')).toEqual([
      {
        kind: 'or',
        negated: false,
        groups: [
          [{ kind: 'text', text: 'a', phrase: false, negated: false }],
          [{ kind: 'text', text: 'b', phrase: false, negated: false }],
        ],
      },
    ]);
  });
});

describe('flags', () => {
  it('are set on a selection, found with flag:N, kept through an Anki export and import', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const ids = ['dsa-01', 'dsa-02', 'core-05'].map((key) => idOf(collection, key));
    collection.handlers['cards.bulk']({ cardIds: ids.slice(0, 2), change: { action: 'setFlag', flag: 1 } });
    collection.handlers['cards.bulk']({ cardIds: [ids[2] ?? 0], change: { action: 'setFlag', flag: 7 } });
    expect(keys(collection, 'flag:1')).toEqual(['dsa-01', 'dsa-02']);
    expect(keys(collection, 'flag:7')).toEqual(['core-05']);
    expect(total(collection, 'flag:0')).toBe(47);
    expect(total(collection, '-flag:0')).toBe(3);
    expect(collection.handlers['cards.search']({ query: 'flag:7', limit: 5, offset: 0 }).cards[0]?.flag).toBe(7);
    collection.handlers['cards.bulk']({ cardIds: [ids[0] ?? 0], change: { action: 'setFlag', flag: 0 } });
    expect(keys(collection, 'flag:1')).toEqual(['dsa-02']);
    const file = collection.handlers['export.deck']({
      deckId: 1,
      format: 'apkg',
      withHistory: false,
      includeRecordings: false,
    });
    const bytes = Buffer.from(file.dataBase64, 'base64');
    const flags = openPackageCollection(bytes)
      .prepare('SELECT flags, count(*) AS n FROM cards GROUP BY flags ORDER BY flags')
      .all();
    expect(flags).toEqual(
      [
        { flags: 0, n: 48 },
        { flags: 7, n: 1 },
        { flags: 1, n: 1 },
      ].sort((x, y) => x.flags - y.flags),
    );
    const other = openTestCollection(new TestClock(NOW), { bundledDeckDir: undefined });
    other.importFile(file.fileName, bytes, { dryRun: false });
    expect(total(other, 'flag:7')).toBe(1);
    expect(total(other, 'flag:1')).toBe(1);
    expect(total(other, '-flag:0')).toBe(2);
  });
});

describe('a query written wrong', () => {
  const malformed: [string, number, RegExp][] = [
    ['or cache', 1, /"or" needs a term before it/],
    ['cache or', 7, /"or" needs a term after it/],
    ['(cache', 1, /a "\(" is never closed/],
    ['cache)', 6, /a "\)" closes nothing/],
    ['cache ()', 7, /the parentheses hold nothing/],
    ['added:x', 1, /"added:" takes a number of days, 1 or more/],
    ['rated:0', 1, /"rated:" takes a number of days/],
    ['rated:400', 1, /"rated:" looks back at most 365 days/],
    ['rated:3:5', 1, /takes an ease of 1 to 4/],
    ['introduced:3:1', 1, /"introduced:" takes only a number of days/],
    ['prop:foo>1', 1, /"prop:foo" is not a property \(try prop:ivl/],
    ['prop:ivl', 1, /"prop:ivl" is not a comparison like prop:ivl>10/],
    ['prop:s>much', 1, /"much" is not a number/],
    ['added:300000000', 1, /"added:" looks back at most 36500 days/],
    ['prop:due>100000000', 1, /"prop:due" counts days from today, at most 36500 either way/],
    ['prop:due<-1e20', 1, /"prop:due" counts days from today/],
    ['flag:8', 1, /"flag:8" is not a flag \(flag:0 for none, flag:1 to flag:7\)/],
    ['cache re:"("', 7, /"re:\(" is not a regular expression/],
    ['cache "re:a(b"', 7, /"re:a\(b" is not a regular expression/],
  ];
  for (const [query, at, reason] of malformed) {
    it(`"${query}" says what is wrong and where`, () => {
      const error = thrown(CueError, () => parseQuery(query));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(reason);
      expect(error.message).toContain(`at character ${at}:`);
    });
  }
});
