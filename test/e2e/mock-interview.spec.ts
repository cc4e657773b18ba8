/**
 * A mock interview on the real `cue serve` host, keyboard first, with Playwright's clock driving the
 * countdown (no real waiting): three Core Concepts questions, the first graded by its key-point checklist,
 * the second left to run out of time; the
 * summary marks it and lists it to review next, the grades are reviews in the log, a reload mid-session
 * resumes it, leaving asks first, and the statistics show the answer times.
 */
import type { Page } from '@playwright/test';
import type { MockSummary } from '../../shared/mock';
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

test.use({ hostEnv: { CUE_NOW: '2026-03-02T10:00:00Z', TZ: 'UTC' } });

const countdown = (page: Page) => page.getByTestId('mock-countdown');
const progress = (page: Page) => page.getByTestId('mock-progress');

async function grade(page: Page, key: '1' | '2' | '3' | '4') {
  await expect(page.getByTestId('answer')).toBeVisible();
  await page.keyboard.press(key);
  await expect(page.getByTestId('answer')).toHaveCount(0);
}

test('three questions, one of them timed out, end in a summary that marks it', async ({ page, cue }) => {
  // the page's clock stands still but for runFor, so the times it measures are exact
  await page.clock.install({ time: new Date('2026-03-02T10:00:00Z') });
  await page.clock.pauseAt(new Date('2026-03-02T10:00:01Z'));
  await openCue(page, cue.host);
  await page.keyboard.press('m');
  await expect(page.getByRole('heading', { name: 'Mock interview' })).toBeVisible();
  await expect(page.getByTestId('mock-limit-core')).toHaveValue('2');
  await expect(page.getByTestId('mock-limit-system-design')).toHaveValue('5');
  // only Core Concepts, three questions
  for (const name of ['Data Structures and Algorithms', 'System Design', 'Coding and Debugging', 'Behavioral']) {
    await page.getByRole('checkbox', { name: new RegExp(name) }).uncheck();
  }
  await page.getByTestId('mock-count').fill('3');
  await page.getByTestId('mock-start').click();

  // 1: answered after 20 s
  await expect(progress(page)).toHaveText('Question 1 of 3');
  await expect(countdown(page)).toHaveText('2:00');
  await page.clock.runFor(20_000);
  await expect(countdown(page)).toHaveText('1:40');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('mock-time-taken')).toHaveText('You answered in 0:20 of 2:00.');
  // the reveal's checklist, as study's: one point ticked suggests Again; all three Good, which Space takes
  await page.keyboard.press('a');
  await expect(page.getByTestId('key-points-summary')).toHaveText('1 of 3 recalled · suggests Again');
  await page.keyboard.press('s');
  await page.keyboard.press('d');
  await expect(page.getByTestId('key-points-summary')).toHaveText('3 of 3 recalled · suggests Good');
  await expect(page.getByTestId('rate-3')).toHaveAttribute('data-suggested', 'true');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toHaveCount(0);

  // 2: a reload resumes the session; the countdown warns in its last 30 s, then runs out
  await expect(progress(page)).toHaveText('Question 2 of 3');
  await page.reload();
  await expect(progress(page)).toHaveText('Question 2 of 3');
  await expect(page.getByTestId('mock-countdown-box')).not.toHaveClass(/is-warning/);
  await page.clock.runFor(95_000);
  await expect(page.getByTestId('mock-countdown-box')).toHaveClass(/is-warning/);
  await expect(page.getByTestId('mock-announcement')).toHaveText('30 seconds left.');
  await page.clock.runFor(30_000);
  await expect(page.getByTestId('mock-time-taken')).toHaveText('Time ran out (2:00).');
  await grade(page, '3');

  // leaving asks first; staying keeps the question
  await expect(progress(page)).toHaveText('Question 3 of 3');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Leave the mock interview?' })).toBeVisible();
  await page.getByRole('button', { name: 'Stay' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // 3: answered after 45 s with the Done button
  await page.clock.runFor(45_000);
  await page.getByTestId('mock-done').click();
  await grade(page, '4');

  const summary = page.getByTestId('mock-summary');
  await expect(summary).toBeVisible();
  await expect(page.getByTestId('mock-summary-row-1')).toContainText('0:20 / 2:00');
  await expect(page.getByTestId('mock-summary-row-1')).not.toContainText('time ran out');
  await expect(page.getByTestId('mock-summary-row-1').getByTestId('mock-summary-points')).toHaveText('3 of 3');
  await expect(page.getByTestId('mock-summary-row-2').getByTestId('mock-summary-points')).toHaveText('–');
  await expect(page.getByTestId('mock-summary-row-2')).toContainText('2:00 / 2:00 time ran out');
  await expect(page.getByTestId('mock-summary-row-3')).toContainText('Easy');
  await expect(page.getByTestId('mock-review-next').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('mock-review-next')).toContainText('time ran out');

  const sessionId = Number(new URL(page.url()).hash.split('/').at(-1));
  const stored = await callHost<MockSummary>(cue.host, 'mock.summary', { sessionId });
  expect(stored.questions.map((q) => [q.timeTakenMs, q.timedOut, q.rating, q.points])).toEqual([
    [20_000, false, 3, { recalled: 3, total: 3 }],
    [120_000, true, 3, null],
    [45_000, false, 4, null],
  ]);
  expect(stored.reviewNext).toEqual([stored.questions[1].cardId]);

  // leaving the summary ends the session: the setup has none to resume; the home screen counts three reviews
  await page.getByTestId('mock-again').click();
  await expect(page.getByTestId('mock-start')).toBeVisible();
  await expect(page.getByTestId('mock-resume')).toHaveCount(0);
  expect((await callHost<MockSummary>(cue.host, 'mock.summary', { sessionId })).endedAt).not.toBeNull();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('reviewed-today')).toHaveText('Reviewed today: 3');

  // the statistics show the median answer time of Core Concepts this week: 45 s of 20, 45, 120
  // (with the clock running again: the statistics screen waits on timers of its own)
  await page.clock.resume();
  await page.getByTestId('deck-stats').click();
  await expect(page.getByTestId('answer-times-table')).toContainText('0:45 (3)');
});

