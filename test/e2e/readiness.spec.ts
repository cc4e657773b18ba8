/**
 * The readiness screen on a real `cue serve`: set a target date (a past one is refused, with the
 * reason shown), see the predictions per section and card, answer a card in study, come back and see
 * the figures change; statistics then show readiness over time.
 */
import type { Page } from '@playwright/test';
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { progress, rate, reveal } from './study-helpers';

// the refused past date is a 400 answer, which the browser logs
test.use({ hostEnv: { CUE_NOW: '2026-03-02T10:00:00Z' }, allowedConsoleErrors: [/status of 400 \(Bad Request\)/] });

async function openReadiness(page: Page): Promise<void> {
  await page.keyboard.press('r');
  await expect(page.getByRole('heading', { name: 'Readiness', level: 1 })).toBeVisible();
}

test('set a target date, answer a card, and see the readiness figures change', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await openReadiness(page);
  await expect(page.getByText('No target date yet.')).toBeVisible();
  await expect(page.getByTestId('readiness-summary')).toHaveCount(0);

  await page.getByTestId('target-date').fill('2026-02-01');
  await page.getByTestId('save-target').click();
  await expect(page.getByTestId('target-problem')).toHaveText(
    'The target date 2026-02-01 is in the past; today is 2026-03-02.',
  );
  await expect(page.getByTestId('readiness-summary')).toHaveCount(0);

  await page.getByTestId('target-date').fill('2026-03-12');
  await page.getByTestId('save-target').click();
  await expect(page.getByTestId('days-left')).toHaveText('10 days left');
  await expect(page.getByTestId('target-problem')).toHaveCount(0);
  await expect(page.getByTestId('deadline-mode')).toBeChecked();
  // nothing studied: stopping now leaves nothing for the date; the schedule learns all 50 by then
  await expect(page.getByTestId('deck-stopped')).toHaveText('0.0%');
  const onSchedule = Number.parseFloat((await page.getByTestId('deck-on-schedule').textContent()) ?? '');
  expect(onSchedule).toBeGreaterThan(90);
  await expect(page.getByTestId('readiness-sections').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('readiness-card')).toHaveCount(50);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
  // the home screen says when the interview is
  await expect(page.getByTestId('deck-target')).toHaveText('Interview in 10 days (2026-03-12)');
  await page.keyboard.press('Enter');
  await expect(progress(page)).toBeVisible();
  await reveal(page);
  await rate(page, '4', 1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();

  await openReadiness(page);
  await expect(page.getByTestId('days-left')).toHaveText('10 days left');
  // one card of 50 in review: about 90 % of one card on the date, shared over the deck
  await expect(page.getByTestId('deck-stopped')).not.toHaveText('0.0%');
  const stopped = Number.parseFloat((await page.getByTestId('deck-stopped').textContent()) ?? '');
  expect(stopped).toBeGreaterThan(1.5);
  expect(stopped).toBeLessThan(2);
  await expect(page.getByTestId('readiness-card').filter({ hasText: 'review' })).toHaveCount(1);

  await page.keyboard.press('Escape');
  // the home screen's keys work once its decks are there
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
  await page.keyboard.press('t');
  await expect(page.getByTestId('readiness-over-time')).toBeVisible();
  await expect(page.getByTestId('readiness-over-time')).toContainText('2026-03-12');
});

test('clearing the date leaves the screen with the form only', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.getByTestId('deck-readiness').click();
  await page.getByTestId('target-date').fill('2026-04-01');
  await page.getByTestId('deadline-mode').uncheck();
  await page.getByTestId('save-target').click();
  await expect(page.getByTestId('days-left')).toHaveText('30 days left');
  await expect(page.getByTestId('deck-on-schedule')).not.toContainText('deadline');
  await expect(page.getByText("This deck's own date; deadline mode off.")).toBeVisible();
  await page.getByTestId('clear-target').click();
  await expect(page.getByText('No target date yet.')).toBeVisible();
  await expect(page.getByTestId('readiness-summary')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
  await expect(page.getByTestId('deck-target')).toHaveCount(0);
});

test("a card's question opens its statistics", async ({ page, cue }) => {
  await callHost(cue.host, 'readiness.setTarget', { date: '2026-03-20' });
  await openCue(page, cue.host);
  await openReadiness(page);
  await expect(page.getByText('The date set for every deck; deadline mode on.')).toBeVisible();
  const first = page.getByTestId('readiness-card').first().getByRole('link');
  const question = (await first.textContent()) ?? '';
  await first.click();
  await expect(page.getByRole('heading', { name: 'Card statistics', level: 1 })).toBeVisible();
  await expect(page.getByText(question.slice(0, 30)).first()).toBeVisible();
});
