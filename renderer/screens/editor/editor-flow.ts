/**
 * The note editor's state: the note type, the fields as typed, the tags, the section, the decks to choose
 * from, the status line (with an Undo when a save retired cards), and where the caret goes after images
 * or a cloze went in. Changes go through `editorReducer` (pure, tested without a page); `useEditorFlow`
 * adds the calls (save, images, undo) and the keys: Ctrl+Enter saves, Ctrl+Shift+C makes a cloze.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import type { NoteChange, NoteDetail, NoteType } from '../../../shared/notes';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';
import { type KeyPress, keyPress, withCommand } from '../../lib/keys';
import { parseTags } from '../../lib/tags';
import { insertSnippet, storeImages } from './card-images';
import { type ClozeAction, clozeNumberFor, wrapCloze } from './cloze';
import { defaultFieldMap, mapFields } from './field-mapping';

export type EditorTarget = { mode: 'edit'; cardId: number } | { mode: 'add'; sectionId: number };

/** The editor of one note, or of the notes added to one section: a new key starts a new editor. */
export function editorKey(target: EditorTarget): string {
  return target.mode === 'edit' ? `edit:${target.cardId}` : `add:${target.sectionId}`;
}

export interface Loaded {
  /** The note edited (null for a new one). */
  note: NoteDetail | null;
  types: NoteType[];
  /** The type a new note starts as. */
  noteTypeId: number;
  /** The deck the note's cards (or the new note's section) are in; they can move to a section of any deck. */
  deck: DeckSummary | null;
  decks: DeckSummary[];
  sectionId: number;
}

export function deckOfSection(decks: DeckSummary[], sectionId: number): DeckSummary | null {
  return decks.find((d) => d.sections.some((s) => s.id === sectionId)) ?? null;
}

const LAST_TYPE_KEY = 'cue.editor.noteType';

