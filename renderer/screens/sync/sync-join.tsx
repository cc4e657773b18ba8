/**
 * Sync off: what sync through a folder is, a folder typed in, and its preview (start, adopt or merge, with
 * the devices already there) before "Sync through this folder" chooses it.
 */
import { type FormEvent, useId, useRef } from 'react';
import type { SyncJoinPreview } from '../../../shared/sync';
import { useFocusOnMount } from '../../lib/dialog-hooks';
import { DeviceTable } from './sync-devices';
import { SyncProblem } from './sync-problem';
import type { SyncSession } from './sync-session';
import { MODE_TITLES } from './sync-words';

export function SyncJoin({ session }: { session: SyncSession }) {
  const { join, folderText, editFolder, previewFolder } = session;
  const fieldId = useId();
  const field = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const previewing = join.name === 'previewing';
  const failed = join.name === 'failed';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void previewFolder();
  };
  return (
    <>
      <section className="sync-card sync-intro" aria-labelledby="sync-off-title" data-testid="sync-off">
        <h2 id="sync-off-title">Sync is off on this computer</h2>
        <p>
          Cue never uploads anything itself. To study on several computers, choose a folder that your file-sync tool
          (Syncthing, Dropbox, iCloud Drive…) keeps in step on every one of them. Each Cue writes its own changes there
          and reads the others’.
        </p>
        <p className="muted">
          There is no server and no account, and there are no conflict files: when two computers change the same thing,
          the later change wins and the other is kept here, so nothing typed is lost.
        </p>
        <form className="sync-folder-form" onSubmit={onSubmit}>
          <label htmlFor={fieldId}>Sync folder</label>
          <div className="sync-folder-row">
            <input
              ref={field}
              id={fieldId}
              className="field sync-folder-field"
              value={folderText}
              onChange={(event) => editFolder(event.target.value)}
              placeholder="/home/you/Sync/Cue"
              spellCheck={false}
              autoComplete="off"
              aria-describedby={hintId}
              aria-invalid={failed && join.step === 'preview'}
              data-testid="sync-folder"
            />
            <button
              type="submit"
              className="button"
              aria-disabled={previewing || folderText.trim() === ''}
              data-testid="sync-preview"
            >
              {previewing ? 'Looking…' : 'Preview'}
            </button>
          </div>
          <p id={hintId} className="sync-hint muted">
            The folder’s full path on this computer, for example /home/you/Sync/Cue or C:\Users\you\Dropbox\Cue. It
            cannot be inside Cue’s own data folder.
          </p>
        </form>
        {failed && (
          <SyncProblem
            headline={join.step === 'preview' ? 'Cue cannot sync through that folder' : 'Cue could not start syncing'}
            error={join.error}
            testId="sync-folder-error"
          />
        )}
      </section>
      {(join.name === 'preview' || join.name === 'joining') && (
        <JoinPreview
          preview={join.preview}
          joining={join.name === 'joining'}
          onJoin={() => void session.joinFolder()}
          onCancel={() => {
            session.cancelPreview();
            field.current?.focus();
          }}
        />
      )}
    </>
  );
}

interface PreviewProps {
  preview: SyncJoinPreview;
  joining: boolean;
  onJoin: () => void;
  onCancel: () => void;
}

function JoinPreview({ preview, joining, onJoin, onCancel }: PreviewProps) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const others = preview.devices.filter((device) => !device.self);
  return (
    <section
      className="sync-card sync-preview"
      aria-labelledby="sync-preview-title"
      data-testid="sync-join-preview"
      data-mode={preview.mode}
    >
      <h2 id="sync-preview-title" ref={heading} tabIndex={-1}>
        {MODE_TITLES[preview.mode]}
      </h2>
      <p className="sync-preview-folder">
        <code className="backup-path">{preview.folder}</code>
      </p>
      <p data-testid="sync-preview-summary">{preview.summary}</p>
      {others.length > 0 ? (
        <DeviceTable devices={preview.devices} now={Date.now()} caption="Devices already syncing through this folder" />
      ) : (
        <p className="muted">No other computer syncs through this folder yet.</p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          onClick={onJoin}
          aria-disabled={joining}
          data-testid="sync-join"
        >
          {joining ? 'Starting…' : 'Sync through this folder'}
        </button>
        <button type="button" className="button" onClick={() => !joining && onCancel()} aria-disabled={joining}>
          Choose another folder
        </button>
      </div>
    </section>
  );
}
