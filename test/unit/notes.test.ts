import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import { findCard, replayCard } from '../../electron/core/review-log';
import { CueError } from '../../shared/errors';
import { contentChecksum, openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

function typeId(collection: Collection, key: string): number {
  const type = collection.handlers['notetypes.list']({}).find((t) => t.key === key);
  if (!type) throw new Error(`no note type ${key}`);
  return type.id;
}

function open() {
  const clock = new TestClock(NOW);
  return { clock, collection: openTestCollection(clock) };
}

describe('built-in note types', () => {
  it('lists the five types Cue makes cards with, and the HTML Basic of older imports', () => {
    const { collection } = open();
    const types = collection.handlers['notetypes.list']({});
    expect(types.map((t) => [t.key, t.name, t.fields, t.templates.length])).toEqual([
      ['basic', 'Basic', ['Front', 'Back'], 1],
      ['basic-reversed', 'Basic (and reversed card)', ['Front', 'Back'], 2],
      ['basic-optional-reversed', 'Basic (optional reversed card)', ['Front', 'Back', 'Add Reverse'], 2],
      ['cloze', 'Cloze', ['Text', 'Back Extra'], 1],
      ['basic-typed', 'Basic (type in the answer)', ['Front', 'Back'], 1],
      ['basic-html', 'Basic (HTML)', ['Front', 'Back'], 1],
    ]);
    // the bundled deck's 50 cards are 50 Basic notes
    expect(types[0].notes).toBe(50);
    expect(types.every((t) => t.builtin)).toBe(true);
  });

  it('the bundled deck: every card is a Basic note whose fields are its question and answer', () => {
    const { collection } = open();
    const note = collection.handlers['notes.ofCard']({ cardId: 1 });
    const card = collection.handlers['cards.get']({ cardId: 1 });
    expect(note.noteType.key).toBe('basic');
    expect(note.fields).toEqual([card.question, card.answer]);
    expect(note.cards).toHaveLength(1);
    expect(note.cards[0]).toMatchObject({ cardId: 1, ord: 0, question: card.question, answer: card.answer });
    expect(note.guid).toBe(`cue:lead-ml-engineer/${card.key}`);
  });

  it('Basic (and reversed card) makes two cards; each shows the other side as its answer', () => {
    const { collection } = open();
    const change = collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'basic-reversed'),
      sectionId: 1,
      fields: ['What is **bias**?', 'Systematic error'],
      tags: ['ml'],
    });
    expect(change.added).toHaveLength(2);
    const note = collection.handlers['notes.get']({ noteId: change.noteId });
    expect(note.cards.map((c) => [c.name, c.question, c.answer, c.answerAlone])).toEqual([
      ['Card 1', 'What is **bias**?', 'Systematic error', false],
      ['Card 2', 'Systematic error', 'What is **bias**?', false],
    ]);
    expect(collection.handlers['cards.get']({ cardId: change.added[1] }).tags).toEqual(['ml']);
  });

  it('Basic (optional reversed card) adds the reverse when its field is filled, and retires it when emptied', () => {
    const { collection } = open();
    const noteTypeId = typeId(collection, 'basic-optional-reversed');
    const made = collection.handlers['notes.create']({ tags: [], noteTypeId, sectionId: 1, fields: ['Q', 'A', ''] });
    expect(made.added).toHaveLength(1);
    const on = collection.handlers['notes.update']({ noteId: made.noteId, fields: ['Q', 'A', 'y'] });
    expect(on.added).toHaveLength(1);
    const off = collection.handlers['notes.update']({ noteId: made.noteId, fields: ['Q', 'A', ''] });
    expect(off.retired?.cardIds).toEqual(on.added);
    expect(collection.handlers['notes.get']({ noteId: made.noteId }).cards).toHaveLength(1);
  });
});

