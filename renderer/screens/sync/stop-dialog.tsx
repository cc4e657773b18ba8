/** "Stop syncing?": what stopping leaves as it is (the folder, the collection), with Cancel as the safe default. */
import { useEffect, useId, useRef } from 'react';
import { useModal } from '../../lib/dialog-hooks';

interface Props {
  folder: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function StopSyncDialog({ folder, busy, onConfirm, onClose }: Props) {
  const dialog = useModal(busy);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="modal sync-stop-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onClose={onClose}
      onCancel={(event) => busy && event.preventDefault()}
      data-testid="sync-stop-dialog"
    >
      <h2 id={titleId}>Stop syncing on this computer?</h2>
      <div id={textId}>
        <p>Cue will no longer write this computer’s changes to this folder, nor read the other devices’ from it:</p>
        <p>
          <code className="backup-path">{folder}</code>
        </p>
        <p>
          The folder keeps everything written to it so far, and your other computers go on syncing through it. Your
          collection here stays as it is.
        </p>
      </div>
      <div className="button-row modal-actions">
        <button
          type="button"
          className="button primary"
          onClick={onConfirm}
          aria-disabled={busy}
          data-testid="sync-stop-confirm"
        >
          {busy ? 'Stopping…' : 'Stop syncing'}
        </button>
        <button
          ref={cancel}
          type="button"
          className="button"
          onClick={() => !busy && dialog.current?.close()}
          aria-disabled={busy}
        >
          Cancel
        </button>
      </div>
    </dialog>
  );
}
