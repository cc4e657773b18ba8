/** Focus and keyboard behaviour shared by Cue's dialogs and result screens. */
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { describeError } from './errors';

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

/**
 * A modal dialog, opened once when it mounts. It closes itself (Escape, Cancel, a finished action), and its
 * `onClose` then takes it out of the page.
 */
export function useModal(busy = false): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  useEscapeCloses(dialog, busy);
  return dialog;
}

/**
 * A modal dialog around one action: busy while it runs, closed when it succeeds, and a failure is said
 * inside it (`problem`) so the person can correct and try again.
 */
export function useActionDialog(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const dialog = useModal(busy);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await action();
      dialog.current?.close();
    } catch (reason) {
      setProblem(describeError(reason).message);
      setBusy(false);
    }
  };
  return { dialog, busy, problem, setProblem, submit };
}
