/**
 * The workload simulation screen: the chart marks the preset's desired retention, and moves the mark
 * when the retention is changed there (and saved to the preset); after the change, the reschedule
 * dialog previews the next 30 days and reschedules the cards, whose due dates then change.
 */
import type { Page } from '@playwright/test';
import type { CardStats } from '../../shared/stats';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

async function openSimulation(page: Page, host: RunningHost): Promise<void> {
  await openCue(page, host);
  await page.goto(new URL('#/options/1/simulate', page.url()).href);
  await expect(page.getByRole('heading', { name: 'Workload by desired retention' })).toBeVisible();
}

const marker = (page: Page) => page.getByTestId('current-marker-reviewsPerDay');

test('changing the desired retention saves it to the preset and moves the chart mark', async ({ page, cue }) => {
  await openSimulation(page, cue.host);
  await expect(marker(page)).toHaveAttribute('data-retention', '0.9');
  await expect(marker(page)).toHaveText('Current 90%');
  const before = await marker(page).boundingBox();

  // the field has the focus: type, and Enter saves
  await expect(page.getByTestId('retention-input')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.getByTestId('retention-input')).toHaveValue('90');
  await page.keyboard.type('80');
  await page.keyboard.press('Enter');
  await expect(marker(page)).toHaveAttribute('data-retention', '0.8');
  await expect(marker(page)).toHaveText('Current 80%');
  for (const chart of ['minutesPerDay', 'remembered']) {
    await expect(page.getByTestId(`current-marker-${chart}`)).toHaveAttribute('data-retention', '0.8');
  }
  await expect(page.getByTestId('saved-retention')).toHaveText('80%');
  const after = await marker(page).boundingBox();
  expect(after?.x ?? 0).toBeLessThan((before?.x ?? 0) - 20);
  const preset = await callHost<{ options: { desiredRetention: number } }>(cue.host, 'presets.get', { presetId: 1 });
  expect(preset.options.desiredRetention).toBe(0.8);

  // the same figures as a table, the current row said in words
  const figure = page.getByTestId('simulation-chart');
  await figure.getByRole('button', { name: 'Show as table' }).click();
  const table = page.getByTestId('simulation-table');
  await expect(table.locator('tbody tr')).toHaveCount(30);
  await expect(page.getByTestId('simulation-table-0.80').getByRole('rowheader')).toContainText('80% (current');

  // out of range: said, and nothing saved
  await page.getByTestId('retention-input').fill('0.5');
  await page.getByTestId('retention-input').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Desired retention must be from 70% to 99%.');
  await expect(page.getByTestId('saved-retention')).toHaveText('80%');
});

test('after a change, the reschedule dialog previews the next 30 days and reschedules the cards', async ({
  page,
  cue,
}) => {
  // four cards learnt with Easy: review cards due in days, at the preset's 90%
  const cardIds = [1, 2, 3, 4];
  for (const cardId of cardIds) {
    await callHost(cue.host, 'study.answer', { deckId: 1, cardId, rating: 4, durationMs: 5000 });
  }
  const dueOf = async (cardId: number) => (await callHost<CardStats>(cue.host, 'stats.card', { cardId })).card.due;
  const before = await Promise.all(cardIds.map(dueOf));

  await openSimulation(page, cue.host);
  await expect(page.getByTestId('offer-reschedule')).toHaveCount(0);
  await page.getByTestId('retention-input').fill('0.97');
  await page.getByTestId('retention-input').press('Enter');
  await expect(marker(page)).toHaveAttribute('data-retention', '0.97');

  await page.getByTestId('offer-reschedule').click();
  const dialog = page.getByTestId('reschedule-dialog');
  await expect(dialog.getByTestId('reschedule-confirm')).toHaveText('Reschedule 4 cards');
  // Cancel has the focus: the safe choice is the one Enter takes
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // all four come due sooner at 97%: into the next week
  await expect(dialog.getByTestId('reschedule-month')).toHaveText('4 → 4');
  await dialog.getByRole('button', { name: 'Show as table' }).click();
  await expect(dialog.getByTestId('reschedule-table').locator('tbody tr')).toHaveCount(30);
  // Escape closes it without a change
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(await Promise.all(cardIds.map(dueOf))).toEqual(before);

  await page.getByTestId('offer-reschedule').click();
  await dialog.getByTestId('reschedule-confirm').click();
  await expect(page.getByTestId('toast')).toHaveText('Rescheduled 4 cards.');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('offer-reschedule')).toHaveCount(0);
  const after = await Promise.all(cardIds.map(dueOf));
  for (const [i, due] of after.entries()) expect(due, `card ${cardIds[i]}`).toBeLessThan(before[i]);
  // nothing left to move: the preview now says so
  const preview = await callHost<{ cards: number }>(cue.host, 'presets.reschedulePreview', { presetId: 1 });
  expect(preview.cards).toBe(0);
});
