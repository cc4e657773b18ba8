/**
 * A deleted or retired card coming back (`cards.restore`) rejoins its note only where the note still
 * makes that card and has no other card in its place; it then shows what the note renders now.
 * Otherwise it comes back as a Basic note of its own, with the content it had, so nothing restored
 * is lost and no note ever has two cards in one place.
 */

import type { NoteType } from '../../../shared/notes';
import { cachedStatement, type Db } from '../database';
import { findNoteType } from './note-types';
import { type CardPlace, placeOfSection, renderNoteCard } from './render-note';

type Row = Record<string, unknown>;

/**
 * Rejoins each card of one restore to its note (see above): the note types and places it renders with
 * are read once each, not once a card.
 */
export function noteRejoiner(db: Db): (card: Row) => Row {
  const typeOf = remembered((id) => findNoteType(db, id, { count: false }));
  const placeOf = remembered((id) => placeOfSection(db, id));
  return (card) => rejoin(db, card, typeOf, placeOf);
}

function remembered<T>(read: (id: number) => T): (id: number) => T {
  const seen = new Map<number, T>();
  return (id) => {
    if (!seen.has(id)) seen.set(id, read(id));
    return seen.get(id) as T;
  };
}

function rejoin(db: Db, card: Row, typeOf: (id: number) => NoteType, placeOf: (id: number) => CardPlace): Row {
  const noteId = card.note_id;
  if (typeof noteId !== 'number') return card;
  const own = { ...card, note_id: null, template_ord: 0 };
  const note = cachedStatement(db, 'SELECT note_type_id, fields, tags FROM notes WHERE id = ?').get(noteId) as
    | { note_type_id: number; fields: string; tags: string }
    | undefined;
  const ord = Number(card.template_ord ?? 0);
  if (!note || cachedStatement(db, 'SELECT 1 FROM cards WHERE note_id = ? AND template_ord = ?').get(noteId, ord)) {
    return own;
  }
  const content = { fields: JSON.parse(note.fields) as string[], tags: note.tags ? note.tags.split(' ') : [] };
  const made = renderNoteCard(typeOf(note.note_type_id), content, placeOf(Number(card.section_id)), ord);
  if (!made || made instanceof Error) return own;
  return {
    ...card,
    question: made.question,
    answer: made.answer,
    format: made.format,
    answer_alone: made.answerAlone ? 1 : 0,
    type_answer: made.typeAnswer,
    tags: note.tags,
  };
}
