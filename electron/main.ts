/**
 * The Electron main process: one locked-down window over the collection core. Thin on purpose:
 * everything Cue does lives in core/ and is reached through the API table.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, net, protocol, shell } from 'electron';
import { appRoot, bundledDeckDir, clockFromEnv, rendererDir } from './app-paths';
import { Collection } from './core/collection';
import { registerApi } from './ipc';
import { CONTENT_SECURITY_POLICY } from './web/web-host';

const rendererIndex = join(rendererDir, 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

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
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadFile(rendererIndex);
  return window;
}

function lockDownSessions(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    contents.session.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
  });
}

// Cards show the collection's media through cue-media://media/<name>; registered before the app is ready.
protocol.registerSchemesAsPrivileged([
  { scheme: 'cue-media', privileges: { standard: true, secure: true, stream: true } },
]);

function serveMedia(collection: Collection): void {
  protocol.handle('cue-media', (request) => {
    const name = decodeURIComponent(new URL(request.url).pathname.replace(/^\/+/, ''));
    if (!name || name !== basename(name) || name.startsWith('.')) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(join(collection.mediaDir, name)).toString());
  });
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  lockDownSessions();
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
      });
    } catch (error) {
      dialog.showErrorBox('Cue cannot open its collection', (error as Error).message);
      app.exit(2);
      return;
    }
    app.on('will-quit', () => collection.close());
    // a backup a day, like Anki, once the window is up
    setTimeout(() => {
      try {
        collection.dailyBackup();
      } catch (error) {
        console.error(`The daily backup failed: ${(error as Error).message}`);
      }
    }, 10_000);
    registerApi(collection, (url) => url === rendererUrl || url.startsWith(`${rendererUrl}#`));
    serveMedia(collection);
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
