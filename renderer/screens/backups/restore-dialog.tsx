/** The restore confirmation: what a restore replaces, said plainly, with Cancel as the safe default. */
import { useEffect, useId, useRef } from 'react';
import type { BackupInfo } from '../../../shared/io';
import { useModal } from '../../lib/dialog-hooks';
import { backupDate, databaseOnly, KIND_PHRASES } from './backup-words';

interface DialogProps {
  backup: BackupInfo;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function RestoreDialog({ backup, busy, onConfirm, onClose }: DialogProps) {
  const dialog = useModal(busy);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  // The focus starts on Cancel: the safe choice is the one Enter takes, as in a native confirm.
  useEffect(() => {
    cancel.current?.focus();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="modal restore-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onClose={onClose}
      // A restore under way cannot be called back: Escape waits for it.
      onCancel={(event) => busy && event.preventDefault()}
      data-testid="restore-dialog"
    >
      <h2 id={titleId}>Restore this backup?</h2>
      <div id={textId} data-testid="restore-warning">
        <p>
          Your collection will be replaced by the {KIND_PHRASES[backup.kind]} from{' '}
          <strong>{backupDate(backup.createdAt)}</strong>. Everything studied since then will no longer be in your
          collection.
        </p>
        {databaseOnly(backup.kind) && (
          <p>This backup holds the database only: your images and sounds stay as they are.</p>
        )}
        <p>The current collection is kept in a folder beside it, so nothing is deleted.</p>
      </div>
      <p className="export-status" role="status">
        {busy && 'Checking the backup and restoring it…'}
      </p>
      <div className="button-row modal-actions">
        <button
          type="button"
          className="button primary"
          onClick={onConfirm}
          aria-disabled={busy}
          data-testid="restore-confirm"
        >
          {busy ? 'Restoring…' : 'Restore'}
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
