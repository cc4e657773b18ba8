import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  CUE_APPLICATION_ID,
  DamagedDatabaseError,
  migrate,
  openCollectionDatabase,
} from '../../electron/core/database';
import { latestSchemaVersion, migrations } from '../../electron/core/migrations';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function refused(path: string): CueError {
  try {
    openCollectionDatabase(path).close();
  } catch (error) {
    expect(error).toBeInstanceOf(CueError);
    return error as CueError;
  }
  throw new Error(`${path} was opened`);
}

describe('migration 1 (initial schema)', () => {
  it('creates decks, sections, cards and the review log, and records the version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations.slice(0, 1))).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'cards',
      'decks',
      'memory_snapshots',
      'review_days',
      'review_hours',
      'reviews',
      'sections',
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(CUE_APPLICATION_ID);
    const reviewColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('reviews');
    for (const column of ['due', 'stability', 'difficulty', 'elapsed_days', 'scheduled_days']) {
      expect(reviewColumns).toContain(`${column}_before`);
      expect(reviewColumns).toContain(`${column}_after`);
    }
  });

  it('makes the review log append-only: an answer is never changed or reused, only marked undone once', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.exec(`INSERT INTO decks (key, name, created_at, updated_at) VALUES ('d', 'D', 0, 0);
      INSERT INTO sections (deck_id, key, name, position) VALUES (1, 's', 'S', 0);
      INSERT INTO cards (deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
        VALUES (1, 1, 'c', 1, 'q', 'a', 0, 0, 0);`);
    const insert = db.prepare(`INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, study_day, hour,
        first_of_day, kind, state_before, due_before, stability_before, difficulty_before, elapsed_days_before,
        scheduled_days_before, learning_steps_before, reps_before, lapses_before, state_after, due_after,
        stability_after, difficulty_after, elapsed_days_after, scheduled_days_after, learning_steps_after)
      VALUES (1, 5, 3, 100, 0, 0, 1, 0, 0,0,0,0,0,0,0,0,0, 1,0,1,1,0,0,1)`);
    const first = Number(insert.run().lastInsertRowid);
    expect(() => db.prepare('UPDATE review_log SET rating = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE review_log SET id = 9').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE reviews SET rating = 1').run()).toThrow(/view/);
    db.prepare('UPDATE review_log SET undone_at = 7 WHERE id = ?').run(first);
    expect(db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(1);
    expect(() => db.prepare('UPDATE review_log SET undone_at = 8').run()).toThrow(/undone once/);
    expect(() => db.prepare('UPDATE review_log SET undone_at = NULL').run()).toThrow(/undone once/);
    // answers leave the log only with their card
    expect(() => db.prepare('DELETE FROM review_log').run()).toThrow(/only with their deleted card/);
    // and even after the newest row went with its card, its id is not given out again
    db.exec(`DELETE FROM cards;
      INSERT INTO cards (id, deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
        VALUES (1, 1, 1, 'c2', 1, 'q', 'a', 0, 0, 0);`);
    expect(db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(0);
    expect(Number(insert.run().lastInsertRowid)).toBe(first + 1);
  });

  it('is applied once: opening an up-to-date collection changes nothing', () => {
    const path = join(tempDir(), 'c.sqlite');
    openCollectionDatabase(path).close();
    const db = openCollectionDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(migrate(db)).toBe(latestSchemaVersion);
    db.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const db = new Database(':memory:');
    const failing = [...migrations, { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE decks (x);' }];
    expect(() => migrate(db, failing)).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
  });
});

describe('opening a collection', () => {
  it('uses WAL, foreign keys and a full sync so an answer survives a crash', () => {
    const db = openCollectionDatabase(join(tempDir(), 'c.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('refuses a collection from a newer Cue and leaves the file untouched', () => {
    const path = join(tempDir(), 'newer.sqlite');
    const db = new Database(path);
    db.pragma(`application_id = ${CUE_APPLICATION_ID}`);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.exec('CREATE TABLE future (x)');
    db.close();
    const before = sha256(path);
    const error = refused(path);
    expect(error.code).toBe('database');
    expect(error.message).toMatch(/newer version of Cue/);
    expect(error.message).toContain(`schema ${latestSchemaVersion + 1}`);
    expect(sha256(path)).toBe(before);
  });

  it('calls a file that is not a database damaged, and leaves it untouched', () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(200));
    const before = sha256(path);
    expect(() => openCollectionDatabase(path)).toThrow(DamagedDatabaseError);
    expect(() => openCollectionDatabase(path)).toThrow(/does not start with an SQLite header/);
    expect(sha256(path)).toBe(before);
  });

  it('refuses another program’s SQLite database and leaves it untouched', () => {
    const path = join(tempDir(), 'other.sqlite');
    const db = new Database(path);
    db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
    db.close();
    const before = sha256(path);
    expect(refused(path).message).toMatch(/not a Cue collection \(it is an SQLite database of another program\)/);
    expect(sha256(path)).toBe(before);
  });
});

describe('migration 2 (card format)', () => {
  it('marks existing cards as Markdown and accepts only markdown or html', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 1));
    db.exec(`INSERT INTO decks (key, name, created_at, updated_at) VALUES ('d', 'D', 0, 0);
      INSERT INTO sections (deck_id, key, name, position) VALUES (1, 's', 'S', 0);
      INSERT INTO cards (deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
        VALUES (1, 1, 'c', 1, 'q', 'a', 0, 0, 0);`);
    expect(migrate(db, migrations.slice(0, 2))).toBe(2);
    expect(db.prepare('SELECT format, note_key FROM cards').get()).toEqual({ format: 'markdown', note_key: null });
    expect(() => db.prepare("UPDATE cards SET format = 'rtf'").run()).toThrow(/CHECK constraint/);
    db.prepare("UPDATE cards SET format = 'html', note_key = 'n1'").run();
  });
});

