/** The deck overview: what is due today, per deck and per section, and where to start studying. */
import { useEffect, useState } from 'react';
import type { CollectionInfo, DeckSummary, SectionSummary } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { ExportDialog, type ExportTarget } from '../../lib/export-dialog';
import { plural, total } from '../../lib/format';
import { KeyHint } from '../../lib/key-hint';
import { QueueCounts } from '../../lib/queue-counts';
import { type StatsScope, statsHash } from '../../lib/route-hash';
import { Toast, useToast } from '../../lib/toast';
import { useLoad } from '../../lib/use-load';
import { isActivatable, isEditable } from '../study/study-keys';
import type { Scope } from '../study/study-session';
import { MasteryBar } from './mastery-bar';
import { type Place, type PlaceAction, PlaceDialog, PlaceMenu } from './place-actions';
import { SettingsDialog } from './settings-dialog';

export interface StudyTarget {
  scope: Scope;
  title: string;
}

interface Props {
  onStudy: (target: StudyTarget) => void;
  onStats: (scope: StatsScope) => void;
  onImport: () => void;
  onBackups: () => void;
  onBrowse: () => void;
}

async function loadHome(): Promise<{ decks: DeckSummary[]; info: CollectionInfo }> {
  const [decks, info] = await Promise.all([call('decks.list', {}), call('collection.info', {})]);
  return { decks, info };
}

export function HomeScreen({ onStudy, onStats, onImport, onBackups, onBrowse }: Props) {
  const { data, error, loading, reload } = useLoad(loadHome);
  const [exporting, setExporting] = useState<ExportTarget | null>(null);
  const [placeAction, setPlaceAction] = useState<PlaceAction | null>(null);
  const { toast, say, clear: clearToast } = useToast();
  const [settingsOpen, setSettingsOpen] = useState(false);
  // While a dialog is open, its keys are its own.
  const dialogOpen = exporting !== null || placeAction !== null || settingsOpen;
  useHomeKeys(data?.decks[0], { onStudy, onStats, onImport, onBackups, onBrowse }, !dialogOpen);
  const undoDelete = async (batch: number) => {
    try {
      await call('cards.restore', { batch });
      say('Restored.');
    } catch (reason) {
      say(describeError(reason).message);
    }
    reload();
  };

  // Counts change at the day boundary and when learning cards fall due: refresh when the window comes back.
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);

  return (
    <main className="page home" aria-busy={loading}>
      <header className="app-header">
        <span className="app-name">Cue</span>
        <div className="header-actions">
          <button type="button" className="button" onClick={onBrowse} aria-keyshortcuts="/" data-testid="browse">
            Browse <KeyHint>/</KeyHint>
          </button>
          <button type="button" className="button" onClick={onBackups} aria-keyshortcuts="b" data-testid="backups">
            Backups <KeyHint>b</KeyHint>
          </button>
          <button type="button" className="button" onClick={onImport} aria-keyshortcuts="i" data-testid="import">
            Import <KeyHint>i</KeyHint>
          </button>
          <button type="button" className="button" onClick={() => setSettingsOpen(true)} data-testid="settings">
            Settings
          </button>
        </div>
      </header>
      {data && <Recoveries recoveries={data.info.recoveries} onBackups={onBackups} />}
      {data && <Warnings warnings={data.info.warnings} />}
      {data && <Notices notices={data.info.notices} />}
      {error !== null && !data && <ErrorPanel error={error} onRetry={reload} />}
      {!data && error === null && <p className="muted">Loading your decks…</p>}
      {data && data.decks.length === 0 && <p>No decks yet. Cue loads the decks bundled with it on start.</p>}
      {data?.decks.map((deck, index) => (
        <DeckOverview
          key={deck.id}
          deck={deck}
          isDefault={index === 0}
          onStudy={onStudy}
          onExport={setExporting}
          onPlaceAction={setPlaceAction}
        />
      ))}
      {exporting && <ExportDialog target={exporting} onClose={() => setExporting(null)} />}
      {placeAction && (
        <PlaceDialog
          request={placeAction}
          onClose={() => setPlaceAction(null)}
          onDone={(result) => {
            const { place } = placeAction;
            if ('renamed' in result) say(`Renamed to “${result.renamed}”.`);
            else if ('newPerDay' in result) say(`${place.name}: ${plural(result.newPerDay, 'new card')} a day.`);
            else
              say(`Deleted the ${place.kind} “${place.name}” and ${plural(result.deleted, 'card')}.`, {
                label: 'Undo',
                run: () => void undoDelete(result.batch),
              });
            reload();
          }}
        />
      )}
      {settingsOpen && (
        <SettingsDialog
          onClose={() => setSettingsOpen(false)}
          onSaved={(settings) =>
            say(`Desired retention: ${Math.round(settings.desiredRetention * 100)}%, for the answers from now on.`)
          }
        />
      )}
      <Toast toast={toast} onDone={clearToast} />
    </main>
  );
}