describe('Basic (type in the answer)', () => {
  it('asks for the Back to be typed: the question carries no box of its own, the answer the place of the comparison', () => {
    const { collection } = open();
    const made = collection.handlers['notes.create']({
      tags: [],
      noteTypeId: typeId(collection, 'basic-typed'),
      sectionId: 1,
      fields: ['Capital of **France**?', 'Paris'],
    });
    const [card] = collection.handlers['notes.get']({ noteId: made.noteId }).cards;
    expect(card).toMatchObject({
      question: 'Capital of **France**?',
      answer: '<span class="type-answer-result"></span>',
      typeAnswer: 'Paris',
      answerAlone: false,
    });
    // an empty Back asks for nothing to be typed, as in Anki
    const empty = collection.handlers['notes.update']({ noteId: made.noteId, fields: ['Capital of **France**?', ''] });
    expect(empty.updated).toEqual([card.cardId]);
    expect(collection.handlers['notes.get']({ noteId: made.noteId }).cards[0].typeAnswer).toBeNull();
  });
});

describe('cloze notes', () => {
  it('makes one card per cloze number; adding c3 adds a card, removing c2 retires one, undo brings it back with its history', () => {
    const { collection, clock } = open();
    const noteTypeId = typeId(collection, 'cloze');
    const made = collection.handlers['notes.create']({
      tags: [],
      noteTypeId,
      sectionId: 1,
      fields: ['{{c1::Adam}} keeps {{c2::two moments::how many?}} per weight', 'Kingma and Ba, 2014'],
    });
    expect(made.added).toHaveLength(2);
    const [c1, c2] = made.added;
    const first = collection.handlers['notes.get']({ noteId: made.noteId }).cards;
    expect(first[0].question).toBe(
      '<span class="cloze" data-cloze="Adam" data-ordinal="1">[...]</span> keeps <span class="cloze-inactive" data-ordinal="2">two moments</span> per weight',
    );
    expect(first[1].question).toBe(
      '<span class="cloze-inactive" data-ordinal="1">Adam</span> keeps <span class="cloze" data-cloze="two&#x20;moments" data-ordinal="2">[how many?]</span> per weight',
    );
    expect(first[1].answerAlone).toBe(true);
    expect(first[1].answer).toContain('<span class="cloze" data-ordinal="2">two moments</span>');
    // study c2 so it has history
    collection.handlers['study.answer']({ deckId: 1, cardId: c2, rating: 3, durationMs: 1000 });
    clock.advance(60_000);
    const added = collection.handlers['notes.update']({
      noteId: made.noteId,
      fields: ['{{c1::Adam}} keeps {{c2::two moments}} per {{c3::weight}}', 'Kingma and Ba, 2014'],
    });
    expect(added.added).toHaveLength(1);
    // c1 now marks c3 as an inactive cloze; c2 lost its hint
    expect(added.updated).toEqual([c1, c2]);
    expect(collection.db.prepare('SELECT count(*) FROM reviews WHERE card_id = ?').pluck().get(c2)).toBe(1);
    const removed = collection.handlers['notes.update']({
      noteId: made.noteId,
      fields: ['{{c1::Adam}} keeps two moments per {{c3::weight}}', ''],
    });
    expect(removed.retired?.cardIds).toEqual([c2]);
    expect(() => findCard(collection.db, c2)).toThrow(/no card/);
    const restored = collection.handlers['cards.restore']({ batch: removed.retired?.batch ?? 0 });
    expect(restored.cardIds).toEqual([c2]);
    expect(collection.db.prepare('SELECT count(*) FROM reviews WHERE card_id = ?').pluck().get(c2)).toBe(1);
    const card = findCard(collection.db, c2);
    expect(replayCard(collection.db, collection.scheduler, c2)).toEqual(scheduleOf(card));
  });

  it('refuses a cloze note with no cloze, changing nothing', () => {
    const { collection } = open();
    const before = contentChecksum(collection);
    const error = thrown(CueError, () =>
      collection.handlers['notes.create']({
        tags: [],
        noteTypeId: typeId(collection, 'cloze'),
        sectionId: 1,
        fields: ['no cloze', ''],
      }),
    );
    expect(error.message).toMatch(/no cloze/);
    expect(contentChecksum(collection)).toBe(before);
  });

  it('refuses an edit that would leave the note without cards', () => {
    const { collection } = open();
    const made = collection.handlers['notes.create']({
      tags: [],
      noteTypeId: typeId(collection, 'cloze'),
      sectionId: 1,
      fields: ['{{c1::one}}', ''],
    });
    const before = contentChecksum(collection);
    expect(() => collection.handlers['notes.update']({ noteId: made.noteId, fields: ['none', ''] })).toThrow(
      /no cloze/,
    );
    expect(contentChecksum(collection)).toBe(before);
  });
});

