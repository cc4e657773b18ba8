/**
 * A card's sounds in study on the real `cue serve` host, in Chromium with its default autoplay policy (no
 * launch flag): a tab may play sound once the person has pressed a key or clicked in it, and study is
 * always started that way (here with Enter on the home screen). The desktop window needs no gesture at
 * all (shell-policy.ts, unit-tested); a card shown before any gesture is audio-before-gesture.spec.ts.
 */
import { callHost } from '../helpers/cue-process';
import { importSounds, observeSounds, playingNow, plays, since, soundLog } from './audio-helpers';
import { expect, openCue, test } from './fixtures';
import { rate, reveal, studySection } from './study-helpers';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(observeSounds);
});

test('the question’s sounds play in order when it shows, the answer’s on the reveal; r replays; the card changing stops them', async ({
  page,
  cue,
}) => {
  const log = soundLog(page);
  await importSounds(cue.host);
  await openCue(page, cue.host);
  await studySection(page, 'Sounds');
  await expect(page.getByTestId('question')).toContainText('Listen');
  // one after another: the short beep, and once it has ended the tone
  await expect.poll(() => since(log, 'Enter')).toEqual(['playing beep.wav', 'ended beep.wav', 'playing tone.wav']);
  await expect.poll(() => playingNow(page)).toEqual(['tone.wav']);

  // the reveal stops the question's tone and plays the answer's own sound (not the question's again)
  await reveal(page);
  await expect.poll(() => since(log, ' ')).toEqual(['playing answer.wav']);
  await expect.poll(() => playingNow(page)).toEqual(['answer.wav']);
  expect(log.slice(log.lastIndexOf('key  '))).toContain('pause tone.wav');

  // r on the answer side: the question's sounds, then the answer's; what played before stops
  await page.keyboard.press('r');
  await expect.poll(() => since(log, 'r')).toEqual(['playing beep.wav', 'ended beep.wav', 'playing tone.wav']);
  await expect.poll(() => playingNow(page)).toEqual(['tone.wav']);

  // the next card: nothing of the last one plays on, and a card without sounds plays none
  await rate(page, '3', 1);
  await expect(page.getByTestId('question')).toHaveText('A quiet card');
  await expect.poll(() => playingNow(page)).toEqual([]);
  await expect(page.getByTestId('replay-audio')).toHaveCount(0);

  // undo brings the card back on its question side, and its sounds play again from the start
  await page.keyboard.press('u');
  await expect(page.getByTestId('question')).toContainText('Listen');
  await expect.poll(() => since(log, 'u')).toEqual(['playing beep.wav', 'ended beep.wav', 'playing tone.wav']);
  // the header's button replays too (the question's sounds on the question side)
  const clickedAt = log.length;
  await page.getByTestId('replay-audio').click();
  await expect
    .poll(() => plays(log.slice(clickedAt)))
    .toEqual(['playing beep.wav', 'ended beep.wav', 'playing tone.wav']);
});

test('Tab reaches each player, named by its file; Space and Enter there are the player’s, not study’s', async ({
  page,
  cue,
}) => {
  const log = soundLog(page);
  const deck = await importSounds(cue.host);
  await callHost(cue.host, 'presets.update', { presetId: deck.presetId, options: { autoplayAudio: false } });
  await openCue(page, cue.host);
  await studySection(page, 'Sounds');
  const beep = page.getByTestId('question').locator('audio[data-sound]').first();
  await expect(beep).toHaveAccessibleName('beep.wav');
  await expect(page.getByTestId('question').locator('audio[data-sound]').nth(1)).toHaveAccessibleName('tone.wav');
  const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
  for (let presses = 0; presses < 40 && (await focusedLabel()) !== 'beep.wav'; presses++) {
    await page.keyboard.press('Tab');
  }
  expect(await focusedLabel()).toBe('beep.wav');

  await page.keyboard.press('Space');
  await expect.poll(() => since(log, ' ')[0]).toBe('playing beep.wav');
  await page.keyboard.press('Enter');
  // neither key revealed the answer
  await expect(page.getByTestId('question')).toBeVisible();
  await expect(page.getByTestId('answer')).toHaveCount(0);
  await expect(page.getByTestId('progress')).toContainText('done 0 ');
});

test('with “Play audio automatically” off nothing plays until r', async ({ page, cue }) => {
  const log = soundLog(page);
  const deck = await importSounds(cue.host);
  // turned off in the deck's options, as a person would
  await page.goto(`${cue.host.url}#/options/${deck.id}`);
  const option = page.getByTestId('option-autoplayAudio');
  await expect(option).toBeChecked();
  await expect(page.getByText('A card’s sounds play one after another')).toBeVisible();
  await option.uncheck();
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByTestId('toast')).toContainText('Saved');
  await openCue(page, cue.host);
  await studySection(page, 'Sounds');
  await expect(page.getByTestId('question')).toContainText('Listen');
  // the first sound of the session is the replay's
  await page.keyboard.press('r');
  await expect.poll(() => since(log, 'r')).toEqual(['playing beep.wav', 'ended beep.wav', 'playing tone.wav']);
  expect(log.indexOf('playing beep.wav')).toBeGreaterThan(log.indexOf('key r'));
  // the reveal stops the question's sound and plays nothing by itself
  await reveal(page);
  await expect(page.getByTestId('answer')).toContainText('It was A');
  await expect.poll(() => playingNow(page)).toEqual([]);
  expect(since(log, ' ')).toEqual([]);
  // r there: the question's sounds, then the answer's
  await page.keyboard.press('r');
  await expect.poll(() => since(log, 'r')).toEqual(['playing beep.wav', 'ended beep.wav', 'playing tone.wav']);
});
