/**
 * The Electron main process: one locked-down window over the collection core. Thin on purpose:
 * everything Cue does lives in core/ and is reached through the API table.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  Notification,
  nativeTheme,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import type { ThemeChoice } from '../shared/preferences';
import { commandScript, PREFERENCES_CHANGED_SCRIPT, type RendererCommand } from '../shared/renderer-commands';
import { type MenuCommands, menuTemplate } from './app-menu';
import { appRoot, bundledDeckDir, clockFromEnv, rendererDir } from './app-paths';
import { BlockedRequestLog } from './blocked-requests';
import { Collection } from './core/collection';
import { nodeFileSystem } from './core/file-system';
import { listHistory } from './core/history/history';
import { changesHistory } from './core/history/undoable-methods';
import { DeckFileRouter, deckFilesFromArgv, importPreviewHash, uploadDeckFile } from './deck-file-open';
import {
  dataDirFromArgv,
  instancePaths,
  isForThisInstance,
  type SecondLaunch,
  syncDirFromArgv,
} from './instance-paths';
import { microphoneShellHandlers, registerApi } from './ipc';
import { MicrophoneArming } from './microphone-arming';
import { ReminderClock, readSettledDay, reminderText, writeSettledDay } from './reminder-schedule';
import { APP_ENTRY_URL, isAppUrl, PRIVILEGED_SCHEMES, WEB_PREFERENCES } from './shell-policy';
import { keepsTray, loginItemPlan, opensWindowAtStart, quitsWhenWindowsClose } from './shell-presence';
import { utilityOptimizer } from './utility-optimizer';
import { lockDownContents, lockDownSession } from './window-lockdown';
import {
  clampZoom,
  type DisplayInfo,
  placementFor,
  readWindowState,
  withPlacement,
  withRoute,
  writeWindowState,
  ZOOM_LEVELS,
} from './window-state';

/** better-sqlite3 built for Electron's ABI (scripts/start.mjs builds it); Node's copy otherwise. */
function sqliteBinding(): string | undefined {
  const candidates = [
    process.env.CUE_SQLITE_BINDING,
    join(appRoot, '.cache', 'electron-native', 'better_sqlite3.node'),
  ];
  return candidates.find((path): path is string => Boolean(path && existsSync(path)));
}

const WINDOW_LIMITS = { width: 1200, height: 820, minWidth: 1024, minHeight: 700 };

function displays(): DisplayInfo[] {
  // the primary display first: a window with nowhere to go opens there
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => ({
    id: display.id,
    bounds: display.bounds,
    workArea: display.workArea,
  }));
}

/** The route part of the page's address; none when the page never loaded. */
function hashOf(url: string): string {
  const at = url.indexOf('#');
  return at < 0 ? '' : url.slice(at);
}

/** The window where it was on these displays, at its zoom, on the screen it showed last. */
function createWindow(dataDir: string): BrowserWindow {
  let state = readWindowState(dataDir);
  const placement = placementFor(state, displays(), WINDOW_LIMITS);
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: WINDOW_LIMITS.minWidth,
    minHeight: WINDOW_LIMITS.minHeight,
    title: 'Cue',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') },
  });
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-finish-load', () => window.webContents.setZoomLevel(placement.zoomLevel));
  window.on('close', () => {
    state = withRoute(
      withPlacement(state, displays(), {
        bounds: window.getNormalBounds(),
        maximized: window.isMaximized(),
        zoomLevel: window.webContents.getZoomLevel(),
      }),
      hashOf(window.webContents.getURL()),
    );
    try {
      writeWindowState(dataDir, state);
    } catch (error) {
      console.warn(`The window's place could not be kept: ${(error as Error).message}`);
    }
  });
  void window.loadURL(`${APP_ENTRY_URL}${state.route ?? ''}`);
  return window;
}

// Registered before the app is ready, as Electron requires.
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
app.enableSandbox();

/**
 * One Cue per data folder: the folder is Electron's userData, where the single-instance lock lives (set
 * before the lock is asked for). A second launch on it hands over its command line and quits.
 */
