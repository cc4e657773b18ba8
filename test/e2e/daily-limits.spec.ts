/**
 * The preset's daily limits and leeches in the real UI: reviews a day capped through the API
 * (`presets.update` on the running `cue serve`), study stops at the cap and the done screen says the
 * review limit stopped it; a lapse that makes a leech is said on the study screen at that moment.
 */
import type { StudyNext } from '../../shared/domain';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { type Cue, expect, openCue, test } from './fixtures';
import { expectHomeCounts, progress, rate, reveal } from './study-helpers';

const DAY_ONE = Date.UTC(2026, 2, 2, 10, 0);
const DAY = 86_400_000;

/** Learns `count` new cards with Easy through the API (each a review 8 days later). */
async function learnWithEasy(host: RunningHost, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const { card } = await callHost<StudyNext>(host, 'study.next', { deckId: 1 });
    if (!card) throw new Error('no new card to learn');
    await callHost(host, 'study.answer', { deckId: 1, cardId: card.id, rating: 4, durationMs: 3000 });
  }
}

/** Ten reviews due: ten cards learned on day one, the host restarted ten days later. */
async function tenReviewsDue(cue: Cue): Promise<RunningHost> {
  await cue.restart({ CUE_NOW: String(DAY_ONE) });
  await learnWithEasy(cue.host, 10);
  return cue.restart({ CUE_NOW: String(DAY_ONE + 10 * DAY) });
}

test('maximum reviews a day: study stops at the cap and the done screen says the review limit was reached', async ({
  page,
  cue,
}) => {
  const host = await tenReviewsDue(cue);
  await callHost(host, 'presets.update', { presetId: 1, options: { reviewsPerDay: 3 } });
  await openCue(page, host);
  // three reviews fill the limit, and new cards count against it: none today
  await expectHomeCounts(page, { new: 0, learning: 0, review: 3, reviewedToday: 0 });

  await page
    .getByRole('button', { name: /^Study all/ })
    .first()
    .click();
  await expect(progress(page)).toHaveText('done 0 · left 3');
  for (let done = 1; done <= 3; done++) {
    await expect(page.getByTestId('card-state')).toHaveText('Review');
    await reveal(page);
    await rate(page, '3', done);
  }
  const finished = page.getByTestId('done');
  await expect(finished.getByRole('heading', { name: 'Done for today' })).toBeVisible();
  const limit = finished.getByTestId('review-limit');
  await expect(limit).toContainText('Today’s review limit is reached.');
  await expect(limit).toContainText('Maximum reviews a day');
  await expect(limit.getByRole('link', { name: 'Custom study' })).toHaveAttribute('href', '#/custom/1');
  await expect(limit.getByRole('link', { name: 'deck options' })).toHaveAttribute('href', '#/options/1');
  await expect(finished.getByTestId('new-left')).toContainText('they count against the review limit');

  // seven reviews are still due, and none is shown today
  await page.keyboard.press('Escape');
  await expectHomeCounts(page, { new: 0, learning: 0, review: 0, reviewedToday: 3 });
  await callHost(host, 'decks.extendLimits', { deckId: 1, reviews: 2 });
  await page.reload();
  await expectHomeCounts(page, { new: 0, learning: 0, review: 2, reviewedToday: 3 });
});

test('a lapse that makes a leech is said at that moment, and the leech is suspended', async ({ page, cue }) => {
  const host = await tenReviewsDue(cue);
  await callHost(host, 'presets.update', { presetId: 1, options: { leechThreshold: 1, leechAction: 'suspend' } });
  await openCue(page, host);
  await page
    .getByRole('button', { name: /^Study all/ })
    .first()
    .click();
  await expect(page.getByTestId('card-state')).toHaveText('Review');
  await expect(page.getByTestId('leech-notice')).toHaveCount(0);
  await reveal(page);
  await rate(page, '1', 1);
  const notice = page.getByRole('status').filter({ has: page.getByTestId('leech-notice') });
  await expect(notice).toContainText('That card is a leech');
  await expect(notice).toContainText('and suspended');
  // the suspended leech left the queue: nine reviews and today's 20 new cards are left
  await expect(progress(page)).toHaveText('done 1 · left 29');
  // the next answer clears the notice
  await reveal(page);
  await rate(page, '3', 2);
  await expect(page.getByTestId('leech-notice')).toHaveCount(0);
});