function deckTarget(deck: DeckSummary): StudyTarget {
  return { scope: { deckId: deck.id }, title: deck.name };
}

type HomeActions = Pick<Props, 'onStudy' | 'onStats' | 'onImport' | 'onBackups' | 'onBrowse'>;

/**
 * Like Anki's overview: Enter (or s) studies the deck, so a morning session starts without the mouse;
 * t opens its statistics, as T does in Anki; i opens the Import screen, as Ctrl+Shift+I does in Anki;
 * b opens the Backups screen; / opens the card browser, as search does in many apps.
 */
function useHomeKeys(deck: DeckSummary | undefined, actions: HomeActions, enabled: boolean): void {
  const { onStudy, onStats, onImport, onBackups, onBrowse } = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isEditable(event.target)) return;
      if (event.key === 'i') {
        event.preventDefault();
        onImport();
        return;
      }
      if (event.key === 'b') {
        event.preventDefault();
        onBackups();
        return;
      }
      if (event.key === '/') {
        event.preventDefault();
        onBrowse();
        return;
      }
      if (!deck) return;
      if (event.key === 't') {
        event.preventDefault();
        onStats({ deckId: deck.id });
        return;
      }
      if (isActivatable(event.target)) return;
      if (event.key !== 'Enter' && event.key !== 's') return;
      event.preventDefault();
      onStudy(deckTarget(deck));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [deck, onStudy, onStats, onImport, onBackups, onBrowse, enabled]);
}