function claimDataFolder(): string | null {
  const paths = instancePaths(
    dataDirFromArgv(process.argv) ?? process.env.CUE_DATA_DIR,
    app.getPath('userData'),
    process.cwd(),
  );
  try {
    mkdirSync(paths.dataDir, { recursive: true });
  } catch (error) {
    dialog.showErrorBox('Cue cannot use its data folder', `${paths.dataDir}: ${(error as Error).message}`);
    app.exit(2);
    return null;
  }
  app.setPath('userData', paths.userData);
  app.setPath('sessionData', paths.sessionData);
  const launch: SecondLaunch = { dataDir: paths.dataDir };
  return app.requestSingleInstanceLock(launch) ? paths.dataDir : null;
}

function argvDeckFiles(argv: readonly string[], cwd: string): string[] {
  return deckFilesFromArgv({ argv, cwd, packaged: app.isPackaged, platform: process.platform });
}

function start(): void {
  const dataDir = claimDataFolder();
  if (dataDir === null) {
    app.quit();
    return;
  }
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => shell.openExternal(url)));
  let desktop: DesktopShell | undefined;
  // files opened with Cue: on the command line (Windows, Linux), by macOS's open-file (which may come
  // before ready), or from a second launch; each goes to the window once it can take it
  const files = new DeckFileRouter();
  files.offerAll(argvDeckFiles(process.argv, process.cwd()));
  app.on('open-file', (event, path) => {
    event.preventDefault();
    files.offer(path);
    desktop?.showWindow();
  });
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    if (!isForThisInstance(additionalData, dataDir)) return;
    desktop?.showWindow();
    files.offerAll(argvDeckFiles(argv, workingDirectory));
  });
  app.on('window-all-closed', () => {
    if (!desktop || desktop.quitsWhenWindowsClose()) app.quit();
  });
  // macOS: a click on the dock icon with no window open opens one
  app.on('activate', () => desktop?.showWindow());
  void app.whenReady().then(() => {
    let collection: Collection;
    try {
      collection = new Collection({
        dataDir,
        clock: clockFromEnv(),
        bundledDeckDir,
        nativeBinding: sqliteBinding(),
        holder: 'the Cue desktop app',
        // a fit runs as a utility process: a crash in the native optimiser must never take the app down
        launchOptimizer: utilityOptimizer(utilityProcess.fork, app.getPath('temp')),
      });
    } catch (error) {
      dialog.showErrorBox('Cue cannot open its collection', (error as Error).message);
      app.exit(2);
      return;
    }
    app.on('will-quit', () => {
      desktop?.stop();
      collection.close();
    });
    startSync(collection);
    // a backup a day, like Anki, once the window is up and the background check found the collection sound
    setTimeout(() => {
      collection.maintenance().catch((error: unknown) => {
        console.error(`The daily backup failed: ${(error as Error).message}`);
      });
    }, 10_000);
    const microphone = new MicrophoneArming();
    registerApi(collection, isAppUrl, microphoneShellHandlers(microphone), (name) => {
      if (typeof name === 'string' && changesHistory(name)) desktop?.historyChanged();
    });
    lockDownSession(session.defaultSession, {
      rendererDir,
      mediaDir: collection.mediaDir,
      microphone,
      blocked: new BlockedRequestLog(),
    });
    desktop = new DesktopShell(collection, files);
    const { wasOpenedAtLogin } = app.getLoginItemSettings();
    desktop.start(opensWindowAtStart(process.argv, wasOpenedAtLogin, collection.preferences.reminders));
  });
}

/** Sync through the folder chosen (or given with --sync-dir); a folder that cannot be used is said, not fatal. */
function startSync(collection: Collection): void {
  const syncDir = syncDirFromArgv(process.argv);
  try {
    if (syncDir !== undefined) collection.sync.setFolder(resolve(syncDir));
  } catch (error) {
    dialog.showErrorBox('Cue cannot sync through that folder', (error as Error).message);
  }
  collection.sync.start();
}

async function backUpWithDialog(collection: Collection, window: BrowserWindow | undefined): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  const options = {
    title: 'Back up the collection',
    defaultPath: join(app.getPath('documents'), `cue-backup-${day}.cuebackup`),
    filters: [{ name: 'Cue backup', extensions: ['cuebackup'] }],
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return;
  try {
    const manifest = collection.backup(choice.filePath);
    await dialog.showMessageBox({ message: `Backed up the collection and ${manifest.media} media files.` });
  } catch (error) {
    dialog.showErrorBox('The backup failed', (error as Error).message);
  }
}

