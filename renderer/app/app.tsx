/**
 * Which screen is showing. Studying is a state (a session is not a place to link to); the statistics,
 * a card's statistics, the Import, Backups and Sync screens, the card browser and the editor are hash routes
 * (#/stats/1/3, #/stats/1/3/card/17, #/import, #/backups, #/sync, #/browse, #/edit/17, #/add/3, #/notetypes),
 * so the back button works.
 */
import {
  type Dispatch,
  lazy,
  type SetStateAction,
  Suspense,
  useCallback,
  useEffect,
  useLayoutEffect,
  useState,
} from 'react';
import type { RendererCommand } from '../../shared/renderer-commands';
import { call } from '../lib/api-client';
import { type HistoryDirection, takeStep } from '../lib/history-actions';
import { type Route, routeHash, type StatsScope } from '../lib/route-hash';
import type { Scope, StudyTarget } from '../lib/study-scope';
import { Toast, useToast } from '../lib/toast';
import { BackupsScreen } from '../screens/backups/backups-screen';
import { BrowseScreen } from '../screens/browse/browse-screen';
import { CustomStudyScreen } from '../screens/custom/custom-study-screen';
import type { EditorTarget } from '../screens/editor/editor-flow';
import { EditorScreen } from '../screens/editor/editor-screen';
import { deckTarget } from '../screens/home/deck-overview';
import { type HomeRequest, HomeScreen } from '../screens/home/home-screen';
import { ImportScreen } from '../screens/import/import-screen';
import { MockScreen } from '../screens/mock/mock-screen';
import { NoteTypesScreen } from '../screens/notetypes/note-types-screen';
import { OptimizeScreen } from '../screens/optimize/optimize-screen';
import { OptionsScreen } from '../screens/options/options-screen';
import { ReadinessScreen } from '../screens/readiness/readiness-screen';
import { StudyScreen } from '../screens/study/study-screen';
import { SyncScreen } from '../screens/sync/sync-screen';
import { useCommands } from './app-commands';
import { useDeckDrop } from './deck-drop';
import { HelpDialog } from './help-dialog';
import { useHistoryKeys } from './history-keys';
import { navigate, useRoute } from './route';

// The statistics bring Recharts (~500 kB): a chunk of their own keeps it out of the morning's first paint.
const StatsScreen = lazy(() => import('../screens/stats/stats-screen').then((m) => ({ default: m.StatsScreen })));
const CardStatsScreen = lazy(() => import('../screens/card/card-screen').then((m) => ({ default: m.CardStatsScreen })));
const loading = <p className="muted loading">Loading statistics…</p>;
// The workload simulation draws with Recharts too.
const SimulateScreen = lazy(() =>
  import('../screens/simulate/simulate-screen').then((m) => ({ default: m.SimulateScreen })),
);

type SetTarget = Dispatch<SetStateAction<StudyTarget | null>>;

/** Screens whose own keys include undo (or whose unsaved draft a fresh showing would lose). */
const OWN_HISTORY_KEYS = new Set<Route['name']>(['browse', 'edit', 'add', 'mock', 'options']);

/** A command of the menu or of the renderer's own keys that shows a screen or opens a home dialog. */
async function showCommand(
  command: Exclude<RendererCommand, 'shortcuts' | 'about'>,
  setTarget: SetTarget,
  setHomeRequest: (request: HomeRequest) => void,
): Promise<void> {
  const simple = { home: 'home', browse: 'browse', import: 'import', restore: 'backups', sync: 'sync' } as const;
  if (command in simple) {
    setTarget(null);
    navigate({ name: simple[command as keyof typeof simple] });
    return;
  }
  // the rest are about the first deck, as the home screen's keys are
  const first = (await call('decks.list', {}))[0];
  if (command === 'study') {
    if (first) setTarget((current) => current ?? deckTarget(first));
    return;
  }
  setTarget(null);
  if (command === 'stats' && first) navigate({ name: 'stats', deckId: first.id });
  else if (command === 'options' && first) navigate({ name: 'options', deckId: first.id });
  else {
    navigate({ name: 'home' });
    if (command === 'export' || command === 'settings') setHomeRequest({ dialog: command, at: Date.now() });
  }
}

/**
 * The app around its screens: the commands of the desktop app's menu and of `?`, the Help dialog over any
 * screen, and a file dropped anywhere, which opens the import preview for it.
 */
