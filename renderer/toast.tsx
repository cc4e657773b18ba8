/** A short confirmation ("Card buried until tomorrow") that fades by itself and is read by screen readers. */
import { useEffect } from 'react';

export interface ToastMessage {
  id: number;
  text: string;
}

const TOAST_MS = 2500;

export function Toast({ toast, onDone }: { toast: ToastMessage | null; onDone: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(onDone, TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast, onDone]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast" key={toast.id} data-testid="toast">
          {toast.text}
        </div>
      )}
    </div>
  );
}
