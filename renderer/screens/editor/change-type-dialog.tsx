/**
 * Change Note Type, as in Anki: the new type, and for each of its fields the old field whose content it
 * takes (by name, then by place, unless chosen otherwise); for two normal types whose template counts
 * differ, which old card each new template continues. An old field with content that feeds nothing is
 * named: its content is dropped. Unsaved edits are saved first.
 */
import { useId, useState } from 'react';
import type { NoteDetail, NoteType } from '../../../shared/notes';
import { call } from '../../lib/api-client';
import { useActionDialog } from '../../lib/dialog-hooks';
import { changeText } from './editor-flow';
import { defaultFieldMap, defaultTemplateMap, droppedFields } from './field-mapping';

interface Props {
  note: NoteDetail;
  /** The fields as typed, which may not be saved yet. */
  fields: string[];
  tags: string[];
  dirty: boolean;
  types: NoteType[];
  onChanged: (note: NoteDetail, text: string) => void;
  onClose: () => void;
}

/** The template map is asked for only between normal types with different template counts. */
export function needsTemplateMap(from: NoteType, to: NoteType): boolean {
  return from.kind === 'normal' && to.kind === 'normal' && from.templates.length !== to.templates.length;
}

export function ChangeTypeDialog({ note, fields, tags, dirty, types, onChanged, onClose }: Props) {
  const titleId = useId();
  const from = note.noteType;
  const [toId, setToId] = useState(() => (types.find((t) => t.id !== from.id) ?? from).id);
  const to = types.find((t) => t.id === toId) ?? from;
  const [fieldMap, setFieldMap] = useState(() => defaultFieldMap(from.fields, to.fields));
  const [templateMap, setTemplateMap] = useState(() => defaultTemplateMap(from.templates.length, to.templates.length));
  const chooseType = (id: number) => {
    const next = types.find((t) => t.id === id) ?? from;
    setToId(id);
    setFieldMap(defaultFieldMap(from.fields, next.fields));
    setTemplateMap(defaultTemplateMap(from.templates.length, next.templates.length));
  };
  const askTemplates = needsTemplateMap(from, to);
  const dropped = droppedFields(from.fields, fields, fieldMap);

  const { dialog, busy, problem, submit } = useActionDialog(async () => {
    if (dirty) await call('notes.update', { noteId: note.id, fields, tags });
    const before = await call('notes.get', { noteId: note.id });
    const change = await call('notes.changeType', {
      noteId: note.id,
      noteTypeId: to.id,
      fieldMap,
      ...(askTemplates ? { templateMap } : {}),
    });
    const after = await call('notes.get', { noteId: note.id });
    onChanged(after, `${changeText(change, before, after).replace(/^Saved/, `Now “${to.name}”`)}`);
  });

  return (
    <dialog ref={dialog} className="modal change-type-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>Change note type</h2>
        <label className="change-type-row">
          <span>From “{from.name}” to</span>
          <select
            className="field"
            value={toId}
            onChange={(event) => chooseType(Number(event.target.value))}
            data-testid="change-type-to"
          >
            {types.map((each) => (
              <option key={each.id} value={each.id}>
                {each.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="change-type-map">
          <legend>Fields: what each field of “{to.name}” takes</legend>
          {to.fields.map((name, i) => (
            <label key={name} className="change-type-row">
              <span>{name}</span>
              <select
                className="field"
                value={fieldMap[i] ?? ''}
                onChange={(event) =>
                  setFieldMap(
                    fieldMap.map((v, j) =>
                      j === i ? (event.target.value === '' ? null : Number(event.target.value)) : v,
                    ),
                  )
                }
                data-testid={`map-field-${i}`}
              >
                <option value="">(nothing)</option>
                {from.fields.map((old, j) => (
                  <option key={old} value={j}>
                    {old}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
        {askTemplates && (
          <fieldset className="change-type-map">
            <legend>Cards: which card each template of “{to.name}” continues</legend>
            {to.templates.map((template, i) => (
              <label key={template.name} className="change-type-row">
                <span>{template.name}</span>
                <select
                  className="field"
                  value={templateMap[i] ?? ''}
                  onChange={(event) =>
                    setTemplateMap(
                      templateMap.map((v, j) =>
                        j === i ? (event.target.value === '' ? null : Number(event.target.value)) : v,
                      ),
                    )
                  }
                  data-testid={`map-template-${i}`}
                >
                  <option value="">(a new card)</option>
                  {from.templates.map((old, j) => (
                    <option key={old.name} value={j}>
                      {old.name}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        )}
        {dropped.length > 0 && (
          <p className="change-type-warning" role="alert" data-testid="change-type-dropped">
            {dropped.map((name) => `“${name}”`).join(', ')} {dropped.length === 1 ? 'feeds' : 'feed'} no field: its
            content is dropped.
          </p>
        )}
        {dirty && <p className="modal-lead">Your edits are saved first.</p>}
        {problem && (
          <p className="import-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="button-row modal-actions">
          <button type="submit" className="button primary" aria-disabled={busy} data-testid="change-type-apply">
            Change type
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