export function App() {
  const route = useRoute();
  const [target, setTarget] = useState<StudyTarget | null>(null);
  const [help, setHelp] = useState<'shortcuts' | 'about' | null>(null);
  const [handed, setHanded] = useState<File | null>(null);
  const [homeRequest, setHomeRequest] = useState<HomeRequest | null>(null);
  // an undo or a redo from the menu or the keys shows the screen again from what the collection now holds
  const [historyVersion, setHistoryVersion] = useState(0);
  const { toast, say, clear } = useToast();
  const runHistory = useCallback(
    (direction: HistoryDirection) => {
      void takeStep(direction, say).then((step) => {
        if (step) setHistoryVersion((version) => version + 1);
      });
    },
    [say],
  );
  // the menu's Undo and Redo go where the keys would: a screen with undo of its own takes them as its keys
  // (study shows the card taken back), and one holding a draft is not shown again under it
  const ownKeys = target !== null || OWN_HISTORY_KEYS.has(route.name);
  const menuHistory = (direction: HistoryDirection) => {
    if (target !== null || route.name === 'browse') {
      const z = { key: 'z', ctrlKey: true, shiftKey: direction === 'redo', bubbles: true };
      // from the screen's own element, so its key handler (React's or the window's) sees the press
      (document.querySelector('main') ?? document.body).dispatchEvent(new KeyboardEvent('keydown', z));
    } else if (ownKeys) void takeStep(direction, say);
    else runHistory(direction);
  };
  useHistoryKeys(target === null && !OWN_HISTORY_KEYS.has(route.name), runHistory);
  useCommands((command) => {
    if (command === 'undo' || command === 'redo') {
      menuHistory(command);
      return;
    }
    if (command === 'shortcuts' || command === 'about') {
      setHelp(command);
      return;
    }
    setHelp(null);
    showCommand(command, setTarget, setHomeRequest).catch((error: unknown) => console.error(error));
  });
  const onImport = route.name === 'import';
  // the editor keeps what is being typed: a drop there never leaves it
  const editing = route.name === 'edit' || route.name === 'add';
  useDeckDrop(onImport ? 'off' : editing ? 'refuse' : 'take', (file) => {
    setHanded(file);
    setTarget(null);
    navigate({ name: 'import' });
  });
  // a handed file is read once; coming back to the Import screen later starts afresh
  useEffect(() => {
    if (!onImport) setHanded(null);
  }, [onImport]);
  // a file opened with the desktop app leaves study for its preview
  const opened = route.name === 'import' && route.opened !== undefined;
  useEffect(() => {
    if (opened) setTarget(null);
  }, [opened]);
  return (
    <>
      <Screens
        key={historyVersion}
        route={route}
        target={target}
        setTarget={setTarget}
        handed={handed}
        homeRequest={homeRequest}
        onHomeRequestDone={() => setHomeRequest(null)}
        onHelp={() => setHelp('shortcuts')}
      />
      {help && <HelpDialog focus={help} onClose={() => setHelp(null)} />}
      <Toast toast={toast} onDone={clear} />
    </>
  );
}

interface ScreensProps {
  route: Route;
  target: StudyTarget | null;
  setTarget: SetTarget;
  handed: File | null;
  homeRequest: HomeRequest | null;
  onHomeRequestDone: () => void;
  onHelp: () => void;
}

