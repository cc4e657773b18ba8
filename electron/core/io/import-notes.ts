/**
 * The note types and notes an import brings, written in its transaction. A note type matches one
 * imported before by Anki's id and its fields, as Anki does: the same fields update it (new
 * templates or CSS re-render its notes), other fields make a new type beside it, so notes already
 * imported keep theirs. Notes match by guid and take the package's fields, type and tags.
 */
import { CueError } from '../../../shared/errors';
import type { ImportedNoteType, ImportSummary } from '../../../shared/io';
import { cachedStatement, type Db } from '../database';
import { checkDefinition, insertNoteType, noteTypeByKey } from '../notes/note-types';
import { syncNoteCards } from '../notes/notes';
import type { BundleNote, BundleNoteType, ImportBundle } from './import-bundle';

interface TypeRow {
  id: number;
  name: string;
  fields: string;
  templates: string;
  css: string;
  kind: string;
}

export class ImportNotes {
  private readonly typeIds = new Map<string, number>();
  private readonly notes: Map<string, BundleNote>;
  private readonly noteIds = new Map<string, number>();
  /** Types whose templates changed: their other notes are re-rendered once the cards are in. */
  private readonly changedTypes: number[] = [];
  /** The cards the import wrote, by note: a note with other cards too has those re-rendered. */
  private readonly written = new Map<number, Set<number>>();

  constructor(
    private readonly db: Db,
    bundle: ImportBundle,
    private readonly summary: ImportSummary,
    private readonly now: number,
  ) {
    this.notes = new Map((bundle.notes ?? []).map((note) => [note.guid, note]));
    for (const type of bundle.noteTypes ?? []) {
      const id = this.writeType(type);
      if (id !== undefined) this.typeIds.set(type.ankiId, id);
    }
  }

  /** The type's id in the collection; undefined when Cue cannot keep it (its cards become Basic notes). */
  private writeType(type: BundleNoteType): number | undefined {
    const fields = JSON.stringify(type.fields);
    const templates = JSON.stringify(type.templates);
    const candidates = this.db
      .prepare('SELECT id, name, fields, templates, css, kind FROM note_types WHERE anki_id = ? ORDER BY id DESC')
      .all(type.ankiId) as TypeRow[];
    const same = candidates.find((row) => row.fields === fields && row.kind === type.kind);
    const report = (entry: Omit<ImportedNoteType, 'name'>) =>
      this.summary.noteTypes.push({ name: type.name, ...entry });
    if (same) {
      if (same.templates === templates && same.css === type.css) {
        report({ noteTypeId: same.id, outcome: 'unchanged' });
      } else if (!this.checked(type)) {
        report({ noteTypeId: same.id, outcome: 'unchanged' });
      } else {
        cachedStatement(this.db, 'UPDATE note_types SET templates = ?, css = ?, updated_at = ? WHERE id = ?').run(
          templates,
          type.css,
          this.now,
          same.id,
        );
        this.changedTypes.push(same.id);
        report({ noteTypeId: same.id, outcome: 'updated' });
      }
      return same.id;
    }
    const beside = candidates[0];
    const name = beside ? this.freeName(type.name) : type.name;
    let id: number;
    try {
      id = insertNoteType(this.db, { ...type, name, key: undefined, ankiId: type.ankiId }, this.now);
    } catch (error) {
      if (!(error instanceof CueError)) throw error;
      this.summary.skipped.push({
        item: `note type "${type.name}"`,
        reason: `${error.message.replace(/\.$/, '')}; its cards come in as they look, as Basic (HTML) notes`,
      });
      return undefined;
    }
    report(
      beside ? { noteTypeId: id, outcome: 'added-beside', beside: beside.name } : { noteTypeId: id, outcome: 'added' },
    );
    return id;
  }

  /** New templates for a type already here go in only if Cue can read them, as a new type's would. */
  private checked(type: BundleNoteType): boolean {
    try {
      checkDefinition(type);
      return true;
    } catch (error) {
      if (!(error instanceof CueError)) throw error;
      this.summary.skipped.push({
        item: `note type "${type.name}"`,
        reason: `${error.message.replace(/\.$/, '')}; the type keeps the templates it had`,
      });
      return false;
    }
  }

  /** Notes that a card of the import was written into. */
  wrote(cardId: number, note: { guid: string }): void {
    const noteId = this.noteIds.get(note.guid);
    if (noteId === undefined) return;
    let cards = this.written.get(noteId);
    if (!cards) {
      cards = new Set();
      this.written.set(noteId, cards);
    }
    cards.add(cardId);
  }

  private freeName(name: string): string {
    const taken = (candidate: string) =>
      Boolean(this.db.prepare('SELECT 1 FROM note_types WHERE name = ? COLLATE NOCASE').get(candidate));
    let n = 2;
    while (taken(`${name} (${n})`)) n++;
    return `${name} (${n})`;
  }

  /** The note a card of the bundle belongs to, written the first time one of its cards is. */
  noteId(guid: string): number | undefined {
    const known = this.noteIds.get(guid);
    if (known !== undefined) return known;
    const note = this.notes.get(guid);
    if (!note) return undefined;
    const typeId =
      'ankiId' in note.noteType
        ? this.typeIds.get(note.noteType.ankiId)
        : noteTypeByKey(this.db, note.noteType.builtin).id;
    if (typeId === undefined) return undefined;
    const fields = JSON.stringify(note.fields);
    const tags = note.tags.join(' ');
    const existing = cachedStatement(this.db, 'SELECT id, note_type_id, fields, tags FROM notes WHERE guid = ?').get(
      guid,
    ) as { id: number; note_type_id: number; fields: string; tags: string } | undefined;
    let id: number;
    if (existing) {
      id = existing.id;
      if (existing.note_type_id !== typeId || existing.fields !== fields || existing.tags !== tags) {
        cachedStatement(
          this.db,
          'UPDATE notes SET note_type_id = ?, fields = ?, tags = ?, updated_at = ? WHERE id = ?',
        ).run(typeId, fields, tags, this.now, id);
      }
    } else {
      const createdAt = note.createdAt ?? this.now;
      id = Number(
        cachedStatement(
          this.db,
          'INSERT INTO notes (guid, note_type_id, fields, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(guid, typeId, fields, tags, createdAt, this.now).lastInsertRowid,
      );
    }
    this.noteIds.set(guid, id);
    return id;
  }

  /**
   * Once every card is in: the notes of a type whose templates changed, and the notes the import
   * changed that also have cards it did not write, show what they render now.
   */
  finish(): void {
    const notes = new Set<number>();
    for (const typeId of this.changedTypes) {
      for (const noteId of this.db
        .prepare('SELECT id FROM notes WHERE note_type_id = ?')
        .pluck()
        .all(typeId) as number[]) {
        if (!this.written.has(noteId)) notes.add(noteId);
      }
    }
    const count = this.db.prepare('SELECT count(*) FROM cards WHERE note_id = ?').pluck();
    for (const [noteId, cards] of this.written) if ((count.get(noteId) as number) > cards.size) notes.add(noteId);
    for (const noteId of notes) {
      try {
        syncNoteCards(this.db, noteId, this.now, { edited: false });
      } catch (error) {
        if (!(error instanceof CueError)) throw error;
        this.summary.skipped.push({ item: `note ${noteId}`, reason: `kept its cards as they were: ${error.message}` });
      }
    }
  }
}
