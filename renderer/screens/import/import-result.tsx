import type { ImportedDeck, ImportSummary } from '../../../shared/io';
import { useFocusOnMount } from '../../lib/dialog-hooks';
import { describeError } from '../../lib/errors';
import { KeyHint } from '../../lib/key-hint';
import { statsHash } from '../../lib/route-hash';
import { WriteFailure } from '../../lib/write-failure';
import { addedText, NoteTypeList, PresetList, SkippedList, SummaryCounts, updatedText } from './import-summary';

interface DoneProps {
  fileName: string;
  summary: ImportSummary;
  deck: ImportedDeck | undefined;
  onHome: () => void;
  onAnother: () => void;
}

export function ImportDone({ fileName, summary, deck, onHome, onAnother }: DoneProps) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const added = addedText(summary);
  const updated = updatedText(summary);
  return (
    <section className="import-done" aria-labelledby="done-title" data-testid="import-done">
      <h2 id="done-title" ref={heading} tabIndex={-1}>
        Imported {fileName}
      </h2>
      <p className="import-result" data-testid="import-result">
        {added ? `Imported ${added}.` : 'Nothing new was added.'}
        {updated && ` Updated ${updated}.`}
      </p>
      <SummaryCounts summary={summary} verbs={{ add: 'Added', update: 'Updated' }} />
      <PresetList presets={summary.presets} preview={false} />
      <NoteTypeList noteTypes={summary.noteTypes} preview={false} />
      <SkippedList skipped={summary.skipped} />
      <div className="button-row">
        <button type="button" className="button primary large" onClick={onHome} aria-keyshortcuts="Escape">
          Back to decks <KeyHint>Esc</KeyHint>
        </button>
        {deck && (
          <a className="button large" href={statsHash({ deckId: deck.id })} data-testid="imported-deck-stats">
            Statistics of {deck.name}
          </a>
        )}
        <button type="button" className="button large" onClick={onAnother}>
          Import another file
        </button>
      </div>
    </section>
  );
}

interface FailedProps {
  fileName: string;
  error: unknown;
  unchanged: boolean;
  onAnother: () => void;
  onHome: () => void;
}

export function ImportFailed({ fileName, error, unchanged, onAnother, onHome }: FailedProps) {
  const { title, code } = describeError(error);
  // A file the core refuses says what is wrong with it in the message itself.
  const headline = code === 'invalid_input' ? `Cue could not import ${fileName}` : title;
  return (
    <WriteFailure headline={headline} error={error} unchanged={unchanged} action="import" testId="import-error">
      <button type="button" className="button primary" onClick={onAnother}>
        Choose another file
      </button>
      <button type="button" className="button" onClick={onHome} aria-keyshortcuts="Escape">
        Back to decks
      </button>
    </WriteFailure>
  );
}
