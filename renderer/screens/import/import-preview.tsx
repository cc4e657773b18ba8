/**
 * The preview step: what the file would add, update and skip, the choices that change it (the deck's name,
 * a CSV file's columns, whether an Anki package's cards are rescheduled from their history) and the button that imports it. Every change of a choice asks for a new preview,
 * so the numbers on the Import button are always the ones the import will give.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ImportSummary } from '../../../shared/io';
import { describeError } from '../../lib/errors';
import { fileSize } from '../../lib/file-transfer';
import { plural } from '../../lib/format';
import { type ColumnRole, CsvMapping, mappingOf, rolesOf, withRole } from './import-csv-mapping';
import type { ImportOptions, ImportStage } from './import-flow';
import { FORMAT_NAMES, hasChanges, NoteTypeList, PresetList, SkippedList, SummaryCounts } from './import-summary';

/** Typing a name asks for a new preview once the typing pauses, not per letter. */
const NAME_DELAY_MS = 350;

function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** The API's deckName: trimmed, and absent when empty (the file's own name then). */
function cleanName(text: string): string | undefined {
  return text.trim() || undefined;
}

export function applyLabel(summary: ImportSummary): string {
  if (summary.cards > 0) return `Import ${plural(summary.cards, 'card')}`;
  if (summary.updated.cards > 0) return `Update ${plural(summary.updated.cards, 'card')}`;
  if (summary.reviews > 0) return `Import ${plural(summary.reviews, 'review')}`;
  return hasChanges(summary) ? 'Import' : 'Nothing to import';
}

type PreviewStage = Extract<ImportStage, { name: 'preview' }>;

interface Props {
  stage: PreviewStage;
  onOptions: (options: ImportOptions) => void;
  onApply: () => void;
  onAnother: () => void;
}

export function ImportPreviewPanel({ stage, onOptions, onApply, onAnother }: Props) {
  const { preview, upload, busy, problem, options } = stage;
  const { csv, summary } = preview;
  const [deckName, setDeckName] = useState('');
  const [reschedule, setReschedule] = useState(false);
  const rescheduleFromHistory = reschedule || undefined;
  // The file's own mapping is the starting point; only a change from it is sent.
  const [initialRoles] = useState(() => rolesOf(csv?.mapping ?? null, csv?.columnCount ?? 0));
  const [roles, setRoles] = useState(initialRoles);
  const settledName = cleanName(useSettled(deckName, NAME_DELAY_MS));
  const mapping = mappingOf(roles);
  const incomplete = csv !== null && mapping === null;
  const changedMapping = roles.join() === initialRoles.join() ? undefined : (mapping ?? undefined);
  const mappingKey = JSON.stringify(changedMapping);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `mappingKey` stands for `changedMapping`; `onOptions` is stable.
  useEffect(() => {
    if (!incomplete) onOptions({ deckName: settledName, mapping: changedMapping, rescheduleFromHistory });
  }, [settledName, mappingKey, incomplete, rescheduleFromHistory]);

  const upToDate =
    busy === null &&
    problem === null &&
    !incomplete &&
    cleanName(deckName) === options.deckName &&
    rescheduleFromHistory === options.rescheduleFromHistory;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="import-preview" aria-labelledby="preview-title" aria-busy={busy !== null}>
      <div className="preview-head">
        <h2 id="preview-title" ref={heading} tabIndex={-1}>
          Preview of {preview.fileName}
        </h2>
        <p className="muted" data-testid="import-format">
          {FORMAT_NAMES[preview.format]} · {fileSize(upload.size)} · nothing has been imported yet
        </p>
      </div>
      <div className={busy === 'preview' ? 'preview-body is-updating' : 'preview-body'} data-testid="import-preview">
        <SummaryCounts summary={summary} verbs={{ add: 'Will add', update: 'Will update' }} />
        <PresetList presets={summary.presets} preview />
        <NoteTypeList noteTypes={summary.noteTypes} preview />
        <SkippedList skipped={summary.skipped} />
      </div>
      {problem !== null && (
        <p className="import-problem" role="alert" data-testid="preview-problem">
          {describeError(problem).message}
        </p>
      )}
      {csv && (
        <CsvMapping
          csv={csv}
          roles={roles}
          onRole={(column: number, role: ColumnRole) => setRoles(withRole(roles, column, role))}
        />
      )}
      {preview.format !== 'revlog' && <DeckNameField value={deckName} onChange={setDeckName} />}
      {preview.format === 'apkg' && <RescheduleField checked={reschedule} onChange={setReschedule} />}
      <div className="button-row import-actions">
        <button
          type="button"
          className="button primary large"
          disabled={!upToDate || !hasChanges(summary)}
          onClick={onApply}
          data-testid="import-apply"
        >
          {busy === 'apply' ? 'Importing…' : applyLabel(summary)}
        </button>
        <button type="button" className="button large" onClick={onAnother} disabled={busy === 'apply'}>
          Choose another file
        </button>
        <span className="import-status" role="status">
          {busy === 'preview' ? 'Updating the preview…' : ''}
        </span>
      </div>
    </section>
  );
}

function DeckNameField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="import-card deck-name">
      <label htmlFor={id}>Import as deck named…</label>
      <input
        id={id}
        type="text"
        className="field"
        value={value}
        maxLength={200}
        placeholder="The name the file gives its deck"
        aria-describedby={`${id}-note`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-note`} className="import-note">
        Optional. Leave it empty to keep the file’s own deck name.
      </p>
    </div>
  );
}

function RescheduleField({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="import-card reschedule">
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={`${id}-note`}
          onChange={(event) => onChange(event.target.checked)}
          data-testid="import-reschedule"
        />{' '}
        Reschedule from history
      </label>
      <p id={`${id}-note`} className="import-note">
        Off: every card keeps the due date and interval Anki gave it. On: Cue replays each card’s reviews through its
        own scheduler and gives it new ones.
      </p>
    </div>
  );
}
