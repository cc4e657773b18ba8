/**
 * Renaming and deleting a tag from the browser's sidebar. Both take the tag's children with them
 * (`interview` renamed `prep` makes `interview::ml` `prep::ml`), as the core does; the delete first says
 * how many cards carry the tag, and that the cards themselves stay.
 */
import { useEffect, useId, useState } from 'react';
import { call } from '../../lib/api-client';
import { useModal } from '../../lib/dialog-hooks';
import { describeError } from '../../lib/errors';
import { plural } from '../../lib/format';
import { tagSearch } from './sidebar-queries';

export interface TagDialogState {
  action: 'rename' | 'delete';
  tag: string;
}

interface Props {
  state: TagDialogState;
  onClose: () => void;
  /** After the change: what to say, and the tag's new name (null: deleted). */
  onDone: (message: string, to: string | null) => void;
}

export function TagDialog({ state, onClose, onDone }: Props) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState(state.tag);
  const cards = useTaggedCards(state.tag);
  const dialog = useModal(busy);
  const titleId = useId();
  const problemId = useId();
  const renaming = state.action === 'rename';

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      if (renaming) {
        const to = name.trim();
        const change = await call('tags.rename', { from: state.tag, to });
        onDone(`Renamed “${state.tag}” to “${to}” on ${plural(change.notes, 'note')}.`, to);
      } else {
        const change = await call('tags.delete', { tag: state.tag });
        onDone(`Removed “${state.tag}” from ${plural(change.notes, 'note')}.`, null);
      }
      dialog.current?.close();
    } catch (reason) {
      setProblem(describeError(reason).message);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="modal tag-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => busy && event.preventDefault()}
      data-testid="tag-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId}>{renaming ? `Rename the tag “${state.tag}”` : `Delete the tag “${state.tag}”?`}</h2>
        <p className="modal-lead" data-testid="tag-dialog-lead">
          {renaming
            ? `Its child tags are renamed with it${cards === null ? '' : `; ${plural(cards, 'card')} carry it`}.`
            : `It comes off ${cards === null ? 'every card that has it' : plural(cards, 'card')}, with its child tags; the cards themselves stay.`}
        </p>
        {renaming && (
          <label className="tag-dialog-field">
            New name
            <input
              className="field"
              value={name}
              maxLength={100}
              required
              aria-invalid={problem !== null}
              aria-describedby={problem ? problemId : undefined}
              onChange={(event) => {
                setName(event.target.value);
                setProblem(null);
              }}
              autoFocus
              data-testid="tag-new-name"
            />
          </label>
        )}
        {problem && (
          <p id={problemId} className="import-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="button-row modal-actions">
          <button
            type="submit"
            className={`button ${renaming ? 'primary' : 'danger'}`}
            aria-disabled={busy}
            // biome-ignore lint/a11y/noAutofocus: with nothing to type, the answer to the question is the next key.
            autoFocus={!renaming}
            data-testid="tag-dialog-confirm"
          >
            {renaming ? 'Rename' : 'Delete tag'}
          </button>
          <button type="button" className="button" onClick={() => !busy && dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** How many cards carry the tag or a child of it (what the search for it finds); null until known. */
function useTaggedCards(tag: string): number | null {
  const [cards, setCards] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    call('cards.search', { query: tagSearch(tag), limit: 1 }).then(
      (result) => current && setCards(result.total),
      () => {}, // the dialog still works without the count; the change itself reports any failure
    );
    return () => {
      current = false;
    };
  }, [tag]);
  return cards;
}
