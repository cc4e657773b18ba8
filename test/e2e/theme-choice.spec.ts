/**
 * The theme chosen in Settings: Dark with the OS light shows the dark theme, is kept as this computer's
 * preference (a reload, a restart of the host), Light holds against a dark OS, and System follows the OS as
 * it changes. Another part of Cue that changes the preference tells the window with `cue:preferences-changed`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

const root = (page: Page) => page.locator('html');
/** The page's own background, as drawn. */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_BG = 'rgb(246, 245, 241)';
const DARK_BG = 'rgb(22, 23, 25)';

async function chooseInSettings(page: Page, label: 'System' | 'Light' | 'Dark'): Promise<void> {
  await page.getByTestId('settings').click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const group = dialog.getByRole('group', { name: 'Theme' });
  await group.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
  await expect(group.getByRole('radio', { name: new RegExp(`^${label}`) })).toBeChecked();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
}

test('Dark chosen with the OS light: the page is dark, and stays dark after a reload and a restart', async ({
  page,
  cue,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openCue(page, cue.host);
  await expect(root(page)).toHaveAttribute('data-theme', 'light');
  expect(await background(page)).toBe(LIGHT_BG);

  await chooseInSettings(page, 'Dark');
  await expect(root(page)).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(DARK_BG);
  expect((await callHost<{ theme: string }>(cue.host, 'preferences.get', {})).theme).toBe('dark');

  await page.reload();
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
  await expect(root(page)).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(DARK_BG);

  // a new host on the same folder, and a new page with nothing cached: the preference file decides
  const host = await cue.restart();
  const fresh = await page.context().browser()?.newPage();
  if (!fresh) throw new Error('no browser');
  try {
    await fresh.emulateMedia({ colorScheme: 'light' });
    await fresh.goto(host.url);
    await expect(root(fresh)).toHaveAttribute('data-theme', 'dark');
    expect(await background(fresh)).toBe(DARK_BG);
  } finally {
    await fresh.close();
  }
});

test('System follows the OS as it changes; Light holds against a dark OS', async ({ page, cue }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openCue(page, cue.host);
  await expect(root(page)).toHaveAttribute('data-theme-choice', 'system');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(root(page)).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(root(page)).toHaveAttribute('data-theme', 'light');

  await chooseInSettings(page, 'Light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(root(page)).toHaveAttribute('data-theme-choice', 'light');
  await expect(root(page)).toHaveAttribute('data-theme', 'light');
  expect(await background(page)).toBe(LIGHT_BG);

  await chooseInSettings(page, 'System');
  await expect(root(page)).toHaveAttribute('data-theme', 'dark');
});

test('a preference changed elsewhere applies when the window hears cue:preferences-changed', async ({ page, cue }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openCue(page, cue.host);
  await callHost(cue.host, 'preferences.set', { theme: 'dark' });
  // nothing told the window yet: it shows what it read at start
  await expect(root(page)).toHaveAttribute('data-theme', 'light');
  await page.evaluate(() => window.dispatchEvent(new Event('cue:preferences-changed')));
  await expect(root(page)).toHaveAttribute('data-theme', 'dark');
  // and the settings dialog shows the choice as it now is
  await page.getByTestId('settings').click();
  await expect(page.getByRole('radio', { name: /^Dark/ })).toBeChecked();
});

test.describe('a preference that cannot be saved', () => {
  // the host answers the refused write with an error status, which the browser logs
  test.use({ allowedConsoleErrors: [/status of [45]\d\d/] });

  test('says so in the dialog and goes back to the theme it had', async ({ page, cue }) => {
    // a folder where the preferences' temporary file goes: the write fails as a full or locked disk would
    mkdirSync(join(cue.dataDir, 'preferences.json.writing'));
    await page.emulateMedia({ colorScheme: 'light' });
    await openCue(page, cue.host);
    await page.getByTestId('settings').click();
    await page.getByRole('radio', { name: /^Dark/ }).click();
    await expect(page.getByTestId('theme-problem')).toContainText('The theme was not saved');
    await expect(page.getByRole('radio', { name: /^System/ })).toBeChecked();
    await expect(root(page)).toHaveAttribute('data-theme', 'light');
    expect((await callHost<{ theme: string }>(cue.host, 'preferences.get', {})).theme).toBe('system');
  });
});
