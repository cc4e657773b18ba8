/**
 * The Sync screen (#/sync): sync through a folder a file-sync tool keeps in step. Off, it says what that
 * is and previews a folder before choosing it; on, it shows the folder, this computer, the last merge,
 * what waits, the devices, unreadable files and kept conflicts, with Merge now, Write a snapshot and Stop
 * syncing. Escape goes back to the decks (a dialog open takes Escape first).
 */
import type { SyncStatus } from '../../../shared/sync';
import { ErrorPanel } from '../../lib/error-panel';
import { ScreenHeader } from '../../lib/screen-header';
import { useBackKey } from '../../lib/use-back-key';
import { StopSyncDialog } from './stop-dialog';
import { SyncJoin } from './sync-join';
import { SyncProblem } from './sync-problem';
import { type SyncAction, useSyncSession } from './sync-session';
import { SyncOn } from './sync-status';

interface Props {
  onHome: () => void;
}

const FAILED_HEADLINES: Record<SyncAction, string> = {
  join: 'Cue could not start syncing',
  merge: 'The merge did not finish',
  snapshot: 'Cue could not write a snapshot',
  stop: 'Cue could not stop syncing',
};

const isOn = (status: SyncStatus): status is SyncStatus & { folder: string } => status.folder !== null;

export function SyncScreen({ onHome }: Props) {
  const session = useSyncSession();
  const { status, error, now, outcome } = session;
  useBackKey(onHome);
  return (
    <main className="page sync-page" aria-labelledby="sync-title" aria-busy={!status && error === null}>
      <ScreenHeader backLabel="Decks" onBack={onHome} title="Sync" titleId="sync-title" />
      {/* One live region for every action's outcome, kept across sync on and off so stopping is heard too. */}
      <p className="sync-outcome" role="status" data-testid="sync-outcome">
        {outcome.name === 'done' && outcome.text}
      </p>
      {outcome.name === 'failed' && (
        <SyncProblem headline={FAILED_HEADLINES[outcome.action]} error={outcome.error} testId="sync-action-error" />
      )}
      {error !== null && !status && <ErrorPanel error={error} onRetry={session.refresh} onHome={onHome} />}
      {error !== null && status && (
        <SyncProblem headline="Cue could not read the sync status" error={error} testId="sync-status-error" />
      )}
      {!status && error === null && <p className="muted">Reading the sync status…</p>}
      {status && !isOn(status) && <SyncJoin session={session} />}
      {status && isOn(status) && (
        <>
          <SyncOn
            status={status}
            now={now}
            conflicts={session.conflicts}
            outcome={outcome}
            onMerge={() => void session.mergeNow()}
            onSnapshot={() => void session.writeSnapshot()}
            onStop={() => !session.busy && session.setConfirmingStop(true)}
          />
          {session.confirmingStop && (
            <StopSyncDialog
              folder={status.folder}
              busy={outcome.name === 'busy' && outcome.action === 'stop'}
              onConfirm={() => void session.stopSyncing()}
              onClose={() => session.setConfirmingStop(false)}
            />
          )}
        </>
      )}
    </main>
  );
}