/** The type the person last made a note of, kept in this browser. */
export function rememberedType(): number | null {
  try {
    const value = Number(localStorage.getItem(LAST_TYPE_KEY));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

function rememberType(noteTypeId: number): void {
  try {
    localStorage.setItem(LAST_TYPE_KEY, String(noteTypeId));
  } catch {
    // storage refused (a private window): the next note starts as Basic
  }
}

/** A new note's type: the one last used when it still exists, else Basic, else the first. */
export function startingType(types: NoteType[], remembered: number | null): number {
  return types.find((t) => t.id === remembered)?.id ?? types.find((t) => t.key === 'basic')?.id ?? types[0]?.id ?? 0;
}

export async function loadEditor(target: EditorTarget): Promise<Loaded> {
  const [decks, types, note] = await Promise.all([
    call('decks.list', {}),
    call('notetypes.list', {}),
    target.mode === 'edit' ? call('notes.ofCard', { cardId: target.cardId }) : Promise.resolve(null),
  ]);
  const sectionId = note ? (homeSection(note, target) ?? 0) : target.mode === 'add' ? target.sectionId : 0;
  const noteTypeId = note ? note.noteType.id : startingType(types, rememberedType());
  return { note, types, noteTypeId, deck: deckOfSection(decks, sectionId), decks, sectionId };
}

/** The section of the card the editor was opened from (its note's cards may sit in several). */
function homeSection(note: NoteDetail, target: EditorTarget): number | undefined {
  const card = target.mode === 'edit' ? note.cards.find((c) => c.cardId === target.cardId) : undefined;
  return (card ?? note.cards[0])?.sectionId;
}

export interface EditorStatus {
  /** A new id for every message, the same words again included. */
  id: number;
  text: string;
  failed: boolean;
  /** The batch of cards a save retired and the fields before it, which Undo brings back. */
  undo?: { batch: number; names: string[]; fields: string[] };
}

export interface EditorState {
  note: NoteDetail | null;
  types: NoteType[];
  noteTypeId: number;
  fields: string[];
  /** As typed: space-separated. */
  tags: string;
  sectionId: number;
  decks: DeckSummary[];
  status: EditorStatus | null;
  /** Where the selection goes once inserted text is on screen; a new id each time. */
  caret: { field: number; start: number; end: number; id: number } | null;
}

export type EditorEvent =
  | { type: 'edit'; field: number; text: string }
  | { type: 'tags'; text: string }
  | { type: 'section'; sectionId: number }
  /** A new note's type chosen: what was typed moves to the new type's fields by name, then by place. */
  | { type: 'note-type'; noteTypeId: number }
  /** A section (or a deck with its first section) made from the editor: it is the one chosen now. */
  | { type: 'section-created'; decks: DeckSummary[]; sectionId: number }
  | { type: 'say'; text: string; failed?: boolean; undo?: EditorStatus['undo'] }
  /** A new note was added: the next one starts empty, of the same type, in the same section with the same tags. */
  | { type: 'added'; text: string }
  /** The note as saved (or retyped): the fields follow it. */
  | { type: 'saved'; note: NoteDetail; text: string; undo?: EditorStatus['undo'] }
  /** Images stored: their snippet replaces the selection `start`–`end` of `field`. */
  | { type: 'images'; field: number; start: number; end: number; snippet: string; count: number }
  /** The cloze key or button: the selection of `field` wrapped in the next (or the same) cloze number. */
  | { type: 'cloze'; field: number; start: number; end: number; action: ClozeAction };

export function typeOf(state: Pick<EditorState, 'types' | 'noteTypeId' | 'note'>): NoteType | undefined {
  return state.types.find((t) => t.id === state.noteTypeId) ?? state.note?.noteType;
}

export function initialEditor(loaded: Loaded): EditorState {
  const { note } = loaded;
  const type = loaded.types.find((t) => t.id === loaded.noteTypeId);
  return {
    note,
    types: loaded.types,
    noteTypeId: loaded.noteTypeId,
    fields: note ? [...note.fields] : (type?.fields.map(() => '') ?? []),
    tags: note?.tags.join(' ') ?? '',
    sectionId: loaded.sectionId,
    decks: loaded.decks,
    status: null,
    caret: null,
  };
}

function said(state: EditorState, text: string, failed = false, undo?: EditorStatus['undo']): EditorState {
  return { ...state, status: { id: (state.status?.id ?? 0) + 1, text, failed, ...(undo ? { undo } : {}) } };
}

export function imagesAddedText(count: number): string {
  return count === 1 ? 'Image added' : `${count} images added`;
}

function nextCaret(state: EditorState, field: number, start: number, end = start): EditorState['caret'] {
  return { field, start, end, id: (state.caret?.id ?? 0) + 1 };
}

function withField(state: EditorState, field: number, text: string): string[] {
  return state.fields.map((value, i) => (i === field ? text : value));
}

export function editorReducer(state: EditorState, event: EditorEvent): EditorState {
  switch (event.type) {
    case 'edit':
      return { ...state, fields: withField(state, event.field, event.text) };
    case 'tags':
      return { ...state, tags: event.text };
    case 'section':
      return { ...state, sectionId: event.sectionId };
    case 'section-created':
      return { ...state, decks: event.decks, sectionId: event.sectionId };
    case 'note-type': {
      const from = typeOf(state);
      const to = state.types.find((t) => t.id === event.noteTypeId);
      if (!from || !to || state.note) return state;
      const fields = mapFields(state.fields, defaultFieldMap(from.fields, to.fields));
      return { ...state, noteTypeId: to.id, fields };
    }
    case 'say':
      return said(state, event.text, event.failed, event.undo);
    case 'added':
      return said({ ...state, fields: state.fields.map(() => '') }, event.text);
    case 'saved':
      return said(
        { ...state, note: event.note, noteTypeId: event.note.noteType.id, fields: [...event.note.fields] },
        event.text,
        false,
        event.undo,
      );
    case 'images': {
      const text = state.fields[event.field] ?? '';
      const start = Math.min(event.start, text.length);
      const inserted = insertSnippet(text, start, Math.min(event.end, text.length), event.snippet);
      const next = { ...state, fields: withField(state, event.field, inserted.text) };
      return said({ ...next, caret: nextCaret(state, event.field, inserted.caret) }, imagesAddedText(event.count));
    }
    case 'cloze': {
      const number = clozeNumberFor(state.fields, event.action);
      const wrapped = wrapCloze(state.fields[event.field] ?? '', event.start, event.end, number);
      const next = { ...state, fields: withField(state, event.field, wrapped.text) };
      const caret = nextCaret(state, event.field, wrapped.selectionStart, wrapped.selectionEnd);
      const type = typeOf(state);
      if (type && type.kind === 'normal') {
        return said(
          { ...next, caret },
          `Clozes make cards only in a cloze note type: “${type.name}” shows them as typed.`,
        );
      }
      return { ...next, caret };
    }
  }
}

/** Why the note cannot be saved as it is, or null. */
export function saveProblem(state: EditorState): string | null {
  if (state.fields.every((value) => value.trim() === '')) {
    const first = typeOf(state)?.fields[0];
    return first ? `The note is empty: fill in ${first}.` : 'The note is empty.';
  }
  return null;
}

/** The fields differ from the note as saved. */
export function isDirty(state: EditorState): boolean {
  if (!state.note) return state.fields.some((value) => value !== '');
  return state.fields.some((value, i) => value !== state.note?.fields[i]) || state.tags !== state.note.tags.join(' ');
}

export type SaveRequest =
  | { method: 'notes.update'; input: { noteId: number; fields: string[]; tags: string[] }; move: number[] }
  | { method: 'notes.create'; input: { noteTypeId: number; sectionId: number; fields: string[]; tags: string[] } };

/**
 * The call that saves the fields: an update of the note edited (and its cards moved, one by one, when
 * another section was chosen), or a new note in the section chosen.
 */
export function saveRequest(state: EditorState): SaveRequest {
  const { fields, sectionId, note } = state;
  const tags = parseTags(state.tags);
  if (note) {
    const move = note.cards.filter((card) => card.sectionId !== sectionId).map((card) => card.cardId);
    return { method: 'notes.update', input: { noteId: note.id, fields, tags }, move };
  }
  return { method: 'notes.create', input: { noteTypeId: state.noteTypeId, sectionId, fields, tags } };
}

function cardsText(count: number, names: string[]): string {
  return `${count} ${count === 1 ? 'card' : 'cards'}${names.length ? ` (${names.join(', ')})` : ''}`;
}

/** What a save did to the note's cards, in words: the cards added and retired, named. */
export function changeText(change: NoteChange, before: NoteDetail | null, after: NoteDetail): string {
  const names = (note: NoteDetail | null, ids: number[]) =>
    (note?.cards ?? []).filter((card) => ids.includes(card.cardId)).map((card) => card.name);
  const parts: string[] = [];
  if (change.added.length > 0) parts.push(`Added ${cardsText(change.added.length, names(after, change.added))}.`);
  const retired = change.retired?.cardIds ?? [];
  if (retired.length > 0) parts.push(`Retired ${cardsText(retired.length, names(before, retired))}.`);
  return parts.length === 0 ? 'Saved' : `Saved. ${parts.join(' ')}`;
}

/** The Undo of a save that retired cards: their batch and names. */
export function undoOf(change: NoteChange, before: NoteDetail | null): EditorStatus['undo'] {
  if (!change.retired) return undefined;
  const ids = change.retired.cardIds;
  const names = (before?.cards ?? []).filter((card) => ids.includes(card.cardId)).map((card) => card.name);
  return { batch: change.retired.batch, names, fields: before ? [...before.fields] : [] };
}

/** Ctrl+Enter (Cmd+Enter on a Mac) saves from anywhere in the editor; holding it saves once. */
export function isSaveKey(press: KeyPress): boolean {
  return press.key === 'Enter' && withCommand(press) && !press.altKey && !press.repeat;
}

interface Options {
  loaded: Loaded;
  /** Called after a save of an existing note. */
  onSaved?: () => void;
}

export function useEditorFlow({ loaded, onSaved }: Options) {
  const [state, dispatch] = useReducer(editorReducer, loaded, initialEditor);
  const saving = useRef(false);
  const fieldRefs = useRef<(HTMLTextAreaElement | null)[]>([]);
  /** Where a chosen image or the cloze button goes: the field last in focus. */
  const lastField = useRef(0);
  const areaOf = useCallback((field: number) => fieldRefs.current[field] ?? null, []);

  useEffect(() => {
    fieldRefs.current[0]?.focus();
  }, []);

  const save = useCallback(async () => {
    if (saving.current) return;
    const problem = saveProblem(state);
    if (problem !== null) {
      dispatch({ type: 'say', text: problem, failed: true });
      fieldRefs.current[0]?.focus();
      return;
    }
    saving.current = true;
    try {
      const request = saveRequest(state);
      if (request.method === 'notes.update') {
        const change = await call('notes.update', request.input);
        for (const cardId of request.move) await call('cards.update', { cardId, sectionId: state.sectionId });
        const note = await call('notes.get', { noteId: change.noteId });
        const undo = undoOf(change, state.note);
        dispatch({ type: 'saved', note, text: changeText(change, state.note, note), undo });
        onSaved?.();
      } else {
        const change = await call('notes.create', request.input);
        rememberType(request.input.noteTypeId);
        const note = await call('notes.get', { noteId: change.noteId });
        dispatch({ type: 'added', text: `${changeText(change, null, note)} Next note:` });
        fieldRefs.current[0]?.focus();
      }
    } catch (reason) {
      dispatch({ type: 'say', text: describeError(reason).message, failed: true });
    } finally {
      saving.current = false;
    }
  }, [state, onSaved]);

  // The retired cards come back first, then the fields that make them: the note keeps those cards and ids.
  const undo = useCallback(
    async (retired: NonNullable<EditorStatus['undo']>) => {
      if (!state.note) return;
      try {
        const { restored } = await call('cards.restore', { batch: retired.batch });
        const tags = parseTags(state.tags);
        await call('notes.update', { noteId: state.note.id, fields: retired.fields, tags });
        const note = await call('notes.get', { noteId: state.note.id });
        dispatch({ type: 'saved', note, text: `Restored ${cardsText(restored, retired.names)}.` });
      } catch (reason) {
        dispatch({ type: 'say', text: describeError(reason).message, failed: true });
      }
    },
    [state.note, state.tags],
  );

  // Images go in where the caret was in the field they were pasted or dropped into (or the last one used).
  const addImages = useCallback(
    async (files: File[], field: number) => {
      if (files.length === 0) return;
      const area = areaOf(field);
      const start = area?.selectionStart ?? Number.MAX_SAFE_INTEGER;
      const end = area?.selectionEnd ?? start;
      const format = typeOf(state)?.format ?? 'markdown';
      try {
        const snippet = await storeImages(files, format);
        dispatch({ type: 'images', field, start, end, snippet, count: files.length });
      } catch (reason) {
        dispatch({ type: 'say', text: describeError(reason).message, failed: true });
      }
    },
    [areaOf, state],
  );

  /** Wraps the selection of a field (the last one in focus by default) in a cloze. */
  const cloze = useCallback(
    (action: ClozeAction, field = lastField.current) => {
      const area = areaOf(field);
      const length = area?.value.length ?? 0;
      dispatch({
        type: 'cloze',
        field,
        start: area?.selectionStart ?? length,
        end: area?.selectionEnd ?? length,
        action,
      });
    },
    [areaOf],
  );

  // Once the inserted text is on screen, the selection goes where the change put it.
  useEffect(() => {
    if (state.caret === null) return;
    const { field, start, end } = state.caret;
    const area = areaOf(field);
    const frame = requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start, end);
    });
    return () => cancelAnimationFrame(frame);
  }, [state.caret, areaOf]);

  useSaveKey(save);

  return { state, dispatch, save, undo, addImages, cloze, fieldRefs, lastField };
}

export type EditorFlow = ReturnType<typeof useEditorFlow>;

/** Ctrl+Enter saves wherever the focus is; the save read at key time sees the fields as they are. */
function useSaveKey(save: () => Promise<void>): void {
  const latestSave = useRef(save);
  latestSave.current = save;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSaveKey(keyPress(event))) return;
      event.preventDefault();
      void latestSave.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
