/**
 * Sync on: the folder, this computer's id, the last merge and what waits, the actions (merge now, a
 * snapshot, stop), the devices in the folder, files that could not be read, and the kept conflicts.
 */
import type { SyncConflict, SyncStatus } from '../../../shared/sync';
import { plural } from '../../lib/format';
import { SyncConflicts } from './sync-conflicts';
import { DeviceTable } from './sync-devices';
import type { Outcome } from './sync-session';
import { exactTime, relativeTime } from './sync-words';

interface Props {
  status: SyncStatus & { folder: string };
  now: number;
  conflicts: SyncConflict[] | undefined;
  outcome: Outcome;
  onMerge: () => void;
  onSnapshot: () => void;
  onStop: () => void;
}

export function SyncOn({ status, now, conflicts, outcome, onMerge, onSnapshot, onStop }: Props) {
  const busy = outcome.name === 'busy' ? outcome.action : null;
  return (
    <>
      <section className="sync-card sync-summary" aria-labelledby="sync-on-title" data-testid="sync-on">
        <h2 id="sync-on-title">Syncing through a folder</h2>
        <p className="sync-folder-line">
          <code className="backup-path" data-testid="sync-folder-path">
            {status.folder}
          </code>
        </p>
        <dl className="sync-facts">
          <div>
            <dt>This computer</dt>
            <dd className="sync-fact-value">
              <code className="sync-id" data-testid="sync-device-id">
                {status.device}
              </code>
            </dd>
          </div>
          <div>
            <dt>Last merge</dt>
            <dd className="sync-fact-value" data-testid="sync-last-merge">
              {status.lastMerge === null ? (
                'Not yet'
              ) : (
                <time dateTime={new Date(status.lastMerge).toISOString()} title={exactTime(status.lastMerge)}>
                  {relativeTime(status.lastMerge, now)}
                </time>
              )}
            </dd>
          </div>
          <div>
            <dt>Merged from other devices</dt>
            <dd className="sync-fact-value" data-testid="sync-events-merged">
              {plural(status.eventsMerged, 'change')}
            </dd>
          </div>
          <div>
            <dt>Waiting</dt>
            <dd className="sync-fact-value" data-testid="sync-pending" data-pending={status.pending}>
              {status.pending === 0 ? 'Nothing' : plural(status.pending, 'change')}
            </dd>
          </div>
        </dl>
        <p className="muted sync-hint">
          Cue writes this computer’s changes to the folder a few seconds after they are made, and merges the other
          devices’ as soon as your sync tool brings them.
        </p>
        {status.problem && (
          <div className="warning-banner sync-banner" role="alert" data-testid="sync-problem">
            {status.problem}
          </div>
        )}
        <div className="button-row sync-actions">
          <button
            type="button"
            className="button primary"
            onClick={onMerge}
            aria-disabled={busy !== null}
            data-testid="sync-merge"
          >
            {busy === 'merge' ? 'Merging…' : 'Merge now'}
          </button>
          <button
            type="button"
            className="button"
            onClick={onSnapshot}
            aria-disabled={busy !== null}
            data-testid="sync-snapshot"
          >
            {busy === 'snapshot' ? 'Writing…' : 'Write a snapshot'}
          </button>
          <button
            type="button"
            className="button danger"
            onClick={onStop}
            aria-disabled={busy !== null}
            data-testid="sync-stop"
          >
            Stop syncing…
          </button>
        </div>
      </section>
      {status.unreadable.length > 0 && <Unreadable files={status.unreadable} />}
      <section className="sync-section" aria-labelledby="sync-devices-title">
        <h2 id="sync-devices-title">Devices</h2>
        <DeviceTable devices={status.devices} now={now} caption="Devices syncing through this folder" />
      </section>
      <SyncConflicts count={status.conflicts} conflicts={conflicts} devices={status.devices} now={now} />
    </>
  );
}

function Unreadable({ files }: { files: SyncStatus['unreadable'] }) {
  return (
    <div className="warning-banner sync-unreadable" role="alert" data-testid="sync-unreadable">
      <strong>
        {files.length === 1
          ? 'A file in the folder could not be read'
          : `${files.length} files in the folder could not be read`}
      </strong>
      <p>
        What they hold is not merged yet. Cue reads them again at each merge: a file still arriving from another
        computer is read once your sync tool has all of it.
      </p>
      <ul>
        {files.map((file) => (
          <li key={file.file} data-testid="sync-unreadable-file">
            <code className="backup-path">{file.file}</code>: {file.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
