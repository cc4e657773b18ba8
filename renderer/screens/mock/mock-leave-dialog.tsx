/** Asked before leaving a mock interview in progress: it is kept to resume, or it can be ended now. */
import { useId } from 'react';
import { useModal } from '../../lib/dialog-hooks';

interface Props {
  onLeave: () => void;
  onEnd: () => void;
  onClose: () => void;
}

export function MockLeaveDialog({ onLeave, onEnd, onClose }: Props) {
  const dialog = useModal();
  const titleId = useId();
  return (
    <dialog ref={dialog} className="modal mock-leave-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Leave the mock interview?</h2>
      <p>It is kept as it is: Mock interview on the deck resumes it. Or end it now and see the summary.</p>
      <div className="button-row modal-actions">
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          Stay
        </button>
        <button type="button" className="button" onClick={onEnd} data-testid="mock-end-now">
          End and see the summary
        </button>
        <button type="button" className="button primary" onClick={onLeave} data-testid="mock-leave">
          Leave
        </button>
      </div>
    </dialog>
  );
}
