/**
 * FSRS optimisation as a person meets it: `cue optimize` on a history of about 12,000 reviews
 * imported as an Anki package (drawn from known FSRS-6 parameters), and the optimisation screen,
 * its progress bar, and accepting the result.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as plain } from '@playwright/test';
import type { Preset } from '../../shared/presets';
import { callHost, runCue, startHost } from '../helpers/cue-process';
import { syntheticPackage } from '../helpers/fsrs-history';
import { test } from './fixtures';

const made: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cue-optimize-'));
  made.push(dir);
  return dir;
};
plain.afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A collection holding the synthetic history (in the Default preset, with the bundled deck). */
function collectionWithHistory(options: Parameters<typeof syntheticPackage>[0] = {}): string {
  const dir = freshDir();
  const file = join(dir, 'synthetic.apkg');
  writeFileSync(file, syntheticPackage(options).apkg);
  const imported = runCue(['import', file, '--data-dir', join(dir, 'data')]);
  expect(imported.code, imported.stderr).toBe(0);
  return join(dir, 'data');
}

interface OptimizeOutput {
  reviews: number;
  cards: number;
  params: number[];
  before: { logLoss: number; rmseBins: number };
  after: { logLoss: number; rmseBins: number };
  applied: boolean;
}

plain('cue optimize --json fits 12,000 reviews, better after than before, and --apply keeps the parameters', () => {
  const dataDir = collectionWithHistory();
  const run = runCue(['optimize', '--json', '--data-dir', dataDir]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as OptimizeOutput;
  expect(Object.keys(result)).toEqual(['reviews', 'cards', 'params', 'before', 'after', 'applied']);
  expect(result.reviews).toBeGreaterThan(11_000);
  expect(result.cards).toBe(1080);
  expect(result.params).toHaveLength(21);
  expect(result.after.logLoss).toBeLessThan(result.before.logLoss);
  expect(result.after.rmseBins).toBeLessThan(result.before.rmseBins);
  expect(result.applied).toBe(false);

  const human = runCue(['optimize', '--data-dir', dataDir]);
  expect(human.code).toBe(0);
  expect(human.stdout).toContain('Preset "Default": 11999 reviews of 1080 cards\n');
  expect(human.stdout).toContain(`fitted parameters:  log loss ${result.after.logLoss.toFixed(4)}`);
  expect(human.stdout).toContain('Run with --apply to use them.');

  const applied = JSON.parse(runCue(['optimize', '--apply', '--json', '--data-dir', dataDir]).stdout) as OptimizeOutput;
  expect(applied.applied).toBe(true);
  // fitted again from the same history: the same parameters, now the preset's, so nothing better is found
  const again = JSON.parse(runCue(['optimize', '--json', '--data-dir', dataDir]).stdout) as OptimizeOutput;
  expect(again.before.logLoss).toBeCloseTo(applied.after.logLoss, 6);
  expect(again.params).toEqual(applied.params);
});

plain('cue optimize refuses too little history with both counts and exits non-zero', () => {
  const dataDir = collectionWithHistory({ cards: 20 });
  const run = runCue(['optimize', '--data-dir', dataDir]);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^cue: Optimising needs at least 400 reviews; this preset's decks have \d+\.\n$/);
  const human = runCue(['optimize', '--deck', '999', '--data-dir', dataDir]);
  expect(human.code).not.toBe(0);
  expect(human.stderr).toContain('There is no deck 999.');
});

/** Each progress report of a fit is held up this long, so the bar is on screen for a few seconds. */
const SLOW = { CUE_TEST_OPTIMIZE_SLOW_MS: '300' };

test.describe('the optimisation screen', () => {
  test.use({ hostEnv: SLOW });

  test('optimise with the progress bar showing, use the new parameters, and the preset has them', async ({
    page,
    cue,
  }) => {
    // the host gives way while the history is imported, then starts again on it
    await cue.host.stop();
    const file = join(freshDir(), 'synthetic.apkg');
    writeFileSync(file, syntheticPackage().apkg);
    expect(runCue(['import', file, '--data-dir', cue.dataDir]).code).toBe(0);
    cue.host = await startHost(cue.dataDir, SLOW);

    await page.goto(`${cue.host.url}#/options/1/optimize`);
    await expect(page.getByRole('heading', { level: 1, name: 'Optimise FSRS' })).toBeVisible();
    await expect(page.getByTestId('preset-name')).toHaveText('Default');
    await expect(page.getByTestId('history-counts')).toHaveText('11,999 reviews of 1,080 cards');
    await expect(page.getByTestId('optimize-start')).toBeFocused();
    await page.keyboard.press('Enter');

    const bar = page.getByRole('progressbar', { name: 'Optimisation progress' });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);
    // the rest of Cue answers while the fit runs
    const decks = await callHost<{ id: number }[]>(cue.host, 'decks.list');
    expect(decks.length).toBe(2);
    await expect(bar).toBeVisible();

    const result = page.getByTestId('optimize-result');
    await expect(result.getByRole('heading', { name: 'New parameters fit your history better' })).toBeVisible();
    await expect(bar).toBeHidden();
    const evaluation = page.getByTestId('optimize-evaluation');
    const logLoss = await evaluation
      .getByRole('row', { name: /Log loss/ })
      .getByRole('cell')
      .allTextContents();
    expect(Number(logLoss[1])).toBeLessThan(Number(logLoss[0]));
    const rows = page.getByTestId('optimize-parameters').locator('tbody tr');
    await expect(rows).toHaveCount(21);
    const fitted = (await rows.locator('td:nth-child(3)').allTextContents()).map(Number);

    await expect(page.getByTestId('accept')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('optimize-outcome')).toHaveText(
      'The preset “Default” now schedules with the new parameters, from the next answer.',
    );
    const preset = await callHost<Preset>(cue.host, 'presets.get', { presetId: 1 });
    expect(preset.options.fsrsParameters?.map((w) => Number(w.toFixed(4)))).toEqual(fitted);
    // the cards studied before may take the new parameters too: the reschedule dialog previews it
    await page.getByTestId('offer-reschedule').click();
    await expect(page.getByTestId('reschedule-confirm')).toHaveText(/^Reschedule [\d,]+ cards$/);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('reschedule-dialog')).toHaveCount(0);

    // fitted again: the preset's parameters are now the ones in use, and nothing fits better
    await page.getByTestId('optimize-start').click();
    await expect(result.getByRole('heading', { name: 'The current parameters already fit best' })).toBeVisible();
    await expect(page.getByTestId('accept')).toHaveCount(0);
  });

  test('Escape cancels a running fit and nothing changes', async ({ page, cue }) => {
    await cue.host.stop();
    const file = join(freshDir(), 'synthetic.apkg');
    writeFileSync(file, syntheticPackage().apkg);
    expect(runCue(['import', file, '--data-dir', cue.dataDir]).code).toBe(0);
    // each progress report held 2 s: the cancel is taken at the next one, long before the fit could end
    cue.host = await startHost(cue.dataDir, { CUE_TEST_OPTIMIZE_SLOW_MS: '2000' });
    await page.goto(`${cue.host.url}#/options/1/optimize`);
    await page.getByTestId('optimize-start').click();
    await expect(page.getByRole('progressbar')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('optimize-outcome')).toHaveText('Cancelled: nothing changed.');
    await expect(page).toHaveURL(/#\/options\/1\/optimize$/);
    const preset = await callHost<Preset>(cue.host, 'presets.get', { presetId: 1 });
    expect(preset.options.fsrsParameters).toBeNull();
  });

  test('too little history: the screen says how much is needed and how much there is', async ({ page, cue }) => {
    await page.goto(`${cue.host.url}#/options/1/optimize`);
    await expect(page.getByTestId('optimize-refusal')).toHaveText(
      "Optimising needs at least 400 reviews; this preset's decks have 0.",
    );
    await expect(page.getByTestId('optimize-start')).toBeDisabled();
  });
});