describe('editing cards of notes', () => {
  it('cards.update on a Basic card edits its note; tags belong to the note', () => {
    const { collection } = open();
    collection.handlers['cards.update']({ cardId: 1, answer: 'New answer', tags: ['mine'] });
    const note = collection.handlers['notes.ofCard']({ cardId: 1 });
    expect(note.fields[1]).toBe('New answer');
    expect(note.tags).toEqual(['mine']);
  });

  it('cards.update of a cloze card question is refused with what to do instead', () => {
    const { collection } = open();
    const made = collection.handlers['notes.create']({
      tags: [],
      noteTypeId: typeId(collection, 'cloze'),
      sectionId: 1,
      fields: ['{{c1::one}}', ''],
    });
    const error = thrown(CueError, () =>
      collection.handlers['cards.update']({ cardId: made.added[0], question: 'plain' }),
    );
    expect(error.message).toMatch(/Cloze.*notes\.update/);
  });

  it('a bulk tag on one card of a reversed note shows on both', () => {
    const { collection } = open();
    const made = collection.handlers['notes.create']({
      tags: [],
      noteTypeId: typeId(collection, 'basic-reversed'),
      sectionId: 1,
      fields: ['front', 'back'],
    });
    collection.handlers['cards.bulk']({ cardIds: [made.added[0]], change: { action: 'addTags', tags: ['both'] } });
    expect(collection.handlers['cards.get']({ cardId: made.added[1] }).tags).toEqual(['both']);
  });
});

describe('changing a note type', () => {
  it('Basic to Cloze by a field map, keeping the card and its history', () => {
    const { collection } = open();
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 1000 });
    const note = collection.handlers['notes.ofCard']({ cardId: 1 });
    collection.handlers['notes.update']({ noteId: note.id, fields: ['The {{c1::answer}} is here', 'extra'] });
    // a Basic note's front renders as it is, braces and all
    expect(collection.handlers['cards.get']({ cardId: 1 }).question).toBe('The {{c1::answer}} is here');
    const change = collection.handlers['notes.changeType']({
      noteId: note.id,
      noteTypeId: typeId(collection, 'cloze'),
      fieldMap: [0, 1],
    });
    expect(change.updated).toEqual([1]);
    expect(collection.handlers['cards.get']({ cardId: 1 }).question).toBe(
      'The <span class="cloze" data-cloze="answer" data-ordinal="1">[...]</span> is here',
    );
    expect(collection.db.prepare('SELECT count(*) FROM reviews WHERE card_id = 1').pluck().get()).toBe(1);
  });

  it('refuses a field map that does not fit the new type', () => {
    const { collection } = open();
    const note = collection.handlers['notes.ofCard']({ cardId: 1 });
    const before = contentChecksum(collection);
    expect(() =>
      collection.handlers['notes.changeType']({
        noteId: note.id,
        noteTypeId: typeId(collection, 'cloze'),
        fieldMap: [0],
      }),
    ).toThrow(/has 2 fields/);
    expect(() =>
      collection.handlers['notes.changeType']({
        noteId: note.id,
        noteTypeId: typeId(collection, 'cloze'),
        fieldMap: [0, 5],
      }),
    ).toThrow(/no field 6/);
    expect(contentChecksum(collection)).toBe(before);
  });
});

