/**
 * The card editor's state and what it saves, without a page: each change the person makes, images
 * going in at the caret, and the request a save sends, which a real collection then takes.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import type { KeyPress } from '../../renderer/lib/keys';
import {
  deckOfSection,
  type EditorState,
  type EditorTarget,
  editorKey,
  editorReducer,
  initialEditor,
  isSaveKey,
  type Loaded,
  saveProblem,
  saveRequest,
} from '../../renderer/screens/editor/editor-flow';
import type { DeckSummary } from '../../shared/domain';
import type { CardDetail } from '../../shared/search';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

/** What the editor loads for a target, from a real collection, as loadEditor puts it together. */
function loaded(collection: Collection, target: EditorTarget): Loaded {
  const decks = dispatch(collection, 'decks.list', {}) as DeckSummary[];
  const card =
    target.mode === 'edit' ? (dispatch(collection, 'cards.get', { cardId: target.cardId }) as CardDetail) : null;
  const sectionId = card ? card.sectionId : target.mode === 'add' ? target.sectionId : 0;
  return { card, deck: deckOfSection(decks, sectionId), decks, sectionId };
}

function run(state: EditorState, ...events: Parameters<typeof editorReducer>[1][]): EditorState {
  return events.reduce(editorReducer, state);
}

describe('the editor state', () => {
  it('starts from the card as stored, its tags as one line', () => {
    const collection = openTestCollection(new TestClock(NOW));
    dispatch(collection, 'cards.update', { cardId: 1, tags: ['ml', 'systems'] });
    const data = loaded(collection, { mode: 'edit', cardId: 1 });
    const state = initialEditor(data);
    expect(state.question).toBe(data.card?.question);
    expect(state.answer).toBe(data.card?.answer);
    expect(state.tags).toBe('ml systems');
    expect(state.sectionId).toBe(data.card?.sectionId);
    expect(state.status).toBeNull();
    expect(data.deck?.id).toBe(1);
  });

  it('a new card starts empty in the section it was opened for', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const state = initialEditor(loaded(collection, { mode: 'add', sectionId: 3 }));
    expect(state).toMatchObject({ question: '', answer: '', tags: '', sectionId: 3, status: null });
  });

  it('takes each field as typed and the section chosen', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const state = run(
      initialEditor(loaded(collection, { mode: 'add', sectionId: 3 })),
      { type: 'edit', field: 'question', text: 'What is a B-tree?' },
      { type: 'edit', field: 'answer', text: 'A balanced search tree.' },
      { type: 'edit', field: 'tags', text: 'db  trees db' },
      { type: 'section', sectionId: 2 },
    );
    expect(state).toMatchObject({ question: 'What is a B-tree?', answer: 'A balanced search tree.', sectionId: 2 });
    expect(state.tags).toBe('db  trees db');
  });

  it('after a card is added the next starts empty, keeping section and tags, and says so', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const state = run(
      initialEditor(loaded(collection, { mode: 'add', sectionId: 3 })),
      { type: 'edit', field: 'question', text: 'Q' },
      { type: 'edit', field: 'answer', text: 'A' },
      { type: 'edit', field: 'tags', text: 'db' },
      { type: 'added' },
    );
    expect(state).toMatchObject({ question: '', answer: '', tags: 'db', sectionId: 3 });
    expect(state.status).toMatchObject({ text: 'Saved. Next card:', failed: false });
  });

  it('every message is a new one, the same words again included', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const start = initialEditor(loaded(collection, { mode: 'edit', cardId: 1 }));
    const once = run(start, { type: 'say', text: 'Saved' });
    const twice = run(once, { type: 'say', text: 'Saved' });
    expect(twice.status?.text).toBe('Saved');
    expect(twice.status?.id).not.toBe(once.status?.id);
    const failed = run(twice, { type: 'say', text: 'The question cannot be empty.', failed: true });
    expect(failed.status).toMatchObject({ failed: true });
  });

  it('a section made from the editor comes with the new deck list and is the one chosen', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const start = initialEditor(loaded(collection, { mode: 'edit', cardId: 1 }));
    const { sectionId } = dispatch(collection, 'sections.create', { deckId: 1, name: 'Fresh' }) as {
      sectionId: number;
    };
    const decks = dispatch(collection, 'decks.list', {}) as DeckSummary[];
    const state = run(start, { type: 'section-created', decks, sectionId });
    expect(state.sectionId).toBe(sectionId);
    expect(deckOfSection(state.decks, sectionId)?.sections.map((s) => s.name)).toContain('Fresh');
    expect(deckOfSection(state.decks, 9999)).toBeNull();
  });
});

