/** The note types screen's dialogs: a name (clone, rename), and the delete that only an unused type takes. */
import { useId, useState } from 'react';
import type { NoteType } from '../../../shared/notes';
import { useActionDialog } from '../../lib/dialog-hooks';

interface NameProps {
  title: string;
  initial: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for a note type's name; a refused name is said inside the dialog. */
export function NoteTypeNameDialog({ title, initial, submitLabel, onSubmit, onClose }: NameProps) {
  const titleId = useId();
  const [name, setName] = useState(initial);
  const { dialog, busy, problem, submit } = useActionDialog(() => onSubmit(name));
  return (
    <dialog ref={dialog} className="modal place-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{title}</h2>
        <input
          className="field"
          aria-label="Name of the note type"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          autoFocus
          data-testid="note-type-name"
        />
        {problem && (
          <p className="import-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="button-row modal-actions">
          <button type="submit" className="button primary" aria-disabled={busy} data-testid="note-type-name-submit">
            {submitLabel}
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

interface DeleteProps {
  type: NoteType;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Confirms a delete; a type still in use is refused, and the refusal is said here. */
export function DeleteNoteTypeDialog({ type, onConfirm, onClose }: DeleteProps) {
  const titleId = useId();
  const { dialog, busy, problem, submit } = useActionDialog(onConfirm);
  return (
    <dialog ref={dialog} className="modal place-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>Delete the note type “{type.name}”?</h2>
        <p className="modal-lead">
          {type.notes === 0
            ? 'No note uses it.'
            : `${type.notes} ${type.notes === 1 ? 'note uses' : 'notes use'} it: change their type or delete them first.`}
        </p>
        {problem && (
          <p className="import-problem" role="alert" data-testid="delete-note-type-problem">
            {problem}
          </p>
        )}
        <div className="button-row modal-actions">
          {/* biome-ignore lint/a11y/noAutofocus: Enter confirms, Escape cancels. */}
          <button type="submit" className="button danger" aria-disabled={busy} autoFocus data-testid="delete-note-type">
            Delete note type
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
