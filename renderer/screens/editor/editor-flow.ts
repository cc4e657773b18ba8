/**
 * The card editor's state: the fields as typed, the section, the decks to choose from, the status line,
 * and where the caret goes after images went in. Changes go through `editorReducer` (pure, tested
 * without a page); `useEditorFlow` adds the calls (save, images) and the Ctrl+Enter key.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ApiInput } from '../../../shared/api';
import type { DeckSummary } from '../../../shared/domain';
import type { CardDetail } from '../../../shared/search';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';
import { type KeyPress, keyPress, withCommand } from '../../lib/keys';
import { parseTags } from '../../lib/tags';
import { insertSnippet, storeImages } from './card-images';

export type Field = 'question' | 'answer';

export type EditorTarget = { mode: 'edit'; cardId: number } | { mode: 'add'; sectionId: number };

/** The editor of one card, or of the cards added to one section: a new key starts a new editor. */
export function editorKey(target: EditorTarget): string {
  return target.mode === 'edit' ? `edit:${target.cardId}` : `add:${target.sectionId}`;
}

export interface Loaded {
  card: CardDetail | null;
  /** The deck the card (or the new card's section) is in; a card can move to a section of any deck. */
  deck: DeckSummary | null;
  decks: DeckSummary[];
  sectionId: number;
}

export function deckOfSection(decks: DeckSummary[], sectionId: number): DeckSummary | null {
  return decks.find((d) => d.sections.some((s) => s.id === sectionId)) ?? null;
}

export async function loadEditor(target: EditorTarget): Promise<Loaded> {
  const [decks, card] = await Promise.all([
    call('decks.list', {}),
    target.mode === 'edit' ? call('cards.get', { cardId: target.cardId }) : Promise.resolve(null),
  ]);
  const sectionId = card ? card.sectionId : target.mode === 'add' ? target.sectionId : 0;
  return { card, deck: deckOfSection(decks, sectionId), decks, sectionId };
}

export interface EditorStatus {
  /** A new id for every message, the same words again included. */
  id: number;
  text: string;
  failed: boolean;
}

export interface EditorState {
  question: string;
  answer: string;
  /** As typed: space-separated. */
  tags: string;
  sectionId: number;
  decks: DeckSummary[];
  status: EditorStatus | null;
  /** Where the caret goes once inserted images are on screen; a new id each time. */
  caret: { field: Field; at: number; id: number } | null;
}

export type EditorEvent =
  | { type: 'edit'; field: Field | 'tags'; text: string }
  | { type: 'section'; sectionId: number }
  /** A section (or a deck with its first section) made from the editor: it is the one chosen now. */
  | { type: 'section-created'; decks: DeckSummary[]; sectionId: number }
  | { type: 'say'; text: string; failed?: boolean }
  /** A new card was added: the next one starts empty, in the same section with the same tags. */
  | { type: 'added' }
  /** Images stored: their Markdown replaces the selection `start`–`end` of `field`. */
  | { type: 'images'; field: Field; start: number; end: number; snippet: string; count: number };

export function initialEditor(loaded: Loaded): EditorState {
  const { card } = loaded;
  return {
    question: card?.question ?? '',
    answer: card?.answer ?? '',
    tags: card?.tags.join(' ') ?? '',
    sectionId: loaded.sectionId,
    decks: loaded.decks,
    status: null,
    caret: null,
  };
}

function said(state: EditorState, text: string, failed = false): EditorState {
  return { ...state, status: { id: (state.status?.id ?? 0) + 1, text, failed } };
}

export function imagesAddedText(count: number): string {
  return count === 1 ? 'Image added' : `${count} images added`;
}

export function editorReducer(state: EditorState, event: EditorEvent): EditorState {
  switch (event.type) {
    case 'edit':
      return { ...state, [event.field]: event.text };
    case 'section':
      return { ...state, sectionId: event.sectionId };
    case 'section-created':
      return { ...state, decks: event.decks, sectionId: event.sectionId };
    case 'say':
      return said(state, event.text, event.failed);
    case 'added':
      return said({ ...state, question: '', answer: '' }, 'Saved. Next card:');
    case 'images': {
      const text = state[event.field];
      const start = Math.min(event.start, text.length);
      const inserted = insertSnippet(text, start, Math.min(event.end, text.length), event.snippet);
      const caret = { field: event.field, at: inserted.caret, id: (state.caret?.id ?? 0) + 1 };
      return said({ ...state, [event.field]: inserted.text, caret }, imagesAddedText(event.count));
    }
  }
}

