/** The renderer's hash routes: every route reads back from its hash, and a hash that is no route goes home. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardHash, parseRoute, type Route, routeHash, statsHash } from '../../renderer/lib/route-hash';

const id = fc.integer({ min: 1, max: 2 ** 31 });
const day = fc
  .date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const scope = fc.record({
  deckId: id,
  sectionId: fc.option(id, { nil: undefined }),
  at: fc.option(day, { nil: undefined }),
});
const origin = fc.constantFrom('browse' as const, 'study' as const);

const route: fc.Arbitrary<Route> = fc.oneof(
  fc.constant({ name: 'home' as const }),
  fc.constant({ name: 'import' as const }),
  // a file opened with Cue: any name, with the characters a URL must escape
  fc
    .record({
      upload: fc.stringMatching(/^[\w-]{24}$/),
      name: fc.string({ minLength: 1, maxLength: 60 }),
      size: fc.nat(),
    })
    .map((opened) => ({ name: 'import' as const, opened })),
  fc.constant({ name: 'backups' as const }),
  fc.constant({ name: 'sync' as const }),
  fc.constant({ name: 'browse' as const }),
  fc.record({ name: fc.constant('edit' as const), cardId: id, from: origin }),
  fc.record({ name: fc.constant('add' as const), sectionId: id, from: origin }),
  scope.map((s) => ({ name: 'stats' as const, ...s })),
  fc.record({ name: fc.constantFrom('options' as const, 'optimize' as const, 'simulate' as const), deckId: id }),
  fc.record({ name: fc.constant('readiness' as const), deckId: id }),
  fc.constant({ name: 'notetypes' as const }),
  fc.oneof(
    id.map((cardId) => ({ name: 'notetypes' as const, from: { mode: 'edit' as const, cardId } })),
    id.map((sectionId) => ({ name: 'notetypes' as const, from: { mode: 'add' as const, sectionId } })),
  ),
  fc.record({ name: fc.constant('custom' as const), deckId: id, sectionId: fc.option(id, { nil: undefined }) }),
  fc.record({ name: fc.constant('mock' as const), deckId: id, sessionId: fc.option(id, { nil: undefined }) }),
  fc.tuple(scope, id, fc.boolean()).map(([s, cardId, fromBrowse]) => ({
    name: 'card' as const,
    cardId,
    ...s,
    ...(fromBrowse ? { from: 'browse' as const } : {}),
  })),
);

/** Absent optional fields and fields set to undefined are the same route. */
const plain = (r: Route) => JSON.parse(JSON.stringify(r));

describe('hash routes', () => {
  it('read back every route from its hash', () => {
    fc.assert(
      fc.property(route, (r) => {
        expect(plain(parseRoute(routeHash(r)))).toEqual(plain(r));
      }),
    );
  });

  it('write the hashes the screens link to', () => {
    expect(routeHash({ name: 'home' })).toBe('#/');
    expect(routeHash({ name: 'sync' })).toBe('#/sync');
    expect(routeHash({ name: 'edit', cardId: 17, from: 'study' })).toBe('#/edit/17?from=study');
    expect(routeHash({ name: 'add', sectionId: 3, from: 'browse' })).toBe('#/add/3');
    expect(statsHash({ deckId: 1, sectionId: 3, at: '2026-03-01' })).toBe('#/stats/1/3?at=2026-03-01');
    expect(cardHash({ deckId: 1 }, 17)).toBe('#/stats/1/card/17');
    expect(routeHash({ name: 'options', deckId: 2 })).toBe('#/options/2');
    expect(routeHash({ name: 'simulate', deckId: 2 })).toBe('#/options/2/simulate');
    expect(routeHash({ name: 'custom', deckId: 2, sectionId: 5 })).toBe('#/custom/2/5');
    expect(routeHash({ name: 'mock', deckId: 2 })).toBe('#/mock/2');
    expect(routeHash({ name: 'mock', deckId: 2, sessionId: 7 })).toBe('#/mock/2/7');
    expect(routeHash({ name: 'readiness', deckId: 2 })).toBe('#/readiness/2');
    expect(parseRoute('#/readiness/2')).toEqual({ name: 'readiness', deckId: 2 });
    expect(routeHash({ name: 'notetypes' })).toBe('#/notetypes');
    expect(routeHash({ name: 'notetypes', from: { mode: 'edit', cardId: 17 } })).toBe('#/notetypes?from=edit/17');
    expect(parseRoute('#/notetypes?from=add/3')).toEqual({ name: 'notetypes', from: { mode: 'add', sectionId: 3 } });
    // an origin that is no editor is dropped, not followed
    expect(parseRoute('#/notetypes?from=https://example.com')).toEqual({ name: 'notetypes' });
    expect(parseRoute('#/notetypes?from=edit/0')).toEqual({ name: 'notetypes' });
    expect(routeHash({ name: 'card', cardId: 17, deckId: 1, from: 'browse' })).toBe('#/stats/1/card/17?from=browse');
  });

  it('read hashes typed or pasted by hand', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#')).toEqual({ name: 'home' });
    expect(parseRoute('#stats/2')).toEqual({ name: 'stats', deckId: 2, at: undefined });
    expect(parseRoute('#/stats/2/')).toEqual({ name: 'stats', deckId: 2, at: undefined });
    expect(parseRoute('#/edit/5?from=elsewhere')).toEqual({ name: 'edit', cardId: 5, from: 'browse' });
  });

  it('send a hash that is no route home, and drop a date that is not one', () => {
    for (const hash of [
      '#/nowhere',
      '#/stats',
      '#/stats/0',
      '#/stats/-1',
      '#/stats/1.5',
      '#/edit/x',
      '#/import/1',
      '#/sync/1',
    ]) {
      expect(parseRoute(hash)).toEqual({ name: 'home' });
    }
    expect(parseRoute('#/stats/1?at=yesterday')).toEqual({ name: 'stats', deckId: 1, at: undefined });
    expect(parseRoute('#/stats/1/card/0')).toEqual({ name: 'stats', deckId: 1, at: undefined });
  });
});
