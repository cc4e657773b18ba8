/**
 * Renaming and deleting a deck or a section, from its "More" menu on the home screen (a deck's
 * options have their own screen). Renaming asks for the new name; deleting says what goes with it, and the home screen then
 * offers Undo.
 */
import { useId, useRef, useState } from 'react';
import { call } from '../../lib/api-client';
import { useActionDialog } from '../../lib/dialog-hooks';
import { plural } from '../../lib/format';

/** A deck or a section, as the menus and dialogs name it. */
export interface Place {
  kind: 'deck' | 'section';
  id: number;
  name: string;
  cards: number;
  /** For a deck: how many sections go with it. */
  sections?: number;
}

export type PlaceAction = { action: 'rename' | 'delete'; place: Place };

/** A small menu of what can be done to a deck or section. */
export function PlaceMenu({ place, onAction }: { place: Place; onAction: (action: PlaceAction) => void }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const choose = (action: PlaceAction['action']) => {
    if (menu.current) menu.current.open = false;
    onAction({ action, place });
  };
  return (
    <details className="place-menu" ref={menu}>
      <summary className="button ghost icon-button" aria-label={`More for ${place.name}`} title="More…">
        <span aria-hidden="true">⋯</span>
      </summary>
      <div className="place-menu-items">
        <button type="button" className="button ghost small" onClick={() => choose('rename')}>
          Rename {place.kind}…
        </button>
        <button type="button" className="button ghost small danger" onClick={() => choose('delete')}>
          Delete {place.kind}…
        </button>
      </div>
    </details>
  );
}

/** What deleting takes with it, in words. */
function deletionScope(place: Place): string {
  const cards = plural(place.cards, 'card');
  if (place.kind === 'section') return `its ${cards} and their review history`;
  return `its ${plural(place.sections ?? 0, 'section')}, ${cards} and their review history`;
}

const TITLES: Record<PlaceAction['action'], (place: Place) => string> = {
  rename: (place) => `Rename the ${place.kind}`,
  delete: (place) => `Delete the ${place.kind} “${place.name}”?`,
};

const SUBMIT: Record<PlaceAction['action'], (place: Place) => string> = {
  rename: () => 'Rename',
  delete: (place) => `Delete ${place.kind}`,
};

interface DialogProps {
  request: PlaceAction;
  onClose: () => void;
  /** After a rename, or a delete (with the batch that undoes it). */
  onDone: (result: { renamed: string } | { deleted: number; batch: number }) => void;
}

export function PlaceDialog({ request, onClose, onDone }: DialogProps) {
  const { action, place } = request;
  const titleId = useId();
  const [name, setName] = useState(place.name);
  const { dialog, busy, problem, submit } = useActionDialog(async () => {
    if (action === 'rename') {
      if (place.kind === 'deck') await call('decks.rename', { deckId: place.id, name });
      else await call('sections.rename', { sectionId: place.id, name });
      onDone({ renamed: name.trim() });
    } else {
      const result =
        place.kind === 'deck'
          ? await call('decks.delete', { deckId: place.id })
          : await call('sections.delete', { sectionId: place.id });
      onDone(result);
    }
  });

  return (
    <dialog ref={dialog} className="modal place-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{TITLES[action](place)}</h2>
        {action === 'rename' && (
          <input
            className="field"
            aria-label={`New name of the ${place.kind}`}
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            autoFocus
            data-testid="place-name"
          />
        )}
        {action === 'delete' && (
          <p className="modal-lead">
            This deletes {deletionScope(place)}. You can undo it right after, from the message that follows.
          </p>
        )}
        {problem && (
          <p className="import-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="button-row modal-actions">
          <button
            type="submit"
            className={`button ${action === 'delete' ? 'danger' : 'primary'}`}
            aria-disabled={busy}
            // biome-ignore lint/a11y/noAutofocus: Enter confirms, Escape cancels.
            autoFocus={action === 'delete'}
          >
            {SUBMIT[action](place)}
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
