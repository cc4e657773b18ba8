/**
 * Help: every keyboard shortcut, by screen, and About (the version, and where the collection is kept).
 * `?` opens it anywhere, as do the home screen's Help button and the desktop app's Help menu.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CollectionInfo } from '../../shared/domain';
import { call } from '../lib/api-client';
import { useModal } from '../lib/dialog-hooks';
import { describeError } from '../lib/errors';
import { keyLabel, SHORTCUT_GROUPS } from '../lib/shortcut-list';

interface Props {
  /** 'about' opens it at About. */
  focus: 'shortcuts' | 'about';
  onClose: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const isDesktop = typeof window !== 'undefined' && window.cue !== undefined;

export function HelpDialog({ focus, onClose }: Props) {
  const dialog = useModal();
  const titleId = useId();
  const aboutId = useId();
  const about = useRef<HTMLHeadingElement>(null);
  const [info, setInfo] = useState<CollectionInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    call('collection.info', {}).then(setInfo, (reason) => setProblem(describeError(reason).message));
  }, []);
  useEffect(() => {
    if (focus !== 'about') return;
    about.current?.focus();
    about.current?.scrollIntoView({ block: 'start' });
  }, [focus]);
  const groups = SHORTCUT_GROUPS.filter((group) => isDesktop || !group.desktopOnly);

  return (
    <dialog ref={dialog} className="modal help-dialog" aria-labelledby={titleId} onClose={onClose} data-testid="help">
      {/* the first thing the dialog can focus, so it opens at its top */}
      <h2 id={titleId} tabIndex={-1}>
        Keyboard shortcuts
      </h2>
      {groups.map((group) => (
        <section key={group.id} aria-label={group.title} className="shortcut-group">
          <h3>{group.title}</h3>
          <dl>
            {group.shortcuts.map((shortcut) => (
              <div key={shortcut.what} className="shortcut">
                <dt>
                  {shortcut.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 && ' or '}
                      <kbd>{keyLabel(key, isMac)}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{shortcut.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <section aria-labelledby={aboutId} data-testid="about">
        <h2 id={aboutId} ref={about} tabIndex={-1}>
          About Cue
        </h2>
        {info && (
          <p>
            Cue {info.cueVersion}. Your collection is kept in <code data-testid="data-dir">{info.dataDir}</code>
            {isDesktop ? ' (File › Open Data Folder opens it).' : '.'}
          </p>
        )}
        {problem && <p role="alert">{problem}</p>}
      </section>
      <div className="button-row modal-actions">
        <button type="button" className="button primary" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
