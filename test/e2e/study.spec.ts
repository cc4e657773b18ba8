/**
 * Studying as an Anki user does: keyboard only, intervals on the buttons, undo, and the progress still
 * there after quitting and reopening Cue. Runs the real `cue serve` host on a fresh collection.
 */
import { expect, openCue, test } from './fixtures';
import { expectHomeCounts, progress, questionText, rate, reveal, studySection } from './study-helpers';

const DSA = 'Data Structures and Algorithms';
const DAYS_OR_MORE = /^\d+(\.\d+)?(d|mo|y)$/;

test.describe('a study day', () => {
  // midday: a ten-minute learning step near the 4 am rollover would fall into tomorrow and leave "left"
  test.use({ hostEnv: { CUE_NOW: '2026-03-02T12:00:00Z', TZ: 'UTC' } });

  test('keyboard study: intervals change from new to learning, undo, progress kept after a restart', async ({
    page,
    cue,
  }) => {
    await openCue(page, cue.host);
    await expectHomeCounts(page, { new: 20, learning: 0, review: 0, reviewedToday: 0 });

    await studySection(page, DSA);
    await expect(progress(page)).toHaveText('done 0 · left 10');
    const firstQuestion = await questionText(page);

    // A new card: Again comes back in a minute, Good in ten (the learning steps).
    await expect(page.getByTestId('card-state')).toHaveText('New');
    await reveal(page);
    await expect(page.getByTestId('interval-1')).toHaveText('1m');
    await expect(page.getByTestId('interval-3')).toHaveText('10m');
    await expect(page.getByTestId('interval-4')).toHaveText(DAYS_OR_MORE);
    await rate(page, '3', 1);
    // Good moved the card from "new" to "learning": still due today, so "left" stays 10.
    await expect(progress(page)).toHaveText('done 1 · left 10');

    for (let done = 2; done <= 10; done++) {
      await expect(page.getByTestId('card-state')).toHaveText('New');
      const question = await questionText(page);
      await reveal(page);
      await expect(page.getByTestId('interval-3')).toHaveText('10m');
      await rate(page, done % 2 === 0 ? '3' : 'Space', done);

      if (done === 3) {
        // Undo brings the same card back, question side, and takes the answer off the count.
        await page.keyboard.press('u');
        await expect(progress(page)).toHaveText('done 2 · left 10');
        await expect(page.getByTestId('question')).toHaveText(question);
        await expect(page.getByTestId('answer')).toHaveCount(0);
        await expect(page.getByTestId('card-state')).toHaveText('New');
        await expect(page.getByTestId('toast')).toHaveText('Undone: Answer.');
        await reveal(page);
        await rate(page, '3', 3);
      }
    }

    // Every new card is in learning now; the first one comes back early (learn-ahead), and Good graduates it.
    await expect(page.getByTestId('question')).toHaveText(firstQuestion);
    await expect(page.getByTestId('card-state')).toHaveText('Learning');
    await reveal(page);
    await expect(page.getByTestId('interval-3')).toHaveText(DAYS_OR_MORE);
    await rate(page, '3', 11);
    await expect(progress(page)).toHaveText('done 11 · left 9');

    await page.keyboard.press('Escape');
    // 10 new cards introduced (20 -> 10 of today's limit), 9 still learning, 11 answers (the undone one is gone).
    const expected = { new: 10, learning: 9, review: 0, reviewedToday: 11 };
    await expectHomeCounts(page, expected);
    const section = page.getByTestId('section-dsa');
    await expect(section.getByTestId('due-new')).toHaveText('0');
    await expect(section.getByTestId('due-learning')).toHaveText('9');

    const host = await cue.restart();
    await openCue(page, host);
    await expectHomeCounts(page, expected);
    await expect(page.getByTestId('section-dsa').getByTestId('due-learning')).toHaveText('9');
  });
});

test('code is highlighted and math is typeset, never shown as raw Markdown', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, DSA);
  // dsa-01: "…LRU Cache with a complexity of $O(1)$…", answered with a Python class.
  const question = page.getByTestId('question');
  await expect(question.locator('.katex')).toHaveCount(1);
  await expect(question).not.toContainText('$');
  await reveal(page);
  const answer = page.getByTestId('answer');
  await expect(answer.locator('.katex').first()).toBeVisible();
  await expect(answer.locator('pre code.hljs.language-python')).toHaveCount(1);
  await expect(answer.locator('code.hljs span.hljs-keyword').first()).toHaveText('class');
  const text = (await answer.textContent()) ?? '';
  expect(text).not.toContain('```');
  expect(text).not.toContain('$O(');
  expect(text).toContain('class LRUCache');
});

test('bury and suspend say what happened and take the card out of today', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, DSA);
  await expect(progress(page)).toHaveText('done 0 · left 10');
  const first = await questionText(page);

  await page.keyboard.press('-');
  await expect(page.getByTestId('toast')).toHaveText('Card buried until tomorrow.');
  await expect(progress(page)).toHaveText('done 0 · left 9');
  await expect(page.getByTestId('question')).not.toHaveText(first);

  await page.keyboard.press('@');
  await expect(page.getByTestId('toast')).toContainText('Card suspended');
  await expect(progress(page)).toHaveText('done 0 · left 8');

  await page.keyboard.press('Escape');
  const section = page.getByTestId('section-dsa');
  await expect(section).toContainText('1 suspended');
  await expect(section).toContainText('1 buried');
  await expect(section.getByTestId('due-new')).toHaveText('8');
});

