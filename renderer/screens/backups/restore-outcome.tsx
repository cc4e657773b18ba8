/** After a restore: what came back and where the replaced collection is kept, or why nothing changed. */
import type { BackupInfo, RestoreResult } from '../../../shared/io';
import { useFocusOnMount } from '../../lib/dialog-hooks';
import { KeyHint } from '../../lib/key-hint';
import { WriteFailure } from '../../lib/write-failure';
import { backupDate } from './backup-words';

interface ResultProps {
  backup: BackupInfo;
  onHome: () => void;
  onList: () => void;
}

export function RestoreDone({ backup, result, onHome, onList }: ResultProps & { result: RestoreResult }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="restore-done" aria-labelledby="restore-done-title" data-testid="restore-done">
      <h2 id="restore-done-title" ref={heading} tabIndex={-1}>
        Restored the backup from {backupDate(backup.createdAt)}
      </h2>
      <p>Your decks now show what was in the collection at that moment.</p>
      {result.replacedKeptIn === null ? (
        <p>There was no collection to replace.</p>
      ) : (
        <p>
          The collection it replaced is kept in{' '}
          <code className="backup-path" data-testid="replaced-kept-in">
            {result.replacedKeptIn}
          </code>
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button primary large" onClick={onHome} aria-keyshortcuts="Escape">
          Back to decks <KeyHint>Esc</KeyHint>
        </button>
        <button type="button" className="button large" onClick={onList}>
          Show backups
        </button>
      </div>
    </section>
  );
}

export function RestoreFailed({
  backup,
  error,
  unchanged,
  onHome,
  onList,
}: ResultProps & { error: unknown; unchanged: boolean }) {
  return (
    <WriteFailure
      headline={`Cue could not restore the backup from ${backupDate(backup.createdAt)}`}
      error={error}
      unchanged={unchanged}
      action="restore"
      testId="restore-error"
    >
      <button type="button" className="button primary" onClick={onList}>
        Show backups
      </button>
      <button type="button" className="button" onClick={onHome} aria-keyshortcuts="Escape">
        Back to decks
      </button>
    </WriteFailure>
  );
}
