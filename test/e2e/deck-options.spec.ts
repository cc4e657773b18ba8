/**
 * The deck options screen: reached from home in one step, every wrong value named beside its field as it
 * is typed, Save applying and surviving a reload, unsaved changes guarded, and presets cloned, assigned and
 * deleted (the deck falling back to Default). Runs the real `cue serve` host on a fresh collection.
 */
import type { Page } from '@playwright/test';
import type { CardStats } from '../../shared/stats';
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

const DECK = 'Lead Machine Learning Engineer: Interview Questions and Answers';

async function openOptions(page: Page): Promise<void> {
  await expect(page.getByTestId('deck-options')).toBeVisible();
  await page.keyboard.press('o');
  await expect(page.getByRole('heading', { level: 1, name: 'Options' })).toBeVisible();
  await expect(page.getByTestId('options-deck')).toHaveText(DECK);
}

/** The message shown beside an option's field (the field's accessible description holds it). */
function field(page: Page, name: string) {
  return page.getByTestId(`option-${name}`);
}

test('change options, see each wrong value named, save, and find them again after a reload', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await expect(page.getByTestId('deck-due-new')).toHaveText('20 new');
  await openOptions(page);
  await expect(page).toHaveURL(/#\/options\/1$/);
  await expect(page.getByTestId('preset-picker')).toHaveValue('1');
  await expect(field(page, 'newPerDay')).toHaveValue('20');
  await expect(field(page, 'desiredRetention')).toHaveValue('90');
  await expect(page.getByText('90%: you recall 9 in 10 cards when they come due')).toBeVisible();
  await expect(page.getByTestId('fsrs-parameters-kind')).toHaveText('default');

  // A bad step and out-of-bounds values are named as they are typed, beside their fields.
  await field(page, 'learningSteps').fill('1m 10x');
  await expect(field(page, 'learningSteps')).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, 'learningSteps')).toHaveAccessibleDescription(
    /Learning steps: step 2 "10x" is not a number followed by s, m, h or d/,
  );
  await field(page, 'maximumInterval').fill('0');
  await expect(field(page, 'maximumInterval')).toHaveAccessibleDescription(/Maximum interval must be at least 1/);
  await field(page, 'desiredRetention').fill('50');
  await expect(field(page, 'desiredRetention')).toHaveAccessibleDescription(/Desired retention must be at least 70%/);
  await expect(page.getByTestId('option-issue')).toHaveCount(3);

  // Save refuses, says how many, and takes the person to the first.
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByTestId('options-problem')).toHaveText('3 options to correct before saving.');
  await expect(field(page, 'learningSteps')).toBeFocused();

  await field(page, 'learningSteps').fill('1m 10m 1h');
  await field(page, 'maximumInterval').fill('3650');
  await field(page, 'desiredRetention').fill('85');
  await field(page, 'newPerDay').fill('7');
  await field(page, 'leechAction').selectOption('suspend');
  await expect(page.getByTestId('option-issue')).toHaveCount(0);
  await expect(field(page, 'learningSteps')).not.toHaveAttribute('aria-invalid');
  await page.keyboard.press('Control+s');
  // a new retention: the offer to reschedule says it was saved
  await expect(page.getByTestId('reschedule-offer')).toContainText('Saved, from your next answer');

  await page.reload();
  await expect(field(page, 'learningSteps')).toHaveValue('1m 10m 1h');
  await expect(field(page, 'maximumInterval')).toHaveValue('3650');
  await expect(field(page, 'desiredRetention')).toHaveValue('85');
  await expect(field(page, 'leechAction')).toHaveValue('suspend');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('deck-due-new')).toHaveText('7 new');
});

test('this deck’s own limit wins over the preset’s; blank gives it back', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await openOptions(page);
  await field(page, 'deckNewLimit').fill('-3');
  await expect(field(page, 'deckNewLimit')).toHaveAccessibleDescription(
    /This deck's new cards a day must be at least 0/,
  );
  await field(page, 'deckNewLimit').fill('4');
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByTestId('toast')).toContainText('Saved.');
  await page.getByRole('button', { name: /Decks/ }).click();
  await expect(page.getByTestId('deck-due-new')).toHaveText('4 new');

  await page.getByTestId('deck-options').click();
  await expect(field(page, 'deckNewLimit')).toHaveValue('4');
  await field(page, 'deckNewLimit').fill('');
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByTestId('toast')).toContainText('Saved.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('deck-due-new')).toHaveText('20 new');
});

