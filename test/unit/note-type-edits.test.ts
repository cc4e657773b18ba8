/**
 * The field mapping of Change Note Type and the note types screen's edits, without a page: the
 * defaults, what would be dropped, and that the edits sent to a real collection keep notes' content.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import {
  defaultFieldMap,
  defaultTemplateMap,
  droppedFields,
  mapFields,
} from '../../renderer/screens/editor/field-mapping';
import {
  addField,
  addTemplate,
  fieldRows,
  fieldsChanged,
  freeName,
  moveRow,
  removalWarning,
  removedFields,
  removeRow,
  renameRow,
  templateRows,
  templatesChanged,
} from '../../renderer/screens/notetypes/type-edits';
import type { NoteChange, NoteDetail, NoteType } from '../../shared/notes';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

describe('the default field map', () => {
  it('takes the field of the same name first, case aside, wherever it is', () => {
    expect(defaultFieldMap(['Front', 'Back'], ['back', 'Front'])).toEqual([1, 0]);
  });

  it('then the field in the same place that no name took', () => {
    expect(defaultFieldMap(['Front', 'Back'], ['Text', 'Back Extra'])).toEqual([0, 1]);
    // "Back" is taken by name, so Extra (place 1) gets nothing rather than Back twice
    expect(defaultFieldMap(['Front', 'Back'], ['Back', 'Extra'])).toEqual([1, null]);
    expect(defaultFieldMap(['Front'], ['Front', 'Back', 'Add Reverse'])).toEqual([0, null, null]);
  });

  it('names the old fields with content the map drops, and moves values by it', () => {
    const values = ['front text', 'back text', '  '];
    expect(droppedFields(['Front', 'Back', 'Note'], values, [0])).toEqual(['Back']);
    expect(droppedFields(['Front', 'Back', 'Note'], values, [0, 1])).toEqual([]);
    expect(mapFields(values, [1, null, 0])).toEqual(['back text', '', 'front text']);
  });

  it('continues templates by place, new ones making new cards', () => {
    expect(defaultTemplateMap(2, 1)).toEqual([0]);
    expect(defaultTemplateMap(1, 3)).toEqual([0, null, null]);
  });
});

describe('editing a note type', () => {
  const collection = () => openTestCollection(new TestClock(NOW));
  const typeOf = (c: ReturnType<typeof collection>, key: string) =>
    (dispatch(c, 'notetypes.list', {}) as NoteType[]).find((t) => t.key === key) as NoteType;

  it('rows remember the old field they continue through renames, moves and removals', () => {
    const basic = typeOf(collection(), 'basic');
    let rows = fieldRows(basic);
    expect(fieldsChanged(basic, rows)).toBe(false);
    rows = addField(rows);
    expect(rows[2]).toEqual({ name: 'Field 3', previous: null });
    rows = renameRow(rows, 2, 'Source');
    rows = moveRow(rows, 2, -1);
    expect(rows.map((r) => r.name)).toEqual(['Front', 'Source', 'Back']);
    expect(moveRow(rows, 0, -1)).toEqual(rows);
    rows = removeRow(rows, 2);
    expect(removedFields(2, rows)).toEqual([1]);
    expect(fieldsChanged(basic, rows)).toBe(true);
  });

  it('a removal warns how many notes hold content in the field, from the real counts', () => {
    const c = collection();
    const basic = typeOf(c, 'basic');
    const usage = dispatch(c, 'notetypes.fieldUsage', { noteTypeId: basic.id }) as number[];
    // every bundled card is a Basic note with a question; a few have no answer
    expect(usage[0]).toBe(basic.notes);
    expect(usage[1]).toBeGreaterThan(0);
    expect(removalWarning(basic, [1], usage)).toBe(`Removing “Back” drops its content from ${usage[1]} notes.`);
    expect(removalWarning(basic, [], usage)).toBeNull();
    expect(removalWarning(basic, [1], [5, 0])).toBeNull();
  });

  it('a clone given a field, renamed and reordered keeps its notes’ content where it moved', () => {
    const c = collection();
    const copy = dispatch(c, 'notetypes.create', { from: typeOf(c, 'basic').id, name: 'Vocab' }) as NoteType;
    const made = dispatch(c, 'notes.create', {
      noteTypeId: copy.id,
      sectionId: 1,
      fields: ['hola', 'hello'],
    }) as NoteChange;
    let rows = addField(fieldRows(copy));
    rows = renameRow(rows, 2, 'Example');
    rows = moveRow(renameRow(rows, 1, 'Meaning'), 1, 1);
    dispatch(c, 'notetypes.update', { noteTypeId: copy.id, fields: rows });
    const note = dispatch(c, 'notes.get', { noteId: made.noteId }) as NoteDetail;
    expect(note.noteType.fields).toEqual(['Front', 'Example', 'Meaning']);
    expect(note.fields).toEqual(['hola', '', 'hello']);
    expect(dispatch(c, 'notetypes.fieldUsage', { noteTypeId: copy.id })).toEqual([1, 0, 1]);
  });

  it('a new template is a reverse of the first field and makes a card for every note', () => {
    const c = collection();
    const copy = dispatch(c, 'notetypes.create', { from: typeOf(c, 'basic').id }) as NoteType;
    dispatch(c, 'notes.create', { noteTypeId: copy.id, sectionId: 1, fields: ['q', 'a'] });
    const rows = addTemplate(templateRows(copy), copy.fields);
    expect(rows[1]).toMatchObject({ name: 'Card 2', question: '{{Front}}', previous: null });
    expect(templatesChanged(copy, rows, copy.css)).toBe(true);
    expect(templatesChanged(copy, templateRows(copy), copy.css)).toBe(false);
    expect(templatesChanged(copy, templateRows(copy), 'p { color: red }')).toBe(true);
    const result = dispatch(c, 'notetypes.update', { noteTypeId: copy.id, templates: rows }) as { added: number };
    expect(result.added).toBe(1);
  });

  it('new rows take names no row has', () => {
    expect(freeName(['Card 1', 'card 2'], 'Card')).toBe('Card 3');
    expect(freeName(['Field 3', 'A'], 'Field')).toBe('Field 4');
  });
});