/** Cards to study now, as the home screen counts them: learning, reviews and new cards within today's limits. */
function dueNow(collection: Collection): number {
  return collection.handlers['decks.list']({}).reduce(
    (sum, deck) => sum + deck.due.learning + deck.due.review + deck.due.new,
    0,
  );
}

function waitForLoad(window: BrowserWindow): Promise<void> {
  if (!window.webContents.isLoading()) return Promise.resolve();
  return new Promise((resolve) => window.webContents.once('did-finish-load', () => resolve()));
}

/**
 * The desktop app around its window: the menu, the tray, reminders and the badge, starting at login, and
 * files opened with Cue. Each decision is a plain module (app-menu, reminder-schedule, shell-presence,
 * window-state, deck-file-open, all unit-tested); this class only hands them Electron's objects.
 */
class DesktopShell {
  private window: BrowserWindow | undefined;
  private tray: Tray | null = null;
  private openAtLogin: boolean | null = null;
  private readonly reminders: ReminderClock;
  private readonly stopListening: () => void;

  constructor(
    private readonly collection: Collection,
    private readonly files: DeckFileRouter,
  ) {
    this.reminders = new ReminderClock({
      now: () => collection.now(),
      timeZone: collection.boundary.timeZone,
      reminders: () => collection.preferences.reminders,
      dueCount: () => dueNow(collection),
      notify: (due) => this.notify(due),
      // macOS's dock and Linux's Unity launchers; Windows has no count badge (false, nothing shown)
      setBadge: (count) => void app.setBadgeCount(count),
      readSettled: () => readSettledDay(collection.dataDir),
      writeSettled: (day) => writeSettledDay(collection.dataDir, day),
      setTimer: (run, ms) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
    });
    this.stopListening = collection.onPreferencesChanged((next, before) => {
      nativeTheme.themeSource = next.theme;
      if (next.theme !== before.theme) {
        this.buildMenu();
        void this.window?.webContents.executeJavaScript(PREFERENCES_CHANGED_SCRIPT);
      }
      this.applyPresence();
      this.checkReminders(() => this.reminders.preferencesChanged(before.reminders));
    });
  }

  start(withWindow: boolean): void {
    nativeTheme.themeSource = this.collection.preferences.theme;
    this.buildMenu();
    this.applyPresence();
    if (withWindow) this.showWindow();
    this.checkReminders(() => this.reminders.check());
    // a reminder missed while asleep comes once on waking
    powerMonitor.on('resume', () => this.checkReminders(() => this.reminders.check()));
  }

  stop(): void {
    this.reminders.stop();
    this.stopListening();
    this.tray?.destroy();
    this.tray = null;
  }

  quitsWhenWindowsClose(): boolean {
    return quitsWhenWindowsClose(this.collection.preferences.reminders);
  }

  showWindow(): BrowserWindow {
    const shown = this.window;
    if (shown && !shown.isDestroyed()) {
      if (shown.isMinimized()) shown.restore();
      shown.show();
      shown.focus();
      return shown;
    }
    const window = createWindow(this.collection.dataDir);
    this.window = window;
    window.webContents.once('did-finish-load', () => this.files.ready((path) => this.openDeckFile(path)));
    window.on('closed', () => {
      this.files.notReady();
      this.window = undefined;
    });
    return window;
  }

  /** A command for the renderer (a screen, a dialog), in the window, opened if it was closed to the tray. */
  private send(command: RendererCommand): void {
    const window = this.showWindow();
    void waitForLoad(window).then(() => window.webContents.executeJavaScript(commandScript(command)));
  }