describe('images into a field', () => {
  const base = (text: string): EditorState => ({
    question: 'Q',
    answer: text,
    tags: '',
    sectionId: 1,
    decks: [],
    status: null,
    caret: null,
  });

  it('go on a line of their own in place of the selection, and the caret goes after them', () => {
    const state = run(base('before after'), {
      type: 'images',
      field: 'answer',
      start: 6,
      end: 7,
      snippet: '![](a.png)',
      count: 1,
    });
    expect(state.answer).toBe('before\n![](a.png)\nafter');
    expect(state.caret).toMatchObject({ field: 'answer', at: 'before\n![](a.png)\n'.length });
    expect(state.status).toMatchObject({ text: 'Image added', failed: false });
    expect(state.question).toBe('Q');
  });

  it('a field that changed meanwhile takes them at its end, and several are counted', () => {
    const state = run(base('short'), {
      type: 'images',
      field: 'answer',
      start: Number.MAX_SAFE_INTEGER,
      end: Number.MAX_SAFE_INTEGER,
      snippet: '![](a.png)\n![](b.png)',
      count: 2,
    });
    expect(state.answer).toBe('short\n![](a.png)\n![](b.png)');
    expect(state.caret?.at).toBe(state.answer.length);
    expect(state.status?.text).toBe('2 images added');
  });

  it('each insertion moves the caret again, even to the same place', () => {
    const event = { type: 'images', field: 'question', start: 0, end: 0, snippet: '![](a.png)', count: 1 } as const;
    const once = run(base(''), event);
    const twice = run({ ...once, question: '' }, event);
    expect(twice.caret?.id).not.toBe(once.caret?.id);
  });
});

describe('saving', () => {
  it('refuses an empty question before anything is sent', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const state = initialEditor(loaded(collection, { mode: 'add', sectionId: 1 }));
    expect(saveProblem(state)).toBe('The question cannot be empty.');
    expect(saveProblem({ ...state, question: '  \n ' })).toBe('The question cannot be empty.');
    expect(saveProblem({ ...state, question: 'Q' })).toBeNull();
  });

  it('an edit updates the card in the section chosen, with the tags split and each once', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const target: EditorTarget = { mode: 'edit', cardId: 1 };
    const state = run(
      initialEditor(loaded(collection, target)),
      { type: 'edit', field: 'answer', text: 'My own answer.' },
      { type: 'edit', field: 'tags', text: ' ml  ml systems ' },
      { type: 'section', sectionId: 2 },
    );
    const request = saveRequest(target, state);
    expect(request.method).toBe('cards.update');
    dispatch(collection, request.method, request.input);
    expect(dispatch(collection, 'cards.get', { cardId: 1 })).toMatchObject({
      answer: 'My own answer.',
      tags: ['ml', 'systems'],
      sectionId: 2,
    });
  });

  it('an added card goes into the section chosen', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const target: EditorTarget = { mode: 'add', sectionId: 3 };
    const state = run(
      initialEditor(loaded(collection, target)),
      { type: 'edit', field: 'question', text: 'What does a bloom filter never give?' },
      { type: 'edit', field: 'answer', text: 'A false negative.' },
    );
    const request = saveRequest(target, state);
    expect(request.method).toBe('cards.create');
    const { cardId } = dispatch(collection, request.method, request.input) as { cardId: number };
    expect(dispatch(collection, 'cards.get', { cardId })).toMatchObject({
      sectionId: 3,
      question: 'What does a bloom filter never give?',
      tags: [],
    });
  });

  it('Ctrl+Enter or Cmd+Enter saves, once per press', () => {
    const key = (extra: Partial<KeyPress>): KeyPress => ({
      key: 'Enter',
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      repeat: false,
      editable: true,
      activatable: false,
      ...extra,
    });
    expect(isSaveKey(key({ ctrlKey: true }))).toBe(true);
    expect(isSaveKey(key({ metaKey: true, editable: false }))).toBe(true);
    expect(isSaveKey(key({}))).toBe(false);
    expect(isSaveKey(key({ ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSaveKey(key({ ctrlKey: true, repeat: true }))).toBe(false);
    expect(isSaveKey(key({ ctrlKey: true, key: 's' }))).toBe(false);
  });

  it('each card and each section opens an editor of its own', () => {
    expect(editorKey({ mode: 'edit', cardId: 17 })).toBe('edit:17');
    expect(editorKey({ mode: 'add', sectionId: 17 })).not.toBe(editorKey({ mode: 'edit', cardId: 17 }));
  });
});