test('a time limit set on the setup screen is kept and is the countdown’s; a session left is resumed', async ({
  page,
  cue,
}) => {
  await page.clock.install({ time: new Date('2026-03-02T10:00:00Z') });
  await page.clock.pauseAt(new Date('2026-03-02T10:00:01Z'));
  await openCue(page, cue.host);
  await page.getByTestId('deck-mock').click();
  const core = page.getByTestId('mock-limit-core');
  await core.fill('0');
  await core.press('Enter');
  await expect(page.getByTestId('mock-section-core').getByRole('alert')).toHaveText(
    'A time limit is 10 seconds to 60 minutes.',
  );
  await core.fill('1.5');
  await core.press('Enter');
  await expect(page.getByRole('button', { name: 'Default (2)' })).toBeVisible();
  await page.reload();
  await expect(core).toHaveValue('1.5');
  for (const name of ['Data Structures and Algorithms', 'System Design', 'Coding and Debugging', 'Behavioral']) {
    await page.getByRole('checkbox', { name: new RegExp(name) }).uncheck();
  }
  await page.getByTestId('mock-count').fill('1');
  await page.getByTestId('mock-start').click();
  await expect(countdown(page)).toHaveText('1:30');

  // left mid-question (after asking), it is offered again and resumes
  await page.keyboard.press('Escape');
  await page.getByTestId('mock-leave').click();
  await expect(page.getByRole('button', { name: /^Study all/ })).toBeVisible();
  await page.keyboard.press('m');
  await page.getByTestId('mock-resume').click();
  await expect(progress(page)).toHaveText('Question 1 of 1');
  await expect(countdown(page)).toBeVisible();
});
