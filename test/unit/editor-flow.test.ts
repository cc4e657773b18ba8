/**
 * The note editor's state and what it saves, without a page: each change the person makes, a note
 * type switched, images and clozes going in at the caret, and the request a save sends, which a real
 * collection then takes; what a save says about the cards it added and retired.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import type { KeyPress } from '../../renderer/lib/keys';
import {
  changeText,
  deckOfSection,
  type EditorState,
  type EditorTarget,
  editorKey,
  editorReducer,
  initialEditor,
  isDirty,
  isSaveKey,
  type Loaded,
  saveProblem,
  saveRequest,
  startingType,
  undoOf,
} from '../../renderer/screens/editor/editor-flow';
import type { DeckSummary } from '../../shared/domain';
import type { NoteChange, NoteDetail, NoteType } from '../../shared/notes';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

function types(collection: Collection): NoteType[] {
  return dispatch(collection, 'notetypes.list', {}) as NoteType[];
}

function typeId(collection: Collection, key: string): number {
  const type = types(collection).find((t) => t.key === key);
  if (!type) throw new Error(`no note type ${key}`);
  return type.id;
}

/** What the editor loads for a target, from a real collection, as loadEditor puts it together. */
function loaded(collection: Collection, target: EditorTarget, remembered: number | null = null): Loaded {
  const decks = dispatch(collection, 'decks.list', {}) as DeckSummary[];
  const all = types(collection);
  const note =
    target.mode === 'edit' ? (dispatch(collection, 'notes.ofCard', { cardId: target.cardId }) as NoteDetail) : null;
  const sectionId = note ? note.cards[0].sectionId : target.mode === 'add' ? target.sectionId : 0;
  const noteTypeId = note ? note.noteType.id : startingType(all, remembered);
  return { note, types: all, noteTypeId, deck: deckOfSection(decks, sectionId), decks, sectionId };
}

function run(state: EditorState, ...events: Parameters<typeof editorReducer>[1][]): EditorState {
  return events.reduce(editorReducer, state);
}

function note(collection: Collection, noteId: number): NoteDetail {
  return dispatch(collection, 'notes.get', { noteId }) as NoteDetail;
}

