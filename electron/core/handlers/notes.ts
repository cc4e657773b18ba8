/** Notes and note types: read, make, edit, retype; the editor's preview; card generation. */

import { findReplace } from '../notes/find-replace';
import {
  cloneNoteType,
  deleteNoteType,
  fieldUsage,
  findNoteType,
  insertNoteType,
  listNoteTypes,
} from '../notes/note-types';
import {
  changeNoteType,
  createNote,
  getNote,
  noteOfCard,
  previewNote,
  syncNoteCards,
  updateNote,
  updateNoteType,
} from '../notes/notes';
import { feature, type HandlerContext } from './context';

export type NotesContext = Pick<HandlerContext, 'db' | 'now'>;

export function noteHandlers(core: NotesContext) {
  return feature({
    'notes.get': ({ noteId }) => getNote(core.db, noteId),
    'notes.ofCard': ({ cardId }) => getNote(core.db, noteOfCard(core.db, cardId)),
    'notes.create': (input) => createNote(core.db, input, core.now()),
    'notes.update': ({ noteId, ...update }) => updateNote(core.db, noteId, update, core.now()),
    'notes.findReplace': (input) => findReplace(core.db, input, core.now()),
    'notes.changeType': ({ noteId, ...change }) => changeNoteType(core.db, noteId, change, core.now()),
    'notes.preview': (input) => previewNote(core.db, input),
    'notes.generate': ({ noteId }) => syncNoteCards(core.db, noteId, core.now(), { edited: false }),
    'notetypes.list': () => listNoteTypes(core.db),
    'notetypes.get': ({ noteTypeId }) => findNoteType(core.db, noteTypeId),
    'notetypes.create': (input) =>
      'from' in input
        ? cloneNoteType(core.db, input.from, input.name, core.now())
        : core.db.transaction(() => findNoteType(core.db, insertNoteType(core.db, input, core.now())))(),
    'notetypes.update': ({ noteTypeId, ...update }) => updateNoteType(core.db, noteTypeId, update, core.now()),
    'notetypes.delete': ({ noteTypeId }) => deleteNoteType(core.db, noteTypeId),
    'notetypes.fieldUsage': ({ noteTypeId }) => fieldUsage(core.db, noteTypeId),
  });
}
