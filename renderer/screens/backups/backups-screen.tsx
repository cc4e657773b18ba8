/**
 * The Backups screen (#/backups): the collection's backups, newest first (daily, manual, and the
 * database-only ones Cue makes before imports and updates); "Back up now"; "Check the collection";
 * and restoring one, only after a dialog has said plainly what a restore replaces. Escape goes back
 * to the decks.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { CollectionCheck } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import type { BackupInfo, BackupKind, RestoreResult } from '../../../shared/io';
import { call } from '../../lib/api-client';
import { useFocusOnMount, useModal } from '../../lib/dialog-hooks';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { fileSize } from '../../lib/file-transfer';
import { KeyHint } from '../../lib/key-hint';
import { useBackKey } from '../../lib/use-back-key';
import { useLoad } from '../../lib/use-load';
import { WriteFailure } from '../../lib/write-failure';

interface Props {
  onHome: () => void;
}

type Stage =
  | { name: 'list' }
  | { name: 'restored'; backup: BackupInfo; result: RestoreResult }
  /** `unchanged`: Cue answered, and it checks a backup before it replaces anything. */
  | { name: 'failed'; backup: BackupInfo; error: unknown; unchanged: boolean };

type Creating =
  | { name: 'idle' }
  | { name: 'busy' }
  | { name: 'done'; backup: BackupInfo }
  | { name: 'failed'; error: unknown };

type Checking =
  | { name: 'idle' }
  | { name: 'busy' }
  | { name: 'done'; check: CollectionCheck }
  | { name: 'failed'; error: unknown };

const loadBackups = () => call('backups.list', {});

const KIND_LABELS: Record<BackupKind, string> = {
  daily: 'Daily',
  manual: 'Manual',
  'before-import': 'Before an import',
  'before-migration': 'Before an update of Cue',
};

/** How the restore dialog names a backup: "the daily backup from …". */
const KIND_PHRASES: Record<BackupKind, string> = {
  daily: 'daily backup',
  manual: 'manual backup',
  'before-import': 'backup made before an import',
  'before-migration': 'backup made before an update of Cue',
};

/** Cue makes these of the database alone: imports only add media, updates never touch them. */
const databaseOnly = (kind: BackupKind) => kind === 'before-import' || kind === 'before-migration';