/** Bundled decks updated at this start, and the person's edits that the update left alone. */
function Notices({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <div className="notice-banner" role="status" data-testid="notices">
      {notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}

/** A damaged collection file was replaced by a backup at this start, or there was none: said first, and plainly. */
function Recoveries({ recoveries, onBackups }: { recoveries: string[]; onBackups: () => void }) {
  if (recoveries.length === 0) return null;
  return (
    <div className="warning-banner" role="alert" data-testid="recoveries">
      <strong>Your collection file needed Cue’s attention</strong>
      {recoveries.map((recovery) => (
        <p key={recovery}>{recovery}</p>
      ))}
      <button type="button" className="button small" onClick={onBackups}>
        Show backups
      </button>
    </div>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="warning-banner" role="alert" data-testid="warnings">
      <strong>
        {warnings.length === 1 ? 'A problem while loading decks' : `${warnings.length} problems while loading decks`}
      </strong>
      <ul>
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </div>
  );
}

interface DeckProps {
  deck: DeckSummary;
  /** The deck Enter studies. */
  isDefault: boolean;
  onStudy: (target: StudyTarget) => void;
  onExport: (target: ExportTarget) => void;
  onPlaceAction: (action: PlaceAction) => void;
}

function deckPlace(deck: DeckSummary): Place {
  return {
    kind: 'deck',
    id: deck.id,
    name: deck.name,
    cards: deck.cards,
    sections: deck.sections.length,
    newPerDay: deck.newPerDay,
  };
}

function DeckOverview({ deck, isDefault, onStudy, onExport, onPlaceAction }: DeckProps) {
  const headingId = `deck-${deck.id}`;
  const dueNow = total(deck.due);
  return (
    <section className="deck" aria-labelledby={headingId}>
      <div className="deck-heading">
        <h1 id={headingId}>{deck.name}</h1>
        <button
          type="button"
          className="button ghost small"
          onClick={() => onExport({ deckId: deck.id, name: deck.name })}
          aria-label={`Export the deck: ${deck.name}`}
          data-testid="deck-export"
        >
          <ExportIcon /> Export deck…
        </button>
        <PlaceMenu place={deckPlace(deck)} onAction={onPlaceAction} />
      </div>
      {deck.description && <p className="deck-description">{deck.description}</p>}
      <div className="deck-summary">
        <div>
          <div className="summary-label">Due today</div>
          <div className="summary-counts" data-testid="deck-due">
            <QueueCounts counts={deck.due} testIdPrefix="deck-due" />
          </div>
          <div className="summary-meta">
            <span data-testid="reviewed-today">Reviewed today: {deck.reviewedToday}</span>
            <span>
              {plural(deck.cards, 'card')} in {plural(deck.sections.length, 'section')}
            </span>
          </div>
        </div>
        <div className="deck-actions">
          <a
            className="button large"
            href={statsHash({ deckId: deck.id })}
            aria-keyshortcuts={isDefault ? 't' : undefined}
            data-testid="deck-stats"
          >
            Statistics
            {isDefault && <KeyHint>t</KeyHint>}
          </a>
          <button
            type="button"
            className="button primary large"
            onClick={() => onStudy(deckTarget(deck))}
            aria-keyshortcuts={isDefault ? 'Enter s' : undefined}
          >
            {dueNow > 0 ? 'Study all' : 'Study all (nothing due)'}
            {isDefault && <KeyHint>Enter</KeyHint>}
          </button>
        </div>
      </div>
      <SectionTable deck={deck} onStudy={onStudy} onExport={onExport} onPlaceAction={onPlaceAction} />
    </section>
  );
}

function SectionTable({
  deck,
  onStudy,
  onExport,
  onPlaceAction,
}: Pick<DeckProps, 'deck' | 'onStudy' | 'onExport' | 'onPlaceAction'>) {
  return (
    <table className="sections">
      <caption className="visually-hidden">Sections of {deck.name}</caption>
      <thead>
        <tr>
          <th scope="col">Section</th>
          <th scope="col" className="num count-new">
            New
          </th>
          <th scope="col" className="num count-learning">
            Learning
          </th>
          <th scope="col" className="num count-review">
            Review
          </th>
          <th scope="col" className="mastery-col">
            Mastered
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deck.sections.map((section) => (
          <SectionRow
            key={section.id}
            section={section}
            statsHref={statsHash({ deckId: deck.id, sectionId: section.id })}
            onStudy={() => onStudy(sectionTarget(deck, section))}
            onExport={() => onExport({ deckId: deck.id, sectionId: section.id, name: section.name })}
            onPlaceAction={onPlaceAction}
          />
        ))}
      </tbody>
    </table>
  );
}

function sectionTarget(deck: DeckSummary, section: SectionSummary): StudyTarget {
  return { scope: { deckId: deck.id, sectionId: section.id }, title: section.name };
}

interface RowProps {
  section: SectionSummary;
  statsHref: string;
  onStudy: () => void;
  onExport: () => void;
  onPlaceAction: (action: PlaceAction) => void;
}

function SectionRow({ section, statsHref, onStudy, onExport, onPlaceAction }: RowProps) {
  const { due } = section;
  const aside = [
    plural(section.cards, 'card'),
    section.suspended > 0 ? `${section.suspended} suspended` : '',
    section.buried > 0 ? `${section.buried} buried` : '',
  ].filter(Boolean);
  return (
    <tr data-testid={`section-${section.key}`}>
      <th scope="row">
        <span className="section-name">{section.name}</span>
        <span className="section-meta">{aside.join(' · ')}</span>
      </th>
      <CountCell value={due.new} queue="new" />
      <CountCell value={due.learning} queue="learning" />
      <CountCell value={due.review} queue="review" />
      <td className="mastery-col">
        <MasteryBar mastered={section.mastered} cards={section.cards} name={section.name} href={statsHref} />
      </td>
      <td className="action">
        <div className="row-actions">
          <button
            type="button"
            className="button ghost icon-button"
            aria-label={`Export this section: ${section.name}`}
            title="Export this section…"
            onClick={onExport}
          >
            <ExportIcon />
          </button>
          <PlaceMenu
            place={{ kind: 'section', id: section.id, name: section.name, cards: section.cards }}
            onAction={onPlaceAction}
          />
          <button type="button" className="button" aria-label={`Study this section: ${section.name}`} onClick={onStudy}>
            Study
          </button>
        </div>
      </td>
    </tr>
  );
}

function CountCell({ value, queue }: { value: number; queue: string }) {
  return (
    <td className={`num count count-${queue}${value === 0 ? ' is-zero' : ''}`} data-testid={`due-${queue}`}>
      {value}
    </td>
  );
}

/** An arrow leaving a tray: export, small enough to sit beside each section's Study button. */
function ExportIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 15V3m0 0L7.5 7.5M12 3l4.5 4.5M4 14v4.5A2.5 2.5 0 0 0 6.5 21h11a2.5 2.5 0 0 0 2.5-2.5V14" />
    </svg>
  );
}
