/**
 * The statistics screen as a person checks their readiness: empty on a fresh collection, then the numbers
 * that follow from a few answers (counts, reviews, calendar, forecast, answer buttons, one card's log).
 * Every expected number is worked out from what the test did, not read off the screen.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, openCue, test } from './fixtures';
import { questionText, rate, reveal, studySection } from './study-helpers';

const DSA = 'Data Structures and Algorithms';
const SECTION_CARDS = 10;
const DECK_CARDS = 50;

/** A row of the per-section table, found by the section's name as a person would. */
function statsRow(page: Page, name: string): Locator {
  return page.locator('[data-testid^="stats-row-"]').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** "Show as table" in one chart's box, so the test reads numbers instead of pixels. */
async function showTable(chart: Locator): Promise<void> {
  await chart.getByRole('button', { name: 'Show as table' }).click();
  await expect(chart.getByRole('button', { name: 'Show as table' })).toHaveAttribute('aria-pressed', 'true');
}

/** "8d" -> 8: the Easy button's interval, which decides the forecast day. */
function intervalDays(label: string): number {
  const match = /^(\d+)d$/.exec(label);
  if (!match) throw new Error(`expected an interval in whole days, got "${label}"`);
  return Number(match[1]);
}

/** "2 (67%)": a count with its share of the kind's answers, as the answer-buttons table writes it. */
function countShare(count: number, total: number): string {
  return `${count} (${Math.round((100 * count) / total)}%)`;
}

test('a fresh collection shows every card new, nothing mastered and no retention yet', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await expect(page.getByTestId('section-dsa').getByTestId('mastery-text')).toHaveText(`0/${SECTION_CARDS} mastered`);

  await page.getByRole('link', { name: 'Statistics', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statistics: All sections');
  const deck = page.getByTestId('stats-row-deck');
  await expect(deck.getByTestId('cell-new')).toHaveText(String(DECK_CARDS));
  await expect(deck.getByTestId('cell-learning')).toHaveText('0');
  await expect(deck.getByTestId('cell-review')).toHaveText('0');
  await expect(deck.getByTestId('cell-mastered')).toHaveText('0 (0%)');
  for (const days of ['7', '30', '365']) await expect(deck.getByTestId(`cell-retention-${days}`)).toHaveText('—');
  await expect(deck.getByTestId('cell-reviews-total')).toHaveText('0');
  await expect(statsRow(page, DSA).getByTestId('cell-new')).toHaveText(String(SECTION_CARDS));

  // Escape goes back home.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /^Study all/ })).toBeVisible();
});

test('after a few answers the statistics show them, down to one card’s review log', async ({ page, cue }) => {
  await openCue(page, cue.host);

  // Easy on two new cards, Again on a third, by keyboard.
  await studySection(page, DSA);
  const easy: { question: string; days: number }[] = [];
  const keys = ['4', '4', '1'] as const;
  for (const [index, key] of keys.entries()) {
    const question = await questionText(page);
    await reveal(page);
    const label = (await page.getByTestId(`interval-${key}`).textContent()) ?? '';
    if (key === '4') easy.push({ question, days: intervalDays(label) });
    await rate(page, key, index + 1);
  }
  const answers = keys.length;
  const again = keys.filter((k) => k === '1').length;
  await page.keyboard.press('Escape');

  // t opens the deck's statistics from home.
  await expect(page.getByRole('button', { name: /^Study all/ })).toBeVisible();
  await page.keyboard.press('t');
  const row = statsRow(page, DSA);
  // Easy graduates a new card to review; Again keeps it in learning; the rest stay new.
  await expect(row.getByTestId('cell-new')).toHaveText(String(SECTION_CARDS - answers));
  await expect(row.getByTestId('cell-learning')).toHaveText(String(again));
  await expect(row.getByTestId('cell-review')).toHaveText(String(easy.length));
  await expect(row.getByTestId('cell-reviews-total')).toHaveText(new RegExp(`^${answers}\\s`));
  await expect(page.getByTestId('stats-row-deck').getByTestId('cell-new')).toHaveText(String(DECK_CARDS - answers));

  // The calendar's square for today holds the three answers.
  const today = page.getByTestId('calendar-today');
  await expect(today).toHaveAttribute('data-reviews', String(answers));
  await expect(today).toHaveAttribute('aria-label', new RegExp(`^${answers} reviews,`));

  // Forecast: each Easy card on the day its interval ends; the Again card is due again today (in a minute).
  const forecast = page.getByTestId('forecast-chart');
  await showTable(forecast);
  const expected = new Map<number, number>([[0, again]]);
  for (const card of easy) expected.set(card.days, (expected.get(card.days) ?? 0) + 1);
  for (const [day, count] of expected) {
    await expect(forecast.getByTestId(`forecast-table-day-${day}`).locator('td').last()).toHaveText(String(count));
  }

  // Answer buttons: all three answers were to new cards, so all are "learning".
  const buttons = page.getByTestId('answers-chart');
  await showTable(buttons);
  const learning = buttons.getByTestId('answers-table-learning').locator('td');
  await expect(learning.nth(0)).toHaveText(countShare(again, answers));
  await expect(learning.nth(1)).toHaveText(countShare(0, answers));
  await expect(learning.nth(2)).toHaveText(countShare(0, answers));
  await expect(learning.nth(3)).toHaveText(countShare(easy.length, answers));
  await expect(learning.nth(4)).toHaveText(String(answers));

  // The section's name opens its statistics and card list; a card opens its own view.
  await page.getByRole('link', { name: DSA, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Statistics: ${DSA}`);
  const list = page.getByTestId('card-list');
  await expect(list.locator('tbody tr')).toHaveCount(SECTION_CARDS);
  // The list shows the question's source text; its first words identify the card.
  const firstWords = easy[0].question.trim().split(/\s+/).slice(0, 8).join(' ');
  await list.getByRole('link', { name: firstWords }).click();
  await expect(page.getByTestId('card-question')).toHaveText(easy[0].question);
  await expect(page.getByTestId('fact-reviews')).toHaveText('1');
  await expect(page.getByTestId('fact-state')).toHaveText('Review');
  const log = page.getByTestId('review-log');
  await expect(log.getByTestId('review-row')).toHaveCount(1);
  await expect(log.getByTestId('review-rating')).toHaveText('Easy');

  // Escape: card -> section statistics -> home.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Statistics: ${DSA}`);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('section-dsa').getByTestId('mastery-text')).toHaveText(`0/${SECTION_CARDS} mastered`);
});

test('"As of" shows an earlier day; the section switcher changes the scope', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, DSA);
  await reveal(page);
  await rate(page, '4', 1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /^Study all/ })).toBeVisible();
  await page.keyboard.press('t');
  const row = statsRow(page, DSA);
  await expect(row.getByTestId('cell-reviews-total')).toHaveText(/^1\s/);

  // The day before today: the answer given today is not in it yet.
  const today = await page.getByLabel('As of').inputValue();
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('As of').fill(yesterday);
  await expect(page.getByTestId('stats-date')).toContainText('As of the end of');
  await expect(row.getByTestId('cell-reviews-total')).toHaveText('0');
  await expect(page).toHaveURL(new RegExp(`at=${yesterday}$`));
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(row.getByTestId('cell-reviews-total')).toHaveText(/^1\s/);

  await page.getByRole('combobox', { name: 'Section' }).selectOption({ label: DSA });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Statistics: ${DSA}`);
  await expect(page.getByTestId('card-list').locator('tbody tr')).toHaveCount(SECTION_CARDS);
  // A reload keeps the place: the route is in the address.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Statistics: ${DSA}`);
});
