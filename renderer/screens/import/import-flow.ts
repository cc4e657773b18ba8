/**
 * The steps of an import as state: choose a file, read and upload it, preview what it would do (again
 * whenever the deck name, the column mapping or the choice to reschedule changes), apply it, and the outcome. Answers that arrive
 * after the person has moved on (another file, another mapping, another screen) are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { CueError } from '../../../shared/errors';
import type { ColumnMapping, ImportedDeck, ImportPreview, ImportSummary, UploadedFile } from '../../../shared/io';
import { call } from '../../lib/api-client';
import { uploadFile } from '../../lib/file-transfer';

export interface ImportOptions {
  deckName?: string;
  mapping?: ColumnMapping;
  /** Anki packages: replay the history through Cue's scheduler instead of keeping Anki's due dates. */
  rescheduleFromHistory?: boolean;
}

export type ImportStage =
  | { name: 'choose' }
  /** `fraction` while the file is encoded; null while Cue receives and reads it. */
  | { name: 'reading'; fileName: string; size: number; fraction: number | null }
  | { name: 'checking'; fileName: string; size: number }
  | {
      name: 'preview';
      upload: UploadedFile;
      preview: ImportPreview;
      /** The options last asked for; `preview` matches them unless `problem` says why it could not. */
      options: ImportOptions;
      busy: 'preview' | 'apply' | null;
      problem: unknown;
    }
  | { name: 'done'; fileName: string; summary: ImportSummary; deck: ImportedDeck | undefined }
  /** `unchanged`: Cue answered, so the collection is as it was (an import is one transaction). */
  | { name: 'failed'; fileName: string; error: unknown; unchanged: boolean };

export interface ImportFlow {
  stage: ImportStage;
  choose: (file: File) => void;
  /** A file already handed to Cue (opened with the desktop app from the system): straight to its preview. */
  previewOpened: (upload: UploadedFile) => void;
  update: (options: ImportOptions) => void;
  apply: () => void;
  reset: () => void;
}

export function sameOptions(a: ImportOptions, b: ImportOptions): boolean {
  const key = (o: ImportOptions) => JSON.stringify([o.deckName, o.mapping, o.rescheduleFromHistory === true]);
  return key(a) === key(b);
}

/** The deck an import went into, for a link to its statistics: the new deck, else one it added cards to. */
function importedDeck(summary: ImportSummary): ImportedDeck | undefined {
  return summary.importedDecks.find((deck) => deck.created) ?? summary.importedDecks.find((deck) => deck.cards > 0);
}

export function useImportFlow(): ImportFlow {
  const [stage, setStage] = useState<ImportStage>({ name: 'choose' });
  // Every new step takes a ticket; an answer whose ticket is no longer the latest is ignored.
  const ticket = useRef(0);
  const current = useRef(stage);
  current.current = stage;
  useEffect(
    () => () => {
      ticket.current++;
    },
    [],
  );

  const choose = useCallback(async (file: File) => {
    const mine = ++ticket.current;
    const live = () => mine === ticket.current;
    const base = { fileName: file.name, size: file.size };
    setStage({ name: 'reading', ...base, fraction: 0 });
    try {
      const upload = await uploadFile(file, (fraction) => {
        if (live()) setStage({ name: 'reading', ...base, fraction: fraction < 1 ? fraction : null });
      });
      if (!live()) return;
      setStage({ name: 'checking', ...base });
      const preview = await call('import.preview', { upload: upload.upload });
      if (live()) setStage({ name: 'preview', upload, preview, options: {}, busy: null, problem: null });
    } catch (error) {
      if (live()) setStage({ name: 'failed', fileName: file.name, error, unchanged: true });
    }
  }, []);

  const previewOpened = useCallback(async (upload: UploadedFile) => {
    const mine = ++ticket.current;
    setStage({ name: 'checking', fileName: upload.name, size: upload.size });
    try {
      const preview = await call('import.preview', { upload: upload.upload });
      if (mine === ticket.current)
        setStage({ name: 'preview', upload, preview, options: {}, busy: null, problem: null });
    } catch (error) {
      if (mine === ticket.current) setStage({ name: 'failed', fileName: upload.name, error, unchanged: true });
    }
  }, []);

  const update = useCallback(async (options: ImportOptions) => {
    const shown = current.current;
    if (shown.name !== 'preview' || sameOptions(shown.options, options)) return;
    const mine = ++ticket.current;
    setStage({ ...shown, options, busy: 'preview', problem: null });
    try {
      const preview = await call('import.preview', { upload: shown.upload.upload, ...options });
      if (mine === ticket.current) setStage({ ...shown, preview, options, busy: null, problem: null });
    } catch (problem) {
      // A mapping or name the core refuses is shown beside the choices; the file itself was fine.
      if (mine === ticket.current) setStage({ ...shown, options, busy: null, problem });
    }
  }, []);

  const apply = useCallback(async () => {
    const shown = current.current;
    if (shown.name !== 'preview' || shown.busy !== null) return;
    const mine = ++ticket.current;
    setStage({ ...shown, busy: 'apply' });
    const fileName = shown.preview.fileName;
    try {
      const summary = await call('import.apply', { upload: shown.upload.upload, ...shown.options });
      if (mine === ticket.current) setStage({ name: 'done', fileName, summary, deck: importedDeck(summary) });
    } catch (error) {
      // Without an answer from Cue (it stopped, the connection broke) nobody can say what happened.
      if (mine === ticket.current) {
        setStage({ name: 'failed', fileName, error, unchanged: error instanceof CueError });
      }
    }
  }, []);

  const reset = useCallback(() => {
    ticket.current++;
    setStage({ name: 'choose' });
  }, []);

  return { stage, choose, previewOpened, update, apply, reset };
}
