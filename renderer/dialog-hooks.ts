/** Focus and keyboard behaviour shared by Cue's dialogs and result screens. */
import { type RefObject, useEffect, useRef } from 'react';

/**
 * Escape closes the dialog and nothing else: it is claimed before any other listener sees it (capture on
 * the window), so a screen that goes back on Escape stays put, wherever the focus is. While `busy`, it
 * closes nothing.
 */
export function useEscapeCloses(dialog: RefObject<HTMLDialogElement | null>, busy = false): void {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || !dialog.current?.open) return;
      event.preventDefault();
      event.stopPropagation();
      if (!busy) dialog.current.close();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dialog, busy]);
}

/** Moves focus to an element when it appears, so a screen reader announces the new step or result. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
