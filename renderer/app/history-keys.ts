/**
 * The history's keys on screens that have none of their own (home, statistics, import, backups, note
 * types...): `u` or Ctrl+Z undoes the newest change, Ctrl+Shift+Z redoes, outside text fields and dialogs.
 * Study, the browser, the editor, deck options and a mock interview read these keys themselves.
 */
import { useEffect, useRef } from 'react';
import { type HistoryDirection, historyKey } from '../lib/history-actions';
import { keyPress } from '../lib/keys';

export function useHistoryKeys(enabled: boolean, run: (direction: HistoryDirection) => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || document.querySelector('dialog[open]')) return;
      const direction = historyKey(keyPress(event));
      if (direction === null) return;
      event.preventDefault();
      latest.current(direction);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
