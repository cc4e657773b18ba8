/**
 * The key-point checklist and the typed answer, on the real `cue serve` host: points ticked by letter
 * and by click move the suggested rating, Space takes it, and what was ticked is stored with the
 * review; undo gives the ticks back; the points missed show before the next reveal; a typed answer
 * marks and pre-ticks the points it covers, and card info shows it.
 */
import type { CardPointsStats, MissedPointsStats } from '../../shared/domain';
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { progress, reveal, studySection } from './study-helpers';

const DAY_ONE = Date.parse('2026-03-02T10:00:00Z');
test.use({ hostEnv: { CUE_NOW: String(DAY_ONE), TZ: 'UTC' } });

const CORE = 'Core Concepts';
const summary = (page: import('@playwright/test').Page) => page.getByTestId('key-points-summary');
const point = (page: import('@playwright/test').Page, id: string) => page.getByTestId(`point-${id}`);

test('tick points by letter and click, take the suggestion with Space; undo gives the ticks back', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  await studySection(page, CORE);
  await reveal(page);
  const hints = page.getByTestId('key-points').locator('.key-hint');
  expect(await hints.evaluateAll((all) => all.map((hint) => hint.getAttribute('data-key')))).toEqual(['a', 's', 'd']);
  await expect(summary(page)).toHaveText('Tick the ones you recalled');
  await expect(page.locator('[data-suggested]')).toHaveCount(0);

  await page.keyboard.press('a');
  await expect(summary(page)).toHaveText('1 of 3 recalled · suggests Again');
  await expect(page.getByTestId('rate-1')).toHaveAttribute('data-suggested', 'true');
  await point(page, 'model-architecture').click();
  await expect(summary(page)).toHaveText('2 of 3 recalled · suggests Hard');
  await expect(page.getByTestId('rate-2')).toHaveAttribute('data-suggested', 'true');
  await page.keyboard.press('d');
  await expect(summary(page)).toHaveText('3 of 3 recalled · suggests Good');
  await page.keyboard.press('d');
  await expect(point(page, 'serving-infrastructure')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('rate-2')).toHaveAttribute('data-suggested', 'true');

  // the click left the focus off the point, so Space takes the suggestion instead of ticking it again
  await page.keyboard.press('Space');
  await expect(progress(page)).toContainText('done 1 ');
  const stats = await callHost<MissedPointsStats>(cue.host, 'stats.missedPoints', { deckId: 1 });
  const [card] = stats.cards;
  expect(card.points.map((p) => [p.pointId, p.missed])).toEqual([['serving-infrastructure', 1]]);
  const info = await callHost<CardPointsStats>(cue.host, 'stats.cardPoints', { cardId: card.cardId });
  expect(info.answers).toEqual([
    expect.objectContaining({
      rating: 2,
      recalled: [
        { id: 'feature-engineering-pipeline', label: 'Feature Engineering Pipeline' },
        { id: 'model-architecture', label: 'Model Architecture' },
      ],
      missed: [{ id: 'serving-infrastructure', label: 'Serving Infrastructure' }],
    }),
  ]);

  // undo takes the ticks back too: the card returns with them, and they count no more
  await page.keyboard.press('u');
  await expect(progress(page)).toContainText('done 0 ');
  await reveal(page);
  await expect(point(page, 'feature-engineering-pipeline')).toHaveAttribute('aria-pressed', 'true');
  await expect(point(page, 'model-architecture')).toHaveAttribute('aria-pressed', 'true');
  await expect(point(page, 'serving-infrastructure')).toHaveAttribute('aria-pressed', 'false');
  expect((await callHost<MissedPointsStats>(cue.host, 'stats.missedPoints', { deckId: 1 })).cards).toEqual([]);

  // answered again (1 keeps its meaning), the next day shows what was missed before the reveal
  await page.keyboard.press('1');
  await expect(progress(page)).toContainText('done 1 ');
  await cue.restart({ CUE_NOW: String(DAY_ONE + 86_400_000), TZ: 'UTC' });
  await openCue(page, cue.host);
  await studySection(page, CORE);
  await expect(page.getByTestId('missed-hint')).toHaveText(
    'Missed last time: 1 of 3 key points (the 3rd); they are marked after the reveal.',
  );
  await reveal(page);
  await expect(point(page, 'serving-infrastructure').getByTestId('missed-last-time')).toBeVisible();
  await expect(page.getByTestId('missed-last-time')).toHaveCount(1);
});

test('type an answer, Ctrl+Enter: the covered points are marked and ticked, and card info keeps the text', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  await studySection(page, CORE);
  await page.getByTestId('toggle-typing').click();
  const box = page.getByTestId('typed-answer');
  await expect(box).toBeFocused();
  // Enter is a new line here, and letters and digits type: no study key fires
  await page.keyboard.type('A feature engineering pipeline over user interactions');
  await page.keyboard.press('Enter');
  await page.keyboard.type('then 3 things: a two-tower model architecture');
  await expect(page.getByTestId('answer')).toHaveCount(0);
  await expect(box).toHaveValue(
    'A feature engineering pipeline over user interactions\nthen 3 things: a two-tower model architecture',
  );

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('answer')).toBeVisible();
  await expect(page.getByTestId('typed-answer-text')).toContainText('A feature engineering pipeline');
  await expect(point(page, 'feature-engineering-pipeline').getByTestId('covered')).toBeVisible();
  await expect(point(page, 'model-architecture').getByTestId('covered')).toBeVisible();
  await expect(point(page, 'serving-infrastructure').getByTestId('covered')).toHaveCount(0);
  await expect(point(page, 'feature-engineering-pipeline')).toHaveAttribute('aria-pressed', 'true');
  await expect(point(page, 'serving-infrastructure')).toHaveAttribute('aria-pressed', 'false');
  await expect(summary(page)).toHaveText('2 of 3 recalled · suggests Hard');

  // the person corrects the match, then takes the suggestion
  await page.keyboard.press('s');
  await expect(summary(page)).toHaveText('1 of 3 recalled · suggests Again');
  await page.keyboard.press('Enter');
  await expect(progress(page)).toContainText('done 1 ');
  // the box stays on for the session, empty for the next card
  await expect(page.getByTestId('typed-answer')).toHaveValue('');

  const [card] = (await callHost<MissedPointsStats>(cue.host, 'stats.missedPoints', { deckId: 1 })).cards;
  const info = await callHost<CardPointsStats>(cue.host, 'stats.cardPoints', { cardId: card.cardId });
  expect(info.answers[0]).toMatchObject({
    rating: 1,
    typedText: 'A feature engineering pipeline over user interactions\nthen 3 things: a two-tower model architecture',
  });
  // Escape leaves the next card's box, a second goes home; the statistics list the missed points
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('typed-answer')).not.toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('reviewed-today')).toHaveText('Reviewed today: 1');
  await page.keyboard.press('t');
  const missed = page.getByTestId('missed-points');
  await expect(missed.locator('tbody tr')).toHaveCount(2);
  await expect(missed.locator('tbody tr').first()).toContainText('Model Architecture');
  await missed.getByRole('link').first().click();
  await expect(page.getByTestId('card-answers')).toContainText('A feature engineering pipeline over user interactions');
});