  private openDeckFile(path: string): void {
    try {
      const upload = uploadDeckFile(path, this.collection.uploads);
      const window = this.showWindow();
      const hash = importPreviewHash(upload);
      void waitForLoad(window).then(() =>
        window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`),
      );
    } catch (error) {
      dialog.showErrorBox('Cue cannot open this file', (error as Error).message);
    }
  }

  /** The Edit menu names the step undo and redo would take. */
  historyChanged(): void {
    this.buildMenu();
  }

  private buildMenu(): void {
    const history = listHistory(this.collection.db);
    const template = menuTemplate(process.platform, this.menuCommands(), {
      theme: this.collection.preferences.theme,
      history: { undo: history.undo[0]?.label ?? null, redo: history.redo[0]?.label ?? null },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  private menuCommands(): MenuCommands {
    const { collection } = this;
    return {
      renderer: (command) => this.send(command),
      backUp: () => void backUpWithDialog(collection, this.window),
      openDataFolder: () => {
        void shell.openPath(collection.dataDir).then((problem) => {
          if (problem) dialog.showErrorBox('The data folder could not be opened', `${collection.dataDir}: ${problem}`);
        });
      },
      setTheme: (theme) => this.setTheme(theme),
      zoom: (step) => this.zoom(step),
      about: () => {
        void dialog.showMessageBox({
          title: 'About Cue',
          message: `Cue ${app.getVersion()}`,
          detail: `Your collection is kept in ${collection.dataDir}.\nElectron ${process.versions.electron}, Chromium ${process.versions.chrome}.`,
        });
      },
    };
  }

  /** The rest (the native theme, the menu's radio, the renderer) follows from the change, as for the renderer's own. */
  private setTheme(theme: ThemeChoice): void {
    try {
      this.collection.setPreferences({ theme });
    } catch (error) {
      dialog.showErrorBox('The theme could not be kept', (error as Error).message);
    }
  }

  private zoom(step: 'in' | 'out' | 'reset'): void {
    const contents = this.window?.webContents;
    if (!contents) return;
    const level = contents.getZoomLevel() + (step === 'in' ? ZOOM_LEVELS.step : -ZOOM_LEVELS.step);
    contents.setZoomLevel(step === 'reset' ? 0 : clampZoom(level));
  }

  private notify(due: number): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ ...reminderText(due), icon: join(appRoot, 'assets', 'tray@2x.png') });
    notification.on('click', () => this.send('study'));
    notification.show();
  }

  private checkReminders(check: () => void): void {
    try {
      check();
    } catch (error) {
      console.error(`A reminder could not be checked: ${(error as Error).message}`);
    }
  }

  /** The tray while reminders need it, and the start at login as chosen. */
  private applyPresence(): void {
    const { reminders } = this.collection.preferences;
    if (keepsTray(reminders) && !this.tray) this.tray = this.makeTray();
    if (!keepsTray(reminders) && this.tray) {
      this.tray.destroy();
      this.tray = null;
    }
    if (this.openAtLogin !== reminders.openAtLogin) {
      this.openAtLogin = reminders.openAtLogin;
      this.applyLoginItem(reminders.openAtLogin);
    }
  }

  private makeTray(): Tray {
    const tray = new Tray(join(appRoot, 'assets', 'tray.png'));
    tray.setToolTip('Cue');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Study Now', click: () => this.send('study') },
        { label: 'Open Cue', click: () => this.showWindow() },
        { type: 'separator' },
        { label: 'Quit Cue', role: 'quit' },
      ]),
    );
    // Windows and Linux: a click opens the window (macOS shows the menu)
    tray.on('click', () => this.showWindow());
    return tray;
  }

  private applyLoginItem(openAtLogin: boolean): void {
    // a development run would register the bare Electron binary
    if (!app.isPackaged) return;
    const plan = loginItemPlan(
      process.platform,
      openAtLogin,
      { execPath: process.execPath, appImage: process.env.APPIMAGE },
      process.env.XDG_CONFIG_HOME || join(homedir(), '.config'),
    );
    try {
      if (plan.kind === 'login-item') app.setLoginItemSettings(plan.settings);
      else if (plan.contents === null) nodeFileSystem.remove(plan.path);
      else {
        nodeFileSystem.mkdir(dirname(plan.path));
        nodeFileSystem.writeFile(plan.path, plan.contents);
      }
    } catch (error) {
      console.error(
        `Starting Cue at login could not be ${openAtLogin ? 'set' : 'undone'}: ${(error as Error).message}`,
      );
    }
  }
}

start();
