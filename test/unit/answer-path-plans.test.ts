/**
 * Every statement the answer path runs (study.next, study.answer with the next card, study.undo, and
 * the home screen's decks.list) is planned without a full scan of a table and without a temporary
 * B-tree, on a 10,000-card collection: a plan that regresses fails here, not only in `npm run bench`.
 * The statements are recorded as they run, with their parameters, and each is then EXPLAINed.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { openTestCollection, TestClock } from '../helpers/collections';

interface Ran {
  sql: string;
  args: unknown[];
}

const ran: Ran[] = [];
let recording = false;
const statementProto = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1'));
const originals = new Map<string, (...args: unknown[]) => unknown>();

beforeAll(() => {
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = statementProto[method] as (...args: unknown[]) => unknown;
    originals.set(method, original);
    statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
      if (recording) ran.push({ sql: this.source, args });
      return original.apply(this, args);
    };
  }
});

afterAll(() => {
  for (const [method, original] of originals) statementProto[method] = original;
});

const NOW = Date.UTC(2026, 10, 2, 9, 0);
const DAY = 86_400_000;

/** 10,000 cards over 5 sections: reviews due and not, learning, relearning, new, suspended, buried. */
function largeCollection(): Collection {
  const collection = openTestCollection(new TestClock(NOW));
  const db = collection.db;
  db.transaction(() => {
    db.prepare(
      "INSERT INTO decks (id, key, name, source_version, created_at, updated_at) VALUES (2, 'big', 'Big', 1, 0, 0)",
    ).run();
    for (let s = 0; s < 5; s++) {
      db.prepare('INSERT INTO sections (id, deck_id, key, name, position) VALUES (?, 2, ?, ?, ?)').run(
        100 + s,
        `s${s}`,
        `S${s}`,
        s,
      );
    }
    const card = db.prepare(
      `INSERT INTO cards (deck_id, section_id, key, position, question, answer, created_at, updated_at, state, due,
         stability, difficulty, scheduled_days, reps, lapses, last_review, suspended, buried_until)
       VALUES (2, ?, ?, ?, ?, 'A', 0, 0, ?, ?, ?, 5, ?, ?, 0, ?, ?, ?)`,
    );
    for (let i = 0; i < 10_000; i++) {
      const state = i % 10 === 0 ? 0 : i % 50 === 1 ? 1 : i % 50 === 2 ? 3 : 2;
      const due = state === 0 ? 0 : NOW + ((i % 60) - 20) * DAY + (state === 2 ? 0 : -DAY * 10 + i * 1000);
      card.run(
        100 + (i % 5),
        `k${i}`,
        i,
        `Q${i}`,
        state,
        due,
        state === 0 ? 0 : 1 + (i % 40),
        i % 40,
        state === 0 ? 0 : 3,
        state === 0 ? null : NOW - 5 * DAY,
        i % 97 === 0 ? 1 : 0,
        i % 89 === 0 ? NOW + DAY : null,
      );
    }
  })();
  db.prepare('UPDATE decks SET new_limit = 9999, review_limit = 99999 WHERE id = 2').run();
  return collection;
}

describe('the answer path’s plans, at 10,000 cards', () => {
  it('scan no table and sort nothing in a temporary B-tree', () => {
    const collection = largeCollection();
    const scopes = [{ deckId: 2 }, { deckId: 2, sectionId: 102 }];
    // the first time counts (every count query runs), then answers move the kept counts
    collection.handlers['decks.list']({});
    recording = true;
    for (const scope of scopes) {
      let { card } = collection.handlers['study.next'](scope);
      for (let i = 0; i < 5 && card; i++) {
        card = collection.handlers['study.answer']({
          ...scope,
          cardId: card.id,
          rating: ((i % 4) + 1) as 1,
          durationMs: 4000,
        }).next.card;
      }
      collection.handlers['study.undo'](scope);
    }
    collection.handlers['decks.list']({});
    recording = false;
    // counted again after a write that is not an answer
    collection.handlers['cards.suspend']({ cardId: 5 });
    recording = true;
    collection.handlers['decks.list']({});
    collection.handlers['study.next']({ deckId: 2 });
    recording = false;

    const unique = new Map(ran.map((r) => [r.sql, r]));
    expect(unique.size).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const { sql, args } of unique.values()) {
      if (!/^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)/i.test(sql)) continue;
      const plan = (
        collection.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as [])) as { detail: string }[]
      ).map((row) => row.detail);
      // listing every deck is the home screen's job: that one statement walks the decks table
      const everyDeck = /FROM decks d JOIN presets p ON p.id = d.preset_id ORDER BY d.id/.test(
        sql.replace(/\s+/g, ' '),
      );
      const bad = plan.filter(
        (detail) =>
          (/^SCAN (?!CONSTANT ROW)(?!pragma_)/.test(detail) && !(everyDeck && detail === 'SCAN d')) ||
          /TEMP B-TREE/.test(detail),
      );
      if (bad.length) problems.push(`${sql.replace(/\s+/g, ' ').slice(0, 300)}\n    ${bad.join('\n    ')}`);
    }
    expect(problems, problems.join('\n\n')).toEqual([]);
  });
});
