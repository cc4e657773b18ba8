/**
 * The collection's settings: the hour a new study day starts, for the whole collection as in Anki.
 * What decks are studied with (limits, steps, desired retention) is in their presets. Above it, this
 * computer's theme (theme-field.tsx), which applies as soon as it is chosen; below, its reminders
 * (reminder-settings.tsx), saved as they change.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CollectionSettings } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { useActionDialog } from '../../lib/dialog-hooks';
import { describeError } from '../../lib/errors';
import { ReminderSettings } from './reminder-settings';
import { ThemeField } from './theme-field';

interface Props {
  onClose: () => void;
  onSaved: (settings: CollectionSettings) => void;
}

export function SettingsDialog({ onClose, onSaved }: Props) {
  const titleId = useId();
  const [hour, setHour] = useState<string | null>(null);
  const { dialog, busy, problem, setProblem, submit } = useActionDialog(async () => {
    if (hour !== null) onSaved(await call('settings.set', { rolloverHour: Number(hour) }));
  });
  const field = useRef<HTMLInputElement>(null);
  const loaded = hour !== null;
  // the field is ready for typing once the current value is in it
  useEffect(() => {
    if (loaded) field.current?.select();
  }, [loaded]);
  useEffect(() => {
    call('settings.get', {}).then(
      (settings) => setHour(String(settings.rolloverHour)),
      (reason) => setProblem(describeError(reason).message),
    );
  }, [setProblem]);

  return (
    <dialog ref={dialog} className="modal place-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>Settings</h2>
        <ThemeField />
        <label className="option-field">
          <span>A new day starts at (hour)</span>
          <input
            className="field"
            type="number"
            min={0}
            max={23}
            step={1}
            required
            disabled={hour === null}
            value={hour ?? ''}
            onChange={(event) => setHour(event.target.value)}
            ref={field}
            data-testid="rollover-hour"
          />
          <span className="format-note">
            The local hour (0–23) at which one study day ends and the next begins, for the whole collection: 4 means
            cards due tomorrow come up from 4 am, so a late evening still counts as today. Limits, learning steps and
            desired retention are set per deck, in its options.
          </span>
        </label>
        <ReminderSettings />
        {problem && (
          <p className="import-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="button-row modal-actions">
          <button type="submit" className="button primary" aria-disabled={busy}>
            Save
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
