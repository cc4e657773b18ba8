/**
 * The Anki export by notes: notes made in a real collection through the API, exported as .apkg, and the
 * package's collection read back with plain SQL (fflate for the zip, better-sqlite3 for the database).
 */
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { cardFieldHtml } from '../../electron/core/io/anki/anki-html';
import { cueFieldsOfAnkiNote, markdownSourceCount } from '../../electron/core/io/anki/cue-markdown-fields';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);
const MINUTE = 60_000;

interface Model {
  id: number;
  name: string;
  type: number;
  css: string;
  flds: { name: string; ord: number }[];
  tmpls: { name: string; ord: number; qfmt: string; afmt: string }[];
  req: [number, string, number[]][];
  originalStockKind?: number;
  cueKey?: string;
  cueFormat?: string;
}
interface NoteRow {
  id: number;
  guid: string;
  mid: number;
  tags: string;
  flds: string;
  sfld: string;
}
interface CardRow {
  id: number;
  nid: number;
  did: number;
  ord: number;
  type: number;
  queue: number;
  reps: number;
}

const openDbs: Database.Database[] = [];
afterEach(() => {
  for (const db of openDbs.splice(0)) db.close();
});

function open() {
  const clock = new TestClock(NOW);
  return { clock, collection: openTestCollection(clock) };
}

function typeId(collection: Collection, key: string): number {
  const type = collection.handlers['notetypes.list']({}).find((t) => t.key === key);
  if (!type) throw new Error(`no note type ${key}`);
  return type.id;
}

/** A new deck with the sections named, by name. */
function deckWith(collection: Collection, name: string, sections: string[]) {
  const { deckId } = collection.handlers['decks.create']({ name });
  const ids = new Map(sections.map((s) => [s, collection.handlers['sections.create']({ deckId, name: s }).sectionId]));
  return { deckId, section: (s: string) => ids.get(s) ?? Number.NaN };
}

class Exported {
  readonly db: Database.Database;
  constructor(bytes: Uint8Array) {
    this.db = new Database(Buffer.from(unzipSync(bytes)['collection.anki21']));
    openDbs.push(this.db);
  }
  private col(column: 'models' | 'decks'): Record<string, unknown> {
    return JSON.parse(this.db.prepare(`SELECT ${column} FROM col`).pluck().get() as string);
  }
  models(): Model[] {
    return Object.values(this.col('models')) as Model[];
  }
  model(id: number): Model {
    const model = this.models().find((m) => m.id === id);
    if (!model) throw new Error(`no model ${id}`);
    return model;
  }
  deckNames(): Map<number, string> {
    const decks = Object.values(this.col('decks')) as { id: number; name: string }[];
    return new Map(decks.map((d) => [d.id, d.name]));
  }
  notes(): NoteRow[] {
    return this.db.prepare('SELECT * FROM notes ORDER BY id').all() as NoteRow[];
  }
  note(guid: string): NoteRow {
    const note = this.db.prepare('SELECT * FROM notes WHERE guid = ?').get(guid) as NoteRow | undefined;
    if (!note) throw new Error(`no note ${guid}`);
    return note;
  }
  cardsOf(noteId: number): CardRow[] {
    return this.db.prepare('SELECT * FROM cards WHERE nid = ? ORDER BY ord').all(noteId) as CardRow[];
  }
}

function exportDeck(
  collection: Collection,
  deckId: number,
  options: { sectionId?: number; withHistory?: boolean } = {},
) {
  const file = collection.handlers['export.deck']({
    deckId,
    sectionId: options.sectionId,
    format: 'apkg',
    withHistory: options.withHistory ?? false,
    includeRecordings: false,
  });
  return new Exported(new Uint8Array(Buffer.from(file.dataBase64, 'base64')));
}

const md = (text: string) => cardFieldHtml(text, 'markdown');

