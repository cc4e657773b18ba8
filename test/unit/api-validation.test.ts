/**
 * Input validation at the API boundary: every call, from any transport (IPC, the web host, the CLI), goes
 * through dispatch, which checks it against the method's schema in shared/api.ts before any handler runs.
 * The web host's own checks are in web-host.test.ts; every method fuzzed is api-fuzz.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock } from '../helpers/collections';

const START = Date.UTC(2026, 2, 2, 10, 0);

function dispatchError(name: unknown, input: unknown): CueError {
  const collection = openTestCollection(new TestClock(START));
  try {
    dispatch(collection, name, input);
  } catch (error) {
    expect(error).toBeInstanceOf(CueError);
    expect(collection.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
    return error as CueError;
  }
  throw new Error('the call succeeded');
}

describe('input validation at the API boundary', () => {
  const bad: [string, unknown, unknown, string][] = [
    ['a string card id', 'study.answer', { cardId: '1', rating: 3, durationMs: 10 }, 'cardId'],
    ['a rating of 5', 'study.answer', { cardId: 1, rating: 5, durationMs: 10 }, 'rating'],
    ['a negative duration', 'study.answer', { cardId: 1, rating: 3, durationMs: -1 }, 'durationMs'],
    ['a fractional deck id', 'study.next', { deckId: 1.5 }, 'deckId'],
    ['an unknown field', 'study.next', { deckId: 1, extra: true }, ''],
    ['an array instead of an object', 'cards.bury', [1], ''],
  ];
  for (const [what, method, input, path] of bad) {
    it(`rejects ${what} with a typed error naming the field`, () => {
      const error = dispatchError(method, input);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(`Invalid input for ${method}`);
      const issues = (error.details as { issues: { path: string }[] }).issues;
      expect(issues.map((i) => i.path)).toContain(path);
    });
  }

  it('rejects an unknown method, including names from Object.prototype', () => {
    expect(dispatchError('cards.explode', {}).code).toBe('unknown_method');
    expect(dispatchError('toString', {}).code).toBe('unknown_method');
    expect(dispatchError(42, {}).code).toBe('unknown_method');
  });

  it('passes valid input through', () => {
    const collection = openTestCollection(new TestClock(START));
    const result = dispatch(collection, 'study.answer', { deckId: 1, cardId: 1, rating: 3, durationMs: 10 });
    expect(result).toMatchObject({ cardId: 1, state: 'learning' });
  });
});
