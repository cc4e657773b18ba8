/**
 * Undo and redo as a person uses them: in study, `u` takes back a delete, a suspend and a bury (each
 * bringing its card back) and Ctrl+Shift+Z makes the change again; on home, `u` undoes what was done
 * elsewhere, and the history survives a restart of Cue.
 */
import type { HistoryList } from '../../shared/history';
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { progress, questionText, studySection } from './study-helpers';

const DSA = 'Data Structures and Algorithms';

// "nothing to undo" is the API's 409, which the page says in words
test.use({ hostEnv: { CUE_NOW: '2026-03-02T12:00:00Z', TZ: 'UTC' }, allowedConsoleErrors: [/409 \(Conflict\)/] });

test('in study, u brings back a deleted, a suspended and a buried card; Ctrl+Shift+Z does it again', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  await studySection(page, DSA);
  await expect(progress(page)).toHaveText('done 0 · left 10');

  for (const [key, label] of [
    ['Control+Delete', 'Delete 1 card'],
    ['@', 'Suspend'],
    ['-', 'Bury'],
  ] as const) {
    const question = await questionText(page);
    await page.keyboard.press(key);
    await expect(progress(page)).toHaveText('done 0 · left 9');
    expect(await questionText(page)).not.toBe(question);
    await page.keyboard.press('u');
    await expect(page.getByTestId('toast')).toHaveText(`Undone: ${label}.`);
    await expect(progress(page)).toHaveText('done 0 · left 10');
    await expect(page.getByTestId('question')).toHaveText(question);
  }

  // the bury again, then undone once more: each step is on the history, newest first
  const buried = await questionText(page);
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('toast')).toHaveText('Redone: Bury.');
  await expect(progress(page)).toHaveText('done 0 · left 9');
  expect(await questionText(page)).not.toBe(buried);
  const history = await callHost<HistoryList>(cue.host, 'history.list');
  expect(history.undo.map((step) => step.label)).toEqual(['Bury']);
  // each new change cleared what could be redone before it, as in every editor
  expect(history.redo).toEqual([]);
  await page.keyboard.press('u');
  await expect(page.getByTestId('question')).toHaveText(buried);
  await page.keyboard.press('u');
  await expect(page.getByTestId('toast')).toHaveText('Nothing to undo.');
});

test('on home, u undoes a change made elsewhere, after a restart too, and says when there is nothing left', async ({
  page,
  cue,
}) => {
  const found = await callHost<{ cards: { id: number }[] }>(cue.host, 'cards.search', {
    query: 'section:dsa',
    limit: 3,
  });
  const cardIds = found.cards.map((card) => card.id);
  await callHost(cue.host, 'cards.bulk', { cardIds, change: { action: 'suspend' } });
  await cue.restart();
  await openCue(page, cue.host);
  await expect(page.getByTestId('section-dsa')).toContainText('3 suspended');
  await page.keyboard.press('u');
  await expect(page.getByTestId('toast')).toHaveText('Undone: Suspend 3 cards.');
  await expect(page.getByTestId('section-dsa')).not.toContainText('suspended');
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('toast')).toHaveText('Redone: Suspend 3 cards.');
  await expect(page.getByTestId('section-dsa')).toContainText('3 suspended');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('u');
  await expect(page.getByTestId('toast')).toHaveText('Nothing to undo.');
});
