/**
 * A note type's fields and templates as they are being edited: each row remembers the old field or
 * template it continues (`previous`), which `notetypes.update` needs so notes keep their content and
 * cards their history across renames, moves and removals. Pure, so it is tested without a page.
 */
import type { CardTemplate, FieldChange, NoteType, TemplateChange } from '../../../shared/notes';

export function fieldRows(type: NoteType): FieldChange[] {
  return type.fields.map((name, previous) => ({ name, previous }));
}

export function templateRows(type: NoteType): TemplateChange[] {
  return type.templates.map((template, previous) => ({ ...template, previous }));
}

/** A new, empty row under a name no row has yet: "Field 3", "Card 2". */
export function freeName(taken: readonly string[], stem: string): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  let n = taken.length + 1;
  while (lower.has(`${stem} ${n}`.toLowerCase())) n += 1;
  return `${stem} ${n}`;
}

export function addField(rows: readonly FieldChange[]): FieldChange[] {
  return [
    ...rows,
    {
      name: freeName(
        rows.map((r) => r.name),
        'Field',
      ),
      previous: null,
    },
  ];
}

export function addTemplate(rows: readonly TemplateChange[], fields: readonly string[]): TemplateChange[] {
  const name = freeName(
    rows.map((r) => r.name),
    'Card',
  );
  const front = fields[0] ?? 'Front';
  const question = `{{${front}}}`;
  return [...rows, { name, question, answer: `{{FrontSide}}\n\n<hr id=answer>\n\n${question}`, previous: null }];
}

export function renameRow<T extends { name: string }>(rows: readonly T[], index: number, name: string): T[] {
  return rows.map((row, i) => (i === index ? { ...row, name } : row));
}

export function editTemplate(
  rows: readonly TemplateChange[],
  index: number,
  change: Partial<CardTemplate>,
): TemplateChange[] {
  return rows.map((row, i) => (i === index ? { ...row, ...change } : row));
}

/** The row moved one place up (-1) or down (+1); at either end it stays. */
export function moveRow<T>(rows: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

export function removeRow<T>(rows: readonly T[], index: number): T[] {
  return rows.filter((_, i) => i !== index);
}

/** The old fields (indexes) no row continues: what saving would drop from every note. */
export function removedFields(oldCount: number, rows: readonly { previous: number | null }[]): number[] {
  const kept = new Set(rows.map((row) => row.previous));
  return Array.from({ length: oldCount }, (_, i) => i).filter((i) => !kept.has(i));
}

/** The rows say something other than the type as stored. */
export function fieldsChanged(type: NoteType, rows: readonly FieldChange[]): boolean {
  return rows.length !== type.fields.length || rows.some((row, i) => row.previous !== i || row.name !== type.fields[i]);
}

export function templatesChanged(type: NoteType, rows: readonly TemplateChange[], css: string): boolean {
  if (css !== type.css || rows.length !== type.templates.length) return true;
  return rows.some((row, i) => {
    const old = type.templates[i];
    return row.previous !== i || row.name !== old.name || row.question !== old.question || row.answer !== old.answer;
  });
}

/** What removing fields drops, in words: "Removing “Back” drops its content from 3 notes." */
export function removalWarning(type: NoteType, removed: readonly number[], usage: readonly number[]): string | null {
  const held = removed.filter((i) => (usage[i] ?? 0) > 0);
  if (held.length === 0) return null;
  return held
    .map((i) => {
      const count = usage[i];
      return `Removing “${type.fields[i]}” drops its content from ${count} ${count === 1 ? 'note' : 'notes'}.`;
    })
    .join(' ');
}
