/**
 * Export a deck or one section as a file: a modal dialog to choose the format, then the file is handed to
 * the browser as a download (Electron asks where to save it). The dialog stays open to say what was saved.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import type { ExportFormat } from '../../shared/io';
import { call } from './api-client';
import { useModal } from './dialog-hooks';
import { describeError } from './errors';
import { fileSize, saveFile } from './file-transfer';

export interface ExportTarget {
  deckId: number;
  sectionId?: number;
  /** The deck's or the section's name, for the dialog's title. */
  name: string;
}

const FORMATS: { format: ExportFormat; label: string; note: string }[] = [
  { format: 'cue', label: 'Cue deck (.md)', note: 'Markdown that Cue reads back as the same cards.' },
  { format: 'csv', label: 'CSV for Anki (.txt)', note: 'Anki’s text import: question, answer, tags and deck.' },
  { format: 'apkg', label: 'Anki package (.apkg)', note: 'Opens in Anki, with the cards’ images and sounds.' },
  { format: 'revlog', label: 'Review history (.csv)', note: 'Every review, in the FSRS optimizer’s format.' },
];

type Outcome =
  | { name: 'idle' }
  | { name: 'busy' }
  | { name: 'saved'; fileName: string; size: number }
  | { name: 'failed'; error: unknown };

interface Props {
  target: ExportTarget;
  onClose: () => void;
}

export function ExportDialog({ target, onClose }: Props) {
  const dialog = useModal();
  const titleId = useId();
  const [format, setFormat] = useState<ExportFormat>('cue');
  const [withHistory, setWithHistory] = useState(true);
  const [withRecordings, setWithRecordings] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ name: 'idle' });
  const latest = useRef(0);

  const busy = outcome.name === 'busy';
  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const mine = ++latest.current;
    setOutcome({ name: 'busy' });
    try {
      const file = await call('export.deck', {
        deckId: target.deckId,
        sectionId: target.sectionId,
        format,
        // A review-history file is nothing but history: without it the core writes only the header.
        withHistory: format === 'revlog' || (format === 'apkg' && withHistory),
        // your own voice leaves the collection only when you tick it, and only an Anki package carries it
        includeRecordings: format === 'apkg' && withRecordings,
      });
      if (mine !== latest.current || !dialog.current?.open) return;
      saveFile(file);
      setOutcome({ name: 'saved', fileName: file.fileName, size: file.size });
    } catch (error) {
      if (mine === latest.current) setOutcome({ name: 'failed', error });
    }
  };

  return (
    <dialog
      ref={dialog}
      className="modal export-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="export-dialog"
    >
      <form onSubmit={run}>
        <h2 id={titleId}>Export {target.name}</h2>
        <p className="muted modal-lead">
          {target.sectionId === undefined ? 'The whole deck, every section.' : 'This section only.'}
        </p>
        <fieldset className="format-choice">
          <legend>Format</legend>
          {FORMATS.map((option) => (
            <label key={option.format} className="format-option">
              <input
                type="radio"
                name="export-format"
                value={option.format}
                checked={format === option.format}
                onChange={() => setFormat(option.format)}
              />
              <span>
                <span className="format-label">{option.label}</span>
                <span className="format-note">{option.note}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className={`check${format === 'apkg' ? '' : ' is-disabled'}`}>
          <input
            type="checkbox"
            // Shown unticked where it does not apply, so a greyed tick never suggests history goes along.
            checked={format === 'apkg' && withHistory}
            disabled={format !== 'apkg'}
            onChange={(event) => setWithHistory(event.target.checked)}
          />
          <span>
            With review history
            <span className="format-note">
              For Anki packages: your reviews and scheduling go along, so Anki knows what you have learned.
            </span>
          </span>
        </label>
        <label className={`check${format === 'apkg' ? '' : ' is-disabled'}`}>
          <input
            type="checkbox"
            checked={format === 'apkg' && withRecordings}
            disabled={format !== 'apkg'}
            onChange={(event) => setWithRecordings(event.target.checked)}
            data-testid="export-recordings"
          />
          <span>
            With my recorded answers
            <span className="format-note">
              For Anki packages: the recordings of your spoken answers go along, played on each card’s back.
            </span>
          </span>
        </label>
        <ExportOutcome outcome={outcome} />
        <div className="button-row modal-actions">
          {/* Not `disabled` while busy: a disabled button drops the focus out of the dialog. */}
          <button type="submit" className="button primary" aria-disabled={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {outcome.name === 'saved' ? 'Done' : 'Cancel'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function ExportOutcome({ outcome }: { outcome: Outcome }) {
  if (outcome.name === 'failed') {
    return (
      <p className="import-problem" role="alert" data-testid="export-error">
        {describeError(outcome.error).message}
      </p>
    );
  }
  return (
    <p className="export-status" role="status" data-testid="export-status">
      {outcome.name === 'busy' && 'Writing the file…'}
      {outcome.name === 'saved' && (
        <>
          Exported <strong>{outcome.fileName}</strong> ({fileSize(outcome.size)}).
        </>
      )}
    </p>
  );
}
