/**
 * A card's statistics show the edits kept from other devices: this computer (the app under test) and a
 * second data folder sync through one folder; both change the same card's answer, the other computer later;
 * after "Merge now" here, the answer typed here lost and card info shows it in full, from this computer, when,
 * and why. A card no other computer touched has no such section.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { CardDetail } from '../../shared/search';
import type { SyncConflict } from '../../shared/sync';
import { callHost, runCue, startHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

const MINE = 'Typed on this computer:\n  a table of buckets,\n  each a short list.';
const THEIRS = 'Typed on the laptop, later.';
/** A question long enough to start folded. */
const LONG = Array.from({ length: 20 }, (_, i) => `Line ${i + 1} of a question pasted from notes.`).join('\n');

let parent: string;
test.beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'cue-kept-e2e-'));
});
test.afterEach(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
});

async function openCardStats(page: Page, cardId: number): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/stats/1/card/${cardId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Card statistics' })).toBeVisible();
  // the review log is the last section that is always there: the page has loaded its parts by then
  await expect(page.getByRole('heading', { name: 'Review log' })).toBeVisible();
}

test('an answer that lost to a later edit on another computer is kept in the card info', async ({ page, cue }) => {
  const folder = join(parent, 'Cue');
  const laptopDir = join(parent, 'laptop');
  await openCue(page, cue.host);
  await callHost(cue.host, 'sync.setFolder', { folder });

  // the laptop takes the collection in the folder; it has its own copy of the folder, as a file-sync tool
  // keeps one on each computer, so what this computer writes next reaches it only when copied
  const laptopFolder = join(parent, 'laptop-Cue');
  cpSync(folder, laptopFolder, { recursive: true });
  const joined = runCue(['sync', '--folder', laptopFolder, '--data-dir', laptopDir, '--json']);
  expect(joined.stderr).toBe('');
  expect(joined.code).toBe(0);
  const laptopDevice = (JSON.parse(joined.stdout) as { device: string }).device;

  const cardId = 3;
  const here = await callHost<CardDetail>(cue.host, 'cards.get', { cardId });
  await callHost(cue.host, 'cards.update', { cardId, answer: MINE, question: LONG });
  await callHost(cue.host, 'sync.mergeNow');

  // the laptop, offline, edits the same answer later; quitting writes it to its folder, which the sync tool
  // then brings here
  const laptop = await startHost(laptopDir, {}, ['--sync-dir', laptopFolder]);
  try {
    const there = await callHost<CardDetail>(laptop, 'cards.get', { cardId });
    expect(there.key).toBe(here.key);
    await callHost(laptop, 'cards.update', { cardId, answer: THEIRS, question: 'Drift?' });
  } finally {
    await laptop.stop();
  }
  cpSync(join(laptopFolder, 'devices', laptopDevice), join(folder, 'devices', laptopDevice), { recursive: true });

  // Merge now on the Sync screen, as a person would
  await page.getByRole('button', { name: 'Sync', exact: true }).click();
  await page.getByRole('button', { name: 'Merge now' }).click();
  // (the note's fields are kept as well as the card's answer; card info lists the card's own)
  await expect(page.getByTestId('sync-conflict-count')).not.toHaveText('0');
  expect((await callHost<CardDetail>(cue.host, 'cards.get', { cardId })).answer).toBe(THEIRS);
  const conflicts = await callHost<SyncConflict[]>(cue.host, 'sync.conflicts', { cardId });
  expect(
    conflicts.map(({ field, value }) => ({ field, value })).sort((a, b) => a.field.localeCompare(b.field)),
  ).toEqual([
    { field: 'answer', value: MINE },
    { field: 'question', value: LONG },
  ]);
  const conflict = conflicts.find(({ field }) => field === 'answer') as SyncConflict;

  await openCardStats(page, cardId);
  const kept = page.getByTestId('card-kept-edits');
  await expect(kept.getByRole('heading', { name: 'Edits kept from other devices' })).toBeVisible();
  await expect(kept.getByTestId('kept-edit')).toHaveCount(2);
  const edit = kept.locator('[data-testid="kept-edit"][data-field="answer"]');
  await expect(edit.getByTestId('kept-edit-field')).toHaveText('Answer');
  await expect(edit).toContainText('edited on this computer');
  await expect(edit.getByTestId('kept-edit-at')).toHaveAttribute('datetime', new Date(conflict.at).toISOString());
  await expect(edit.getByTestId('kept-edit-reason')).toHaveText('A later edit on another device won.');
  // in full, its line breaks and indents as typed
  const value = edit.getByTestId('kept-edit-value');
  expect(await value.textContent()).toBe(MINE);
  await expect(value).toHaveCSS('white-space', 'pre-wrap');
  await expect(edit.getByRole('button')).toHaveCount(0);

  // a long one starts folded, and shows all of itself when asked
  const question = kept.locator('[data-testid="kept-edit"][data-field="question"]');
  await expect(question.getByTestId('kept-edit-field')).toHaveText('Question');
  const folded = (await question.getByTestId('kept-edit-value').textContent()) ?? '';
  expect(folded.endsWith('…')).toBe(true);
  expect(LONG.startsWith(folded.slice(0, -1))).toBe(true);
  const more = question.getByRole('button', { name: `Show all ${LONG.length.toLocaleString()} characters` });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(question.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  expect(await question.getByTestId('kept-edit-value').textContent()).toBe(LONG);

  // a card no other computer edited has no such section, once its kept edits have been asked for
  const asked = page.waitForResponse((response) => response.url().endsWith('/api/sync.conflicts'));
  await openCardStats(page, cardId + 1);
  expect(((await (await asked).json()) as { result: unknown[] }).result).toEqual([]);
  await expect(page.getByTestId('card-kept-edits')).toHaveCount(0);
});
