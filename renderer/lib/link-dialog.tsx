/**
 * The confirmation a card's link needs before it opens: the full address (and the site it belongs to),
 * Open or Cancel. A link Cue does not open says why instead. The focus starts on the safe choice, and
 * Escape cancels, as in Cue's other dialogs.
 */
import { useEffect, useId, useRef } from 'react';
import type { LinkVerdict } from './card-urls';
import { useModal } from './dialog-hooks';

interface Props {
  verdict: LinkVerdict;
  onClose: () => void;
}

export function LinkDialog({ verdict, onClose }: Props) {
  const dialog = useModal();
  const safe = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    safe.current?.focus();
  }, []);
  const close = () => dialog.current?.close();

  return (
    <dialog
      ref={dialog}
      className="modal link-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onClose={onClose}
      data-testid="link-dialog"
    >
      {verdict.open ? (
        <OpenLink url={verdict.url} titleId={titleId} textId={textId} safe={safe} onDone={close} />
      ) : (
        <>
          <h2 id={titleId}>Cue does not open this link</h2>
          <p id={textId} className="modal-lead">
            {verdict.reason}
          </p>
          <p className="link-address" data-testid="link-url">
            {verdict.shown}
          </p>
          <div className="button-row modal-actions">
            <button ref={safe} type="button" className="button primary" onClick={close}>
              OK
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

interface OpenProps {
  url: string;
  titleId: string;
  textId: string;
  safe: React.RefObject<HTMLButtonElement | null>;
  onDone: () => void;
}

function OpenLink({ url, titleId, textId, safe, onDone }: OpenProps) {
  const parsed = new URL(url);
  const email = parsed.protocol === 'mailto:';
  const open = () => {
    // noopener: the page that opens gets no handle on Cue's window.
    window.open(url, '_blank', 'noopener,noreferrer');
    onDone();
  };
  return (
    <>
      <h2 id={titleId}>{email ? 'Write this email?' : 'Open this link?'}</h2>
      <p id={textId} className="modal-lead">
        {email
          ? 'It opens your email program, outside Cue, with a message to:'
          : 'It opens in your web browser, outside Cue.'}
      </p>
      {!email && (
        <p className="link-site">
          Site: <strong data-testid="link-site">{parsed.host}</strong>
        </p>
      )}
      <p className="link-address" data-testid="link-url">
        {url}
      </p>
      <div className="button-row modal-actions">
        <button type="button" className="button primary" onClick={open}>
          {email ? 'Write email' : 'Open link'}
        </button>
        <button ref={safe} type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </>
  );
}