test('Ctrl+1 to Ctrl+7 flag the card in study, again takes it off, and the browser finds it with flag:N', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  await studySection(page, DSA);
  const first = await questionText(page);
  await page.keyboard.press('Control+1');
  await expect(page.getByTestId('card-flag')).toHaveText('Red flag');
  await expect(page.getByTestId('toast')).toHaveText('Flagged red.');
  await page.keyboard.press('Control+1');
  await expect(page.getByTestId('card-flag')).toHaveCount(0);
  await expect(page.getByTestId('toast')).toHaveText('Flag taken off.');
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+4');
  await expect(page.getByTestId('card-flag')).toHaveText('Blue flag');
  // flagging leaves the card where it was: same card, answer still shown, nothing answered
  await expect(page.getByTestId('question')).toHaveText(first);
  await expect(progress(page)).toHaveText('done 0 · left 10');
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search cards' }).fill('flag:4');
  await expect(page.getByTestId('result-count')).toHaveText('1 card');
  await expect(page.getByTestId('row-question')).toContainText(first.slice(0, 20));
  // the sidebar's flags run the same search: Blue is flag:4, Red (taken off again) finds nothing
  await page.getByRole('searchbox', { name: 'Search cards' }).fill('');
  await expect(page.getByTestId('result-count')).toHaveText('50 cards');
  await page.getByTestId('sidebar-flag-1').click();
  await expect(page.getByRole('searchbox', { name: 'Search cards' })).toHaveValue('flag:1');
  await expect(page.getByTestId('result-count')).toHaveText('0 cards');
  await page.getByTestId('sidebar-flag-4').click();
  await expect(page.getByRole('searchbox', { name: 'Search cards' })).toHaveValue('flag:4');
  await expect(page.getByTestId('result-count')).toHaveText('1 card');
  await expect(page.getByTestId('row-question')).toContainText(first.slice(0, 20));
});

test('finishing a section shows what comes next', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, 'Behavioral Questions');
  // Easy graduates a new card straight to review, days away: the section empties in ten answers.
  for (let done = 1; done <= 10; done++) {
    await reveal(page);
    await rate(page, '4', done);
  }
  const finished = page.getByTestId('done');
  await expect(finished.getByRole('heading', { name: 'Done for today' })).toBeVisible();
  await expect(finished).toContainText('Congratulations! You have finished this section for now.');
  await expect(finished.getByTestId('new-left')).toContainText('10 new cards today from other sections');
  await expect(page.getByRole('button', { name: /Undo last answer/ })).toBeVisible();

  // Undo works from the done screen too: the last card comes back.
  await page.keyboard.press('u');
  await expect(progress(page)).toHaveText('done 9 · left 1');
  await reveal(page);
  await rate(page, '4', 10);
  await expect(finished).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('section-behavioral').getByTestId('due-new')).toHaveText('0');
});

test.describe('without the access token', () => {
  test.use({ allowedConsoleErrors: [/status of 401/] });

  test('the page explains instead of staying blank', async ({ page, cue }) => {
    await page.goto(cue.host.origin);
    await expect(page.getByRole('alert')).toContainText('This page is not allowed to talk to Cue');
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});

test.describe('when the collection reports problems', () => {
  test.use({ allowedConsoleErrors: [/status of 500/] });

  test('deck loading warnings are shown on the home screen', async ({ page, cue }) => {
    await page.route('**/api/collection.info', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.result.warnings = ['Deck file not loaded: broken.md:3: a card needs an {#id}'];
      await route.fulfill({ response, json: body });
    });
    await openCue(page, cue.host);
    await expect(page.getByTestId('warnings')).toContainText('broken.md:3: a card needs an {#id}');
  });

  test('a failed answer is explained, and trying again continues with the same card', async ({ page, cue }) => {
    await openCue(page, cue.host);
    await studySection(page, DSA);
    const question = await questionText(page);
    await page.route('**/api/study.answer', (route) =>
      route.fulfill({
        status: 500,
        json: { error: { code: 'database', message: 'The collection could not be updated: disk I/O error' } },
      }),
    );
    await reveal(page);
    await page.keyboard.press('3');
    const error = page.getByTestId('error');
    await expect(error).toContainText('Problem with the collection database');
    await expect(error).toContainText('disk I/O error');
    await page.unroute('**/api/study.answer');
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('question')).toHaveText(question);
    await expect(progress(page)).toHaveText('done 0 · left 10');
  });
});

test.describe('when the host has stopped', () => {
  test.use({ allowedConsoleErrors: [/ERR_CONNECTION_REFUSED/] });

  test('answering says Cue is not reachable instead of hanging', async ({ page, cue }) => {
    await openCue(page, cue.host);
    await studySection(page, DSA);
    await reveal(page);
    await cue.host.stop();
    await page.keyboard.press('3');
    await expect(page.getByTestId('error')).toContainText('Cue is not reachable');
  });
});

test('Ctrl+Delete deletes the card being studied; Undo brings it back', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, DSA);
  await expect(progress(page)).toHaveText('done 0 · left 10');
  const first = await questionText(page);
  await page.keyboard.press('Control+Delete');
  await expect(page.getByTestId('toast')).toContainText('Card deleted, with its history.');
  await expect(progress(page)).toHaveText('done 0 · left 9');
  expect(await questionText(page)).not.toBe(first);
  await page.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast')).toHaveText('Undone: Delete 1 card.');
  await expect(progress(page)).toHaveText('done 0 · left 10');
  await expect(page.getByTestId('question')).toHaveText(first);

  // Deleted for good this time: the section has one card fewer.
  await page.getByTestId('study-delete').click();
  await expect(progress(page)).toHaveText('done 0 · left 9');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('section-dsa')).toContainText('9 cards');
});
