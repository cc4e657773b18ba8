/** The deck overview: what is due today, per deck and per section, and where to start studying. */

import { useEffect, useState } from 'react';
import type { CollectionInfo, DeckSummary } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { ExportDialog, type ExportTarget } from '../../lib/export-dialog';
import { plural } from '../../lib/format';
import { stillNewest, takeStep } from '../../lib/history-actions';
import { KeyHint } from '../../lib/key-hint';
import { Toast, useToast } from '../../lib/toast';
import { useLoad } from '../../lib/use-load';
import { DeckList } from './deck-list';
import { DeckOverview } from './deck-overview';
import { Notices, Recoveries, Warnings } from './home-banners';
import { type HomeActions, useHomeKeys } from './home-keys';
import { type PlaceAction, PlaceDialog } from './place-actions';
import { useSelectedDeck } from './selected-deck';
import { SettingsDialog } from './settings-dialog';

/** A dialog of this screen asked for from elsewhere (the desktop app's File › Export, Settings); `at` tells two asks apart. */
export interface HomeRequest {
  dialog: 'export' | 'settings';
  at: number;
}

type Props = HomeActions & {
  onNoteTypes: () => void;
  onSync: () => void;
  onHelp: () => void;
  request?: HomeRequest | null;
  onRequestDone?: () => void;
};

async function loadHome(): Promise<{ decks: DeckSummary[]; info: CollectionInfo }> {
  const [decks, info] = await Promise.all([call('decks.list', {}), call('collection.info', {})]);
  return { decks, info };
}

export function HomeScreen(props: Props) {
  const { onStudy, onStats, onImport, onBackups, onBrowse, onCustom, onNoteTypes, onSync, onHelp } = props;
  const { request, onRequestDone } = props;
  const { data, error, loading, reload } = useLoad(loadHome);
  const [exporting, setExporting] = useState<ExportTarget | null>(null);
  const [placeAction, setPlaceAction] = useState<PlaceAction | null>(null);
  const { toast, say, clear: clearToast } = useToast();
  const [settingsOpen, setSettingsOpen] = useState(false);
  // While a dialog is open, its keys are its own.
  const dialogOpen = exporting !== null || placeAction !== null || settingsOpen;
  const { selected, select } = useSelectedDeck(data?.decks);
  // The keys act on the deck whose overview shows: the only one, or the one chosen in the list.
  useHomeKeys(selected, { onStudy, onStats, onImport, onBackups, onBrowse, onCustom }, !dialogOpen);
  // the toast's Undo is the history's: the delete is its newest step
  const undoDelete = async (label: string) => {
    if (!(await stillNewest(label, say))) return;
    await takeStep('undo', say);
    reload();
  };

  // Export offers the deck on show, so an ask waits for the decks to load.
  const firstDeck = selected;
  useEffect(() => {
    if (!request) return;
    if (request.dialog === 'settings') setSettingsOpen(true);
    else if (firstDeck) setExporting({ deckId: firstDeck.id, name: firstDeck.name });
    else if (!data) return;
    onRequestDone?.();
  }, [request, firstDeck, data, onRequestDone]);

  // Counts change at the day boundary and when learning cards fall due: refresh when the window comes back.
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);

  return (
    <main className={`page home${(data?.decks.length ?? 0) > 1 ? ' has-deck-list' : ''}`} aria-busy={loading}>
      <header className="app-header">
        <h1 className="app-name">Cue</h1>
        <div className="header-actions">
          <button type="button" className="button" onClick={onBrowse} aria-keyshortcuts="/" data-testid="browse">
            Browse <KeyHint>/</KeyHint>
          </button>
          <button type="button" className="button" onClick={onBackups} aria-keyshortcuts="b" data-testid="backups">
            Backups <KeyHint>b</KeyHint>
          </button>
          <button type="button" className="button" onClick={onSync} data-testid="sync">
            Sync
          </button>
          <button type="button" className="button" onClick={onImport} aria-keyshortcuts="i" data-testid="import">
            Import <KeyHint>i</KeyHint>
          </button>
          <button type="button" className="button" onClick={onNoteTypes} data-testid="note-types">
            Note types
          </button>
          <button type="button" className="button" onClick={() => setSettingsOpen(true)} data-testid="settings">
            Settings
          </button>
          <button type="button" className="button" onClick={onHelp} aria-keyshortcuts="?" data-testid="help-button">
            Help <KeyHint>?</KeyHint>
          </button>
        </div>
      </header>
      {data && <Recoveries recoveries={data.info.recoveries} onBackups={onBackups} />}
      {data && <Warnings warnings={data.info.warnings} />}
      {data && <Notices notices={data.info.notices} />}
      {error !== null && !data && <ErrorPanel error={error} onRetry={reload} />}
      {!data && error === null && <p className="muted">Loading your decks…</p>}
      {data && data.decks.length === 0 && <p>No decks yet. Cue loads the decks bundled with it on start.</p>}
      {data && data.decks.length > 1 && selected && (
        <div className="home-decks">
          <DeckList decks={data.decks} selectedId={selected.id} onSelect={select} onStudy={onStudy} />
          <DeckOverview
            key={selected.id}
            deck={selected}
            isDefault
            onStudy={onStudy}
            onExport={setExporting}
            onPlaceAction={setPlaceAction}
          />
        </div>
      )}
      {data?.decks.length === 1 && selected && (
        <DeckOverview
          deck={selected}
          isDefault
          onStudy={onStudy}
          onExport={setExporting}
          onPlaceAction={setPlaceAction}
        />
      )}
      {exporting && <ExportDialog target={exporting} onClose={() => setExporting(null)} />}
      {placeAction && (
        <PlaceDialog
          request={placeAction}
          onClose={() => setPlaceAction(null)}
          onDone={(result) => {
            const { place } = placeAction;
            if ('renamed' in result) say(`Renamed to “${result.renamed}”.`);
            else
              say(`Deleted the ${place.kind} “${place.name}” and ${plural(result.deleted, 'card')}.`, {
                label: 'Undo',
                run: () => void undoDelete(place.kind === 'deck' ? 'Delete deck' : 'Delete section'),
              });
            reload();
          }}
        />
      )}
      {settingsOpen && (
        <SettingsDialog
          onClose={() => setSettingsOpen(false)}
          onSaved={(settings) => say(`A new study day now starts at ${settings.rolloverHour}:00.`)}
        />
      )}
      <Toast toast={toast} onDone={clearToast} />
    </main>
  );
}
