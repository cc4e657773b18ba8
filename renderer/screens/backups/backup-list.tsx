/** The backups, newest first, with "Back up now" and a Restore button on each. */
import type { BackupInfo } from '../../../shared/io';
import { describeError } from '../../lib/errors';
import { fileSize } from '../../lib/file-transfer';
import { type HeaderCell, TableHead } from '../../lib/table-head';
import { backupDate, databaseOnly, KIND_LABELS } from './backup-words';
import type { Creating } from './backups-session';

const COLUMNS: HeaderCell[] = [
  { label: 'Made' },
  { label: 'Kind' },
  { label: 'Size', numeric: true },
  { label: 'Actions', hidden: true },
];

interface ListProps {
  backups: BackupInfo[];
  creating: Creating;
  onBackUp: () => void;
  onRestore: (backup: BackupInfo) => void;
}

export function BackupList({ backups, creating, onBackUp, onRestore }: ListProps) {
  const busy = creating.name === 'busy';
  const backUpButton = (
    // Not `disabled` while busy: a disabled button drops the focus.
    <button type="button" className="button primary" onClick={onBackUp} aria-disabled={busy} data-testid="back-up-now">
      {busy ? 'Backing up…' : 'Back up now'}
    </button>
  );
  const status = (
    <p className="backup-status" role="status" data-testid="backup-status">
      {busy && 'Backing up your collection and its media…'}
      {creating.name === 'done' &&
        `Backed up: ${backupDate(creating.backup.createdAt)}, ${fileSize(creating.backup.size)}.`}
    </p>
  );
  const failure = creating.name === 'failed' && (
    <BackupProblem headline="Cue could not make a backup" error={creating.error} />
  );

  if (backups.length === 0) {
    return (
      <section className="backups-empty" aria-labelledby="backups-empty-title" data-testid="backups-empty">
        <h2 id="backups-empty-title">No backups yet</h2>
        <p>
          Cue backs up your collection each day, a few seconds after it starts, and keeps the last 14 daily backups.
          Back up now to have one at once.
        </p>
        {backUpButton}
        {status}
        {failure}
      </section>
    );
  }

  return (
    <>
      <div className="backups-toolbar">
        <p className="muted">
          Cue backs up your collection each day and keeps the last 14 daily backups, and backs up its database before
          each import and each update of Cue (the last 10 of each, for 30 days). Backups you make yourself are kept.
        </p>
        {backUpButton}
      </div>
      {status}
      {failure}
      <table className="data-table backups-table" data-testid="backups">
        <caption className="visually-hidden">Backups of your collection, newest first</caption>
        <TableHead columns={COLUMNS} />
        <tbody>
          {backups.map((backup) => (
            <BackupRow
              key={backup.file}
              backup={backup}
              isNew={creating.name === 'done' && creating.backup.file === backup.file}
              onRestore={() => onRestore(backup)}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

function BackupRow({ backup, isNew, onRestore }: { backup: BackupInfo; isNew: boolean; onRestore: () => void }) {
  const date = backupDate(backup.createdAt);
  return (
    <tr className={isNew ? 'is-new' : undefined} data-testid="backup-row" data-kind={backup.kind}>
      <th scope="row" title={backup.file}>
        {date}
        {isNew && <span className="backup-badge">Just made</span>}
      </th>
      <td data-testid="backup-kind">
        {KIND_LABELS[backup.kind]}
        {databaseOnly(backup.kind) && <span className="muted"> · database only</span>}
      </td>
      <td className="num">{fileSize(backup.size)}</td>
      <td className="action">
        <button
          type="button"
          className="button small"
          onClick={onRestore}
          aria-label={`Restore the backup from ${date}…`}
          data-testid="backup-restore"
        >
          Restore…
        </button>
      </td>
    </tr>
  );
}

export function BackupProblem({ headline, error }: { headline: string; error: unknown }) {
  const { message, hint, code } = describeError(error);
  return (
    <div className="import-problem" role="alert" data-testid="backup-error">
      <strong>{headline}</strong>
      {`\n${message}`}
      {hint && `\n${hint}`}
      {code && `\nError code: ${code}`}
    </div>
  );
}