describe('Anki export by notes', () => {
  it('writes a reversed note as one Anki note with two cards of a two-template model', () => {
    const { collection } = open();
    const { deckId, section } = deckWith(collection, 'Stats', ['Terms']);
    const change = collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'basic-reversed'),
      sectionId: section('Terms'),
      fields: ['What is **bias**?', 'Systematic error'],
      tags: ['ml', 'stats::core'],
    });
    const cue = collection.handlers['notes.get']({ noteId: change.noteId });
    const pkg = exportDeck(collection, deckId);

    expect(pkg.notes()).toHaveLength(1);
    const note = pkg.note(cue.guid);
    expect(note.flds.split('\x1f')).toEqual([
      md('What is **bias**?'),
      md('Systematic error'),
      'What is **bias**?',
      'Systematic error',
    ]);
    expect(note.flds).toContain('<strong>bias</strong>');
    expect(note.tags).toBe(' ml stats::core ');
    const cards = pkg.cardsOf(note.id);
    expect(cards.map((c) => c.ord)).toEqual([0, 1]);
    expect(new Set(cards.map((c) => pkg.deckNames().get(c.did)))).toEqual(new Set(['Stats::Terms']));

    const model = pkg.model(note.mid);
    expect(model).toMatchObject({ name: 'Basic (and reversed card)', type: 0, cueKey: 'basic-reversed' });
    expect(model.flds.map((f) => [f.name, f.ord])).toEqual([
      ['Front', 0],
      ['Back', 1],
      ['Front (Cue Markdown)', 2],
      ['Back (Cue Markdown)', 3],
    ]);
    expect(model.tmpls.map((t) => [t.ord, t.name, t.qfmt, t.afmt])).toEqual(
      cue.noteType.templates.map((t, ord) => [ord, t.name, t.question, t.answer]),
    );
    expect(model.req).toEqual([
      [0, 'any', [0]],
      [1, 'any', [1]],
    ]);
  });

  it('writes a cloze note with a cloze model and one card per cloze number, ord = number - 1', () => {
    const { collection } = open();
    const { deckId, section } = deckWith(collection, 'Geo', ['Capitals']);
    const change = collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'cloze'),
      sectionId: section('Capitals'),
      fields: ['{{c1::Paris}} is the capital of {{c3::France}}', 'Since *508*'],
      tags: [],
    });
    const cue = collection.handlers['notes.get']({ noteId: change.noteId });
    const pkg = exportDeck(collection, deckId);

    const note = pkg.note(cue.guid);
    expect(note.flds.split('\x1f')).toEqual([
      '<p>{{c1::Paris}} is the capital of {{c3::France}}</p>',
      '<p>Since <em>508</em></p>',
      '{{c1::Paris}} is the capital of {{c3::France}}',
      'Since *508*',
    ]);
    expect(note.tags).toBe('');
    expect(pkg.cardsOf(note.id).map((c) => c.ord)).toEqual([0, 2]);
    const model = pkg.model(note.mid);
    expect(model.type).toBe(1);
    expect(model.tmpls).toHaveLength(1);
    expect(model.tmpls[0].qfmt).toBe('{{cloze:Text}}');
  });

  it('writes a custom HTML note type with its fields in order, templates and CSS verbatim, under a stable id', () => {
    const { collection, clock } = open();
    const { deckId, section } = deckWith(collection, 'Words', ['Verbs']);
    const css = '.card { font-family: "Noto Serif"; }\n.hint { color: #888; }\n';
    const type = collection.handlers['notetypes.create']({
      name: 'Vocab',
      kind: 'normal',
      format: 'html',
      fields: ['Word', 'Meaning', 'Example'],
      templates: [
        { name: 'Recognise', question: '<b>{{Word}}</b>', answer: '{{FrontSide}}<hr id=answer>{{Meaning}}' },
        {
          name: 'Recall',
          question: '{{Meaning}}{{#Example}}<div class=hint>{{Example}}</div>{{/Example}}',
          answer: '{{FrontSide}}<hr id=answer>{{Word}}',
        },
      ],
      css,
    });
    const change = collection.handlers['notes.create']({
      noteTypeId: type.id,
      sectionId: section('Verbs'),
      fields: ['<i>laufen</i>', 'to run', 'Ich laufe &amp; springe'],
      tags: ['de'],
    });
    const guid = collection.handlers['notes.get']({ noteId: change.noteId }).guid;
    const first = exportDeck(collection, deckId);
    clock.advance(3 * MINUTE);
    const second = exportDeck(collection, deckId);

    const note = first.note(guid);
    expect(note.flds).toBe('<i>laufen</i>\x1fto run\x1fIch laufe &amp; springe');
    expect(note.sfld).toBe('laufen');
    expect(note.tags).toBe(' de ');
    expect(first.cardsOf(note.id).map((c) => c.ord)).toEqual([0, 1]);
    const model = first.model(note.mid);
    expect(model).toMatchObject({ name: 'Vocab', type: 0, css, cueFormat: 'html' });
    expect(model.flds.map((f) => f.name)).toEqual(['Word', 'Meaning', 'Example']);
    expect(model.tmpls.map((t) => [t.name, t.qfmt, t.afmt])).toEqual(
      type.templates.map((t) => [t.name, t.question, t.answer]),
    );
    expect(model.req).toEqual([
      [0, 'any', [0]],
      [1, 'any', [1, 2]],
    ]);
    // the same note and note type ids on the next export, so Anki matches them
    expect(second.note(guid).id).toBe(note.id);
    expect(second.note(guid).mid).toBe(note.mid);
    expect(markdownSourceCount(model.flds.map((f) => f.name))).toBe(0);
  });

  it('keeps the id of a note type that came from Anki', () => {
    const { collection } = open();
    const { deckId, section } = deckWith(collection, 'Imported', ['Part']);
    const type = collection.handlers['notetypes.create']({
      name: 'Anki Basic',
      kind: 'normal',
      format: 'html',
      fields: ['Front', 'Back'],
      templates: [{ name: 'Card 1', question: '{{Front}}', answer: '{{Back}}' }],
      css: '',
    });
    // what an Anki import records; the import sets it, the API has no call for it
    collection.db.prepare('UPDATE note_types SET anki_id = ? WHERE id = ?').run('1342697561419', type.id);
    collection.handlers['notes.create']({
      noteTypeId: type.id,
      sectionId: section('Part'),
      fields: ['Q', 'A'],
      tags: [],
    });
    const pkg = exportDeck(collection, deckId);
    expect(pkg.notes().map((n) => n.mid)).toEqual([1_342_697_561_419]);
    expect(pkg.model(1_342_697_561_419).name).toBe('Anki Basic');
  });

  it('writes an Image Occlusion note type and its fields as they are, as Anki’s own cloze-based type', () => {
    const { collection } = open();
    const { deckId, section } = deckWith(collection, 'Anatomy', ['Heart']);
    const question =
      '{{#Header}}<div>{{Header}}</div>{{/Header}}<div style="display: none">{{cloze:Occlusion}}</div>' +
      '<div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div>';
    const type = collection.handlers['notetypes.create']({
      name: 'Image Occlusion',
      kind: 'cloze',
      format: 'html',
      fields: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'],
      templates: [{ name: 'Image Occlusion', question, answer: `${question}<div>{{Back Extra}}</div>` }],
      css: '#image-occlusion-canvas { --inactive-shape-color: #ffeba2; }\n',
    });
    // an Anki import makes such types; the API creates cloze ones only
    collection.db.prepare("UPDATE note_types SET kind = 'image_occlusion' WHERE id = ?").run(type.id);
    const fields = [
      '{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.1:oi=1}}<br>' +
        '{{c2::image-occlusion:ellipse:left=.5:top=.5:rx=.1:ry=.1:oi=1}}',
      '<img src="heart.png">',
      'Label the chambers',
      '',
      '',
    ];
    const change = collection.handlers['notes.create']({
      noteTypeId: type.id,
      sectionId: section('Heart'),
      fields,
      tags: ['anatomy'],
    });
    const guid = collection.handlers['notes.get']({ noteId: change.noteId }).guid;
    const pkg = exportDeck(collection, deckId);
    const note = pkg.note(guid);
    expect(note.flds).toBe(fields.join('\x1f'));
    expect(pkg.cardsOf(note.id).map((c) => c.ord)).toEqual([0, 1]);
    const model = pkg.model(note.mid);
    expect(model).toMatchObject({ type: 1, originalStockKind: 6, css: type.css });
    expect(model.flds.map((f) => f.name)).toEqual(type.fields);
    expect(model.tmpls.map((t) => [t.qfmt, t.afmt])).toEqual([[question, `${question}<div>{{Back Extra}}</div>`]]);
  });

  it('puts a section named B::C in Deck::B::C, with its parents, and a section named after its deck in the deck', () => {
    const { collection } = open();
    const { deckId, section } = deckWith(collection, 'Lang', ['Lang', 'Grammar::Verbs::Irregular', 'Grammar']);
    const basic = typeId(collection, 'basic');
    const add = (name: string, front: string) =>
      collection.handlers['notes.create']({
        noteTypeId: basic,
        sectionId: section(name),
        fields: [front, 'x'],
        tags: [],
      });
    add('Lang', 'Own card');
    add('Grammar::Verbs::Irregular', 'Nested card');
    add('Grammar', 'Grammar card');
    const pkg = exportDeck(collection, deckId);

    const names = pkg.deckNames();
    expect([...names.values()].sort()).toEqual([
      'Default',
      'Lang',
      'Lang::Grammar',
      'Lang::Grammar::Verbs',
      'Lang::Grammar::Verbs::Irregular',
    ]);
    const deckOf = (front: string) => {
      const note = pkg.notes().find((n) => n.sfld === front);
      return names.get(pkg.cardsOf(note?.id ?? -1)[0]?.did);
    };
    expect(deckOf('Own card')).toBe('Lang');
    expect(deckOf('Nested card')).toBe('Lang::Grammar::Verbs::Irregular');
    expect(deckOf('Grammar card')).toBe('Lang::Grammar');
  });

  it('exports a note whose cards are only partly selected with the selected cards alone', () => {
    const { collection } = open();
    const { deckId, section } = deckWith(collection, 'Split', ['One', 'Two']);
    const change = collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'basic-reversed'),
      sectionId: section('One'),
      fields: ['Front side', 'Back side'],
      tags: [],
    });
    collection.handlers['cards.update']({ cardId: change.added[1], sectionId: section('Two') });
    const guid = collection.handlers['notes.get']({ noteId: change.noteId }).guid;

    const two = exportDeck(collection, deckId, { sectionId: section('Two') });
    expect(two.notes()).toHaveLength(1);
    const cards = two.cardsOf(two.note(guid).id);
    expect(cards.map((c) => [c.ord, two.deckNames().get(c.did)])).toEqual([[1, 'Split::Two']]);
    // the note keeps every field, and its type both templates
    expect(two.note(guid).flds.split('\x1f').slice(0, 2)).toEqual([md('Front side'), md('Back side')]);
    expect(two.model(two.note(guid).mid).tmpls).toHaveLength(2);

    const whole = exportDeck(collection, deckId);
    const both = whole.cardsOf(whole.note(guid).id);
    expect(both.map((c) => [c.ord, whole.deckNames().get(c.did)])).toEqual([
      [0, 'Split::One'],
      [1, 'Split::Two'],
    ]);
  });

  it('writes each card of a note with its own schedule and review history', () => {
    const { collection, clock } = open();
    const { deckId, section } = deckWith(collection, 'Studied', ['Only']);
    const change = collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'basic-reversed'),
      sectionId: section('Only'),
      fields: ['Ja', 'Yes'],
      tags: [],
    });
    const [forward, reverse] = change.added;
    clock.advance(MINUTE);
    collection.handlers['study.answer']({ deckId, cardId: reverse, rating: 3, durationMs: 4_000 });
    clock.advance(MINUTE);
    collection.handlers['study.answer']({ deckId, cardId: reverse, rating: 3, durationMs: 2_500 });
    const guid = collection.handlers['notes.get']({ noteId: change.noteId }).guid;

    const pkg = exportDeck(collection, deckId, { withHistory: true });
    const [front, back] = pkg.cardsOf(pkg.note(guid).id);
    expect(front).toMatchObject({ ord: 0, type: 0, queue: 0, reps: 0 });
    expect(back.ord).toBe(1);
    expect(back.reps).toBe(2);
    expect(back.type).not.toBe(0);
    const revlog = pkg.db.prepare('SELECT cid, ease, time FROM revlog ORDER BY id').all();
    expect(revlog).toEqual([
      { cid: back.id, ease: 3, time: 4_000 },
      { cid: back.id, ease: 3, time: 2_500 },
    ]);
    expect(forward).not.toBe(reverse);
    expect(exportDeck(collection, deckId).db.prepare('SELECT count(*) FROM revlog').pluck().get()).toBe(0);
  });

  it('carries each Markdown field’s source so the notes read back as the Markdown they were', () => {
    const { collection } = open();
    const { deckId, section } = deckWith(collection, 'Maths', ['Algebra']);
    const fields = ['Solve $x^2 = 4$', '- $x = 2$\n- $x = -2$\n\n```py\nprint(1 < 2)\n```', ''];
    const change = collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'basic-optional-reversed'),
      sectionId: section('Algebra'),
      fields,
      tags: [],
    });
    const guid = collection.handlers['notes.get']({ noteId: change.noteId }).guid;
    const pkg = exportDeck(collection, deckId);
    const note = pkg.note(guid);
    const names = pkg.model(note.mid).flds.map((f) => f.name);
    expect(names).toEqual([
      'Front',
      'Back',
      'Add Reverse',
      'Front (Cue Markdown)',
      'Back (Cue Markdown)',
      'Add Reverse (Cue Markdown)',
    ]);
    const values = note.flds.split('\x1f');
    expect(values[0]).toBe('<p>Solve \\(x^2 = 4\\)</p>');
    expect(cueFieldsOfAnkiNote(names, values)).toEqual({
      names: ['Front', 'Back', 'Add Reverse'],
      values: fields,
      editedInAnki: [],
    });
    // a field changed in Anki comes back as Anki's HTML, and says so
    const edited = [...values];
    edited[1] = '<ul><li>x = ±2</li></ul>';
    expect(cueFieldsOfAnkiNote(names, edited)).toEqual({
      names: ['Front', 'Back', 'Add Reverse'],
      values: [fields[0], '<ul><li>x = ±2</li></ul>', ''],
      editedInAnki: [1],
    });
    // a model that is not Cue's Markdown layout is not read as one
    expect(cueFieldsOfAnkiNote(['Front', 'Back'], ['a', 'b'])).toBeNull();
    expect(cueFieldsOfAnkiNote(['Front', 'Back', 'Back (Cue Markdown)', 'Front (Cue Markdown)'], values)).toBeNull();
  });
});
