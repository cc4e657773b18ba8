/**
 * Decks and sections from the home screen: renaming, deleting with Undo; a deck's new cards a day and
 * desired retention in its options. Runs the real `cue serve` host on a fresh collection.
 */
import { expect, openCue, test } from './fixtures';
import { reveal, studySection } from './study-helpers';

test('rename a section and the deck; the names are kept after a reload', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.getByLabel('More for Core Concepts').click();
  await page.getByRole('button', { name: 'Rename section…' }).click();
  await page.getByTestId('place-name').fill('ML Fundamentals');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toHaveText('Renamed to “ML Fundamentals”.');
  await expect(page.getByTestId('section-core')).toContainText('ML Fundamentals');

  await page.getByLabel(/^More for Lead Machine Learning Engineer/).click();
  await page.getByRole('button', { name: 'Rename deck…' }).click();
  await page.getByTestId('place-name').fill('Interview prep');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Interview prep');
  await page.reload();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Interview prep');
  await expect(page.getByTestId('section-core')).toContainText('ML Fundamentals');
});

test('delete a section, undo it, then delete the whole deck', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.getByLabel('More for System Design').click();
  await page.getByRole('button', { name: 'Delete section…' }).click();
  await expect(page.getByRole('dialog')).toContainText('This deletes its 10 cards and their review history');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toContainText('Deleted the section “System Design” and 10 cards.');
  await expect(page.getByTestId('section-system-design')).toHaveCount(0);
  await expect(page.getByText('40 cards in 4 sections')).toBeVisible();
  await page.getByTestId('toast-action').click();
  await expect(page.getByTestId('section-system-design')).toContainText('10 cards');
  await expect(page.getByText('50 cards in 5 sections')).toBeVisible();

  // Escape cancels, and nothing changes.
  await page.getByLabel(/^More for Lead Machine Learning Engineer/).click();
  await page.getByRole('button', { name: 'Delete deck…' }).click();
  await expect(page.getByRole('dialog')).toContainText('its 5 sections, 50 cards');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText('50 cards in 5 sections')).toBeVisible();

  await page.getByLabel(/^More for Lead Machine Learning Engineer/).click();
  await page.getByRole('button', { name: 'Delete deck…' }).click();
  await page.getByRole('button', { name: 'Delete deck', exact: true }).click();
  await expect(page.getByText('No decks yet.', { exact: false })).toBeVisible();
  // and it stays deleted (a restart keeping it deleted is in the unit tests)
  await page.reload();
  await expect(page.getByText('No decks yet.', { exact: false })).toBeVisible();
});

test('a deck’s new cards a day: the due count follows, and a wrong number is refused', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await expect(page.getByTestId('deck-due-new')).toHaveText('20 new');
  await page.getByTestId('deck-options').click();
  const field = page.getByTestId('option-newPerDay');
  await expect(field).toHaveValue('20');
  await field.fill('5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toContainText('Saved.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('deck-due-new')).toHaveText('5 new');
  await page.reload();
  await expect(page.getByTestId('deck-due-new')).toHaveText('5 new');

  // The form refuses what the core would: nothing is sent, nothing changes.
  await page.getByTestId('deck-options').click();
  await field.fill('-3');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('options-problem')).toHaveText('1 option to correct before saving.');
  await page.keyboard.press('Escape');
  await page.getByTestId('discard-changes').click();
  await expect(page.getByTestId('deck-due-new')).toHaveText('5 new');
});

test('desired retention: a lower one spaces a first Easy answer further out', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, 'Core Concepts');
  await reveal(page);
  const easy90 = await page.getByTestId('interval-4').textContent();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  // The retention is the deck's preset's, set in its options.
  await page.getByTestId('deck-options').click();
  const field = page.getByTestId('option-desiredRetention');
  await expect(field).toHaveValue('90');
  await field.fill('75');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reschedule-offer')).toContainText('Saved, from your next answer');
  await page.keyboard.press('Escape');

  await studySection(page, 'Core Concepts');
  await reveal(page);
  const easy75 = await page.getByTestId('interval-4').textContent();
  expect(labelDays(easy75)).toBeGreaterThan(labelDays(easy90));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  // The statistics hold true retention against it (t works once home has its decks).
  await expect(page.getByTestId('deck-stats')).toBeVisible();
  await page.keyboard.press('t');
  await expect(page.getByTestId('desired-retention-note')).toContainText('desired retention of 75%');
  await page.keyboard.press('Escape');

  // Out of range: the form says so beside the field and keeps the saved value.
  await page.getByTestId('deck-options').click();
  await expect(field).toHaveValue('75');
  await field.fill('50');
  await expect(field).toHaveAccessibleDescription(/Desired retention must be at least 70%/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('options-problem')).toBeVisible();
  await page.reload();
  await expect(field).toHaveValue('75');
});

/** An interval label ("6d", "1.2mo", "2y") in days. */
function labelDays(label: string | null): number {
  const match = /^([\d.]+)(d|mo|y)$/.exec(label ?? '');
  if (!match) throw new Error(`not a label in days: ${label}`);
  return Number(match[1]) * { d: 1, mo: 30, y: 365 }[match[2] as 'd' | 'mo' | 'y'];
}
