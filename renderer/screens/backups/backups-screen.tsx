/**
 * The Backups screen (#/backups): the collection's backups, newest first (daily, manual, and the
 * database-only ones Cue makes before imports and updates); "Back up now"; "Check the collection";
 * and restoring one, only after a dialog has said plainly what a restore replaces. Escape goes back
 * to the decks.
 */
import { ErrorPanel } from '../../lib/error-panel';
import { ScreenHeader } from '../../lib/screen-header';
import { useBackKey } from '../../lib/use-back-key';
import { BackupList } from './backup-list';
import { useBackupsSession } from './backups-session';
import { CollectionCheckPanel } from './collection-check';
import { RestoreDialog } from './restore-dialog';
import { RestoreDone, RestoreFailed } from './restore-outcome';

interface Props {
  onHome: () => void;
}

export function BackupsScreen({ onHome }: Props) {
  const session = useBackupsSession();
  const { backups, error, loading, reload, creating, checking, confirming, restoring, stage, showList } = session;
  useBackKey(onHome);
  return (
    <main className="page backups-page" aria-labelledby="backups-title" aria-busy={loading || restoring}>
      <ScreenHeader backLabel="Decks" onBack={onHome} title="Backups" titleId="backups-title" />
      {stage.name === 'restored' && (
        <RestoreDone backup={stage.backup} result={stage.result} onHome={onHome} onList={showList} />
      )}
      {stage.name === 'failed' && (
        <RestoreFailed
          backup={stage.backup}
          error={stage.error}
          unchanged={stage.unchanged}
          onHome={onHome}
          onList={showList}
        />
      )}
      {stage.name === 'list' && (
        <>
          {error !== null && !backups && <ErrorPanel error={error} onRetry={reload} onHome={onHome} />}
          {!backups && error === null && <p className="muted">Loading your backups…</p>}
          {backups && (
            <BackupList
              backups={backups}
              creating={creating}
              onBackUp={session.backUpNow}
              onRestore={session.setConfirming}
            />
          )}
          {backups && <CollectionCheckPanel checking={checking} onCheck={session.checkNow} />}
        </>
      )}
      {confirming && (
        <RestoreDialog
          backup={confirming}
          busy={restoring}
          onConfirm={() => session.restore(confirming)}
          onClose={() => session.setConfirming(null)}
        />
      )}
    </main>
  );
}
