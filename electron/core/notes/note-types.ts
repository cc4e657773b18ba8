/**
 * Note types: listed, read, cloned, renamed, given fields and templates, and deleted when no note
 * uses them. A change to fields or templates says which old one each new one continues, so notes
 * keep their content; every note of the type is re-rendered in the same transaction.
 */
import { CueError } from '../../../shared/errors';
import { parseTemplate, TemplateSyntaxError } from '../../../shared/note-templates';
import type {
  CardTemplate,
  FieldChange,
  FieldFormat,
  NoteType,
  NoteTypeDefinition,
  NoteTypeKind,
  TemplateChange,
} from '../../../shared/notes';
import { keyFromText } from '../card-editing';
import { cachedStatement, type Db } from '../database';

interface NoteTypeRow {
  id: number;
  key: string;
  name: string;
  kind: NoteTypeKind;
  format: FieldFormat;
  fields: string;
  templates: string;
  css: string;
  builtin: 0 | 1;
  anki_id: string | null;
  created_at: number;
  updated_at: number;
  notes: number;
}

const SELECT = `SELECT t.*, (SELECT count(*) FROM notes n WHERE n.note_type_id = t.id) AS notes FROM note_types t`;

function fromRow(row: NoteTypeRow): NoteType {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind,
    format: row.format,
    fields: JSON.parse(row.fields) as string[],
    templates: JSON.parse(row.templates) as CardTemplate[],
    css: row.css,
    builtin: row.builtin === 1,
    ankiId: row.anki_id,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listNoteTypes(db: Db): NoteType[] {
  return (db.prepare(`${SELECT} ORDER BY t.builtin DESC, t.id`).all() as NoteTypeRow[]).map(fromRow);
}

export function findNoteType(db: Db, noteTypeId: number): NoteType {
  const row = cachedStatement(db, `${SELECT} WHERE t.id = ?`).get(noteTypeId) as NoteTypeRow | undefined;
  if (!row) throw new CueError('not_found', `There is no note type ${noteTypeId}.`, { noteTypeId });
  return fromRow(row);
}

export function noteTypeByKey(db: Db, key: string): NoteType {
  const id = cachedStatement(db, 'SELECT id FROM note_types WHERE key = ?').pluck().get(key) as number | undefined;
  if (id === undefined) throw new CueError('not_found', `There is no note type “${key}”.`, { key });
  return findNoteType(db, id);
}

/** Checks a definition as a whole: fields unique, templates readable, and each template uses a field. */
export function checkDefinition(definition: Pick<NoteTypeDefinition, 'kind' | 'fields' | 'templates' | 'name'>): void {
  const seen = new Set<string>();
  for (const field of definition.fields) {
    const lower = field.toLowerCase();
    if (seen.has(lower)) {
      throw new CueError('invalid_input', `“${definition.name}” has two fields named “${field}”.`, { field });
    }
    seen.add(lower);
  }
  if (definition.fields.length === 0) {
    throw new CueError('invalid_input', `“${definition.name}” needs at least one field.`, {});
  }
  if (definition.templates.length === 0) {
    throw new CueError('invalid_input', `“${definition.name}” needs at least one card template.`, {});
  }
  if (definition.kind !== 'normal' && definition.templates.length !== 1) {
    throw new CueError(
      'invalid_input',
      `A cloze note type has exactly one template; “${definition.name}” has ${definition.templates.length}.`,
      {},
    );
  }
  definition.templates.forEach((template, i) => {
    for (const [side, source] of [
      ['question', template.question],
      ['answer', template.answer],
    ] as const) {
      try {
        parseTemplate(source);
      } catch (error) {
        if (!(error instanceof TemplateSyntaxError)) throw error;
        throw new CueError(
          'invalid_input',
          `Template “${template.name}” (card ${i + 1}) of “${definition.name}”, ${side} side: ${error.message}.`,
          { template: i, side },
        );
      }
    }
  });
  if (definition.kind === 'cloze' && !/\{\{[^}]*cloze:/.test(definition.templates[0].question)) {
    throw new CueError('invalid_input', `The question of a cloze note type needs a {{cloze:Field}}.`, {});
  }
}

export function insertNoteType(
  db: Db,
  definition: Omit<NoteTypeDefinition, 'key'> & { key?: string; ankiId?: string | null },
  now: number,
): number {
  checkDefinition(definition);
  const taken = (k: string) => Boolean(cachedStatement(db, 'SELECT 1 FROM note_types WHERE key = ?').get(k));
  const key = definition.key && !taken(definition.key) ? definition.key : keyFromText(definition.name, taken, 'type');
  return Number(
    cachedStatement(
      db,
      `INSERT INTO note_types (key, name, kind, format, fields, templates, css, anki_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      key,
      definition.name.trim(),
      definition.kind,
      definition.format,
      JSON.stringify(definition.fields),
      JSON.stringify(definition.templates.map(({ name, question, answer }) => ({ name, question, answer }))),
      definition.css,
      definition.ankiId ?? null,
      now,
      now,
    ).lastInsertRowid,
  );
}

/** A copy of a note type under a new name, with no notes. */
export function cloneNoteType(db: Db, noteTypeId: number, name: string | undefined, now: number): NoteType {
  return db.transaction(() => {
    const from = findNoteType(db, noteTypeId);
    const id = insertNoteType(db, { ...from, key: undefined, ankiId: null, name: name ?? `${from.name} copy` }, now);
    return findNoteType(db, id);
  })();
}

export interface NoteTypeUpdate {
  name?: string;
  css?: string;
  fields?: FieldChange[];
  templates?: TemplateChange[];
}

/**
 * The new shape of a type. Fields and templates name the old ones they continue; an old field no new
 * one continues is dropped from every note, an old template none continues retires its cards.
 */
export function planNoteTypeUpdate(
  type: NoteType,
  update: NoteTypeUpdate,
): { definition: NoteTypeDefinition; fieldSources: (number | null)[]; templateSources: (number | null)[] } {
  const fields = update.fields ?? type.fields.map((name, i) => ({ name, previous: i }));
  const templates = update.templates ?? type.templates.map((t, i) => ({ ...t, previous: i }));
  for (const [what, list, count] of [
    ['field', fields, type.fields.length],
    ['template', templates, type.templates.length],
  ] as const) {
    const used = new Set<number>();
    for (const item of list) {
      if (item.previous === null) continue;
      if (item.previous >= count) {
        throw new CueError('invalid_input', `There is no ${what} ${item.previous + 1} in “${type.name}” to continue.`, {
          previous: item.previous,
        });
      }
      if (used.has(item.previous)) {
        throw new CueError('invalid_input', `Two new ${what}s continue the same old ${what} ${item.previous + 1}.`, {
          previous: item.previous,
        });
      }
      used.add(item.previous);
    }
  }
  const definition: NoteTypeDefinition = {
    key: type.key,
    name: update.name?.trim() || type.name,
    kind: type.kind,
    format: type.format,
    css: update.css ?? type.css,
    fields: fields.map((f) => f.name),
    templates: templates.map(({ name, question, answer }) => ({ name, question, answer })),
  };
  checkDefinition(definition);
  return {
    definition,
    fieldSources: fields.map((f) => f.previous),
    templateSources: templates.map((t) => t.previous),
  };
}

export function saveNoteTypeDefinition(db: Db, noteTypeId: number, definition: NoteTypeDefinition, now: number) {
  cachedStatement(
    db,
    'UPDATE note_types SET name = ?, fields = ?, templates = ?, css = ?, updated_at = ? WHERE id = ?',
  ).run(
    definition.name,
    JSON.stringify(definition.fields),
    JSON.stringify(definition.templates),
    definition.css,
    now,
    noteTypeId,
  );
}

export function deleteNoteType(db: Db, noteTypeId: number): { noteTypeId: number } {
  return db.transaction(() => {
    const type = findNoteType(db, noteTypeId);
    if (type.builtin) {
      throw new CueError('invalid_input', `“${type.name}” is built in and cannot be deleted.`, { noteTypeId });
    }
    const used = cachedStatement(db, 'SELECT count(*) FROM notes WHERE note_type_id = ?').pluck().get(noteTypeId);
    if (Number(used) > 0) {
      throw new CueError(
        'invalid_input',
        `“${type.name}” is used by ${used} ${used === 1 ? 'note' : 'notes'}; change their type or delete them first.`,
        { noteTypeId, notes: used },
      );
    }
    db.prepare('DELETE FROM note_types WHERE id = ?').run(noteTypeId);
    return { noteTypeId };
  })();
}

/** For each field of a type, how many of its notes hold something there besides white space. */
export function fieldUsage(db: Db, noteTypeId: number): number[] {
  const type = findNoteType(db, noteTypeId);
  const rows = cachedStatement(
    db,
    `SELECT CAST(j.key AS INTEGER) AS field, count(*) AS notes FROM notes n, json_each(n.fields) j
     WHERE n.note_type_id = ? AND trim(j.value) <> '' GROUP BY j.key`,
  ).all(noteTypeId) as { field: number; notes: number }[];
  const counts = type.fields.map(() => 0);
  for (const row of rows) if (row.field < counts.length) counts[row.field] = row.notes;
  return counts;
}
