/**
 * The desktop app itself, driven through Playwright's Electron support. Runs where an Electron binary
 * is installed (and a display is available); elsewhere it is skipped with the reason printed.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary, electronSqliteBinding } from '../../scripts/electron-native.mjs';

const root = join(import.meta.dirname, '..', '..');

function whyNot(): string | undefined {
  const binary = electronBinary();
  if (!binary.path) {
    // the electron package is there, but its binary is a separate download that has not happened
    return `no Electron binary is installed: node_modules/electron has no downloaded binary (Electron says: ${binary.reason})`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (run under xvfb-run)';
  }
  return undefined;
}

test('the desktop app opens the collection in a locked-down window on its own scheme and studies a card', async () => {
  const reason = whyNot();
  if (reason) console.log(`Electron spec skipped: ${reason}`);
  test.skip(reason !== undefined, reason);
  const binding = electronSqliteBinding(root);
  test.skip(!binding, 'better-sqlite3 could not be built for Electron');
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-electron-'));
  const app = await electron.launch({
    args: [root, '--data-dir', dataDir],
    env: { ...process.env, CUE_SQLITE_BINDING: binding as string },
  });
  try {
    const page = await app.firstWindow();
    type Exposed = { cue?: object; require?: unknown; process?: unknown };
    await expect(page.getByRole('button', { name: /study all/i })).toBeVisible();
    // the renderer has the API table and nothing of Node
    const exposed = await page.evaluate(() => {
      const global = globalThis as Exposed;
      return {
        methods: Object.keys(global.cue ?? {}).sort(),
        hasRequire: typeof global.require,
        hasProcess: typeof global.process,
      };
    });
    expect(exposed.methods).toContain('study.answer');
    expect(exposed.hasRequire).toBe('undefined');
    expect(exposed.hasProcess).toBe('undefined');
    // the page comes from Cue's own scheme, not from file://
    const url = page.url();
    expect(url).toMatch(/^cue-app:\/\/app\/index\.html(#|$)/);
    // navigation away from Cue is refused: the main process sees the attempt and prevents it
    const attempt = app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0].webContents;
      return new Promise<{ url: string; prevented: boolean }>((resolve) => {
        contents.once('will-navigate', (event) => {
          // after every listener, Cue's included, has run
          setImmediate(() => resolve({ url: event.url, prevented: event.defaultPrevented }));
        });
      });
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    expect(await attempt).toEqual({ url: 'https://example.com/', prevented: true });
    expect(page.url()).toBe(url);
    // no new window for any link, no request to the network
    expect(await page.evaluate(() => window.open('file:///etc/passwd') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
    const remote = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'loaded',
        () => 'refused',
      ),
    );
    expect(remote).toBe('refused');
    await page.getByRole('button', { name: /study all/i }).click();
    await expect(page.getByTestId('question')).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press('3');
    await expect(page.getByTestId('progress')).toContainText('done 1 ');
  } finally {
    await app.close();
  }
});

test('the desktop app grants the microphone only while a recording is armed, and never the camera', async () => {
  const reason = whyNot();
  test.skip(reason !== undefined, reason);
  const binding = electronSqliteBinding(root);
  test.skip(!binding, 'better-sqlite3 could not be built for Electron');
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-electron-'));
  const app = await electron.launch({
    // Chromium's fake devices, so there is a microphone and a camera to refuse
    args: ['--use-fake-device-for-media-stream', root, '--data-dir', dataDir],
    env: { ...process.env, CUE_SQLITE_BINDING: binding as string },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('button', { name: /study all/i })).toBeVisible();
    const open = (constraints: MediaStreamConstraints) =>
      page.evaluate(
        (asked) =>
          navigator.mediaDevices.getUserMedia(asked).then(
            (stream) => {
              for (const track of stream.getTracks()) track.stop();
              return 'granted';
            },
            (error: Error) => error.name,
          ),
        constraints,
      );
    type Bridge = Record<string, (input: object) => Promise<{ ok: boolean; result?: unknown }>>;
    const shell = (method: string) =>
      page.evaluate((name) => (globalThis as unknown as { cue: Bridge }).cue[name]({}), method);
    expect(await open({ audio: true })).toBe('NotAllowedError');
    expect(await shell('recordings.arm')).toMatchObject({ ok: true, result: { armed: true } });
    expect(await open({ audio: true })).toBe('granted');
    expect(await open({ video: true })).toBe('NotAllowedError');
    expect(await open({ audio: true, video: true })).toBe('NotAllowedError');
    expect(await shell('recordings.disarm')).toMatchObject({ ok: true, result: { armed: false } });
    expect(await open({ audio: true })).toBe('NotAllowedError');
  } finally {
    await app.close();
  }
});

test('the desktop app: its menu, one instance per data folder, a file from a second launch, the window kept', async () => {
  const reason = whyNot();
  test.skip(reason !== undefined, reason);
  const binding = electronSqliteBinding(root);
  test.skip(!binding, 'better-sqlite3 could not be built for Electron');
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-electron-'));
  const env = { ...process.env, CUE_SQLITE_BINDING: binding as string };
  const app = await electron.launch({ args: [root, '--data-dir', dataDir], env });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('button', { name: /study all/i })).toBeVisible();
    const menu = await app.evaluate(({ Menu }) => {
      const items = Menu.getApplicationMenu()?.items ?? [];
      const all = items.flatMap((item) => [item, ...(item.submenu?.items ?? [])]);
      return {
        titles: items.map((item) => item.label.replace('&', '')),
        undo: all.some((item) => item.role === 'undo' || item.accelerator === 'CmdOrCtrl+Z'),
      };
    });
    expect(menu.titles).toEqual(
      process.platform === 'darwin'
        ? ['Cue', 'File', 'Edit', 'View', 'Window', 'Help']
        : ['File', 'Edit', 'View', 'Help'],
    );
    expect(menu.undo).toBe(false);
    // a second launch on the same folder hands its file to the first and quits
    const fixture = join(root, 'test', 'fixtures', 'csv', 'anki-notes-basic.txt');
    const second = spawn(electronBinary().path as string, [root, '--data-dir', dataDir, fixture], { env });
    const [code] = await once(second, 'exit');
    expect(code).toBe(0);
    await expect(page.getByRole('heading', { name: 'Preview of anki-notes-basic.txt' })).toBeVisible();
    await page.evaluate(() => {
      window.location.hash = '#/browse';
    });
    await expect(page).toHaveURL(/#\/browse$/);
  } finally {
    await app.close();
  }
  // the window's place and its last screen are kept for the next start
  const state = JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8'));
  expect(state.route).toBe('#/browse');
  expect(Object.keys(state.placements)).toHaveLength(1);
  const again = await electron.launch({ args: [root, '--data-dir', dataDir], env });
  try {
    const page = await again.firstWindow();
    await expect(page).toHaveURL(/#\/browse$/);
  } finally {
    await again.close();
  }
  expect(existsSync(join(dataDir, 'collection.sqlite'))).toBe(true);
});
