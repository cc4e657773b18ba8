/**
 * Every Anki package in test/fixtures/anki/ comes in as its notes and note types: checked against the
 * package read with plain SQL (test/helpers/package-sql.ts), not against Cue's own reader.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { readAnkiPackage } from '../../electron/core/io/anki/read-package';
import { importBundle } from '../../electron/core/io/apply-import';
import { ankiFixture, buildPackage, CollectionBuilder, STOCK } from '../helpers/anki-packages';
import { openTestCollection, TestClock } from '../helpers/collections';
import {
  openPackageCollection,
  type PackageNoteType,
  packageCards,
  packageNotes,
  packageNoteTypes,
} from '../helpers/package-sql';

const NOW = Date.UTC(2026, 0, 5, 9);
const FIXTURES = readdirSync(join(import.meta.dirname, '..', 'fixtures', 'anki')).filter((f) => f.endsWith('.apkg'));

function importPackage(collection: Collection, bytes: Uint8Array, file: string) {
  return importBundle(
    {
      db: collection.db,
      schedulerFor: (deckId) => collection.schedulerFor(deckId),
      now: collection.now(),
      mediaDir: collection.mediaDir,
    },
    readAnkiPackage(bytes, file),
    { dryRun: false },
  );
}

interface CueNoteRow {
  guid: string;
  fields: string;
  tags: string;
  type: string;
  typeFields: string;
  templates: string;
  css: string;
  kind: string;
  ankiId: string | null;
}

function cueNotes(collection: Collection): Map<string, CueNoteRow> {
  const rows = collection.db
    .prepare(
      `SELECT n.guid, n.fields, n.tags, t.name AS type, t.fields AS typeFields, t.templates, t.css, t.kind, t.anki_id AS ankiId
       FROM notes n JOIN note_types t ON t.id = n.note_type_id WHERE t.anki_id IS NOT NULL`,
    )
    .all() as CueNoteRow[];
  return new Map(rows.map((row) => [row.guid, row]));
}

describe('Anki packages come in as their notes and note types', () => {
  for (const file of FIXTURES) {
    it(file, () => {
      const bytes = ankiFixture(file);
      const pkg = openPackageCollection(bytes);
      const notes = packageNotes(pkg);
      const types = notes.length ? packageNoteTypes(pkg) : new Map<string, PackageNoteType>();
      const cards = packageCards(pkg);
      pkg.close();
      const collection = openTestCollection(new TestClock(NOW));
      const summary = importPackage(collection, bytes, file);
      const imported = cueNotes(collection);
      // the dummy "please update Anki" note of newer exports is not read; those packages hold no notes
      if (notes.length === 0 || file.startsWith('srs-converter')) {
        expect(imported.size).toBe(0);
        return;
      }
      const usedTypes = new Set(notes.map((n) => n.noteTypeId));
      expect(summary.noteTypes.map((t) => t.outcome)).toEqual([...usedTypes].map(() => 'added'));
      for (const note of notes) {
        const cue = imported.get(note.guid);
        const type = types.get(note.noteTypeId);
        expect(cue, `note ${note.guid}`).toBeDefined();
        if (!cue || !type) continue;
        expect(JSON.parse(cue.fields)).toEqual(note.fields);
        expect(cue.tags ? cue.tags.split(' ') : []).toEqual([...new Set(note.tags)]);
        expect(cue.ankiId).toBe(type.id);
        expect(cue.type).toBe(type.name);
        expect(JSON.parse(cue.typeFields)).toEqual(type.fields);
        expect(JSON.parse(cue.templates)).toEqual(
          type.templates.map((t) => ({ name: t.name, question: t.qfmt, answer: t.afmt })),
        );
        expect(cue.css).toBe(type.css);
        expect(cue.kind).toBe(type.kind);
      }
      // each card sits in its note at its ordinal (the cards Anki shows blank are left out, as before)
      const placed = collection.db
        .prepare(
          'SELECT n.guid, c.template_ord AS ord FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.deck_id > 1',
        )
        .all() as { guid: string; ord: number }[];
      const guidOf = new Map(notes.map((n) => [n.id, n.guid]));
      const expected = cards.map((c) => ({ guid: guidOf.get(c.noteId), ord: c.ord }));
      for (const card of placed) expect(expected).toContainEqual(card);
      expect(placed.length).toBe(cards.length - summary.skipped.filter((s) => /blank/.test(s.reason)).length);
    });
  }
});

describe('importing a package again', () => {
  function reversedPackage(back: string, extraField = false) {
    const b = new CollectionBuilder();
    const type = STOCK.basicAndReversed();
    if (extraField) type.fields = [...type.fields, 'Notes'];
    b.note(type, extraField ? ['chat', back, 'n'] : ['chat', back], { guid: 'fixed-guid' });
    return buildPackage({ layout: 'legacy1', collection: b.spec });
  }

  it('keeps the note type when unchanged, updates the note in place, and keeps its two cards with their ids', () => {
    const collection = openTestCollection(new TestClock(NOW));
    importPackage(collection, reversedPackage('cat'), 'a.apkg');
    const ids = collection.db.prepare('SELECT id FROM cards WHERE deck_id > 1 ORDER BY template_ord').pluck().all();
    const again = importPackage(collection, reversedPackage('the cat'), 'a.apkg');
    expect(again.noteTypes.map((t) => t.outcome)).toEqual(['unchanged']);
    expect(collection.db.prepare('SELECT id FROM cards WHERE deck_id > 1 ORDER BY template_ord').pluck().all()).toEqual(
      ids,
    );
    const note = collection.handlers['notes.ofCard']({ cardId: ids[0] as number });
    expect(note.fields).toEqual(['chat', 'the cat']);
    expect(note.cards.map((c) => c.question)).toEqual(['chat', 'the cat']);
  });

  it('adds a note type beside the old one when the package changed its fields, as Anki does, and says so', () => {
    const collection = openTestCollection(new TestClock(NOW));
    importPackage(collection, reversedPackage('cat'), 'a.apkg');
    const preview = importBundle(
      {
        db: collection.db,
        schedulerFor: (deckId) => collection.schedulerFor(deckId),
        now: collection.now(),
        mediaDir: collection.mediaDir,
      },
      readAnkiPackage(reversedPackage('cat', true), 'a.apkg'),
      { dryRun: true },
    );
    expect(preview.noteTypes).toEqual([
      expect.objectContaining({
        outcome: 'added-beside',
        beside: 'Basic (and reversed card)',
        name: 'Basic (and reversed card)',
      }),
    ]);
    // the preview wrote nothing
    expect(collection.handlers['notetypes.list']({}).filter((t) => t.ankiId !== null)).toHaveLength(1);
    importPackage(collection, reversedPackage('cat', true), 'a.apkg');
    const anki = collection.handlers['notetypes.list']({}).filter((t) => t.ankiId !== null);
    expect(anki.map((t) => [t.name, t.fields, t.notes])).toEqual([
      ['Basic (and reversed card)', ['Front', 'Back'], 0],
      ['Basic (and reversed card) (2)', ['Front', 'Back', 'Notes'], 1],
    ]);
  });
});