describe('note types', () => {
  it('clones, renames, adds a field and a template, and re-renders the notes', () => {
    const { collection } = open();
    const copy = collection.handlers['notetypes.create']({ from: typeId(collection, 'basic'), name: 'Vocab' });
    expect(copy).toMatchObject({ name: 'Vocab', builtin: false, notes: 0, fields: ['Front', 'Back'] });
    const made = collection.handlers['notes.create']({
      tags: [],
      noteTypeId: copy.id,
      sectionId: 1,
      fields: ['chat', 'cat'],
    });
    const result = collection.handlers['notetypes.update']({
      noteTypeId: copy.id,
      name: 'French',
      fields: [
        { name: 'French', previous: 0 },
        { name: 'English', previous: 1 },
        { name: 'Example', previous: null },
      ],
      templates: [
        { name: 'Recognise', question: '{{French}}', answer: '{{FrontSide}}<hr id=answer>{{English}}', previous: 0 },
        { name: 'Recall', question: '{{English}}', answer: '{{FrontSide}}<hr id=answer>{{French}}', previous: null },
      ],
    });
    expect(result).toMatchObject({ notes: 1, added: 1 });
    const note = collection.handlers['notes.get']({ noteId: made.noteId });
    expect(note.fields).toEqual(['chat', 'cat', '']);
    expect(note.cards.map((c) => [c.name, c.question, c.answer])).toEqual([
      ['Recognise', 'chat', 'cat'],
      ['Recall', 'cat', 'chat'],
    ]);
  });

  it('refuses broken definitions and deleting a type in use or built in', () => {
    const { collection } = open();
    const before = contentChecksum(collection);
    expect(() =>
      dispatch(collection, 'notetypes.create', {
        name: 'Bad',
        fields: ['A', 'a'],
        templates: [{ name: 'Card 1', question: '{{A}}', answer: '' }],
      }),
    ).toThrow(/two fields named/);
    expect(() =>
      dispatch(collection, 'notetypes.create', {
        name: 'Bad',
        fields: ['A'],
        templates: [{ name: 'Card 1', question: '{{#A}}x', answer: '' }],
      }),
    ).toThrow(/question side: \{\{#A\}\} is never closed/);
    expect(() => dispatch(collection, 'notetypes.create', { name: 'Bad', fields: ['A:B'], templates: [] })).toThrow(
      /Invalid input/,
    );
    expect(() => collection.handlers['notetypes.delete']({ noteTypeId: typeId(collection, 'basic') })).toThrow(
      /built in/,
    );
    expect(contentChecksum(collection)).toBe(before);
    const copy = collection.handlers['notetypes.create']({ from: typeId(collection, 'basic') });
    collection.handlers['notes.create']({ tags: [], noteTypeId: copy.id, sectionId: 1, fields: ['q', 'a'] });
    expect(() => collection.handlers['notetypes.delete']({ noteTypeId: copy.id })).toThrow(/used by 1 note/);
    const unused = collection.handlers['notetypes.create']({ from: typeId(collection, 'basic') });
    expect(collection.handlers['notetypes.delete']({ noteTypeId: unused.id })).toEqual({ noteTypeId: unused.id });
  });

  it('refuses removing the only template that gives a note a card, changing nothing', () => {
    const { collection } = open();
    const copy = collection.handlers['notetypes.create']({ from: typeId(collection, 'basic-reversed') });
    collection.handlers['notes.create']({ tags: [], noteTypeId: copy.id, sectionId: 1, fields: ['only front', ''] });
    const before = contentChecksum(collection);
    expect(() =>
      collection.handlers['notetypes.update']({
        noteTypeId: copy.id,
        templates: [{ name: 'Back only', question: '{{Back}}', answer: '{{Front}}', previous: 1 }],
      }),
    ).toThrow(/question would be empty/);
    expect(contentChecksum(collection)).toBe(before);
  });
});

describe('cards of notes coming back', () => {
  it('a deleted card whose place its note filled again comes back as a note of its own, with its history', () => {
    const { collection } = open();
    const made = collection.handlers['notes.create']({
      tags: [],
      noteTypeId: typeId(collection, 'basic-reversed'),
      sectionId: 1,
      fields: ['front', 'back'],
    });
    const [, reverse] = made.added;
    collection.handlers['study.answer']({ deckId: 1, cardId: reverse, rating: 3, durationMs: 1000 });
    const { batch } = collection.handlers['cards.delete']({ cardIds: [reverse] });
    // the next edit makes the reverse card again, a new one
    const edit = collection.handlers['notes.update']({ noteId: made.noteId, fields: ['front', 'back!'] });
    expect(edit.added).toHaveLength(1);
    const restored = collection.handlers['cards.restore']({ batch });
    // its id was given to the new card (SQLite reuses the highest), so it comes back under another
    const [back] = restored.cardIds;
    const own = collection.handlers['notes.ofCard']({ cardId: back });
    expect(own.id).not.toBe(made.noteId);
    expect(own.noteType.key).toBe('basic');
    expect(own.fields).toEqual(['back', 'front']);
    expect(collection.db.prepare('SELECT count(*) FROM reviews WHERE card_id = ?').pluck().get(back)).toBe(1);
    expect(collection.handlers['notes.get']({ noteId: made.noteId }).cards).toHaveLength(2);
  });

  it('a retired card restored while its note makes it again rejoins the note, showing what the note renders now', () => {
    const { collection } = open();
    const noteTypeId = typeId(collection, 'basic-optional-reversed');
    const made = collection.handlers['notes.create']({ tags: [], noteTypeId, sectionId: 1, fields: ['Q', 'A', 'y'] });
    const off = collection.handlers['notes.update']({ noteId: made.noteId, fields: ['Q', 'A2', ''], tags: ['t1'] });
    const back = collection.handlers['notes.update']({
      noteId: made.noteId,
      fields: ['Q', 'A2', 'y'],
      restoreBatch: off.retired?.batch,
    });
    expect(back.added).toEqual([]);
    const note = collection.handlers['notes.get']({ noteId: made.noteId });
    expect(note.cards.map((c) => [c.cardId, c.question])).toEqual([
      [made.added[0], 'Q'],
      [made.added[1], 'A2'],
    ]);
    expect(collection.handlers['cards.get']({ cardId: made.added[1] }).tags).toEqual(['t1']);
  });
});

describe('built-in types and type changes', () => {
  it('keeps the built-in shapes: fields and templates of a built-in type cannot change, its CSS can', () => {
    const { collection } = open();
    const basic = typeId(collection, 'basic');
    const before = contentChecksum(collection);
    expect(() =>
      collection.handlers['notetypes.update']({
        noteTypeId: basic,
        templates: [{ name: 'Card 1', question: '{{Front}}', answer: 'Answer: {{Back}}', previous: 0 }],
      }),
    ).toThrow(/built in.*Clone it/);
    expect(contentChecksum(collection)).toBe(before);
    expect(
      collection.handlers['notetypes.update']({ noteTypeId: basic, css: '.card { color: teal }' }).noteType.css,
    ).toBe('.card { color: teal }');
  });

  it('refuses a template map that does not fit, naming what is wrong', () => {
    const { collection } = open();
    const note = collection.handlers['notes.ofCard']({ cardId: 1 });
    const reversed = typeId(collection, 'basic-reversed');
    const change = (templateMap: (number | null)[]) => () =>
      collection.handlers['notes.changeType']({ noteId: note.id, noteTypeId: reversed, fieldMap: [0, 1], templateMap });
    expect(change([0])).toThrow(/has 2 templates; the template map gives 1/);
    expect(change([0, 0])).toThrow(/Two templates of the map take the card of template 1/);
    expect(change([3, null])).toThrow(/names template 4/);
    expect(change([null, 0])()).toMatchObject({ updated: [1] });
    expect(collection.handlers['notes.get']({ noteId: note.id }).cards.map((c) => [c.cardId, c.ord])).toEqual([
      [expect.any(Number), 0],
      [1, 1],
    ]);
  });

  it('deletes a type whose notes have only deleted cards; undoing those deletes brings each card back as Basic', () => {
    const { collection } = open();
    const copy = collection.handlers['notetypes.create']({ from: typeId(collection, 'basic') });
    const made = collection.handlers['notes.create']({
      tags: [],
      noteTypeId: copy.id,
      sectionId: 1,
      fields: ['q', 'a'],
    });
    const { batch } = collection.handlers['cards.delete']({ cardIds: made.added });
    expect(collection.handlers['notetypes.get']({ noteTypeId: copy.id }).notes).toBe(0);
    collection.handlers['notetypes.delete']({ noteTypeId: copy.id });
    collection.handlers['cards.restore']({ batch });
    const note = collection.handlers['notes.ofCard']({ cardId: made.added[0] });
    expect(note.noteType.key).toBe('basic');
    expect(note.fields).toEqual(['q', 'a']);
  });
});
