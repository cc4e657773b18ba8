/**
 * The Electron main process: one locked-down window over the collection core. Thin on purpose:
 * everything Cue does lives in core/ and is reached through the API table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  protocol,
  type Session,
  session,
  shell,
  utilityProcess,
  type WebContents,
} from 'electron';
import { appRoot, bundledDeckDir, clockFromEnv, rendererDir } from './app-paths';
import { serveAppFile, serveMediaFile } from './app-protocol';
import { Collection } from './core/collection';
import { registerApi } from './ipc';
import { MicrophoneArming } from './microphone-arming';
import { CONTENT_SECURITY_POLICY } from './served-content';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  allowsNavigation,
  allowsPermission,
  externalUrl,
  isAppUrl,
  MEDIA_SCHEME,
  PRIVILEGED_SCHEMES,
  REMOTE_URL_PATTERNS,
  WEB_PREFERENCES,
} from './shell-policy';
import { utilityOptimizer } from './utility-optimizer';

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

/** Every web contents (the window, and any a bug might create) stays on Cue's origin and opens nothing. */
function lockDownContents(contents: WebContents): void {
  const refuseUnlessApp = (event: { url: string; preventDefault(): void }) => {
    if (!allowsNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseUnlessApp);
  contents.on('will-redirect', refuseUnlessApp);
  contents.on('will-frame-navigate', refuseUnlessApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrl(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
}

/**
 * The session grants only the microphone while a recording is armed, loads nothing remote, and serves
 * the app and media from their schemes.
 */
function lockDownSession(ses: Session, collection: Collection, microphone: MicrophoneArming): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const media = details as Electron.MediaAccessPermissionRequest;
    const origins = [details.requestingUrl, ...(media.securityOrigin === undefined ? [] : [media.securityOrigin])];
    const ask = { permission, origins, mediaTypes: media.mediaTypes ?? [] };
    callback(allowsPermission(ask, microphone.isArmedFor(contents.id)));
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    const origins = [requestingOrigin, details.securityOrigin, details.requestingUrl].filter(
      (origin): origin is string => origin !== undefined,
    );
    const ask = { permission, origins, mediaTypes: details.mediaType ? [details.mediaType] : [] };
    return allowsPermission(ask, microphone.isArmedFor(contents?.id));
  });
  ses.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) => callback({ cancel: true }));
  // the protocol handlers set the CSP themselves; this covers any response that does not come from them
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  ses.protocol.handle(APP_SCHEME, (request) => serveAppFile(request, rendererDir));
  ses.protocol.handle(MEDIA_SCHEME, (request) => serveMediaFile(request, collection.mediaDir));
}

// Registered before the app is ready, as Electron requires.
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
app.enableSandbox();

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
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
    registerApi(collection, isAppUrl, {
      'recordings.arm': (contentsId) => microphone.arm(contentsId),
      'recordings.disarm': () => microphone.disarm(),
    });
    lockDownSession(session.defaultSession, collection, microphone);
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
