/**
 * What the desktop app's menu, file associations and reminders need of the renderer, in the web mode
 * (real `cue serve`, real Chromium): a deck file dropped on any screen opens its import preview; a file
 * already handed to Cue opens at #/import?upload=; the menu's commands (sent as the window events main.ts
 * sends) reach every screen and dialog; `?` shows the shortcuts and About; the reminders are kept, and
 * a bad time is refused.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import type { UploadedFile } from '../../shared/io';
import { commandScript, type RendererCommand } from '../../shared/renderer-commands';
import { callHost, REPO_ROOT } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { progress, reveal, studySection } from './study-helpers';

/** Anki's "Notes in Plain Text": 2 notes with a header, tab-separated, HTML on. */
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'csv', 'anki-notes-basic.txt');

/** Drops a file from disk on `selector` as a file manager would: dragenter, dragover, drop, with a real File. */
async function dropFixture(page: Page, selector: string, path = FIXTURE): Promise<void> {
  const file = { name: basename(path), base64: readFileSync(path).toString('base64') };
  const dataTransfer = await page.evaluateHandle(({ name, base64 }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name));
    return transfer;
  }, file);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent(selector, type, { dataTransfer });
}

async function expectPreviewOfFixture(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Preview of anki-notes-basic.txt' })).toBeVisible();
  await expect(page.getByTestId('add-cards')).not.toHaveText('0');
}

/** What main.ts runs in the window for a menu item: the very script. */
async function menuCommand(page: Page, command: RendererCommand): Promise<void> {
  await page.evaluate(commandScript(command));
}

test('a deck file dropped on the home screen opens its import preview, and importing it adds the cards', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  await dropFixture(page, 'main');
  await expect(page).toHaveURL(/#\/import$/);
  await expectPreviewOfFixture(page);
  const cards = Number(await page.getByTestId('add-cards').textContent());
  await page.getByTestId('import-apply').click();
  await expect(page.getByRole('heading', { name: 'Imported anki-notes-basic.txt' })).toBeVisible();
  const decks = await callHost<{ name: string; cards: number }[]>(cue.host, 'decks.list');
  expect(decks.reduce((sum, deck) => sum + deck.cards, 0)).toBe(50 + cards);
});

test('a deck file dropped during study leaves study for the preview; the browser never opens the file', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  await studySection(page, 'Core Concepts');
  await reveal(page);
  await dropFixture(page, 'body');
  await expectPreviewOfFixture(page);
  await expect(progress(page)).toHaveCount(0);
  expect(new URL(page.url()).protocol).toBe('http:'); // still Cue, not the dropped file
});

test('a file that is not a deck is refused outside the Import screen, and a drop never leaves the editor', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  const image = join(REPO_ROOT, 'test', 'fixtures', 'xss', 'honest.png');
  const refused = page.evaluate(
    () => new Promise<boolean>((resolve) => window.addEventListener('drop', (e) => resolve(e.defaultPrevented))),
  );
  await dropFixture(page, 'main', image);
  expect(await refused).toBe(true); // caught: the browser does not open the image in Cue's place
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
  await expect(page).not.toHaveURL(/#\/import/);
  await page.evaluate(() => {
    window.location.hash = '#/add/1';
  });
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/add/i);
  await dropFixture(page, 'body');
  await expect(page).toHaveURL(/#\/add\/1$/);
  await expect(page.getByRole('heading', { name: 'Preview of anki-notes-basic.txt' })).toHaveCount(0);
});

test.describe('a file already handed to Cue', () => {
  // the upload that is gone answers 404, which the browser logs
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test('a file handed to Cue before (as the desktop app does for a file opened with it) opens in the preview', async ({
    page,
    cue,
  }) => {
    const dataBase64 = readFileSync(FIXTURE).toString('base64');
    const upload = await callHost<UploadedFile>(cue.host, 'files.upload', { name: 'anki-notes-basic.txt', dataBase64 });
    await openCue(page, cue.host);
    const query = new URLSearchParams({ upload: upload.upload, file: upload.name, size: String(upload.size) });
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/import?${query}`);
    await expectPreviewOfFixture(page);
    // one that is gone (imported already, or Cue restarted) says so, and nothing changes
    const gone = new URLSearchParams({ upload: 'x'.repeat(24), file: 'old.apkg', size: '10' });
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/import?${gone}`);
    await expect(page.getByRole('alert')).toContainText('That file is no longer there; choose it again.');
  });
});

