/**
 * Which preset the deck uses, and adding, cloning, renaming and deleting presets. Delete says which
 * decks go back to Default; Default itself cannot be deleted.
 */
import { useId, useState } from 'react';
import type { Preset } from '../../../shared/presets';
import { useActionDialog, useModal } from '../../lib/dialog-hooks';
import { plural } from '../../lib/format';

export type PresetAction = 'add' | 'clone' | 'rename' | 'delete';

interface BarProps {
  presets: Preset[];
  /** The preset the form shows. */
  shownId: number;
  /** The preset the deck uses now (saved). */
  deckPresetId: number;
  onPick: (presetId: number) => void;
  onAction: (action: PresetAction) => void;
}

export function PresetBar({ presets, shownId, deckPresetId, onPick, onAction }: BarProps) {
  const id = useId();
  const shown = presets.find((p) => p.id === shownId);
  const pending = presets.find((p) => p.id === deckPresetId);
  return (
    <section className="preset-bar" aria-label="Preset">
      <div className="preset-pick">
        <label htmlFor={id}>Preset</label>
        <select
          id={id}
          className="field preset-select"
          value={shownId}
          onChange={(event) => onPick(Number(event.target.value))}
          data-testid="preset-picker"
        >
          {presets.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.name} ({usedBy(preset)})
            </option>
          ))}
        </select>
        <div className="button-row preset-actions">
          <button type="button" className="button small" onClick={() => onAction('add')}>
            Add…
          </button>
          <button type="button" className="button small" onClick={() => onAction('clone')}>
            Clone…
          </button>
          <button type="button" className="button small" onClick={() => onAction('rename')}>
            Rename…
          </button>
          <button
            type="button"
            className="button small danger"
            onClick={() => onAction('delete')}
            disabled={shown?.isDefault}
            title={shown?.isDefault ? 'Default cannot be deleted: decks fall back to it' : undefined}
          >
            Delete…
          </button>
        </div>
      </div>
      <p className="format-note" data-testid="preset-note">
        {shownId !== deckPresetId
          ? `Save to study this deck with “${shown?.name}” instead of “${pending?.name}”.`
          : 'A preset is a set of options several decks can share: a change here applies to every deck using it.'}
      </p>
    </section>
  );
}

function usedBy(preset: Preset): string {
  return preset.deckIds.length === 0 ? 'no decks' : plural(preset.deckIds.length, 'deck');
}

interface NameProps {
  title: string;
  initial: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for a preset's name (adding, cloning, renaming); a refused name is said inside the dialog. */
export function PresetNameDialog({ title, initial, submitLabel, onSubmit, onClose }: NameProps) {
  const titleId = useId();
  const [name, setName] = useState(initial);
  const { dialog, busy, problem, submit } = useActionDialog(() => onSubmit(name));
  return (
    <dialog ref={dialog} className="modal place-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{title}</h2>
        <input
          className="field"
          aria-label="Name of the preset"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          autoFocus
          data-testid="preset-name"
        />
        {problem && (
          <p className="import-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="button-row modal-actions">
          <button type="submit" className="button primary" aria-disabled={busy}>
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
  preset: Preset;
  /** Names of the decks that use it, which go back to Default. */
  deckNames: string[];
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function DeletePresetDialog({ preset, deckNames, onConfirm, onClose }: DeleteProps) {
  const titleId = useId();
  const { dialog, busy, problem, submit } = useActionDialog(onConfirm);
  return (
    <dialog ref={dialog} className="modal place-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>Delete the preset “{preset.name}”?</h2>
        <p className="modal-lead" data-testid="delete-preset-decks">
          {deckNames.length === 0
            ? 'No deck uses it.'
            : `${deckNames.map((name) => `“${name}”`).join(', ')} ${deckNames.length === 1 ? 'goes' : 'go'} back to the Default preset.`}
        </p>
        {problem && (
          <p className="import-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="button-row modal-actions">
          {/* biome-ignore lint/a11y/noAutofocus: Enter confirms, Escape cancels. */}
          <button type="submit" className="button danger" aria-disabled={busy} autoFocus>
            Delete preset
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Before leaving or switching presets with changes not saved. */
export function DiscardDialog({ onDiscard, onClose }: { onDiscard: () => void; onClose: () => void }) {
  const titleId = useId();
  const dialog = useModal();
  return (
    <dialog ref={dialog} className="modal place-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Discard your changes?</h2>
      <p className="modal-lead">The options you changed here are not saved yet.</p>
      <div className="button-row modal-actions">
        <button
          type="button"
          className="button danger"
          onClick={() => {
            dialog.current?.close();
            onDiscard();
          }}
          data-testid="discard-changes"
        >
          Discard changes
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice is the one Enter takes. */}
        <button type="button" className="button primary" onClick={() => dialog.current?.close()} autoFocus>
          Keep editing
        </button>
      </div>
    </dialog>
  );
}
