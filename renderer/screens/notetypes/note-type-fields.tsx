/**
 * A note type's fields: rename, reorder, add and remove, saved together. Removing a field that notes
 * hold content in says how many before the save drops it.
 */
import { useEffect, useState } from 'react';
import type { NoteType } from '../../../shared/notes';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';
import {
  addField,
  fieldRows,
  fieldsChanged,
  moveRow,
  removalWarning,
  removedFields,
  removeRow,
  renameRow,
} from './type-edits';

interface Props {
  type: NoteType;
  onSaved: (type: NoteType, text: string) => void;
}

export function NoteTypeFields({ type, onSaved }: Props) {
  const [rows, setRows] = useState(() => fieldRows(type));
  const [usage, setUsage] = useState<number[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let current = true;
    call('notetypes.fieldUsage', { noteTypeId: type.id }).then(
      (counts) => current && setUsage(counts),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [type.id]);
  const removed = removedFields(type.fields.length, rows);
  const warning = removalWarning(type, removed, usage);
  const changed = fieldsChanged(type, rows);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const result = await call('notetypes.update', { noteTypeId: type.id, fields: rows });
      setProblem(null);
      onSaved(
        result.noteType,
        `Fields saved${result.notes ? `; ${result.notes} ${result.notes === 1 ? 'note' : 'notes'} updated` : ''}.`,
      );
    } catch (reason) {
      setProblem(describeError(reason).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="notetype-section" aria-labelledby={`fields-${type.id}`}>
      <h3 className="notetype-section-title" id={`fields-${type.id}`}>
        Fields
      </h3>
      <ol className="notetype-field-list" data-testid="field-rows">
        {rows.map((row, i) => (
          // the row's identity is the old field it continues, or its place for a new one
          <li key={row.previous ?? `new-${i}`} className="notetype-field-row" data-testid="field-row">
            <input
              className="field"
              aria-label={`Name of field ${i + 1}`}
              value={row.name}
              onChange={(event) => setRows(renameRow(rows, i, event.target.value))}
              data-testid={`field-name-${i}`}
            />
            <button
              type="button"
              className="button small ghost"
              aria-label={`Move ${row.name} up`}
              disabled={i === 0}
              onClick={() => setRows(moveRow(rows, i, -1))}
            >
              ↑
            </button>
            <button
              type="button"
              className="button small ghost"
              aria-label={`Move ${row.name} down`}
              disabled={i === rows.length - 1}
              onClick={() => setRows(moveRow(rows, i, 1))}
            >
              ↓
            </button>
            <button
              type="button"
              className="button small ghost"
              aria-label={`Remove ${row.name}`}
              disabled={rows.length === 1}
              onClick={() => setRows(removeRow(rows, i))}
              data-testid={`field-remove-${i}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      {warning && (
        <p className="notetype-warning" role="alert" data-testid="field-removal-warning">
          {warning}
        </p>
      )}
      {problem && (
        <p className="notetype-problem" role="alert" data-testid="fields-problem">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button small" onClick={() => setRows(addField(rows))} data-testid="add-field">
          Add field
        </button>
        <button
          type="button"
          className="button small primary"
          disabled={!changed}
          aria-disabled={busy}
          onClick={() => void save()}
          data-testid="save-fields"
        >
          Save fields
        </button>
        {changed && (
          <button type="button" className="button small ghost" onClick={() => setRows(fieldRows(type))}>
            Discard
          </button>
        )}
      </div>
    </section>
  );
}