test('the menu’s commands reach their screens and dialogs, study included', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await menuCommand(page, 'browse');
  await expect(page).toHaveURL(/#\/browse$/);
  await menuCommand(page, 'stats');
  await expect(page).toHaveURL(/#\/stats\/1$/);
  await menuCommand(page, 'options');
  await expect(page).toHaveURL(/#\/options\/1$/);
  await menuCommand(page, 'restore');
  await expect(page).toHaveURL(/#\/backups$/);
  await menuCommand(page, 'sync');
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await menuCommand(page, 'import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await menuCommand(page, 'export');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await expect(page.getByTestId('export-dialog')).toContainText('Export Lead Machine Learning Engineer');
  await page.keyboard.press('Escape');
  await menuCommand(page, 'settings');
  await expect(page.getByTestId('rollover-hour')).toBeVisible();
  await page.keyboard.press('Escape');
  await menuCommand(page, 'study');
  await expect(progress(page)).toBeVisible();
  await menuCommand(page, 'home');
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
});

test('a command sent while the page is still starting (a window just opened from the tray) is taken', async ({
  page,
  cue,
}) => {
  await page.addInitScript(commandScript('stats'));
  await page.goto(cue.host.url);
  await expect(page).toHaveURL(/#\/stats\/1$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('? shows every keyboard shortcut and About, with the version and the data folder', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.keyboard.press('?');
  const help = page.getByTestId('help');
  await expect(help).toBeVisible();
  await expect(help.getByRole('region', { name: 'Study', exact: true })).toContainText(
    'undo the last change (an answer, a bury, a delete…)',
  );
  await expect(help.getByRole('region', { name: 'Decks (home)' })).toContainText('the card browser');
  // the desktop menu's keys mean nothing in a browser tab, so they are not offered there
  await expect(help.getByRole('region', { name: 'Desktop app menu' })).toHaveCount(0);
  await expect(help.getByTestId('about')).toContainText(/Cue \d+\.\d+\.\d+/);
  await expect(help.getByTestId('data-dir')).toHaveText(cue.dataDir);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  // the same from the home screen's button, and the menu's About
  await page.getByTestId('help-button').click();
  await expect(page.getByTestId('help')).toBeVisible();
  await page.keyboard.press('Escape');
  await menuCommand(page, 'about');
  await expect(page.getByTestId('about')).toBeInViewport();
});

test('? typed in a field is a question mark, not Help', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox').first();
  await search.focus();
  await page.keyboard.type('what?');
  await expect(search).toHaveValue('what?');
  await expect(page.getByTestId('help')).toHaveCount(0);
});

test('reminders: the choice is kept after a reload, a bad time is refused and nothing is saved', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  await page.getByTestId('settings').click();
  const section = page.getByTestId('reminder-settings');
  await expect(section.getByTestId('reminders-enabled')).not.toBeChecked(); // off until turned on
  await expect(section.getByTestId('reminders-web-note')).toContainText(
    'a browser tab cannot show Cue’s notifications',
  );
  const changed = page.evaluate(
    () => new Promise<void>((resolve) => window.addEventListener('cue:preferences-changed', () => resolve())),
  );
  await section.getByTestId('reminders-enabled').check();
  await changed;
  await expect(section.getByRole('status')).toHaveText('Saved: reminders on, at 09:00.');

  const time = section.getByTestId('reminder-time');
  await time.fill('25:00');
  await time.press('Enter');
  await expect(section.getByTestId('reminder-time-problem')).toHaveText(
    '“25:00” is not a time: A reminder time is HH:MM on a 24-hour clock, e.g. 08:30.',
  );
  await expect(time).toHaveAttribute('aria-invalid', 'true');
  // Enter in the field did not save and close the dialog
  await expect(section).toBeVisible();
  expect((await callHost<{ reminders: { time: string } }>(cue.host, 'preferences.get')).reminders.time).toBe('09:00');

  await time.fill('07:45');
  await time.press('Enter');
  await expect(section.getByRole('status')).toHaveText('Saved: reminders on, at 07:45.');
  await expect(section.getByTestId('reminder-time-problem')).toHaveCount(0);
  await section.getByTestId('reminders-login').check();
  await section.getByTestId('reminders-tray').uncheck();
  await expect(section.getByRole('status')).toHaveText('Saved: reminders on, at 07:45.');
  await expect
    .poll(async () => (await callHost<{ reminders: object }>(cue.host, 'preferences.get')).reminders)
    .toEqual({ enabled: true, time: '07:45', keepInTray: false, openAtLogin: true });

  await page.reload();
  await page.getByTestId('settings').click();
  await expect(section.getByTestId('reminders-enabled')).toBeChecked();
  await expect(section.getByTestId('reminder-time')).toHaveValue('07:45');
  await expect(section.getByTestId('reminders-tray')).not.toBeChecked();
  await expect(section.getByTestId('reminders-login')).toBeChecked();
});
