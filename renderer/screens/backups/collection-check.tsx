/** "Check the collection": an integrity check on demand, and what it found. */
import { BackupProblem } from './backup-list';
import type { Checking } from './backups-session';

export function CollectionCheckPanel({ checking, onCheck }: { checking: Checking; onCheck: () => void }) {
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