describe('the editor state', () => {
  it('starts from the note of the card as stored, its tags as one line', () => {
    const collection = openTestCollection(new TestClock(NOW));
    dispatch(collection, 'cards.update', { cardId: 1, tags: ['ml', 'systems'] });
    const data = loaded(collection, { mode: 'edit', cardId: 1 });
    const state = initialEditor(data);
    expect(state.fields).toEqual(data.note?.fields);
    expect(state.fields).toHaveLength(2);
    expect(state.tags).toBe('ml systems');
    expect(state.sectionId).toBe(data.note?.cards[0].sectionId);
    expect(state.status).toBeNull();
    expect(isDirty(state)).toBe(false);
    expect(data.deck?.id).toBe(1);
  });

  it('a new note starts empty as Basic, or as the type last used while it exists', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const basic = initialEditor(loaded(collection, { mode: 'add', sectionId: 3 }));
    expect(basic).toMatchObject({ fields: ['', ''], tags: '', sectionId: 3, status: null, note: null });
    expect(basic.noteTypeId).toBe(typeId(collection, 'basic'));
    const cloze = typeId(collection, 'cloze');
    expect(loaded(collection, { mode: 'add', sectionId: 3 }, cloze).noteTypeId).toBe(cloze);
    expect(loaded(collection, { mode: 'add', sectionId: 3 }, 9999).noteTypeId).toBe(typeId(collection, 'basic'));
  });

  it('takes each field as typed and the section chosen', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const state = run(
      initialEditor(loaded(collection, { mode: 'add', sectionId: 3 })),
      { type: 'edit', field: 0, text: 'What is a B-tree?' },
      { type: 'edit', field: 1, text: 'A balanced search tree.' },
      { type: 'tags', text: 'db  trees db' },
      { type: 'section', sectionId: 2 },
    );
    expect(state).toMatchObject({ fields: ['What is a B-tree?', 'A balanced search tree.'], sectionId: 2 });
    expect(state.tags).toBe('db  trees db');
    expect(isDirty(state)).toBe(true);
  });

  it('switching a new note to another type carries fields over by name, then by place', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const state = run(
      initialEditor(loaded(collection, { mode: 'add', sectionId: 3 })),
      { type: 'edit', field: 0, text: 'Front text' },
      { type: 'edit', field: 1, text: 'Back text' },
      { type: 'note-type', noteTypeId: typeId(collection, 'basic-optional-reversed') },
    );
    expect(state.fields).toEqual(['Front text', 'Back text', '']);
    // Cloze's "Text" and "Back Extra" match no name: they take Front and Back by place.
    const cloze = run(state, { type: 'note-type', noteTypeId: typeId(collection, 'cloze') });
    expect(cloze.fields).toEqual(['Front text', 'Back text']);
    expect(cloze.noteTypeId).toBe(typeId(collection, 'cloze'));
  });

  it('a saved note keeps its type: only the change-type dialog changes it', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const start = initialEditor(loaded(collection, { mode: 'edit', cardId: 1 }));
    const state = run(start, { type: 'note-type', noteTypeId: typeId(collection, 'cloze') });
    expect(state).toBe(start);
  });

  it('after a note is added the next starts empty, keeping type, section and tags, and says so', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const state = run(
      initialEditor(loaded(collection, { mode: 'add', sectionId: 3 })),
      { type: 'edit', field: 0, text: 'Q' },
      { type: 'edit', field: 1, text: 'A' },
      { type: 'tags', text: 'db' },
      { type: 'added', text: 'Saved. Next note:' },
    );
    expect(state).toMatchObject({ fields: ['', ''], tags: 'db', sectionId: 3 });
    expect(state.status).toMatchObject({ text: 'Saved. Next note:', failed: false });
  });

  it('every message is a new one, the same words again included', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const start = initialEditor(loaded(collection, { mode: 'edit', cardId: 1 }));
    const once = run(start, { type: 'say', text: 'Saved' });
    const twice = run(once, { type: 'say', text: 'Saved' });
    expect(twice.status?.text).toBe('Saved');
    expect(twice.status?.id).not.toBe(once.status?.id);
    const failed = run(twice, { type: 'say', text: 'The note is empty.', failed: true });
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

function base(fields: string[], kind: NoteType['kind'] = 'normal'): EditorState {
  const type = { id: 1, name: kind === 'cloze' ? 'Cloze' : 'Basic', kind, fields: ['A', 'B'] } as NoteType;
  return {
    note: null,
    types: [type],
    noteTypeId: 1,
    fields,
    tags: '',
    sectionId: 1,
    decks: [],
    status: null,
    caret: null,
  };
}

describe('images into a field', () => {
  it('go on a line of their own in place of the selection, and the caret goes after them', () => {
    const state = run(base(['Q', 'before after']), {
      type: 'images',
      field: 1,
      start: 6,
      end: 7,
      snippet: '![](a.png)',
      count: 1,
    });
    expect(state.fields[1]).toBe('before\n![](a.png)\nafter');
    const at = 'before\n![](a.png)\n'.length;
    expect(state.caret).toMatchObject({ field: 1, start: at, end: at });
    expect(state.status).toMatchObject({ text: 'Image added', failed: false });
    expect(state.fields[0]).toBe('Q');
  });

  it('a field that changed meanwhile takes them at its end, and several are counted', () => {
    const state = run(base(['Q', 'short']), {
      type: 'images',
      field: 1,
      start: Number.MAX_SAFE_INTEGER,
      end: Number.MAX_SAFE_INTEGER,
      snippet: '![](a.png)\n![](b.png)',
      count: 2,
    });
    expect(state.fields[1]).toBe('short\n![](a.png)\n![](b.png)');
    expect(state.caret?.start).toBe(state.fields[1].length);
    expect(state.status?.text).toBe('2 images added');
  });

  it('each insertion moves the caret again, even to the same place', () => {
    const event = { type: 'images', field: 0, start: 0, end: 0, snippet: '![](a.png)', count: 1 } as const;
    const once = run(base(['', '']), event);
    const twice = run({ ...once, fields: ['', ''] }, event);
    expect(twice.caret?.id).not.toBe(once.caret?.id);
  });
});

describe('clozes in a field', () => {
  it('wrap the selection in the next number across all fields, and keep the words selected', () => {
    const state = run(base(['{{c1::Paris}} is the capital of France', 'see {{c2::Seine}}'], 'cloze'), {
      type: 'cloze',
      field: 0,
      start: 32,
      end: 38,
      action: 'next',
    });
    expect(state.fields[0]).toBe('{{c1::Paris}} is the capital of {{c3::France}}');
    expect(state.caret).toMatchObject({ field: 0, start: 38, end: 44 });
    expect(state.status).toBeNull();
  });

  it('with Alt the same number again; a normal type is told its clozes make no cards', () => {
    const state = run(base(['{{c1::a}} b', '']), { type: 'cloze', field: 0, start: 10, end: 11, action: 'same' });
    expect(state.fields[0]).toBe('{{c1::a}} {{c1::b}}');
    expect(state.status?.text).toMatch(/only in a cloze note type/);
  });
});

describe('saving', () => {
  it('refuses an empty note before anything is sent, naming the first field', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const state = initialEditor(loaded(collection, { mode: 'add', sectionId: 1 }));
    expect(saveProblem(state)).toBe('The note is empty: fill in Front.');
    expect(saveProblem({ ...state, fields: ['  \n ', ''] })).toBe('The note is empty: fill in Front.');
    expect(saveProblem({ ...state, fields: ['', 'only the back'] })).toBeNull();
  });

  it('an edit updates the note, moves its cards to the section chosen and splits the tags once each', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const state = run(
      initialEditor(loaded(collection, { mode: 'edit', cardId: 1 })),
      { type: 'edit', field: 1, text: 'My own answer.' },
      { type: 'tags', text: ' ml  ml systems ' },
      { type: 'section', sectionId: 2 },
    );
    const request = saveRequest(state);
    if (request.method !== 'notes.update') throw new Error(request.method);
    expect(request.move).toEqual([1]);
    dispatch(collection, request.method, request.input);
    for (const cardId of request.move) dispatch(collection, 'cards.update', { cardId, sectionId: 2 });
    expect(dispatch(collection, 'cards.get', { cardId: 1 })).toMatchObject({
      answer: 'My own answer.',
      tags: ['ml', 'systems'],
      sectionId: 2,
    });
  });

  it('a new Cloze note goes into the section chosen with a card per cloze, and the words say which', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const start = initialEditor(loaded(collection, { mode: 'add', sectionId: 3 }, typeId(collection, 'cloze')));
    const state = run(start, {
      type: 'edit',
      field: 0,
      text: '{{c1::Bloom filters}} never give {{c2::false negatives}}',
    });
    const request = saveRequest(state);
    if (request.method !== 'notes.create') throw new Error(request.method);
    const change = dispatch(collection, request.method, request.input) as NoteChange;
    const saved = note(collection, change.noteId);
    expect(saved.cards.map((c) => c.sectionId)).toEqual([3, 3]);
    expect(changeText(change, null, saved)).toBe('Saved. Added 2 cards (Cloze 1, Cloze 2).');
  });

  it('a cloze removed retires its card, which the Undo batch restores; an unchanged save just says Saved', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const create = dispatch(collection, 'notes.create', {
      noteTypeId: typeId(collection, 'cloze'),
      sectionId: 3,
      fields: ['{{c1::a}} {{c2::b}}', ''],
    }) as NoteChange;
    const before = note(collection, create.noteId);
    const state = run(initialEditor({ ...loaded(collection, { mode: 'add', sectionId: 3 }), note: before }), {
      type: 'edit',
      field: 0,
      text: '{{c1::a}} b',
    });
    const request = saveRequest(state);
    if (request.method !== 'notes.update') throw new Error(request.method);
    const change = dispatch(collection, request.method, request.input) as NoteChange;
    const after = note(collection, change.noteId);
    expect(changeText(change, before, after)).toBe('Saved. Retired 1 card (Cloze 2).');
    const undo = undoOf(change, before);
    expect(undo).toMatchObject({ names: ['Cloze 2'], fields: before.fields });
    // Undo: the card back first, then the fields that make it, so the note keeps the card (and its id)
    const restored = dispatch(collection, 'cards.restore', { batch: undo?.batch ?? 0 }) as { restored: number };
    expect(restored.restored).toBe(1);
    const again = dispatch(collection, 'notes.update', { noteId: after.id, fields: undo?.fields }) as NoteChange;
    expect(changeText(again, after, note(collection, after.id))).toBe('Saved');
    expect(note(collection, after.id).cards.map((c) => c.cardId)).toEqual(before.cards.map((c) => c.cardId));
    expect(undoOf(again, after)).toBeUndefined();
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
