/**
 * A damaged collection as a person meets it: Cue starts, says plainly on the home screen that it
 * restored a backup and where the damaged file is, and the Backups screen checks the collection on
 * demand. Runs the real `cue serve` host on a real collection file.
 */
import { truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyNext } from '../../shared/domain';
import { callHost, runCue } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

test('an emptied collection file comes back from the newest backup, and the home screen says so', async ({
  page,
  cue,
}) => {
  const next = await callHost<StudyNext>(cue.host, 'study.next', { deckId: 1 });
  await callHost(cue.host, 'study.answer', { deckId: 1, cardId: next.card?.id, rating: 3, durationMs: 2000 });
  await callHost(cue.host, 'backups.create', {});
  await cue.host.stop();
  truncateSync(join(cue.dataDir, 'collection.sqlite'), 0);

  await cue.restart();
  await openCue(page, cue.host);
  const banner = page.getByTestId('recoveries');
  await expect(banner).toContainText('Your collection file needed Cue’s attention');
  await expect(banner).toContainText('Cue found its collection damaged: the file is empty (0 bytes).');
  await expect(banner).toContainText(/Cue restored the backup of .* \(manual-.*\.cuebackup\)/);
  await expect(banner).toContainText(`The damaged file was kept in ${join(cue.dataDir, 'damaged-')}`);
  // the answer made before the backup is back
  await expect(page.getByTestId('reviewed-today').first()).toHaveText('Reviewed today: 1');

  await banner.getByRole('button', { name: 'Show backups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  await page.getByTestId('check-now').click();
  await expect(page.getByTestId('check-status')).toHaveText('The collection is sound: every page and index checked.');
});

test('cue check reads every page and says the collection is sound', async ({ cue }) => {
  await cue.host.stop();
  const { code, stdout } = runCue(['check', '--data-dir', cue.dataDir]);
  expect(code).toBe(0);
  expect(stdout).toContain('is sound: every page and index checked.');
});
