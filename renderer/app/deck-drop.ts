/**
 * A deck file dropped on the window, on any screen, starts the import preview for it, as the desktop app
 * does for a file opened with Cue. The Import screen takes its own drops (it shows where to drop, and says
 * when a file is not one Cue reads); a drop an element inside handled already (an image on the editor's
 * field) is left to it. Elsewhere only a deck file (by its extension) is taken: anything else dropped, an
 * image beside the editor's field say, is refused, and the browser never replaces Cue with the file.
 */
import { useEffect, useRef } from 'react';
import { IMPORT_ACCEPT } from '../lib/file-transfer';

const DECK_EXTENSIONS = IMPORT_ACCEPT.split(',');

export function isDeckFileName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && DECK_EXTENSIONS.includes(name.slice(dot).toLowerCase());
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * 'take': a dropped deck file goes to `onFile`; 'refuse': drops are caught and nothing taken (the editor,
 * whose unsaved text a drop must not leave); 'off': the screen takes drops itself (Import).
 */
export type DropMode = 'take' | 'refuse' | 'off';

export function useDeckDrop(mode: DropMode, onFile: (file: File) => void): void {
  const latest = useRef(onFile);
  latest.current = onFile;
  useEffect(() => {
    if (mode === 'off') return;
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event) || event.defaultPrevented) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = mode === 'take' ? 'copy' : 'none';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event) || event.defaultPrevented) return;
      event.preventDefault();
      const file = [...(event.dataTransfer?.files ?? [])].find((each) => isDeckFileName(each.name));
      if (file && mode === 'take') latest.current(file);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [mode]);
}
