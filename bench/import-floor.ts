/**
 * The floors of the import bench: the least work that does the same jobs by hand.
 *
 * Import: unzip the package (fflate, as Cue), read the Anki collection's notes, cards and revlog with
 * better-sqlite3, and insert them into a fresh Cue collection's tables with prepared statements in one
 * transaction, statement journals in memory as Cue's import keeps them. No rendering, no scheduling:
 * each review's row holds what the revlog says.
 *
 * Export: read the deck's cards and reviews, write them into a schema-11 collection in memory and zip it.
 */
import Database from 'better-sqlite3';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Db } from '../electron/core/database';
import { SCHEMA11_SQL } from '../electron/core/io/anki/schema11';

const DAY = 86_400_000;

type Row = (number | string | null)[];

function readAnki(bytes: Uint8Array): { notes: Row[]; cards: Row[]; revlog: Row[] } {
  const files = unzipSync(bytes, { filter: (file) => file.name === 'collection.anki21' });
  const data = files['collection.anki21'];
  const anki = new Database(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  try {
    return {
      notes: anki.prepare('SELECT id, guid, flds, tags FROM notes').raw().all() as Row[],
      cards: anki.prepare('SELECT id, nid, ivl, reps, lapses FROM cards').raw().all() as Row[],
      revlog: anki.prepare('SELECT id, cid, ease, time, ivl FROM revlog ORDER BY id').raw().all() as Row[],
    };
  } finally {
    anki.close();
  }
}

/** Imports the package into `db` (a fresh Cue collection); the counts written. */
export function importFloor(bytes: Uint8Array, db: Db, now: number): { cards: number; reviews: number } {
  const { notes, cards, revlog } = readAnki(bytes);
  db.pragma('temp_store = MEMORY');
  const insertNote = db.prepare(
    'INSERT INTO notes (guid, note_type_id, fields, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertCard = db.prepare(
    `INSERT INTO cards (deck_id, section_id, key, position, question, answer, tags, format, created_at, updated_at,
       due, state, scheduled_days, reps, lapses, note_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'html', ?, ?, ?, 2, ?, ?, ?, ?)`,
  );
  const insertReview = db.prepare(
    `INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, study_day, hour, first_of_day, kind,
       state_before, due_before, stability_before, difficulty_before, elapsed_days_before, scheduled_days_before,
       learning_steps_before, reps_before, lapses_before, state_after, due_after, stability_after, difficulty_after,
       elapsed_days_after, scheduled_days_after, learning_steps_after)
     VALUES (?, ?, ?, ?, ?, 0, 1, 1, 2, ?, 0, 0, 0, 0, 0, 0, 0, 2, ?, 0, 0, 0, ?, 0)`,
  );
  let written = 0;
  db.transaction(() => {
    const deckId = db
      .prepare("INSERT INTO decks (key, name, source, created_at, updated_at) VALUES ('bench', 'Bench', 'floor', ?, ?)")
      .run(now, now).lastInsertRowid;
    const sectionId = db
      .prepare("INSERT INTO sections (deck_id, key, name, position) VALUES (?, 'all', 'All', 0)")
      .run(deckId).lastInsertRowid;
    const typeId = db.prepare("SELECT id FROM note_types WHERE key = 'basic-html'").pluck().get();
    const noteIds = new Map<number, { id: number | bigint; fields: string[]; tags: string }>();
    for (const [id, guid, flds, tags] of notes) {
      const fields = String(flds).split('\x1f');
      const row = insertNote.run(guid, typeId, JSON.stringify(fields), tags, now, now);
      noteIds.set(Number(id), { id: row.lastInsertRowid, fields, tags: String(tags).trim() });
    }
    const cardIds = new Map<number, number | bigint>();
    cards.forEach(([id, nid, ivl, reps, lapses], position) => {
      const note = noteIds.get(Number(nid));
      if (!note) return;
      const [question, answer] = note.fields;
      const row = insertCard.run(
        deckId,
        sectionId,
        `c${id}`,
        position,
        question,
        answer ?? '',
        note.tags,
        now,
        now,
        now,
        ivl,
        reps,
        lapses,
        note.id,
      );
      cardIds.set(Number(id), row.lastInsertRowid);
      written++;
    });
    for (const [id, cid, ease, time, ivl] of revlog) {
      const at = Number(id);
      const interval = Math.max(0, Number(ivl));
      insertReview.run(
        cardIds.get(Number(cid)),
        at,
        ease,
        time,
        Math.floor(at / DAY),
        at,
        at + interval * DAY,
        interval,
      );
    }
  })();
  return { cards: written, reviews: revlog.length };
}

/** Exports the deck's cards with their reviews as a schema-11 package. */
export function exportFloor(db: Db, deckId: number): Uint8Array {
  const cards = db
    .prepare(
      `SELECT c.id, n.guid, n.fields, c.tags, c.scheduled_days, c.reps, c.lapses FROM cards c
       JOIN notes n ON n.id = c.note_id WHERE c.deck_id = ?`,
    )
    .raw()
    .all(deckId) as Row[];
  const reviews = db
    .prepare(
      `SELECT r.reviewed_at, r.card_id, r.rating, r.scheduled_days_after, r.scheduled_days_before, r.duration_ms
       FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.deck_id = ? ORDER BY r.id`,
    )
    .raw()
    .all(deckId) as Row[];
  const anki = new Database(':memory:');
  try {
    anki.exec(SCHEMA11_SQL);
    anki.prepare("INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', '{}', '{}', '{}', '{}')").run();
    const insertNote = anki.prepare("INSERT INTO notes VALUES (?, ?, 1, 0, -1, ?, ?, ?, 0, 0, '')");
    const insertCard = anki.prepare(
      "INSERT INTO cards VALUES (?, ?, 1, 0, 0, -1, 2, 2, 0, ?, 2500, ?, ?, 0, 0, 0, 0, '')",
    );
    const insertRevlog = anki.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, 0, ?, 1)');
    anki.transaction(() => {
      for (const [id, guid, fields, tags, ivl, reps, lapses] of cards) {
        const values = JSON.parse(String(fields)) as string[];
        insertNote.run(id, guid, ` ${tags} `, values.join('\x1f'), values[0]);
        insertCard.run(id, id, ivl, reps, lapses);
      }
      let lastId = 0;
      for (const [at, cardId, rating, ivl, lastIvl, time] of reviews) {
        lastId = Math.max(lastId + 1, Number(at));
        insertRevlog.run(lastId, cardId, rating, ivl, lastIvl, time);
      }
    })();
    return zipSync({ 'collection.anki2': new Uint8Array(anki.serialize()), media: strToU8('{}') });
  } finally {
    anki.close();
  }
}
