/**
 * The Electron main process: one locked-down window over the collection core. Thin on purpose:
 * everything Cue does lives in core/ and is reached through the API table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, session, shell, utilityProcess } from 'electron';
import { appRoot, bundledDeckDir, clockFromEnv, rendererDir } from './app-paths';
import { BlockedRequestLog } from './blocked-requests';
import { Collection } from './core/collection';
import { microphoneShellHandlers, registerApi } from './ipc';
import { MicrophoneArming } from './microphone-arming';
import { APP_ENTRY_URL, isAppUrl, PRIVILEGED_SCHEMES, WEB_PREFERENCES } from './shell-policy';
import { utilityOptimizer } from './utility-optimizer';
import { lockDownContents, lockDownSession } from './window-lockdown';

function dataDirFromArgs(argv: string[]): string | undefined {
  const index = argv.indexOf('--data-dir');
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);
}

/** better-sqlite3 built for Electron's ABI (scripts/start.mjs builds it); Node's copy otherwise. */
function sqliteBinding(): string | undefined {
  const candidates = [
    process.env.CUE_SQLITE_BINDING,
    join(appRoot, '.cache', 'electron-native', 'better_sqlite3.node'),
  ];
  return candidates.find((path): path is string => Boolean(path && existsSync(path)));
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    title: 'Cue',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

// Registered before the app is ready, as Electron requires.
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
app.enableSandbox();

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => shell.openExternal(url)));
  let mainWindow: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    let collection: Collection;
    try {
      collection = new Collection({
        dataDir: dataDirFromArgs(process.argv) ?? process.env.CUE_DATA_DIR ?? app.getPath('userData'),
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
    app.on('will-quit', () => collection.close());
    // a backup a day, like Anki, once the window is up and the background check found the collection sound
    setTimeout(() => {
      collection.maintenance().catch((error: unknown) => {
        console.error(`The daily backup failed: ${(error as Error).message}`);
      });
    }, 10_000);
    const microphone = new MicrophoneArming();
    registerApi(collection, isAppUrl, microphoneShellHandlers(microphone));
    lockDownSession(session.defaultSession, {
      rendererDir,
      mediaDir: collection.mediaDir,
      microphone,
      blocked: new BlockedRequestLog(),
    });
    mainWindow = createWindow();
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(collection, () => mainWindow)));
  });
}

/** Shows a screen of the renderer; its routes live in the URL's hash. */
function showRoute(window: BrowserWindow | undefined, hash: string): void {
  void window?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
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

function menuTemplate(
  collection: Collection,
  mainWindow: () => BrowserWindow | undefined,
): Electron.MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        // the import screen opens the native file dialog itself; export is chosen per deck or section
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => showRoute(mainWindow(), '#/import') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => showRoute(mainWindow(), '#/') },
        { type: 'separator' },
        { label: 'Back Up Collection…', click: () => void backUpWithDialog(collection, mainWindow()) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // No undo/redo items: their Ctrl+Z accelerator would take the key from the study screen's undo.
    {
      label: 'Edit',
      submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}

start();