function Screens({ route, target, setTarget, handed, homeRequest, onHomeRequestDone, onHelp }: ScreensProps) {
  const leaveStudy = useCallback(() => setTarget(null), [setTarget]);
  // a custom session ends when it is left (its cards are not kept), and leads back to the decks
  const leaveCustom = useCallback(
    (sessionId: string) => {
      setTarget(null);
      call('custom.end', { sessionId }).catch(() => undefined);
      navigate({ name: 'home' });
    },
    [setTarget],
  );
  const goHome = useCallback(() => navigate({ name: 'home' }), []);
  const showStats = useCallback((scope: StatsScope) => navigate({ name: 'stats', ...scope }), []);
  const showImport = useCallback(() => navigate({ name: 'import' }), []);
  const showBackups = useCallback(() => navigate({ name: 'backups' }), []);
  const showSync = useCallback(() => navigate({ name: 'sync' }), []);
  const showBrowse = useCallback(() => navigate({ name: 'browse' }), []);
  const showNoteTypes = useCallback(() => navigate({ name: 'notetypes' }), []);
  const showCustom = useCallback((scope: Scope) => navigate({ name: 'custom', ...scope }), []);
  const editCard = useCallback((cardId: number) => navigate({ name: 'edit', cardId, from: 'browse' }), []);
  const editStudyCard = useCallback((cardId: number) => navigate({ name: 'edit', cardId, from: 'study' }), []);
  // A new place starts at its top, as a new page would; a new "as of" date keeps the reader where they are.
  const place = routeHash(route).split('?')[0];
  useLayoutEffect(() => {
    if (place) window.scrollTo(0, 0);
  }, [place]);

  const editing = editorTarget(route);
  if (target !== null) {
    // Keyed by scope so a new session never inherits the previous one's card or counts.
    const key = `${target.scope.deckId}:${target.scope.sectionId ?? 'all'}:${target.custom?.sessionId ?? ''}`;
    const { custom } = target;
    // Editing a card from study keeps the session mounted (hidden), so its done count survives.
    const fromStudy = (route.name === 'edit' || route.name === 'add') && route.from === 'study';
    return (
      <>
        <StudyScreen
          key={key}
          scope={target.scope}
          title={target.title}
          custom={custom}
          onHome={custom ? () => leaveCustom(custom.sessionId) : leaveStudy}
          onEdit={editStudyCard}
          paused={fromStudy}
        />
        {fromStudy && editing && <EditorScreen target={editing} onBack={goHome} onSaved={goHome} />}
      </>
    );
  }
  if (route.name === 'home') {
    return (
      <HomeScreen
        onStudy={setTarget}
        onStats={showStats}
        onImport={showImport}
        onBackups={showBackups}
        onSync={showSync}
        onBrowse={showBrowse}
        onCustom={showCustom}
        onNoteTypes={showNoteTypes}
        onHelp={onHelp}
        request={homeRequest}
        onRequestDone={onHomeRequestDone}
      />
    );
  }
  if (route.name === 'browse') return <BrowseScreen onHome={goHome} onEdit={editCard} />;
  if (editing !== null) {
    const openNoteTypes = () => navigate({ name: 'notetypes', from: editing });
    return <EditorScreen key={routeHash(route)} target={editing} onBack={showBrowse} onNoteTypes={openNoteTypes} />;
  }
  if (route.name === 'notetypes') {
    const { from } = route;
    const back = from
      ? () =>
          navigate(
            from.mode === 'edit'
              ? { name: 'edit', cardId: from.cardId, from: 'browse' }
              : { name: 'add', sectionId: from.sectionId, from: 'browse' },
          )
      : goHome;
    return <NoteTypesScreen onBack={back} backLabel={from ? 'Editor' : 'Decks'} />;
  }
  if (route.name === 'import') return <ImportScreen onHome={goHome} handed={handed} opened={route.opened} />;
  if (route.name === 'backups') return <BackupsScreen onHome={goHome} />;
  if (route.name === 'sync') return <SyncScreen onHome={goHome} />;
  if (route.name === 'custom') {
    const scope = { deckId: route.deckId, sectionId: route.sectionId };
    return <CustomStudyScreen key={routeHash(route)} scope={scope} onHome={goHome} onStart={setTarget} />;
  }
  if (route.name === 'mock') {
    const { deckId, sessionId } = route;
    const open = (id?: number) => navigate({ name: 'mock', deckId, sessionId: id });
    return <MockScreen key={routeHash(route)} deckId={deckId} sessionId={sessionId} onHome={goHome} onSession={open} />;
  }
  if (route.name === 'optimize') {
    const deckId = route.deckId;
    return <OptimizeScreen key={deckId} deckId={deckId} onBack={() => navigate({ name: 'options', deckId })} />;
  }
  if (route.name === 'options') return <OptionsScreen key={route.deckId} deckId={route.deckId} onHome={goHome} />;
  if (route.name === 'readiness') return <ReadinessScreen key={route.deckId} deckId={route.deckId} onHome={goHome} />;
  if (route.name === 'simulate') {
    const { deckId } = route;
    return (
      <Suspense fallback={<p className="muted loading">Loading the simulation…</p>}>
        <SimulateScreen key={deckId} deckId={deckId} onBack={() => navigate({ name: 'options', deckId })} />
      </Suspense>
    );
  }
  if (route.name !== 'stats' && route.name !== 'card') return null;
  const scope: StatsScope = { deckId: route.deckId, sectionId: route.sectionId, at: route.at };
  return (
    <Suspense fallback={loading}>
      {route.name === 'card' ? (
        <CardStatsScreen
          key={route.cardId}
          scope={scope}
          cardId={route.cardId}
          onBack={route.from === 'browse' ? showBrowse : () => showStats(scope)}
          backLabel={route.from === 'browse' ? 'Browse' : undefined}
        />
      ) : (
        <StatsScreen key={route.deckId} scope={scope} onHome={goHome} onScope={showStats} />
      )}
    </Suspense>
  );
}

function editorTarget(route: Route): EditorTarget | null {
  if (route.name === 'edit') return { mode: 'edit', cardId: route.cardId };
  if (route.name === 'add') return { mode: 'add', sectionId: route.sectionId };
  return null;
}
