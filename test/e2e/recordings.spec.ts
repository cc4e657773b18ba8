/**
 * Spoken answers in real Chromium against a real `cue serve`: Chromium's fake microphone (a beep) is
 * recorded with MediaRecorder, kept in the collection's media folder, played back beside the model
 * answer, listed in card info and deleted from there. A refused microphone: recordings-refused.spec.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { chromiumPath } from '../../scripts/setup-decisions.mjs';
import type { StudyNext } from '../../shared/domain';
import type { Recording } from '../../shared/recordings';
import { callHost, REPO_ROOT, runCue } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { progress, rate, reveal } from './study-helpers';

/** The config's own flags (playwright.config.ts), and Chromium's fake microphone. */
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
/** Answers Chromium's permission prompt with yes, as a person allowing the microphone would. */
const ALLOW_PROMPT = '--use-fake-ui-for-media-stream';

const recordingFiles = (dataDir: string) =>
  readdirSync(join(dataDir, 'media')).filter((name) => name.startsWith('cue-recording-'));

async function startStudy(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /^Study all/ })
    .first()
    .click();
  await expect(progress(page)).toBeVisible();
}

test.use({ launchOptions: { executablePath: chromiumPath(process.env), args: [...BASE_ARGS, ALLOW_PROMPT] } });

test.describe('with the microphone allowed', () => {
  test('an answer is recorded, played beside the model answer, listed in card info and deleted', async ({
    page,
    cue,
  }) => {
    await openCue(page, cue.host);
    await startStudy(page);
    const { card } = await callHost<StudyNext>(cue.host, 'study.next', { deckId: 1 });
    if (!card) throw new Error('the bundled deck has a card to study');

    await page.keyboard.press('Shift+V');
    const elapsed = page.getByTestId('recorder-elapsed');
    await expect(elapsed).toHaveText('0:00');
    await expect(page.getByTestId('record-button')).toContainText('Stop');
    // the recording runs on real time: wait until the display has moved on, then stop
    await expect(elapsed).toHaveText('0:01', { timeout: 15_000 });
    await page.keyboard.press('Shift+V');
    await expect(page.getByTestId('recorder-status')).toContainText(/Recorded 0:0[12]/);
    expect(recordingFiles(cue.dataDir)).toEqual([
      expect.stringMatching(new RegExp(`^cue-recording-${card.id}-\\d+\\.webm$`)),
    ]);

    await reveal(page);
    const player = page.getByTestId('spoken-player');
    await expect(player).toBeVisible();
    await expect(page.getByTestId('spoken-answer')).toContainText('Your answer, spoken');
    // the file plays: V starts it, and it gets as far as its end
    await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.readyState)).toBeGreaterThan(0);
    await page.keyboard.press('v');
    await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.ended), { timeout: 15_000 }).toBe(true);
    await rate(page, '3', 1);

    const [saved] = await callHost<Recording[]>(cue.host, 'recordings.list', { cardId: card.id });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#/stats/1/card/${card.id}`);
    const row = page.getByTestId('recording-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('recording-length')).toHaveText(/^0:0[12]$/);
    await page.getByTestId('delete-recording').click();
    const dialog = page.getByTestId('delete-recording-dialog');
    await expect(dialog).toContainText('This cannot be undone');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(row).toHaveCount(0);
    await expect(page.getByTestId('card-recordings')).toContainText('Recording deleted.');
    expect(existsSync(join(cue.dataDir, 'media', saved.fileName))).toBe(false);
  });

  test('a recording running when the answer is revealed is kept', async ({ page, cue }) => {
    await openCue(page, cue.host);
    await startStudy(page);
    await page.getByTestId('record-button').click();
    await expect(page.getByTestId('recorder-elapsed')).toHaveText('0:01', { timeout: 15_000 });
    // a click on Record leaves the focus alone, so Space reveals (and does not press Record again)
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await expect(page.getByTestId('spoken-player')).toBeVisible();
    expect(recordingFiles(cue.dataDir)).toHaveLength(1);
  });
});

/** Keeps the fixture recording for `cardId` through the API, as the study screen does. */
async function saveFixtureRecording(cue: { host: Parameters<typeof callHost>[0] }, cardId: number) {
  const bytes = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'recordings', 'answer.webm'));
  const { upload } = await callHost<{ upload: string }>(cue.host, 'files.upload', {
    name: 'answer.webm',
    dataBase64: bytes.toString('base64'),
  });
  return callHost<Recording>(cue.host, 'recordings.save', { cardId, upload, mimeType: 'audio/webm', durationMs: 1200 });
}

const packageMedia = (bytes: Uint8Array) =>
  Object.values(JSON.parse(strFromU8(unzipSync(bytes).media)) as Record<string, string>);

test('the export dialog takes recordings into an Anki package only when ticked', async ({ page, cue }) => {
  const saved = await saveFixtureRecording(cue, 1);
  await openCue(page, cue.host);
  const section = 'Core Concepts';
  const exportOnce = async (tick: boolean) => {
    await page.getByRole('button', { name: `Export this section: ${section}` }).click();
    const dialog = page.getByRole('dialog', { name: `Export ${section}` });
    const box = dialog.getByRole('checkbox', { name: /With my recorded answers/ });
    // a text format cannot carry them: the box is off and cannot be ticked
    await expect(box).toBeDisabled();
    await expect(box).not.toBeChecked();
    await dialog.getByRole('radio', { name: /Anki package/ }).check();
    await expect(box).toBeEnabled();
    await expect(box).not.toBeChecked();
    if (tick) await box.check();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const bytes = readFileSync(await (await download).path());
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toHaveCount(0);
    return packageMedia(bytes);
  };
  expect(await exportOnce(false)).toEqual([]);
  expect(await exportOnce(true)).toEqual([saved.fileName]);
});

test('cue export takes recordings into an Anki package only with --with-recordings', async ({ cue }) => {
  const saved = await saveFixtureRecording(cue, 1);
  const plain = join(cue.dataDir, 'plain.apkg');
  const withThem = join(cue.dataDir, 'with.apkg');
  const base = ['--format', 'apkg', '--section', '1', '--data-dir', cue.dataDir];
  expect(runCue(['export', plain, ...base]).code).toBe(0);
  expect(runCue(['export', withThem, ...base, '--with-recordings']).code).toBe(0);
  expect(packageMedia(readFileSync(plain))).toEqual([]);
  expect(packageMedia(readFileSync(withThem))).toEqual([saved.fileName]);
  // a text format cannot carry them, and says so
  const deckFile = join(cue.dataDir, 'deck.md');
  const refused = runCue(['export', deckFile, '--format', 'cue', '--with-recordings', '--data-dir', cue.dataDir]);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('Recordings travel only in an Anki package');
});
