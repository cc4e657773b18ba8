/** A card's recorded answers in card info: when, how long, play, and delete after a confirmation. */
import { useId, useState } from 'react';
import type { Recording } from '../../../shared/recordings';
import { call, mediaUrl } from '../../lib/api-client';
import { useActionDialog } from '../../lib/dialog-hooks';
import { ErrorPanel } from '../../lib/error-panel';
import { fileSize } from '../../lib/file-transfer';
import { playLength, plural } from '../../lib/format';
import { dateTime } from '../../lib/stats-format';
import { type HeaderCell, TableHead } from '../../lib/table-head';
import { useLoad } from '../../lib/use-load';

const COLUMNS: HeaderCell[] = [
  { label: 'Recorded' },
  { label: 'Length', numeric: true },
  { label: 'Play' },
  { label: '' },
];

export function CardRecordings({ cardId }: { cardId: number }) {
  const { data, error, reload } = useLoad(() => call('recordings.list', { cardId }), String(cardId));
  const [deleting, setDeleting] = useState<Recording | null>(null);
  const [said, setSaid] = useState('');
  return (
    <section className="stats-card card-recordings" aria-labelledby="recordings-title" data-testid="card-recordings">
      <h2 id="recordings-title">Spoken answers</h2>
      {error !== null && <ErrorPanel error={error} onRetry={reload} />}
      {data?.length === 0 && (
        <p className="muted">None recorded. On the study screen, Shift+V records your answer before you reveal.</p>
      )}
      {data && data.length > 0 && <RecordingTable recordings={data} onDelete={setDeleting} />}
      <p className="muted recordings-note" role="status">
        {said ||
          (data && data.length > 0
            ? 'Kept in the collection’s media folder; exports leave them out unless asked.'
            : '')}
      </p>
      {deleting && (
        <DeleteRecordingDialog
          recording={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(fileMissing) => {
            setSaid(fileMissing ? 'Deleted; its file had already gone from the media folder.' : 'Recording deleted.');
            reload();
          }}
        />
      )}
    </section>
  );
}

function RecordingTable({ recordings, onDelete }: { recordings: Recording[]; onDelete: (r: Recording) => void }) {
  return (
    <div className="table-scroll">
      <table className="data-table recordings-table" data-testid="recordings-table">
        <caption className="visually-hidden">{`${plural(recordings.length, 'recording')}, newest first`}</caption>
        <TableHead columns={COLUMNS} />
        <tbody>
          {recordings.map((recording) => (
            <tr key={recording.id} data-testid="recording-row">
              <th scope="row" className="recording-cell">
                {dateTime(recording.createdAt)}
              </th>
              <td className="num recording-cell" data-testid="recording-length">
                {playLength(recording.durationMs)}
              </td>
              <td className="recording-cell">
                {/* biome-ignore lint/a11y/useMediaCaption: the person's own voice; there is nothing to caption */}
                <audio
                  controls
                  preload="metadata"
                  src={mediaUrl(recording.fileName)}
                  aria-label={`Recording of ${dateTime(recording.createdAt)}`}
                />
              </td>
              <td className="recording-cell">
                <button
                  type="button"
                  className="button ghost small danger"
                  onClick={() => onDelete(recording)}
                  data-testid="delete-recording"
                >
                  Delete…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface DialogProps {
  recording: Recording;
  onClose: () => void;
  onDeleted: (fileMissing: boolean) => void;
}

function DeleteRecordingDialog({ recording, onClose, onDeleted }: DialogProps) {
  const titleId = useId();
  const { dialog, busy, problem, submit } = useActionDialog(async () => {
    const { fileMissing } = await call('recordings.delete', { recordingId: recording.id });
    onDeleted(fileMissing);
  });
  return (
    <dialog
      ref={dialog}
      className="modal"
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="delete-recording-dialog"
    >
      <form onSubmit={submit}>
        <h2 id={titleId}>Delete this recording?</h2>
        <p className="modal-lead">
          The recording of {dateTime(recording.createdAt)} ({playLength(recording.durationMs)},{' '}
          {fileSize(recording.size)}) is removed from the media folder. This cannot be undone.
        </p>
        {problem && (
          <p className="import-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="button-row modal-actions">
          {/* biome-ignore lint/a11y/noAutofocus: Enter confirms, Escape cancels. */}
          <button type="submit" className="button danger" aria-disabled={busy} autoFocus>
            {busy ? 'Deleting…' : 'Delete'}
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
