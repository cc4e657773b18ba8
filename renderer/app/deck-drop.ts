/**
 * A deck file dropped on the window, on any screen, starts the import preview for it, as the desktop app
 * does for a file opened with Cue. The Import screen takes its own drops (it shows where to drop); a drop
 * an element inside handled already (an image on the editor's field) is left to it. A file Cue does not
 * read goes to the Import screen too, which says so; the browser never replaces Cue with the file.
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

/** While `enabled`, a dropped deck file goes to `onFile`. */
export function useDeckDrop(enabled: boolean, onFile: (file: File) => void): void {
  const latest = useRef(onFile);
  latest.current = onFile;
  useEffect(() => {
    if (!enabled) return;
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event) || event.defaultPrevented) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event) || event.defaultPrevented) return;
      event.preventDefault();
      const files = [...(event.dataTransfer?.files ?? [])];
      const file = files.find((each) => isDeckFileName(each.name)) ?? files[0];
      if (file) latest.current(file);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [enabled]);
}
