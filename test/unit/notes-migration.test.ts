import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/database';
import { latestSchemaVersion, migrations } from '../../electron/core/migrations';

/** A collection as schema 14 left it: Cue cards, imported HTML cards of one Anki note, history. */
function schema14Collection(): Database.Database {
  const db = new Database(':memory:');
  expect(migrate(db, migrations.slice(0, 14))).toBe(14);
  db.exec(`INSERT INTO decks (key, name, created_at, updated_at) VALUES ('lead', 'Lead', 0, 0), ('anki-jp', 'JP', 0, 0);
    INSERT INTO sections (deck_id, key, name, position) VALUES (1, 'core', 'Core', 0), (2, 'jp', 'JP', 0);
    INSERT INTO cards (id, deck_id, section_id, key, position, question, answer, tags, created_at, updated_at, due, state, reps)
      VALUES (5, 1, 1, 'core-01', 1, 'What is **bias**?', 'Error.', 'ml', 10, 11, 100, 2, 3);
    INSERT INTO cards (id, deck_id, section_id, key, position, question, answer, tags, format, note_key, created_at, updated_at, due)
      VALUES (9, 2, 2, 'nabc-0', 1, '<b>猫</b>', 'cat', '', 'html', 'abc', 20, 20, 200),
             (12, 2, 2, 'nabc-1', 2, 'cat', '<b>猫</b>', '', 'html', 'abc', 20, 20, 200),
             (13, 2, 2, 'nxyz-0', 3, 'dog', '犬', 'animals', 'html', 'xyz', 20, 20, 200);
    INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, study_day, hour, first_of_day,
      kind, state_before, due_before, stability_before, difficulty_before, elapsed_days_before,
      scheduled_days_before, learning_steps_before, reps_before, lapses_before, state_after, due_after,
      stability_after, difficulty_after, elapsed_days_after, scheduled_days_after, learning_steps_after)
    VALUES (5, 50, 3, 1000, 0, 0, 1, 0, 0,0,0,0,0,0,0,0,0, 1,60,1,1,0,0,1),
           (9, 70, 4, 1000, 0, 0, 1, 0, 0,0,0,0,0,0,0,0,0, 2,90,5,2,0,3,0);
    INSERT INTO card_events (card_id, at, kind, due) VALUES (5, 80, 'set_due', 100);`);
  return db;
}

const CARD_COLUMNS =
  'id, deck_id, section_id, key, position, question, answer, tags, format, note_key, state, due, reps';

describe('migration 15 (notes)', () => {
  it('makes every card a Basic note under its own id, keeping ids, keys, content and history', () => {
    const db = schema14Collection();
    const cards = db.prepare(`SELECT ${CARD_COLUMNS} FROM cards ORDER BY id`).all();
    const log = db.prepare('SELECT * FROM review_log ORDER BY id').all();
    const events = db.prepare('SELECT id, card_id, at, kind, due FROM card_events ORDER BY id').all();
    expect(migrate(db)).toBe(latestSchemaVersion);
    expect(db.prepare(`SELECT ${CARD_COLUMNS} FROM cards ORDER BY id`).all()).toEqual(cards);
    expect(db.prepare('SELECT * FROM review_log ORDER BY id').all()).toEqual(log);
    expect(db.prepare('SELECT id, card_id, at, kind, due FROM card_events ORDER BY id').all()).toEqual(events);
    const notes = db
      .prepare(
        `SELECT c.id AS card, c.note_id, c.template_ord, n.guid, t.key AS type, n.fields, n.tags
         FROM cards c JOIN notes n ON n.id = c.note_id JOIN note_types t ON t.id = n.note_type_id ORDER BY c.id`,
      )
      .all();
    expect(notes).toEqual([
      {
        card: 5,
        note_id: 5,
        template_ord: 0,
        guid: 'cue:lead/core-01',
        type: 'basic',
        fields: '["What is **bias**?","Error."]',
        tags: 'ml',
      },
      // the two cards of one Anki note become two notes; the first keeps the Anki guid
      {
        card: 9,
        note_id: 9,
        template_ord: 0,
        guid: 'abc',
        type: 'basic-html',
        fields: '["<b>猫</b>","cat"]',
        tags: '',
      },
      {
        card: 12,
        note_id: 12,
        template_ord: 0,
        guid: 'abc#nabc-1',
        type: 'basic-html',
        fields: '["cat","<b>猫</b>"]',
        tags: '',
      },
      {
        card: 13,
        note_id: 13,
        template_ord: 0,
        guid: 'xyz',
        type: 'basic-html',
        fields: '["dog","犬"]',
        tags: 'animals',
      },
    ]);
  });

  it('gives a card inserted without a note (a deck file, a CSV row) its own Basic note', () => {
    const db = schema14Collection();
    migrate(db);
    // card 5 leaves (its note stays), and a new card takes its key
    db.exec('DELETE FROM cards WHERE id = 5');
    const id = db
      .prepare(
        `INSERT INTO cards (deck_id, section_id, key, position, question, answer, tags, created_at, updated_at, due)
         VALUES (1, 1, 'core-01', 9, 'Again?', 'Yes', 't', 1, 1, 1)`,
      )
      .run().lastInsertRowid;
    // the card's own id, not the note's: the trigger's insert does not leak out
    expect(id).toBe(14);
    const note = db
      .prepare('SELECT n.guid, n.fields, n.tags FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?')
      .get(id);
    // cue:lead/core-01 is taken (by card 5, in another life of the key), so the card id tells them apart
    expect(note).toEqual({ guid: 'cue:lead/core-01-14', fields: '["Again?","Yes"]', tags: 't' });
  });
});