describe('migration 3 (card search)', () => {
  it('indexes the cards already there and keeps the index in step with every change', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 2));
    db.exec(`INSERT INTO decks (key, name, created_at, updated_at) VALUES ('d', 'D', 0, 0);
      INSERT INTO sections (deck_id, key, name, position) VALUES (1, 's', 'S', 0);
      INSERT INTO cards (deck_id, section_id, key, position, question, answer, tags, created_at, updated_at, due)
        VALUES (1, 1, 'a', 1, 'Design a distributed cache', 'LRU eviction', 'systems', 0, 0, 0);`);
    expect(migrate(db, migrations.slice(0, 3))).toBe(3);
    const find = (query: string) =>
      db.prepare('SELECT rowid FROM cards_fts WHERE cards_fts MATCH ? ORDER BY rowid').pluck().all(query);
    expect(find('cach*')).toEqual([1]);
    db.exec(`INSERT INTO cards (deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
      VALUES (1, 1, 'b', 2, 'What is a café?', 'A place', 0, 0, 0)`);
    expect(find('cafe')).toEqual([2]);
    db.exec("UPDATE cards SET answer = 'LFU eviction' WHERE key = 'a'");
    expect(find('LRU')).toEqual([]);
    expect(find('LFU')).toEqual([1]);
    db.exec("DELETE FROM cards WHERE key = 'b'");
    expect(find('cafe')).toEqual([]);
  });
});

describe('migration 4 (card events)', () => {
  it('adds an append-only log of resets and due dates', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations.slice(0, 4))).toBe(4);
    db.exec(`INSERT INTO decks (key, name, created_at, updated_at) VALUES ('d', 'D', 0, 0);
      INSERT INTO sections (deck_id, key, name, position) VALUES (1, 's', 'S', 0);
      INSERT INTO cards (deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
        VALUES (1, 1, 'c', 1, 'q', 'a', 0, 0, 0);
      INSERT INTO card_events (card_id, at, kind) VALUES (1, 5, 'reset');`);
    expect(() => db.prepare('UPDATE card_events SET at = 6').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO card_events (card_id, at, kind) VALUES (1, 7, 'explode')").run()).toThrow(
      /CHECK/,
    );
  });
});

describe('a collection from an older Cue', () => {
  it('opens a schema-4 collection with a history and works on it with every newer feature', () => {
    const dataDir = tempDir();
    const old = new Database(join(dataDir, 'collection.sqlite'));
    old.pragma(`application_id = ${CUE_APPLICATION_ID}`);
    expect(migrate(old, migrations.slice(0, 4))).toBe(4);
    const at = Date.UTC(2026, 0, 5, 10);
    old.exec(`INSERT INTO decks (key, name, created_at, updated_at) VALUES ('d', 'Old deck', 0, 0);
      INSERT INTO sections (deck_id, key, name, position) VALUES (1, 's', 'Old section', 0);
      INSERT INTO cards (deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
        VALUES (1, 1, 'c', 1, 'Old question', 'Old answer', 0, 0, 0);`);
    old.close();

    const clock = new TestClock(at);
    const collection = openTestCollection(clock, { dataDir, bundledDeckDir: undefined });
    expect(collection.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(collection.handlers['settings.get']({})).toEqual({ rolloverHour: 4 });
    expect(collection.handlers['presets.list']({})).toMatchObject([{ name: 'Default', deckIds: [1] }]);
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 1000 });
    expect(collection.handlers['cards.search']({ query: 'old', limit: 10, offset: 0 }).total).toBe(1);
    const { batch } = collection.handlers['sections.delete']({ sectionId: 1 });
    expect(collection.handlers['decks.list']({})[0].sections).toEqual([]);
    collection.handlers['cards.restore']({ batch });
    expect(collection.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(1);
    expect(collection.handlers['decks.list']({})[0]).toMatchObject({ name: 'Old deck', cards: 1 });
  });
});

