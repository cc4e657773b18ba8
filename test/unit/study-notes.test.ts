/**
 * Studying cards of notes: the study card says which note and note type it comes from, how it is
 * answered (in place of the question, by typing) and the type's CSS; the cards of one note bury each
 * other after an answer when the preset says so, and come back the next day.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

function typeId(collection: Collection, key: string): number {
  const type = collection.handlers['notetypes.list']({}).find((t) => t.key === key);
  if (!type) throw new Error(`no note type ${key}`);
  return type.id;
}

/** An empty deck with one section, so its notes' cards are all the queue holds. */
function emptyDeck(collection: Collection): { deckId: number; sectionId: number } {
  const { deckId } = collection.handlers['decks.create']({ name: 'Notes' });
  const { sectionId } = collection.handlers['sections.create']({ deckId, name: 'Main' });
  return { deckId, sectionId };
}

function open() {
  const clock = new TestClock(NOW);
  const collection = openTestCollection(clock, { bundledDeckDir: null });
  return { clock, collection, ...emptyDeck(collection) };
}

describe('the study card of a note', () => {
  it('a Basic card: its note and type, answered below the question, no typing, no CSS', () => {
    const { collection, deckId, sectionId } = open();
    const made = collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'basic'),
      sectionId,
      fields: ['Q', 'A'],
      tags: [],
    });
    const card = collection.handlers['study.next']({ deckId }).card;
    expect(card).toMatchObject({
      id: made.added[0],
      noteId: made.noteId,
      noteType: { id: typeId(collection, 'basic'), name: 'Basic', kind: 'normal' },
      answerAlone: false,
      typeAnswer: null,
      css: '',
    });
  });

  it('a cloze card is answered in place of its question', () => {
    const { collection, deckId, sectionId } = open();
    collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'cloze'),
      sectionId,
      fields: ['{{c1::Adam}} keeps two moments', ''],
      tags: [],
    });
    const card = collection.handlers['study.next']({ deckId }).card;
    expect(card?.noteType).toMatchObject({ name: 'Cloze', kind: 'cloze' });
    expect(card?.answerAlone).toBe(true);
  });

  it("a typed-answer card carries what its note's card holds to be typed", () => {
    const { collection, deckId, sectionId } = open();
    const made = collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'basic-typed'),
      sectionId,
      fields: ['Capital of France?', 'Paris'],
      tags: [],
    });
    const note = collection.handlers['notes.get']({ noteId: made.noteId });
    const card = collection.handlers['study.next']({ deckId }).card;
    expect(card?.typeAnswer).toBe(note.cards[0].typeAnswer);
    expect(collection.handlers['cards.get']({ cardId: made.added[0] }).typeAnswer).toBe(note.cards[0].typeAnswer);
  });

  it("a note type's CSS comes with its cards, in study and in cards.get; an edit of it shows on the next card", () => {
    const { collection, deckId, sectionId } = open();
    const copy = collection.handlers['notetypes.create']({ from: typeId(collection, 'basic'), name: 'Styled' });
    collection.handlers['notetypes.update']({ noteTypeId: copy.id, css: '.card { color: navy }' });
    const made = collection.handlers['notes.create']({ noteTypeId: copy.id, sectionId, fields: ['Q', 'A'], tags: [] });
    expect(collection.handlers['study.next']({ deckId }).card).toMatchObject({
      css: '.card { color: navy }',
      noteType: { id: copy.id, name: 'Styled', kind: 'normal' },
    });
    collection.handlers['notetypes.update']({ noteTypeId: copy.id, css: '.card { color: teal }' });
    expect(collection.handlers['cards.get']({ cardId: made.added[0] })).toMatchObject({
      noteId: made.noteId,
      css: '.card { color: teal }',
      answerAlone: false,
    });
  });

  it('the card an undo brings back carries the same fields', () => {
    const { collection, deckId, sectionId } = open();
    collection.handlers['notes.create']({
      noteTypeId: typeId(collection, 'cloze'),
      sectionId,
      fields: ['{{c1::one}} {{c2::two}}', ''],
      tags: [],
    });
    const first = collection.handlers['study.next']({ deckId }).card;
    if (!first) throw new Error('no card');
    collection.handlers['study.answer']({ deckId, cardId: first.id, rating: 3, durationMs: 1000 });
    const undone = collection.handlers['study.undo']({ deckId });
    expect(undone.next.card).toMatchObject({ id: first.id, answerAlone: true, noteType: { kind: 'cloze' } });
  });
});

describe('sibling cards of a note', () => {
  function reversedNote() {
    const env = open();
    const made = env.collection.handlers['notes.create']({
      noteTypeId: typeId(env.collection, 'basic-reversed'),
      sectionId: env.sectionId,
      fields: ['gato', 'cat'],
      tags: [],
    });
    return { ...env, cards: made.added };
  }

  it('answering one card of a reversed note buries the other until the next study day', () => {
    const { collection, clock, deckId, cards } = reversedNote();
    const presetId = collection.handlers['presets.list']({})[0].id;
    collection.handlers['presets.update']({ presetId, options: { buryNewSiblings: true } });
    const first = collection.handlers['study.next']({ deckId }).card;
    expect(first?.id).toBe(cards[0]);
    const answer = collection.handlers['study.answer']({ deckId, cardId: cards[0], rating: 4, durationMs: 1000 });
    // the first card went to review (Easy); its sibling is buried, so nothing is left today
    expect(answer.next.card).toBeNull();
    expect(collection.handlers['cards.get']({ cardId: cards[1] }).state).toBe('new');
    expect(collection.db.prepare('SELECT buried_until FROM cards WHERE id = ?').pluck().get(cards[1])).not.toBeNull();
    clock.advance(24 * 60 * 60 * 1000);
    expect(collection.handlers['study.next']({ deckId }).card?.id).toBe(cards[1]);
  });

  it('without burying, the second card follows the first', () => {
    const { collection, deckId, cards } = reversedNote();
    const answer = collection.handlers['study.answer']({ deckId, cardId: cards[0], rating: 4, durationMs: 1000 });
    expect(answer.next.card?.id).toBe(cards[1]);
    expect(answer.next.card?.question).toBe('cat');
  });
});
