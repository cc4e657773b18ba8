/**
 * The Import screen (#/import): choose or drop a file, see exactly what it would add, update and skip,
 * adjust the deck name or a CSV file's columns, then import it in one step. Escape goes back to the decks.
 * It also opens with a file: one dropped on another screen (`handed`), or one the desktop app was asked
 * to open and has already uploaded (`opened`, from the route).
 */
import { useEffect } from 'react';
import type { UploadedFile } from '../../../shared/io';
import { fileSize } from '../../lib/file-transfer';
import { ScreenHeader } from '../../lib/screen-header';
import { useBackKey } from '../../lib/use-back-key';
import { FileChooser, ImportFormats, useFileDrop } from './import-file-chooser';
import { type ImportStage, useImportFlow } from './import-flow';
import { ImportPreviewPanel } from './import-preview';
import { ImportDone, ImportFailed } from './import-result';

interface Props {
  onHome: () => void;
  /** A file dropped on another screen, to read at once. */
  handed?: File | null;
  opened?: UploadedFile;
}

export function ImportScreen({ onHome, handed, opened }: Props) {
  const flow = useImportFlow();
  const { stage, choose, previewOpened } = flow;
  useEffect(() => {
    if (handed) choose(handed);
  }, [handed, choose]);
  // the route is parsed afresh on each render: the file's fields, not the object, say whether it is new
  const openedKey = opened ? JSON.stringify(opened) : null;
  useEffect(() => {
    if (openedKey) previewOpened(JSON.parse(openedKey) as UploadedFile);
  }, [openedKey, previewOpened]);
  const canChoose = stage.name === 'choose' || stage.name === 'failed';
  const dragging = useFileDrop(canChoose ? flow.choose : null);
  useBackKey(onHome);

  return (
    <main className="page import-page" aria-labelledby="import-title" aria-busy={isBusy(stage)}>
      <ScreenHeader backLabel="Decks" onBack={onHome} title="Import" titleId="import-title" />
      {stage.name === 'choose' && (
        <>
          <FileChooser dragging={dragging} onFile={flow.choose} />
          <ImportFormats />
        </>
      )}
      {(stage.name === 'reading' || stage.name === 'checking') && <ImportProgress stage={stage} />}
      {stage.name === 'preview' && (
        <ImportPreviewPanel
          key={stage.upload.upload}
          stage={stage}
          onOptions={flow.update}
          onApply={flow.apply}
          onAnother={flow.reset}
        />
      )}
      {stage.name === 'done' && (
        <ImportDone
          fileName={stage.fileName}
          summary={stage.summary}
          deck={stage.deck}
          onHome={onHome}
          onAnother={flow.reset}
        />
      )}
      {stage.name === 'failed' && (
        <ImportFailed
          fileName={stage.fileName}
          error={stage.error}
          unchanged={stage.unchanged}
          onAnother={flow.reset}
          onHome={onHome}
        />
      )}
    </main>
  );
}

function isBusy(stage: ImportStage): boolean {
  return stage.name === 'reading' || stage.name === 'checking' || (stage.name === 'preview' && stage.busy !== null);
}

type ProgressStage = Extract<ImportStage, { name: 'reading' | 'checking' }>;

/**
 * Reading shows how much of the file is sent (a browser streams it to Cue) or encoded (the desktop app
 * then sends it in one call); Cue's reading of it has nothing to measure, so the bar then only says that
 * work goes on.
 */
function ImportProgress({ stage }: { stage: ProgressStage }) {
  const size = fileSize(stage.size);
  const text =
    stage.name === 'reading'
      ? `Reading ${stage.fileName} (${size})…`
      : `Checking what ${stage.fileName} (${size}) holds…`;
  const fraction = stage.name === 'reading' ? stage.fraction : null;
  return (
    <div className="import-progress" data-testid="import-progress">
      <p id="import-progress-text" role="status">
        {text}
      </p>
      {/* A new element when the bar turns indeterminate: React leaves a removed `value` behind. */}
      {fraction === null ? (
        <progress key="busy" aria-labelledby="import-progress-text" />
      ) : (
        <progress key="known" aria-labelledby="import-progress-text" max={1} value={fraction} />
      )}
    </div>
  );
}
