/**
 * The desktop app's IPC path in Chromium, without an Electron binary. The built renderer (dist/renderer)
 * is served at HARNESS_ORIGIN, which stands for `cue-app://app` (Chromium cannot be given a custom scheme
 * here); every request of the page goes through the real lockdown (window-lockdown.ts) on a stand-in
 * session, so Cue's own files come from the real `cue-app:` handler and everything else is cancelled and
 * logged. The real preload.ts runs in each page (bundled with `electron` resolved to electron-in-page.ts)
 * and exposes `window.cue`; its calls cross a Playwright binding to the stand-in ipcMain, which hands them,
 * with the calling page and frame, to the real ipc.ts, dispatch and a collection on a real SQLite file.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'esbuild';
import { BlockedRequestLog } from '../../electron/blocked-requests';
import { APP_ORIGIN } from '../../electron/shell-policy';
import { lockDownSession } from '../../electron/window-lockdown';
import { IPC_BINDING } from './electron-in-page';
import { StandInSession } from './electron-stand-ins';
import type { MainSide, startMainSide } from './ipc-main-side';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const HELPERS = import.meta.dirname;

/** Where the harness serves Cue's origin. A secure context, as `cue-app:` is registered to be. */
export const HARNESS_ORIGIN = 'https://cue-app.test';

/** The URL Electron would report for a URL of the page: Cue's origin for the harness's, others as they are. */
export function asAppUrl(url: string): string {
  return url === HARNESS_ORIGIN || url.startsWith(`${HARNESS_ORIGIN}/`)
    ? APP_ORIGIN + url.slice(HARNESS_ORIGIN.length)
    : url;
}

/** preload.ts as the page runs it. */
async function preloadForPage(): Promise<string> {
  const result = await build({
    entryPoints: [join(REPO_ROOT, 'electron', 'preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    alias: { electron: join(HELPERS, 'electron-in-page.ts') },
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** ipc-main-side.ts (ipc.ts, dispatch, the collection) as this process runs it, `electron` being the stand-in. */
async function loadMainSide(): Promise<typeof startMainSide> {
  const result = await build({
    entryPoints: [join(HELPERS, 'ipc-main-side.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', '@open-spaced-repetition/binding'],
    alias: { electron: join(HELPERS, 'electron-in-main.ts') },
    logLevel: 'warning',
  });
  const module = { exports: {} as { startMainSide: typeof startMainSide } };
  // the native addons resolve from the repository, as the built app's do
  const require = createRequire(join(REPO_ROOT, 'package.json'));
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports.startMainSide;
}

export interface DesktopHarness {
  /** The renderer's entry, as main.ts loads `cue-app://app/index.html`. */
  entryUrl: string;
  /** The requests the lockdown refused (the real BlockedRequestLog). */
  blocked: BlockedRequestLog;
  main: MainSide;
  close(): void;
}

/**
 * Serves the renderer to every page of `context` through the lockdown, gives each page the preload, and
 * answers their IPC with a collection in `dataDir`. Each page is one web contents, numbered from 1.
 */
export async function startDesktopHarness(context: BrowserContext, dataDir: string): Promise<DesktopHarness> {
  const [preload, startMain] = await Promise.all([preloadForPage(), loadMainSide()]);
  const main = startMain(dataDir, join(REPO_ROOT, 'deck'));
  const blocked = new BlockedRequestLog(200, () => {});
  const session = new StandInSession();
  lockDownSession(session, {
    rendererDir: join(REPO_ROOT, 'dist', 'renderer'),
    mediaDir: main.mediaDir,
    microphone: main.microphone,
    blocked,
  });
  const contentsIds = new Map<Page, number>();
  const contentsId = (page: Page) => {
    if (!contentsIds.has(page)) contentsIds.set(page, contentsIds.size + 1);
    return contentsIds.get(page) as number;
  };

  await context.exposeBinding(IPC_BINDING, ({ page, frame }, channel: string, args: unknown[]) =>
    main.ipcMain.invoke({ id: contentsId(page), frameUrl: asAppUrl(frame.url()) }, channel, args),
  );
  await context.addInitScript({ content: preload });
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = asAppUrl(request.url());
    const frameUrl = (() => {
      try {
        return asAppUrl(request.frame().url());
      } catch {
        return ''; // a service worker's request has no frame
      }
    })();
    const referrer = asAppUrl((await request.headerValue('referer')) ?? '');
    if (await session.cancels({ url, referrer, frame: frameUrl ? { url: frameUrl } : null })) {
      await route.abort('blockedbyclient');
      return;
    }
    const response = await session.fetch(url, { method: request.method() });
    const headers = await session.receiveHeaders(
      Object.fromEntries([...response.headers].map(([name, value]) => [name, [value]])),
    );
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(Object.entries(headers).map(([name, values]) => [name, values.join(', ')])),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
  return { entryUrl: `${HARNESS_ORIGIN}/index.html`, blocked, main, close: () => main.close() };
}