describe('migration 8 (append-only log)', () => {
  it('keeps every answer and event with its id, and hands out no id twice afterwards', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations.slice(0, 7))).toBe(7);
    db.exec(`INSERT INTO decks (key, name, created_at, updated_at) VALUES ('d', 'D', 0, 0);
      INSERT INTO sections (deck_id, key, name, position) VALUES (1, 's', 'S', 0);
      INSERT INTO cards (deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
        VALUES (1, 1, 'c', 1, 'q', 'a', 0, 0, 0);
      INSERT INTO reviews (id, card_id, reviewed_at, rating, duration_ms, study_day, hour, first_of_day, kind,
        state_before, due_before, stability_before, difficulty_before, elapsed_days_before, scheduled_days_before,
        learning_steps_before, reps_before, lapses_before, state_after, due_after, stability_after, difficulty_after,
        elapsed_days_after, scheduled_days_after, learning_steps_after, desired_retention)
      VALUES (3, 1, 5, 3, 100, 0, 0, 1, 0, 0,0,0,0,0,0,0,0,0, 1,0,1,1,0,0,1, 0.85),
             (7, 1, 9, 1, 100, 0, 0, 0, 0, 1,0,1,1,0,0,1,1,0, 3,0,1,1,0,0,1, NULL);
      INSERT INTO card_events (id, card_id, at, kind, due) VALUES (4, 1, 10, 'set_due', 99);`);
    expect(migrate(db)).toBe(latestSchemaVersion);
    expect(db.prepare('SELECT id, rating, desired_retention FROM reviews ORDER BY id').all()).toEqual([
      { id: 3, rating: 3, desired_retention: 0.85 },
      { id: 7, rating: 1, desired_retention: null },
    ]);
    expect(db.prepare('SELECT id, kind, due FROM card_events').all()).toEqual([{ id: 4, kind: 'set_due', due: 99 }]);
    db.exec(`DELETE FROM cards;
      INSERT INTO cards (id, deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
        VALUES (1, 1, 1, 'c', 1, 'q', 'a', 0, 0, 0);`);
    const next = db
      .prepare(`INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, study_day, hour, first_of_day,
          kind, state_before, due_before, stability_before, difficulty_before, elapsed_days_before,
          scheduled_days_before, learning_steps_before, reps_before, lapses_before, state_after, due_after,
          stability_after, difficulty_after, elapsed_days_after, scheduled_days_after, learning_steps_after)
        VALUES (1, 11, 3, 1, 0, 0, 1, 0, 0,0,0,0,0,0,0,0,0, 1,0,1,1,0,0,1)`)
      .run().lastInsertRowid;
    expect(next).toBe(8);
    expect(
      db.prepare("INSERT INTO card_events (card_id, at, kind) VALUES (1, 12, 'reset')").run().lastInsertRowid,
    ).toBe(5);
    expect(() => db.prepare("INSERT INTO card_events (card_id, at, kind) VALUES (1, 13, 'memory')").run()).toThrow(
      /CHECK/,
    );
  });
});

describe('migration 16 (kept schedules)', () => {
  it('keeps every event with its id and its counter, still append-only, and takes a kept schedule', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations.slice(0, 15))).toBe(15);
    db.exec(`INSERT INTO decks (key, name, created_at, updated_at) VALUES ('d', 'D', 0, 0);
      INSERT INTO sections (deck_id, key, name, position) VALUES (1, 's', 'S', 0);
      INSERT INTO cards (deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
        VALUES (1, 1, 'c', 1, 'q', 'a', 0, 0, 0), (1, 1, 'e', 2, 'q', 'a', 0, 0, 0);
      INSERT INTO card_events (id, card_id, at, kind, due, stability, difficulty)
        VALUES (2, 1, 10, 'set_due', 99, NULL, NULL), (5, 1, 11, 'memory', 400, 12.5, 5.5),
               (9, 2, 12, 'reset', NULL, NULL, NULL);
      DELETE FROM cards WHERE id = 2;`);
    expect(migrate(db)).toBe(latestSchemaVersion);
    expect(db.prepare('SELECT id, kind, due, stability, difficulty FROM card_events ORDER BY id').all()).toEqual([
      { id: 2, kind: 'set_due', due: 99, stability: null, difficulty: null },
      { id: 5, kind: 'memory', due: 400, stability: 12.5, difficulty: 5.5 },
    ]);
    // the deleted card's event had id 9: no later event gets it
    const kept = db
      .prepare(
        `INSERT INTO card_events (card_id, at, kind, due, stability, difficulty, state, scheduled_days,
           learning_steps, reps, lapses, last_review) VALUES (1, 13, 'kept_schedule', 500, 20, 5, 2, 30, 0, 4, 1, 7)`,
      )
      .run().lastInsertRowid;
    expect(kept).toBe(10);
    expect(() =>
      db.prepare("INSERT INTO card_events (card_id, at, kind, due) VALUES (1, 14, 'kept_schedule', 500)").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE card_events SET at = 1 WHERE id = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM card_events WHERE id = 2').run()).toThrow(/append-only/);
  });
});
