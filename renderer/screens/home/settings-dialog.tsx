/**
 * The collection's settings: the desired retention FSRS schedules for. A change applies to answers from
 * now on; every answer keeps the retention it was made with, so the history stays exact.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CollectionSettings } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { useActionDialog } from '../../lib/dialog-hooks';
import { describeError } from '../../lib/errors';

interface Props {
  onClose: () => void;
  onSaved: (settings: CollectionSettings) => void;
}

export function SettingsDialog({ onClose, onSaved }: Props) {
  const titleId = useId();
  const [percent, setPercent] = useState<string | null>(null);
  const { dialog, busy, problem, setProblem, submit } = useActionDialog(async () => {
    if (percent !== null) onSaved(await call('settings.set', { desiredRetention: Number(percent) / 100 }));
  });
  const field = useRef<HTMLInputElement>(null);
  const loaded = percent !== null;
  // the field is ready for typing once the current value is in it
  useEffect(() => {
    if (loaded) field.current?.select();
  }, [loaded]);
  useEffect(() => {
    call('settings.get', {}).then(
      (settings) => setPercent(String(Math.round(settings.desiredRetention * 100))),
      (reason) => setProblem(describeError(reason).message),
    );
  }, [setProblem]);

  return (
    <dialog ref={dialog} className="modal place-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>Settings</h2>
        <label className="option-field">
          <span>Desired retention (%)</span>
          <input
            className="field"
            type="number"
            min={70}
            max={99}
            step={1}
            required
            disabled={percent === null}
            value={percent ?? ''}
            onChange={(event) => setPercent(event.target.value)}
            ref={field}
            data-testid="desired-retention"
          />
          <span className="format-note">
            The chance of remembering a card that each review is timed for. Higher means more reviews and fewer
            forgotten cards; 90% is FSRS's default, and each step above it costs noticeably more reviews. A change
            applies to the answers you give from now on.
          </span>
        </label>
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