/** A backup's moment in the user's locale, e.g. "Tue, 2 Jun 2026, 10:00". */
export function backupDate(ms: number): string {
  return new Date(ms).toLocaleString([], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The loaded list with backups made here since, newest first and each once. */
function merged(loaded: BackupInfo[], made: BackupInfo[]): BackupInfo[] {
  const byFile = new Map<string, BackupInfo>();
  for (const backup of [...made, ...loaded]) byFile.set(backup.file, backup);
  return [...byFile.values()].sort((a, b) => b.createdAt - a.createdAt);
}

export function BackupsScreen({ onHome }: Props) {
  const { data, error, loading, reload } = useLoad(loadBackups);
  const [made, setMade] = useState<BackupInfo[]>([]);
  const [creating, setCreating] = useState<Creating>({ name: 'idle' });
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [stage, setStage] = useState<Stage>({ name: 'list' });
  const [checking, setChecking] = useState<Checking>({ name: 'idle' });
  useBackKey(onHome);

  const checkNow = async () => {
    if (checking.name === 'busy') return;
    setChecking({ name: 'busy' });
    try {
      const check = await call('collection.check', {});
      setChecking({ name: 'done', check });
      // a damaged collection was replaced by a backup: the list and the decks show that one now
      if (!check.sound) reload();
    } catch (problem) {
      setChecking({ name: 'failed', error: problem });
    }
  };

  // The daily backup is made a few seconds after Cue starts: look again when the window comes back.
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);

  const backUpNow = async () => {
    if (creating.name === 'busy') return;
    setCreating({ name: 'busy' });
    try {
      const backup = await call('backups.create', {});
      setMade((list) => [backup, ...list]);
      setCreating({ name: 'done', backup });
    } catch (problem) {
      setCreating({ name: 'failed', error: problem });
    }
  };

  const restore = async (backup: BackupInfo) => {
    if (restoring) return;
    setRestoring(true);
    try {
      const result = await call('backups.restore', { file: backup.file });
      setStage({ name: 'restored', backup, result });
    } catch (problem) {
      setStage({ name: 'failed', backup, error: problem, unchanged: problem instanceof CueError });
    } finally {
      setRestoring(false);
      setConfirming(null);
    }
  };

  const showList = useCallback(() => {
    setStage({ name: 'list' });
    setCreating({ name: 'idle' });
    setMade([]);
    reload();
  }, [reload]);

  const backups = data ? merged(data, made) : undefined;
  return (
    <main className="page backups-page" aria-labelledby="backups-title" aria-busy={loading || restoring}>
      <header className="screen-header">
        <button type="button" className="button ghost back" onClick={onHome} aria-keyshortcuts="Escape">
          <span aria-hidden="true">←</span> Decks <KeyHint>Esc</KeyHint>
        </button>
        <h1 id="backups-title">Backups</h1>
      </header>
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
          {error !== null && !data && <ErrorPanel error={error} onRetry={reload} onHome={onHome} />}
          {!data && error === null && <p className="muted">Loading your backups…</p>}
          {backups && (
            <BackupList backups={backups} creating={creating} onBackUp={backUpNow} onRestore={setConfirming} />
          )}
          {backups && <CollectionCheckPanel checking={checking} onCheck={checkNow} />}
        </>
      )}
      {confirming && (
        <RestoreDialog
          backup={confirming}
          busy={restoring}
          onConfirm={() => restore(confirming)}
          onClose={() => setConfirming(null)}
        />
      )}
    </main>
  );
}

interface ListProps {
  backups: BackupInfo[];
  creating: Creating;
  onBackUp: () => void;
  onRestore: (backup: BackupInfo) => void;
}

function BackupList({ backups, creating, onBackUp, onRestore }: ListProps) {
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
        <thead>
          <tr>
            <th scope="col">Made</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
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

interface DialogProps {
  backup: BackupInfo;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

function RestoreDialog({ backup, busy, onConfirm, onClose }: DialogProps) {
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

interface ResultProps {
  backup: BackupInfo;
  onHome: () => void;
  onList: () => void;
}

function RestoreDone({ backup, result, onHome, onList }: ResultProps & { result: RestoreResult }) {
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

function RestoreFailed({
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

function BackupProblem({ headline, error }: { headline: string; error: unknown }) {
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

function CollectionCheckPanel({ checking, onCheck }: { checking: Checking; onCheck: () => void }) {
  const busy = checking.name === 'busy';
  return (
    <section className="collection-check" aria-labelledby="collection-check-title" data-testid="collection-check">
      <h2 id="collection-check-title">Check the collection</h2>
      <p className="muted">
        Cue checks its file each time it starts. This reads every page and index now; you can go on studying meanwhile.
        If the file is damaged, Cue restores the newest good backup and keeps the damaged file aside.
      </p>
      <button type="button" className="button" onClick={onCheck} aria-disabled={busy} data-testid="check-now">
        {busy ? 'Checking…' : 'Check now'}
      </button>
      <p className="backup-status" role="status" data-testid="check-status">
        {busy && 'Reading every page and index of the collection…'}
        {checking.name === 'done' && checking.check.sound && `The collection is sound: every page and index checked.`}
      </p>
      {checking.name === 'done' && !checking.check.sound && (
        <div className="import-problem" role="alert" data-testid="check-problem">
          <strong>The collection was damaged</strong>
          {`\n${checking.check.notice ?? checking.check.problem}`}
        </div>
      )}
      {checking.name === 'failed' && (
        <BackupProblem headline="Cue could not check the collection" error={checking.error} />
      )}
    </section>
  );
}
