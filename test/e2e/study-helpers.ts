/** Keyboard-only study steps that wait for the app after each key, as a person waits to see the card. */
import { expect, type Page } from '@playwright/test';

export const progress = (page: Page) => page.getByTestId('progress');

/** Space on the question side; waits until the answer is on screen. */
export async function reveal(page: Page): Promise<void> {
  await expect(page.getByTestId('answer')).toHaveCount(0);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
}

/** A rating key (1-4, or Space/Enter for Good); waits until the session counts the answer. */
export async function rate(page: Page, key: '1' | '2' | '3' | '4' | 'Space' | 'Enter', doneAfter: number) {
  await page.keyboard.press(key);
  await expect(progress(page)).toContainText(`done ${doneAfter} `);
  await expect(page.getByTestId('answer')).toHaveCount(0);
}

export async function questionText(page: Page): Promise<string> {
  return (await page.getByTestId('question').textContent()) ?? '';
}

/**
 * Starts a section from the home screen with the keyboard: focus its button, press Enter. With several
 * decks, a section of a deck whose overview is not on show is reached by its row in the deck list.
 */
export async function studySection(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
  const button = page.getByRole('button', { name: `Study this section: ${name}` });
  if ((await button.count()) > 0) await button.focus();
  else {
    const rows = page.getByRole('treegrid', { name: 'Decks' }).getByRole('row', { level: 2 });
    await rows.filter({ has: page.getByTitle(name, { exact: true }) }).focus();
  }
  await page.keyboard.press('Enter');
  await expect(progress(page)).toBeVisible();
}

export interface HomeCounts {
  new: number;
  learning: number;
  review: number;
  reviewedToday: number;
}

/** The home screen's deck summary (retried until it matches, since the home screen loads its counts). */
export async function expectHomeCounts(page: Page, counts: HomeCounts): Promise<void> {
  await expect(page.getByTestId('deck-due-new')).toHaveText(`${counts.new} new`);
  await expect(page.getByTestId('deck-due-learning')).toHaveText(`${counts.learning} learning`);
  await expect(page.getByTestId('deck-due-review')).toHaveText(`${counts.review} review`);
  await expect(page.getByTestId('reviewed-today')).toHaveText(`Reviewed today: ${counts.reviewedToday}`);
}
