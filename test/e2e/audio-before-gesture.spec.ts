/**
 * A card shown before the person has pressed a key or clicked in the tab (a mock interview resumed by
 * loading its address), in Chromium's default autoplay policy: the refused play is quiet, the players
 * stay, and r (a key press) plays them. Playwright's waits and a trace's snapshots run script in the page
 * as a gesture would, so this file records no trace and the test waits on console lines alone until the
 * refusal is seen.
 */
import type { MockSessionView } from '../../shared/mock';
import { callHost } from '../helpers/cue-process';
import { importSounds, observeSounds, since, soundLog } from './audio-helpers';
import { expect, test } from './fixtures';

test.use({ trace: 'off' });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(observeSounds);
});

test('a question shown before any key press: the refused play is quiet, the player stays, r plays it', async ({
  page,
  cue,
}) => {
  const log = soundLog(page);
  const deck = await importSounds(cue.host, false);
  const view = await callHost<MockSessionView>(cue.host, 'mock.start', {
    deckId: deck.id,
    sectionIds: deck.sections.map((s) => s.id),
    count: 1,
    order: 'random',
    seed: 1,
  });
  // no locator and no evaluate before the refusal: Playwright's waits would count as a gesture
  const refused = page.waitForEvent(
    'console',
    (message) => message.text() === 'sound: refused beep.wav NotAllowedError',
  );
  await page.goto(`${cue.host.url}#/mock/${deck.id}/${view.sessionId}`);
  await refused;
  // quiet: no error panel or message (and the fixture fails the test on any console error)
  await expect(page.getByTestId('question').locator('audio[data-sound]')).toHaveCount(2);
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('toast')).toHaveCount(0);
  expect(log.filter((line) => line.startsWith('playing '))).toEqual([]);
  // a key press is a gesture: r plays the question's sounds
  await page.keyboard.press('r');
  await expect.poll(() => since(log, 'r')).toEqual(['playing beep.wav', 'ended beep.wav', 'playing tone.wav']);
});
