/**
 * What the card-level API (`cards.update`, tag actions) does to a card's note. Tags belong to the
 * note, so they change on every card of it. A question or answer can be edited on the card only
 * when the note is Basic-shaped (its card shows Front as the question and Back as the answer); any
 * other note is edited by its fields (`notes.update`).
 */
import { CueError } from '../../../shared/errors';
import type { CardTemplate } from '../../../shared/notes';
import { cachedStatement, type Db } from '../database';

interface NoteOfCard {
  noteId: number;
  typeName: string;
  basic: boolean;
}

export function noteOfCardRow(db: Db, cardId: number): NoteOfCard | null {
  const row = cachedStatement(
    db,
    `SELECT n.id, t.name, t.kind, t.fields, t.templates FROM cards c JOIN notes n ON n.id = c.note_id
     JOIN note_types t ON t.id = n.note_type_id WHERE c.id = ?`,
  ).get(cardId) as { id: number; name: string; kind: string; fields: string; templates: string } | undefined;
  if (!row) return null;
  const fields = JSON.parse(row.fields) as string[];
  const templates = JSON.parse(row.templates) as CardTemplate[];
  const basic =
    row.kind === 'normal' &&
    templates.length === 1 &&
    fields[0] === 'Front' &&
    fields[1] === 'Back' &&
    templates[0].question.trim() === '{{Front}}';
  return { noteId: row.id, typeName: row.name, basic };
}

/** Writes a Basic-shaped card's question and answer into its note's Front and Back. */
export function saveCardAsNote(db: Db, cardId: number, question: string, answer: string, now: number): void {
  const note = noteOfCardRow(db, cardId);
  if (!note) return;
  if (!note.basic) {
    throw new CueError(
      'invalid_input',
      `Card ${cardId} is made from a “${note.typeName}” note: edit the note's fields instead (notes.update).`,
      { cardId, noteId: note.noteId },
    );
  }
  const fields = JSON.parse(
    cachedStatement(db, 'SELECT fields FROM notes WHERE id = ?').pluck().get(note.noteId) as string,
  ) as string[];
  fields[0] = question;
  fields[1] = answer;
  cachedStatement(db, 'UPDATE notes SET fields = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(fields),
    now,
    note.noteId,
  );
}

/** Tags belong to the note: a card's tag change is its note's, on every card of it. */
export function setTagsOfCardNote(db: Db, cardId: number, tags: string, now: number): void {
  const noteId = cachedStatement(db, 'SELECT note_id FROM cards WHERE id = ?').pluck().get(cardId) as number | null;
  if (noteId === null || noteId === undefined) {
    cachedStatement(db, 'UPDATE cards SET tags = ?, updated_at = ? WHERE id = ?').run(tags, now, cardId);
    return;
  }
  cachedStatement(db, 'UPDATE notes SET tags = ?, updated_at = ? WHERE id = ?').run(tags, now, noteId);
  cachedStatement(db, 'UPDATE cards SET tags = ?, updated_at = ? WHERE note_id = ?').run(tags, now, noteId);
}
