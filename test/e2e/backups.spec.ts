/**
 * The Backups screen as a person uses it: back up now, study, then restore the backup after a dialog that
 * says what a restore replaces; cancelling that dialog changes nothing. Runs the real `cue serve` host.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openCue, test } from './fixtures';
import { expectHomeCounts, rate, reveal, studySection } from './study-helpers';

const DSA = 'Data Structures and Algorithms';
const FRESH = { new: 20, learning: 0, review: 0, reviewedToday: 0 };
/** Two new cards answered Good: both in learning, two fewer new cards left of today's limit. */
const AFTER_TWO = { new: 18, learning: 2, review: 0, reviewedToday: 2 };

/** From home with the b key; the Backups button says so. */
async function openBackups(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Backups' })).toHaveAttribute('aria-keyshortcuts', 'b');
  await page.keyboard.press('b');
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  await expect(page).toHaveURL(/#\/backups$/);
}

/** The manual backups' rows (the daily backup may join the list ~10 s after the host starts). */
const manualRows = (page: Page) => page.locator('[data-testid="backup-row"][data-kind="manual"]');

async function studyTwo(page: Page): Promise<void> {
  await studySection(page, DSA);
  for (let done = 1; done <= 2; done++) {
    await reveal(page);
    await rate(page, '3', done);
  }
  await page.keyboard.press('Escape');
}

test('back up now, study, restore: the counts from before the answers come back', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await expectHomeCounts(page, FRESH);

  await openBackups(page);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-status')).toContainText('Backed up:');
  await expect(manualRows(page)).toHaveCount(1);
  // The new backup is at the top, marked as just made.
  const first = page.getByTestId('backup-row').first();
  await expect(first).toHaveAttribute('data-kind', 'manual');
  await expect(first).toContainText('Just made');
  await expect(first.getByTestId('backup-kind')).toHaveText('Manual');

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/$/);
  await studyTwo(page);
  await expectHomeCounts(page, AFTER_TWO);

  await openBackups(page);
  await expect(manualRows(page)).toHaveCount(1);
  await manualRows(page)
    .getByRole('button', { name: /^Restore the backup from/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your collection will be replaced by the manual backup from');
  await expect(dialog).toContainText('Everything studied since then will no longer be in your collection.');
  await expect(dialog).toContainText('The current collection is kept in a folder beside it');
  // The safe choice has the focus.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

  const done = page.getByTestId('restore-done');
  await expect(done).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(done.getByRole('heading')).toContainText('Restored the backup from');
  await expect(page.getByTestId('replaced-kept-in')).not.toBeEmpty();

  await done.getByRole('button', { name: /Back to decks/ }).click();
  await expect(page).toHaveURL(/#\/$/);
  await expectHomeCounts(page, FRESH);
});

test('cancelling the restore dialog, with the button or Escape, changes nothing', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await openBackups(page);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(manualRows(page)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await studyTwo(page);
  await expectHomeCounts(page, AFTER_TWO);

  await openBackups(page);
  const restore = manualRows(page).getByRole('button', { name: /^Restore the backup from/ });
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await restore.click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // Escape closes the dialog only: the Backups screen stays.
  await restore.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/#\/backups$/);
  await expect(page.getByTestId('restore-done')).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/$/);
  await expectHomeCounts(page, AFTER_TWO);
});

test.describe('before the daily backup', () => {
  // the host makes its daily backup an hour after start here, so the folder starts empty
  test.use({ hostEnv: { CUE_DAILY_BACKUP_AFTER_MS: '3600000' } });

  test('with no backups the screen says Cue makes one each day, and Back up now makes the first', async ({
    page,
    cue,
  }) => {
    await openCue(page, cue.host);
    await openBackups(page);
    const empty = page.getByTestId('backups-empty');
    await expect(empty).toContainText('Cue backs up your collection each day');
    await empty.getByRole('button', { name: 'Back up now' }).click();
    await expect(manualRows(page)).toHaveCount(1);
    await expect(empty).toHaveCount(0);
  });
});

test.describe('a damaged backup', () => {
  // The host answers the refused restore with 400, which the browser logs.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test('is refused in full, and the collection is not changed', async ({ page, cue }) => {
    const dir = join(cue.dataDir, 'backups');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manual-2026-01-02T10-00-00-000Z.cuebackup'), 'not a backup');
    await openCue(page, cue.host);
    await studyTwo(page);
    await expectHomeCounts(page, AFTER_TWO);

    await openBackups(page);
    await manualRows(page)
      .getByRole('button', { name: /^Restore the backup from/ })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore', exact: true }).click();
    const failed = page.getByTestId('restore-error');
    await expect(failed).toContainText('Cue could not restore the backup from');
    await expect(page.getByTestId('restore-error-message')).toContainText('manual-2026-01-02T10-00-00-000Z.cuebackup');
    await expect(failed).toContainText('Your collection was not changed.');
    await expect(failed).toContainText('Error code: invalid_input');

    await page.keyboard.press('Escape');
    await expectHomeCounts(page, AFTER_TWO);
  });
});
