/**
 * What a shown card needs from its note: the note type (for its name, kind and CSS) and how the card
 * is answered (in place of the question, by typing). The card row already carries the card's own
 * columns; the type comes from one cached, indexed lookup, so studying reads no more than before.
 */
import type { CardNoteType } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import type { NoteTypeKind } from '../../../shared/notes';
import type { CardRow } from '../card-rows';
import { cachedStatement, type Db } from '../database';

export interface CardNote {
  noteId: number;
  noteType: CardNoteType;
  answerAlone: boolean;
  typeAnswer: string | null;
  css: string;
}

interface TypeRow {
  id: number;
  name: string;
  kind: NoteTypeKind;
  css: string;
}

export function cardNote(db: Db, card: Pick<CardRow, 'id' | 'note_id' | 'answer_alone' | 'type_answer'>): CardNote {
  const type = cachedStatement(
    db,
    'SELECT t.id, t.name, t.kind, t.css FROM notes n JOIN note_types t ON t.id = n.note_type_id WHERE n.id = ?',
  ).get(card.note_id) as TypeRow | undefined;
  // the schema gives every card a note (migration 15 and its trigger); a card without one is damage
  if (!type) throw new CueError('database', `Card ${card.id} has no note.`, { cardId: card.id });
  return {
    noteId: card.note_id,
    noteType: { id: type.id, name: type.name, kind: type.kind },
    answerAlone: card.answer_alone === 1,
    typeAnswer: card.type_answer,
    css: type.css,
  };
}