/** Why the card cannot be saved as it is, or null. */
export function saveProblem(state: EditorState): string | null {
  return state.question.trim() === '' ? 'The question cannot be empty.' : null;
}

export type SaveRequest =
  | { method: 'cards.update'; input: ApiInput<'cards.update'> }
  | { method: 'cards.create'; input: ApiInput<'cards.create'> };

/** The call that saves the fields: an update of the card edited, or a new card in the section chosen. */
export function saveRequest(target: EditorTarget, state: EditorState): SaveRequest {
  const { question, answer, sectionId } = state;
  const tags = parseTags(state.tags);
  if (target.mode === 'edit') {
    return { method: 'cards.update', input: { cardId: target.cardId, question, answer, tags, sectionId } };
  }
  return { method: 'cards.create', input: { sectionId, question, answer, tags } };
}

/** Ctrl+Enter (Cmd+Enter on a Mac) saves from anywhere in the editor; holding it saves once. */
export function isSaveKey(press: KeyPress): boolean {
  return press.key === 'Enter' && withCommand(press) && !press.altKey && !press.repeat;
}

interface Options {
  loaded: Loaded;
  target: EditorTarget;
  /** Called after a save of an existing card. */
  onSaved?: () => void;
}

export function useEditorFlow({ loaded, target, onSaved }: Options) {
  const [state, dispatch] = useReducer(editorReducer, loaded, initialEditor);
  const saving = useRef(false);
  const questionRef = useRef<HTMLTextAreaElement>(null);
  const answerRef = useRef<HTMLTextAreaElement>(null);
  /** Where a chosen image goes: the field last in focus. */
  const lastField = useRef<Field>('answer');
  const areaOf = useCallback((field: Field) => (field === 'question' ? questionRef : answerRef).current, []);

  useEffect(() => {
    questionRef.current?.focus();
  }, []);

  const save = useCallback(async () => {
    if (saving.current) return;
    const problem = saveProblem(state);
    if (problem !== null) {
      dispatch({ type: 'say', text: problem, failed: true });
      questionRef.current?.focus();
      return;
    }
    saving.current = true;
    try {
      const request = saveRequest(target, state);
      if (request.method === 'cards.update') {
        await call('cards.update', request.input);
        dispatch({ type: 'say', text: 'Saved' });
        onSaved?.();
      } else {
        await call('cards.create', request.input);
        dispatch({ type: 'added' });
        questionRef.current?.focus();
      }
    } catch (reason) {
      dispatch({ type: 'say', text: describeError(reason).message, failed: true });
    } finally {
      saving.current = false;
    }
  }, [state, target, onSaved]);

  // Images go in where the caret was in the field they were pasted or dropped into (or the last one used).
  const addImages = useCallback(
    async (files: File[], field: Field) => {
      if (files.length === 0) return;
      const area = areaOf(field);
      const start = area?.selectionStart ?? Number.MAX_SAFE_INTEGER;
      const end = area?.selectionEnd ?? start;
      try {
        const snippet = await storeImages(files);
        dispatch({ type: 'images', field, start, end, snippet, count: files.length });
      } catch (reason) {
        dispatch({ type: 'say', text: describeError(reason).message, failed: true });
      }
    },
    [areaOf],
  );

  // Once the images' Markdown is on screen, the caret goes after it.
  useEffect(() => {
    if (state.caret === null) return;
    const { field, at } = state.caret;
    const area = areaOf(field);
    const frame = requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at, at);
    });
    return () => cancelAnimationFrame(frame);
  }, [state.caret, areaOf]);

  useSaveKey(save);

  return { state, dispatch, save, addImages, questionRef, answerRef, lastField };
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
