/**
 * A short confirmation ("Card buried until tomorrow") that fades by itself and is read by screen
 * readers. One with an action ("Deleted 3 cards. Undo") stays longer, so there is time to reach it.
 */
import { useCallback, useEffect, useState } from 'react';

export interface ToastMessage {
  id: number;
  text: string;
  action?: { label: string; run: () => void };
}

/** The message on screen, `say` to show one (a new id each time, so the same words show again), `clear`. */
export function useToast() {
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const say = useCallback(
    (text: string, action?: ToastMessage['action']) => setToast((t) => ({ id: (t?.id ?? 0) + 1, text, action })),
    [],
  );
  const clear = useCallback(() => setToast(null), []);
  return { toast, say, clear };
}

const TOAST_MS = 2500;
const TOAST_WITH_ACTION_MS = 10_000;

export function Toast({ toast, onDone }: { toast: ToastMessage | null; onDone: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(onDone, toast.action ? TOAST_WITH_ACTION_MS : TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast, onDone]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast" key={toast.id} data-testid="toast">
          {toast.text}
          {toast.action && (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                toast.action?.run();
                onDone();
              }}
              data-testid="toast-action"
            >
              {toast.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
