/**
 * Custom study from the home screen, keyboard first, on the real `cue serve` host: a "study ahead"
 * session reschedules the cards it answers; a "cram tag" session (practice only) leaves every card's
 * schedule exactly as it was, Again bringing the card back within the session.
 */
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { progress, rate, reveal } from './study-helpers';

// a fixed day in UTC, so "tomorrow" is a date the test can name
test.use({ hostEnv: { CUE_NOW: '2026-03-02T10:00:00Z', TZ: 'UTC' } });

interface Row {
  id: number;
  state: string;
  due: number;
  stability: number;
  difficulty: number;
  reviews: number;
}

/** The cards' schedules as the browser's search reports them, by id. */
async function schedules(host: Parameters<typeof callHost>[0], ids: number[]): Promise<Row[]> {
  const found = await callHost<{ cards: Row[] }>(host, 'cards.search', { query: '', limit: 500 });
  return ids.map((id) => {
    const card = found.cards.find((row) => row.id === id);
    if (!card) throw new Error(`card ${id} is not in the collection`);
    const { state, due, stability, difficulty, reviews } = card;
    return { id, state, due, stability, difficulty, reviews };
  });
}

test('study ahead from home: the cards due tomorrow, answered now, are rescheduled', async ({ page, cue }) => {
  // three review cards, due tomorrow
  for (const cardId of [1, 2, 3]) {
    await callHost(cue.host, 'study.answer', { deckId: 1, cardId, rating: 4, durationMs: 3000 });
  }
  await callHost(cue.host, 'cards.bulk', { cardIds: [1, 2, 3], change: { action: 'setDue', date: '2026-03-03' } });
  const before = await schedules(cue.host, [1, 2, 3]);
  await openCue(page, cue.host);

  await page.keyboard.press('c');
  await expect(page.getByRole('heading', { name: 'Custom study' })).toBeVisible();
  // Study ahead is chosen and has the focus; one day ahead holds the three cards
  await expect(page.getByRole('radio', { name: /Study ahead/ })).toBeFocused();
  await expect(page.getByTestId('custom-count-ahead')).toHaveText('3 cards');
  await expect(page.getByTestId('custom-reschedule')).toBeChecked();
  await expect(page.getByTestId('custom-reschedule')).toBeDisabled();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('custom-badge')).toHaveText('Custom · reschedules');
  await expect(progress(page)).toHaveText('done 0 · left 3');
  for (let done = 1; done <= 3; done++) {
    await reveal(page);
    await rate(page, '3', done);
  }
  await expect(page.getByTestId('done')).toContainText('Custom session finished');
  await expect(page.getByTestId('custom-effect')).toHaveText(
    'Your answers rescheduled the cards, as in ordinary study.',
  );

  const after = await schedules(cue.host, [1, 2, 3]);
  for (const [i, card] of after.entries()) {
    expect(card.reviews, `card ${card.id}`).toBe(before[i].reviews + 1);
    expect(card.due, `card ${card.id}`).toBeGreaterThan(before[i].due);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /^Study all/ })).toBeVisible();
});

test('cram a tag of a section: practice answers, Again comes back, the schedule stays as it was', async ({
  page,
  cue,
}) => {
  await callHost(cue.host, 'study.answer', { deckId: 1, cardId: 11, rating: 4, durationMs: 3000 });
  await callHost(cue.host, 'cards.bulk', {
    cardIds: [11, 12, 13],
    change: { action: 'addTags', tags: ['interview'] },
  });
  const before = await schedules(cue.host, [11, 12, 13]);
  await openCue(page, cue.host);

  await page.getByRole('link', { name: 'Custom study of this section: Data Structures and Algorithms' }).click();
  await expect(page.getByTestId('custom-place')).toHaveText('Section: Data Structures and Algorithms');
  // arrow keys move through the kinds: ahead, forgotten, preview, tag
  await expect(page.getByRole('radio', { name: /Study ahead/ })).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /Cram a tag/ })).toBeChecked();
  await expect(page.getByTestId('custom-tag')).toHaveValue('interview');
  await expect(page.getByTestId('custom-count-tag')).toHaveText('3 cards');
  await expect(page.getByTestId('custom-reschedule')).not.toBeChecked();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('custom-badge')).toHaveText('Custom · no rescheduling');
  await expect(progress(page)).toHaveText('done 0 · left 3');
  const first = await page.getByTestId('question').textContent();
  await reveal(page);
  await expect(page.getByTestId('interval-1')).toHaveText('in 2 cards');
  await expect(page.getByTestId('interval-3')).toHaveText('done');
  await rate(page, '1', 1);
  // undo takes the practice answer back, and the card is shown again
  await page.keyboard.press('u');
  await expect(progress(page)).toHaveText('done 0 · left 3');
  await expect(page.getByTestId('question')).toHaveText(first ?? '');
  await reveal(page);
  await rate(page, '1', 1);
  await reveal(page);
  await rate(page, '3', 2);
  await reveal(page);
  await rate(page, '3', 3);
  // the card answered Again, back after the two others
  await expect(page.getByTestId('question')).toHaveText(first ?? '');
  await expect(progress(page)).toHaveText('done 3 · left 1');
  await reveal(page);
  await rate(page, '4', 4);
  await expect(page.getByTestId('custom-effect')).toHaveText(
    'The schedule did not change: these answers were practice only.',
  );

  expect(await schedules(cue.host, [11, 12, 13])).toEqual(before);
});

test.describe('bad choices', () => {
  // the refusals are the API's answers (400 for the search, 404 for the empty selection), which the browser logs
  test.use({ allowedConsoleErrors: [/status of 40[04]/] });

  test('custom study says what is wrong: a search that does not parse, a session that would be empty', async ({
    page,
    cue,
  }) => {
    await openCue(page, cue.host);
    await page.keyboard.press('c');
    await page.getByTestId('custom-query').fill('"never closed');
    await expect(page.getByRole('radio', { name: /Cram a search/ })).toBeChecked();
    await expect(page.getByTestId('custom-count-query')).toContainText('a quote is never closed');
    await page.getByTestId('custom-query').press('Enter');
    await expect(page.getByTestId('custom-problem')).toContainText('a quote is never closed');
    await page.getByRole('radio', { name: /Review forgotten cards/ }).check();
    await expect(page.getByTestId('custom-count-forgotten')).toHaveText('no cards');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('custom-problem')).toHaveText(/were answered Again today/);
  });

  test('increase today’s limits raises the day’s new cards by what the person asks', async ({ page, cue }) => {
    await openCue(page, cue.host);
    const before = (await callHost(cue.host, 'study.next', { deckId: 1 })) as { newLeftToday: number };
    await page.keyboard.press('c');
    await page.getByRole('radio', { name: /Increase today’s limits/ }).check();
    await page.getByTestId('extend-new').fill('5');
    await page.getByTestId('extend-reviews').fill('20');
    const [request] = await Promise.all([
      page.waitForRequest('**/api/decks.extendLimits'),
      page.getByTestId('extend-reviews').press('Enter'),
    ]);
    expect(request.postDataJSON()).toEqual({ deckId: 1, newCards: 5, reviews: 20 });
    await expect(page.getByTestId('extend-result')).toContainText('5 extra new cards');
    const after = (await callHost(cue.host, 'study.next', { deckId: 1 })) as { newLeftToday: number };
    expect(after.newLeftToday).toBe(before.newLeftToday + 5);
  });
});