test('leaving with unsaved changes asks first', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await openOptions(page);
  await field(page, 'newPerDay').fill('3');
  await page.keyboard.press('Escape');
  const dialog = page.getByRole('dialog', { name: 'Discard your changes?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(field(page, 'newPerDay')).toHaveValue('3');

  // the browser's back button asks too (the browser's own dialog): dismissed, the options stay
  page.once('dialog', (question) => void question.dismiss());
  await page.goBack();
  await expect(page).toHaveURL(/#\/options\/1$/);
  await expect(field(page, 'newPerDay')).toHaveValue('3');

  // the links to optimisation and simulation ask too
  await page.getByTestId('simulate-link').click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page).toHaveURL(/#\/options\/1\/simulate$/);
  await page.goto(cue.host.url);
  await expect(page.getByTestId('deck-due-new')).toHaveText('20 new');
});

test.describe('presets', () => {
  // the refused rename is the host's 409, which the browser logs
  test.use({ allowedConsoleErrors: [/status of 409 \(Conflict\)/] });

  test('clone a preset, give the deck to it, delete it: the deck falls back to Default', async ({ page, cue }) => {
    await openCue(page, cue.host);
    await openOptions(page);
    const picker = page.getByTestId('preset-picker');
    await expect(page.getByRole('button', { name: 'Delete…' })).toBeDisabled();

    await page.getByRole('button', { name: 'Clone…' }).click();
    await expect(page.getByTestId('preset-name')).toHaveValue('Default (copy)');
    await page.getByTestId('preset-name').fill('Exam week');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('toast')).toContainText('Made “Exam week”');
    await expect(picker.locator('option:checked')).toHaveText('Exam week (no decks)');
    await expect(page.getByTestId('preset-note')).toHaveText(
      'Save to study this deck with “Exam week” instead of “Default”.',
    );
    // a name already taken is refused inside the dialog
    await page.getByRole('button', { name: 'Rename…' }).click();
    await page.getByTestId('preset-name').fill('default');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('There is already a preset called "default"');
    await page.keyboard.press('Escape');

    await field(page, 'newPerDay').fill('2');
    await page.getByRole('button', { name: /^Save/ }).click();
    await expect(page.getByTestId('toast')).toContainText('studied with “Exam week”');
    await expect(picker.locator('option:checked')).toHaveText('Exam week (1 deck)');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('deck-due-new')).toHaveText('2 new');

    await page.keyboard.press('o');
    await page.getByRole('button', { name: 'Delete…' }).click();
    await expect(page.getByTestId('delete-preset-decks')).toHaveText(`“${DECK}” goes back to the Default preset.`);
    await page.getByRole('button', { name: 'Delete preset' }).click();
    await expect(page.getByTestId('toast')).toContainText(`Deleted “Exam week”; “${DECK}” now uses Default.`);
    await expect(picker.locator('option:checked')).toHaveText('Default (1 deck)');
    await expect(picker.locator('option')).toHaveCount(1);
    await expect(field(page, 'newPerDay')).toHaveValue('20');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('deck-due-new')).toHaveText('20 new');
  });
});

test('a new desired retention offers to reschedule the cards studied before, with their 30 days previewed', async ({
  page,
  cue,
}) => {
  const cardIds = [1, 2, 3];
  for (const cardId of cardIds) {
    await callHost(cue.host, 'study.answer', { deckId: 1, cardId, rating: 4, durationMs: 5000 });
  }
  const dueOf = async (cardId: number) => (await callHost<CardStats>(cue.host, 'stats.card', { cardId })).card.due;
  const before = await Promise.all(cardIds.map(dueOf));
  await openCue(page, cue.host);
  await openOptions(page);
  // a change that leaves the retention alone offers nothing
  await field(page, 'newPerDay').fill('15');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('toast')).toContainText('Saved.');
  await expect(page.getByTestId('reschedule-offer')).toHaveCount(0);

  await field(page, 'desiredRetention').fill('97');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('reschedule-offer')).toBeVisible();
  await page.getByTestId('offer-reschedule').click();
  const dialog = page.getByTestId('reschedule-dialog');
  await expect(dialog.getByTestId('reschedule-confirm')).toHaveText('Reschedule 3 cards');
  await dialog.getByTestId('reschedule-confirm').click();
  await expect(page.getByTestId('toast')).toHaveText('Rescheduled 3 cards.');
  await expect(page.getByTestId('reschedule-offer')).toHaveCount(0);
  const after = await Promise.all(cardIds.map(dueOf));
  for (const [i, due] of after.entries()) expect(due, `card ${cardIds[i]}`).toBeLessThan(before[i]);
});
