/**
 * Find and replace over the notes of a selection of cards, as Anki's: plain text or a regular
 * expression, in any case or matching it, in every field, the tags, or one field by name. Previewed, it
 * only says what would change; applied, every changed note is saved and its cards re-rendered in one
 * transaction, so a replacement that would leave a note without cards changes nothing at all.
 */
import { CueError } from '../../../shared/errors';
import type { FindReplaceChange, FindReplaceResult } from '../../../shared/notes';
import { normalizeTags } from '../card-editing';
import { cachedStatement, type Db } from '../database';
import { findNoteType } from './note-types';
import { updateNote } from './notes';

export interface FindReplaceInput {
  cardIds: number[];
  find: string;
  replace: string;
  regex: boolean;
  matchCase: boolean;
  in: 'fields' | 'tags' | { field: string };
  preview: boolean;
}

/** How many changes a result lists. */
const LISTED = 100;

interface NoteRow {
  id: number;
  note_type_id: number;
  fields: string;
  tags: string;
}

export function findReplace(db: Db, input: FindReplaceInput, now: number): FindReplaceResult {
  const pattern = patternOf(input);
  const replacement = input.regex ? input.replace : input.replace.replace(/\$/g, '$$$$');
  const apply = () => {
    const notes = notesOf(db, input.cardIds);
    const changes: FindReplaceChange[] = [];
    let changedNotes = 0;
    let cards = 0;
    let hasField = input.in === 'fields' || input.in === 'tags';
    for (const note of notes) {
      const edit = editOf(db, note, input.in, (text) => text.replace(pattern, replacement));
      hasField ||= edit.hasField;
      if (edit.changes.length === 0) continue;
      changedNotes++;
      cards += cachedStatement(db, 'SELECT count(*) FROM cards WHERE note_id = ?').pluck().get(note.id) as number;
      for (const change of edit.changes) if (changes.length < LISTED) changes.push(change);
      if (!input.preview) updateNote(db, note.id, edit.update, now);
    }
    if (!hasField) {
      const field = (input.in as { field: string }).field;
      throw new CueError('invalid_input', `None of the selected cards' notes has a field “${field}”.`, { field });
    }
    return { notes: changedNotes, cards, changes, preview: input.preview };
  };
  return input.preview ? apply() : db.transaction(apply)();
}

function patternOf(input: FindReplaceInput): RegExp {
  const flags = input.matchCase ? 'gu' : 'giu';
  if (!input.regex) return new RegExp(input.find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  try {
    return new RegExp(input.find, flags);
  } catch (error) {
    throw new CueError('invalid_input', `“${input.find}” is not a regular expression: ${(error as Error).message}.`, {
      find: input.find,
    });
  }
}

/** The selected cards' notes, each once, in id order; a card that is not there is an error. */
function notesOf(db: Db, cardIds: number[]): NoteRow[] {
  const found = db
    .prepare(
      `SELECT DISTINCT n.id, n.note_type_id, n.fields, n.tags, c.id AS card FROM cards c JOIN notes n ON n.id = c.note_id
       WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY n.id`,
    )
    .all(JSON.stringify(cardIds)) as (NoteRow & { card: number })[];
  const seen = new Set(found.map((row) => row.card));
  const missing = cardIds.find((id) => !seen.has(id));
  if (missing !== undefined) throw new CueError('not_found', `There is no card ${missing}.`, { cardId: missing });
  const notes = new Map(found.map((row) => [row.id, row]));
  return [...notes.values()];
}

function editOf(
  db: Db,
  note: NoteRow,
  where: FindReplaceInput['in'],
  replace: (text: string) => string,
): { hasField: boolean; changes: FindReplaceChange[]; update: { fields?: string[]; tags?: string[] } } {
  if (where === 'tags') {
    const before = note.tags;
    const after = normalizeTags((note.tags ? note.tags.split(' ') : []).map(replace).flatMap((t) => t.split(/\s+/)));
    const changes = after === before ? [] : [{ noteId: note.id, field: 'Tags', before, after }];
    return { hasField: true, changes, update: { tags: after ? after.split(' ') : [] } };
  }
  const type = findNoteType(db, note.note_type_id, { count: false });
  const fields = JSON.parse(note.fields) as string[];
  const wanted = where === 'fields' ? null : type.fields.indexOf(where.field);
  if (wanted === -1) return { hasField: false, changes: [], update: {} };
  const changes: FindReplaceChange[] = [];
  const next = fields.map((value, index) => {
    if (wanted !== null && index !== wanted) return value;
    const after = replace(value);
    if (after !== value)
      changes.push({ noteId: note.id, field: type.fields[index] ?? `Field ${index + 1}`, before: value, after });
    return after;
  });
  return { hasField: true, changes, update: { fields: next } };
}
