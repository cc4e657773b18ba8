/** What an import adds, updates and skips, in numbers and in words; shared by the preview and the result. */
import type { ImportedNoteType, ImportFormat, ImportSummary } from '../../../shared/io';
import { plural } from '../../lib/format';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  cue: 'Cue deck (.md)',
  csv: 'CSV/TSV text (Anki’s text format)',
  apkg: 'Anki package',
  revlog: 'Review history (FSRS optimizer CSV)',
};

type Added = Exclude<keyof ImportSummary, 'updated' | 'skipped' | 'importedDecks' | 'presets' | 'noteTypes'>;

const ADDED: { key: Added; label: string; one: string; many?: string }[] = [
  { key: 'decks', label: 'Decks', one: 'deck' },
  { key: 'sections', label: 'Sections', one: 'section' },
  { key: 'notes', label: 'Notes', one: 'note' },
  { key: 'cards', label: 'Cards', one: 'card' },
  { key: 'reviews', label: 'Reviews', one: 'review' },
  { key: 'media', label: 'Media files', one: 'media file' },
];

export function hasChanges(summary: ImportSummary): boolean {
  return ADDED.some(({ key }) => summary[key] > 0) || summary.updated.notes + summary.updated.cards > 0;
}

/** "a, b and c". */
function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "1 deck, 3 notes, 3 cards and 1 media file": what was (or would be) added, zeros left out. */
export function addedText(summary: ImportSummary): string {
  return listed(
    ADDED.filter(({ key }) => summary[key] > 0).map(({ key, one, many }) => plural(summary[key], one, many)),
  );
}

export function updatedText(summary: ImportSummary): string {
  const { notes, cards } = summary.updated;
  return listed([notes > 0 ? plural(notes, 'note') : '', cards > 0 ? plural(cards, 'card') : ''].filter(Boolean));
}

interface CountsProps {
  summary: ImportSummary;
  /** "Will add" in a preview, "Added" after the import. */
  verbs: { add: string; update: string };
}

/** The counts side by side: what comes in, and what changes in cards already in the collection. */
export function SummaryCounts({ summary, verbs }: CountsProps) {
  return (
    <div className="import-counts">
      <section className="import-card" aria-labelledby="add-title">
        <h3 id="add-title">{verbs.add}</h3>
        <dl className="facts">
          {ADDED.map(({ key, label }) => (
            <div key={key} className={summary[key] === 0 ? 'is-zero' : undefined}>
              <dt>{label}</dt>
              <dd data-testid={`add-${key}`}>{summary[key]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="import-card" aria-labelledby="update-title">
        <h3 id="update-title">{verbs.update}</h3>
        <dl className="facts">
          {(['notes', 'cards'] as const).map((key) => (
            <div key={key} className={summary.updated[key] === 0 ? 'is-zero' : undefined}>
              <dt>{key === 'notes' ? 'Notes' : 'Cards'}</dt>
              <dd data-testid={`update-${key}`}>{summary.updated[key]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

/** The deck options the import brings: which preset each new deck gets, and what did not come across as it was. */
export function PresetList({ presets, preview }: { presets: ImportSummary['presets']; preview: boolean }) {
  if (presets.length === 0) return null;
  return (
    <section className="import-card" aria-labelledby="presets-title" data-testid="import-presets">
      <h3 id="presets-title">Deck options</h3>
      <ul className="skipped-list">
        {presets.map((preset) => (
          <li key={preset.deckId}>
            <strong>{preset.deck}</strong> {preview ? 'will use' : 'uses'} the preset “{preset.name}”{' '}
            {preset.created
              ? '(made from the package’s options)'
              : '(already in your collection, with the same options)'}
            {preset.notes.length > 0 && (
              <ul>
                {preset.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const NOTE_TYPE_OUTCOME: Record<ImportedNoteType['outcome'], [preview: string, done: string]> = {
  added: ['will be added', 'added'],
  unchanged: ['is already in your collection', 'was already in your collection'],
  updated: [
    'will be updated (same fields; new templates or styling)',
    'updated (same fields; new templates or styling)',
  ],
  'added-beside': [
    'changed its fields, so it will be added as a new type beside',
    'changed its fields, so it was added as a new type beside',
  ],
};

/** The note types the import brings and what becomes of each (Anki's rule: update when the fields match). */
export function NoteTypeList({ noteTypes, preview }: { noteTypes: ImportSummary['noteTypes']; preview: boolean }) {
  if (noteTypes.length === 0) return null;
  return (
    <section className="import-card" aria-labelledby="notetypes-title" data-testid="import-notetypes">
      <h3 id="notetypes-title">Note types</h3>
      <ul className="skipped-list">
        {noteTypes.map((type) => (
          <li key={type.noteTypeId}>
            <strong>{type.name}</strong> {NOTE_TYPE_OUTCOME[type.outcome][preview ? 0 : 1]}
            {type.beside ? ` “${type.beside}”` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Long lists start folded: a file with hundreds of duplicate lines should not push the Import button away. */
const OPEN_UP_TO = 5;

export function SkippedList({ skipped }: { skipped: ImportSummary['skipped'] }) {
  if (skipped.length === 0) return null;
  const title = `Skipped: ${plural(skipped.length, 'item')}`;
  const items = (
    <ul className="skipped-list">
      {skipped.map(({ item, reason }, index) => (
        // The same item can be skipped twice for different reasons; the position keeps keys unique.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders.
        <li key={`${index}:${item}`}>
          <strong>{item}</strong>: {reason}
        </li>
      ))}
    </ul>
  );
  return (
    <section className="import-card skipped" aria-label="Skipped" data-testid="skipped">
      {skipped.length <= OPEN_UP_TO ? (
        <>
          <h3>{title}</h3>
          {items}
        </>
      ) : (
        <details>
          <summary>
            <h3>{title}</h3>
          </summary>
          {items}
        </details>
      )}
    </section>
  );
}
