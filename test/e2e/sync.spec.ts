/**
 * The Sync screen as a person uses it, on the real `cue serve` host: a folder inside the data folder is
 * refused; a fresh folder is previewed (it holds no collection yet) and chosen; an answer studied is written
 * there as a segment by "Merge now"; a snapshot is written and named; a truncated file from another device
 * is listed as unreadable once a merge has read it (the screen polls: nothing on it is clicked); and
 * stopping, after its confirmation, turns sync off and leaves the folder as it was.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { rate, reveal, studySection } from './study-helpers';

/** From home with the Sync button, as a person finds it beside Backups. */
async function openSync(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sync', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await expect(page).toHaveURL(/#\/sync$/);
}

const folderField = (page: Page) => page.getByRole('textbox', { name: 'Sync folder' });
const segmentsOf = (folder: string, device: string) => {
  const dir = join(folder, 'devices', device, 'segments');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.cueseg')) : [];
};

let parent: string;
test.beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'cue-sync-e2e-'));
});
test.afterEach(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
});

test.describe('a folder Cue cannot use', () => {
  // The host answers the refused folder with 400, which the browser logs.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test('a folder inside the data folder is refused, inline, and nothing is chosen', async ({ page, cue }) => {
    await openCue(page, cue.host);
    await openSync(page);
    await expect(page.getByTestId('sync-off')).toContainText('Cue never uploads anything itself');

    await folderField(page).fill(join(cue.dataDir, 'sync'));
    await page.getByRole('button', { name: 'Preview' }).click();
    const problem = page.getByTestId('sync-folder-error');
    await expect(problem).toContainText('Cue cannot sync through that folder');
    await expect(problem).toContainText("cannot be inside Cue's data folder");
    await expect(folderField(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('sync-join-preview')).toHaveCount(0);

    // a path that is not absolute is the contract's to refuse, and said the same way
    await folderField(page).fill('Sync/Cue');
    await expect(problem).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(problem).toContainText('absolute path');

    expect((await callHost<{ folder: string | null }>(cue.host, 'sync.status')).folder).toBeNull();
  });
});

test('choose a folder, merge an answer, write a snapshot, see an unreadable file, stop', async ({ page, cue }) => {
  const folder = join(parent, 'Cue');
  await openCue(page, cue.host);
  await openSync(page);

  // Preview: the folder holds no collection yet
  await folderField(page).fill(folder);
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByTestId('sync-join-preview');
  await expect(preview).toHaveAttribute('data-mode', 'start');
  await expect(preview.getByRole('heading', { name: 'Start a synced collection' })).toBeFocused();
  await expect(page.getByTestId('sync-preview-summary')).toContainText('The folder holds no collection yet');
  await expect(preview).toContainText('No other computer syncs through this folder yet.');

  await preview.getByRole('button', { name: 'Sync through this folder' }).click();
  const on = page.getByTestId('sync-on');
  await expect(on).toBeVisible();
  await expect(page.getByTestId('sync-outcome')).toContainText('Cue now syncs through');
  await expect(page.getByTestId('sync-folder-path')).toContainText('Cue');
  const device = (await page.getByTestId('sync-device-id').textContent()) ?? '';
  expect(device).toMatch(/^[a-z0-9]{4,64}$/);
  const self = page.locator(`[data-testid="sync-device"][data-device="${device}"]`);
  await expect(self).toHaveAttribute('data-self', 'true');
  await expect(self).toContainText('This computer');
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId('sync-last-merge')).toContainText('just now');
  const before = segmentsOf(folder, device);

  // an answer on the study screen, then Merge now: a new segment of this computer's
  await page.keyboard.press('Escape');
  await studySection(page, 'Core Concepts');
  await reveal(page);
  await rate(page, '3', 1);
  await page.keyboard.press('Escape');
  await openSync(page);
  await page.getByRole('button', { name: 'Merge now' }).click();
  await expect(page.getByTestId('sync-outcome')).toContainText("this computer's changes are written to the folder");
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-pending', '0');
  await expect.poll(() => segmentsOf(folder, device).length).toBeGreaterThan(before.length);

  // a snapshot, named
  await page.getByRole('button', { name: 'Write a snapshot' }).click();
  const outcome = page.getByTestId('sync-outcome');
  await expect(outcome).toContainText(`Wrote a snapshot of the collection: devices/${device}/snapshots/`);
  const file = /(devices\/\S+\.cuesnap)/.exec((await outcome.textContent()) ?? '')?.[1] ?? '';
  expect(existsSync(join(folder, file)), file).toBe(true);

  // another device's segment cut short, as a sync tool part-way through copying it leaves one; merged
  // from outside the page, so the screen shows it only by asking again by itself
  const other = 'f00dfeedcafe0001';
  const otherDir = join(folder, 'devices', other);
  mkdirSync(join(otherDir, 'segments'), { recursive: true });
  const info = JSON.parse(readFileSync(join(folder, 'devices', device, 'device.json'), 'utf8'));
  writeFileSync(join(otherDir, 'device.json'), JSON.stringify({ ...info, device: other, name: 'Laptop' }));
  const real = join(folder, 'devices', device, 'segments', segmentsOf(folder, device)[0]);
  const cut = join(otherDir, 'segments', '000000001.cueseg');
  copyFileSync(real, cut);
  writeFileSync(cut, readFileSync(cut).subarray(0, 40));
  await callHost(cue.host, 'sync.mergeNow');
  const unreadable = page.getByTestId('sync-unreadable');
  await expect(unreadable).toContainText('A file in the folder could not be read');
  await expect(unreadable.getByTestId('sync-unreadable-file')).toContainText(
    `devices/${other}/segments/000000001.cueseg`,
  );
  const reason = (await unreadable.getByTestId('sync-unreadable-file').textContent()) ?? '';
  expect(reason.split('000000001.cueseg:')[1]?.trim().length ?? 0).toBeGreaterThan(0);
  await expect(page.locator(`[data-testid="sync-device"][data-device="${other}"]`)).toContainText('Laptop');

  // Stop syncing: a confirmation first, Escape closes it and stays here
  await page.getByRole('button', { name: 'Stop syncing…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop syncing on this computer?' });
  await expect(dialog).toContainText('The folder keeps everything written to it so far');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/#\/sync$/);
  await expect(on).toBeVisible();

  await page.getByRole('button', { name: 'Stop syncing…' }).click();
  await dialog.getByRole('button', { name: 'Stop syncing', exact: true }).click();
  await expect(page.getByTestId('sync-off')).toBeVisible();
  await expect(page.getByTestId('sync-outcome')).toContainText('Cue no longer syncs on this computer');
  expect((await callHost<{ folder: string | null }>(cue.host, 'sync.status')).folder).toBeNull();
  // the folder keeps what was written
  expect(segmentsOf(folder, device).length).toBeGreaterThan(before.length);
  expect(existsSync(join(folder, file))).toBe(true);
});
