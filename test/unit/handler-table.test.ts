/**
 * The core's handlers come from one file per feature: together they must give every method of the
 * API table exactly one handler. (A missing handler, or one for a method the table does not have,
 * does not compile; a method two features both handle compiles, so this test is what catches it.)
 */
import { describe, expect, it } from 'vitest';
import { featureHandlers } from '../../electron/core/handlers';
import { methodNames } from '../../shared/api';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

/** Which features handle each method named in `features`. */
function handledBy(features: Record<string, object>): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const [feature, table] of Object.entries(features)) {
    for (const method of Object.keys(table)) owners.set(method, [...(owners.get(method) ?? []), feature]);
  }
  return owners;
}

/** Methods handled by more than one feature, with the features. */
function handledTwice(features: Record<string, object>): [string, string[]][] {
  return [...handledBy(features)].filter(([, owners]) => owners.length > 1);
}

describe('the handler table', () => {
  it('has one handler for every method of the API table, and nothing else', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const names = Object.keys(collection.handlers);
    expect(names.sort()).toEqual([...methodNames].sort());
    for (const name of names)
      expect(typeof collection.handlers[name as keyof typeof collection.handlers]).toBe('function');
  });

  it('takes each method from exactly one feature file', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const features = featureHandlers(collection);
    expect(handledTwice(features)).toEqual([]);
    expect([...handledBy(features).keys()].sort()).toEqual([...methodNames].sort());
  });

  it('notices a method that two features both handle', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const { study, stats, ...rest } = featureHandlers(collection);
    const doubled = { ...rest, study, stats: { ...stats, 'study.next': study['study.next'] } };
    expect(handledTwice(doubled)).toEqual([['study.next', ['study', 'stats']]]);
  });

  it('keeps every feature to its own methods', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const features = featureHandlers(collection);
    // the API's own prefixes say which feature a method belongs to; a few belong where a person finds them
    const home: Record<string, string> = {
      'collection.check': 'backups',
      'collection.info': 'settings',
      'media.add': 'cards',
      stats: 'stats',
      simulate: 'simulate',
      'presets.reschedulePreview': 'simulate',
      'presets.reschedule': 'simulate',
    };
    const prefixes: Record<string, string> = {
      study: 'study',
      history: 'history',
      sync: 'sync',
      cards: 'cards',
      tags: 'cards',
      decks: 'decks',
      sections: 'decks',
      files: 'io',
      import: 'io',
      export: 'io',
      backups: 'backups',
      stats: 'stats',
      settings: 'settings',
      preferences: 'settings',
      presets: 'presets',
      custom: 'custom',
      optimize: 'optimize',
      mock: 'mock',
      recordings: 'recordings',
      readiness: 'readiness',
      notes: 'notes',
      notetypes: 'notes',
      searches: 'searches',
    };
    for (const [method, [feature]] of handledBy(features)) {
      expect(feature, method).toBe(home[method] ?? prefixes[method.split('.')[0]]);
    }
  });
});
