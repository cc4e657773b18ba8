/** The first step of an import: drop a file anywhere on the page, or choose one with the system's dialog. */
import { useEffect, useRef, useState } from 'react';
import { IMPORT_ACCEPT } from '../../lib/file-transfer';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Takes files dropped anywhere on the page while `onFile` is set; says whether one is being dragged over.
 * Drops are always caught while this screen shows, so a file missing the zone never replaces the app
 * (a browser tab would otherwise open it).
 */
export function useFileDrop(onFile: ((file: File) => void) | null): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onFile);
  latest.current = onFile;

  useEffect(() => {
    // dragenter and dragleave fire for every element crossed; the page is left when they balance.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(latest.current !== null);
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = latest.current ? 'copy' : 'none';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file && latest.current) latest.current(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return dragging;
}

interface Props {
  dragging: boolean;
  onFile: (file: File) => void;
}

export function FileChooser({ dragging, onFile }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // The one thing to do here: Enter (or Space) opens the file dialog straight away.
  useEffect(() => button.current?.focus(), []);

  return (
    <section
      className={`drop-zone${dragging ? ' is-dragging' : ''}`}
      aria-labelledby="drop-title"
      data-testid="drop-zone"
    >
      <svg className="drop-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 3v12m0 0-4.5-4.5M12 15l4.5-4.5M4 15v3.5A2.5 2.5 0 0 0 6.5 21h11a2.5 2.5 0 0 0 2.5-2.5V15" />
      </svg>
      <h2 id="drop-title">{dragging ? 'Drop the file to import it' : 'Drop a file here'}</h2>
      <p className="drop-or">or</p>
      <button ref={button} type="button" className="button primary large" onClick={() => input.current?.click()}>
        Choose file…
      </button>
      <input
        ref={input}
        type="file"
        accept={IMPORT_ACCEPT}
        hidden
        aria-label="File to import"
        data-testid="import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) is a change too.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
      <p className="drop-note">Nothing changes until you confirm: Cue first shows what the file would add.</p>
    </section>
  );
}

const FORMATS: { name: string; extensions: string; what: string }[] = [
  { name: 'Cue decks', extensions: '.md', what: 'Cue’s own Markdown deck files.' },
  {
    name: 'CSV/TSV text',
    extensions: '.csv, .tsv, .txt',
    what: 'Anki’s text format (Notes in Plain Text), with or without its # header lines; you choose the columns.',
  },
  {
    name: 'Anki packages',
    extensions: '.apkg, .colpkg',
    what: 'Notes, cards, media and review history, from Anki or AnkiDroid.',
  },
  {
    name: 'Review history',
    extensions: '.csv',
    what: 'The FSRS optimizer’s CSV (card_id, review_time, review_rating, …) for cards already in Cue.',
  },
];

export function ImportFormats() {
  return (
    <section className="import-formats" aria-labelledby="formats-title">
      <h2 id="formats-title">Files Cue reads</h2>
      <dl>
        {FORMATS.map((format) => (
          <div key={format.name}>
            <dt>
              {format.name} <span className="format-ext">{format.extensions}</span>
            </dt>
            <dd>{format.what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
