/**
 * Anki → Cue → Anki: a package imported into Cue and exported again holds the same notes (guids,
 * fields, tags), note types (fields, templates, CSS, kind), the same cards of each note in the same
 * nested decks, and the same schedules and history. Both packages are read with plain SQL.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { ankiFixture, buildPackage, CollectionBuilder, type NotetypeSpec, STOCK } from '../helpers/anki-packages';
import { openTestCollection, TestClock } from '../helpers/collections';
import { openPackageCollection, packageNotes, packageNoteTypes } from '../helpers/package-sql';

const MS_PER_DAY = 86_400_000;
/** 2024-01-01 04:00 UTC, a rollover as Anki sets it. */
const CRT = Date.UTC(2024, 0, 1, 4) / 1000;
const NOW = Date.UTC(2025, 7, 20, 10);

const styled: NotetypeSpec = {
  id: 1_600_000_000_077,
  name: 'Vocab (styled)',
  kind: 'normal',
  fields: ['Word', 'Meaning', 'Example'],
  templates: [
    {
      name: 'Recognise',
      qfmt: '<div class=word>{{Word}}</div>',
      afmt: '{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Example}}',
    },
    { name: 'Recall', qfmt: '{{Meaning}}', afmt: '{{FrontSide}}<hr id=answer>{{Word}}' },
  ],
};

/** Reversed, cloze and styled notes in nested decks, studied: review and learning cards with history. */
function studiedPackage(): Uint8Array {
  const b = new CollectionBuilder();
  b.spec.crt = CRT;
  const verbs = b.deck('Languages::French::Verbs');
  const top = b.deck('Languages');
  const reversed = b.note(STOCK.basicAndReversed(), ['manger', 'to eat'], {
    deck: verbs,
    tags: ['verb', 'fr::food'],
    card: (ord) =>
      ord === 0
        ? { type: 2, queue: 2, due: 602, ivl: 14, factor: 2500, reps: 3, data: '{"s":14.2,"d":4.9,"dr":0.9}' }
        : { type: 0, queue: 0, due: 7 },
  });
  const first = Date.UTC(2025, 6, 1, 9);
  b.review(reversed.cardIds[0], first, 3, { type: 0 });
  b.review(reversed.cardIds[0], first + 600_000, 3, { type: 0 });
  b.review(reversed.cardIds[0], first + 5 * MS_PER_DAY, 3, { type: 1, factor: 2500 });
  const cloze = b.note(STOCK.cloze(), ['{{c1::Paris}} is the capital of {{c2::France}}', 'geography'], {
    deck: top,
    card: (ord) =>
      ord === 0 ? { type: 1, queue: 1, due: NOW / 1000 + 600, left: 1, reps: 1 } : { type: 0, queue: 0, due: 8 },
  });
  b.review(cloze.cardIds[0], NOW - 60_000, 1, { type: 0 });
  b.note(styled, ['chat', 'cat', 'Le chat dort.'], { deck: verbs });
  return buildPackage({ layout: 'legacy1', collection: b.spec });
}

interface CardRow {
  guid: string;
  ord: number;
  deck: string;
  type: number;
  queue: number;
  ivl: number;
  /** Review and day-learning cards: the calendar day (UTC ms) they are due on; learning: epoch s. */
  due: number;
  reviews: number;
}

/** Every card of the package with its note's guid, its deck's full name and its schedule. */
function cardsOf(db: Database.Database): CardRow[] {
  const crt = db.prepare('SELECT crt FROM col').pluck().get() as number;
  const decks = JSON.parse(db.prepare('SELECT decks FROM col').pluck().get() as string) as Record<
    string,
    { name: string }
  >;
  const rows = db
    .prepare(
      `SELECT n.guid, c.ord, CAST(c.did AS TEXT) AS did, c.type, c.queue, c.ivl, c.due,
         (SELECT count(*) FROM revlog r WHERE r.cid = c.id) AS reviews
       FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.guid, c.ord`,
    )
    .all() as (Omit<CardRow, 'deck'> & { did: string })[];
  const crtDay = Math.floor(crt / 86_400) * MS_PER_DAY;
  return rows.map(({ did, ...row }) => ({
    ...row,
    deck: decks[did]?.name ?? `?${did}`,
    // a day number counts from the collection's creation day, which differs between the two packages
    due: row.queue === 2 || row.queue === 3 ? crtDay + row.due * MS_PER_DAY : row.queue === 0 ? 0 : row.due,
  }));
}

function exportAll(collection: Collection): Uint8Array[] {
  return collection.handlers['decks.list']({})
    .filter((deck) => !deck.bundled)
    .map((deck) => {
      const file = collection.handlers['export.deck']({
        deckId: deck.id,
        format: 'apkg',
        withHistory: true,
        includeRecordings: false,
      });
      return Buffer.from(file.dataBase64, 'base64');
    });
}

function roundTrip(bytes: Uint8Array, file: string) {
  const collection = openTestCollection(new TestClock(NOW));
  collection.importFile(file, bytes, { dryRun: false });
  const exported = exportAll(collection);
  collection.close();
  return exported;
}

function describePackage(bytes: Uint8Array) {
  const db = openPackageCollection(bytes);
  try {
    const types = packageNoteTypes(db);
    const notes = packageNotes(db).map((note) => {
      const type = types.get(note.noteTypeId);
      return {
        guid: note.guid,
        fields: note.fields,
        tags: note.tags,
        type: type && {
          name: type.name,
          kind: type.kind,
          fields: type.fields,
          templates: type.templates,
          css: type.css,
        },
      };
    });
    return { notes: notes.sort((a, b) => a.guid.localeCompare(b.guid)), cards: cardsOf(db) };
  } finally {
    db.close();
  }
}

describe('Anki → Cue → Anki', () => {
  it('a studied package with reversed, cloze and styled notes in nested decks comes back the same', () => {
    const original = studiedPackage();
    const [exported, ...rest] = roundTrip(original, 'languages.apkg');
    expect(rest).toHaveLength(0);
    const before = describePackage(original);
    const after = describePackage(exported);
    expect(after.notes).toEqual(before.notes);
    expect(after.cards).toEqual(before.cards);
    expect(after.cards.map((c) => c.deck)).toContain('Languages::French::Verbs');
  });

  for (const file of ['anki-apkg-export-output.apkg', 'anki-tests-diffmodels2-1.apkg', 'korean_adjectives_100.apkg']) {
    it(`${file} keeps every note, field, template and guid`, () => {
      const original = ankiFixture(file);
      const exported = roundTrip(original, file);
      const before = describePackage(original);
      const afterNotes = exported
        .flatMap((bytes) => describePackage(bytes).notes)
        .sort((a, b) => a.guid.localeCompare(b.guid));
      // notes whose every card Anki would show blank never came in; the others all come back
      const kept = before.notes.filter((note) => afterNotes.some((n) => n.guid === note.guid));
      expect(kept.length).toBeGreaterThan(0);
      expect(afterNotes).toEqual(kept);
      const afterCards = exported.flatMap((bytes) => describePackage(bytes).cards).map(({ due: _, ...c }) => c);
      const beforeCards = before.cards
        .filter((c) => afterNotes.some((n) => n.guid === c.guid))
        .map(({ due: _, ...c }) => c);
      const order = (a: { guid: string; ord: number }, b: { guid: string; ord: number }) =>
        a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : a.ord - b.ord;
      expect(afterCards.sort(order)).toEqual(beforeCards.sort(order));
    });
  }
});
