/**
 * axe-core on every screen and dialog, in the light and the dark theme, at 1024x700 and 1440x900: no
 * serious or critical violation (colour contrast, names, labels in names, roles), and one level-one heading
 * per screen. Each test walks one part of Cue on one page, scanning each state as it reaches it (axe-scan.ts
 * changes the size and theme in place), so the whole spec costs a few page loads per screen.
 * Imported content is scanned too: an Anki package from test/fixtures, and a deck made for a white page
 * (inline dark text, light boxes), whose colours night mode adjusts in the dark theme.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { CardSearchResult } from '../../shared/search';
import { callHost, REPO_ROOT, type RunningHost } from '../helpers/cue-process';
import { AxeReport } from './axe-scan';
import { expect, openCue, showDeck, test } from './fixtures';
import { reveal, studySection } from './study-helpers';

const DIALOG = 'dialog[open]';
const PACKAGE = join(REPO_ROOT, 'test', 'fixtures', 'anki', 'anki-apkg-export-output.apkg');

/** Goes to a hash route without a reload, as a link would. */
async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => {
    window.location.hash = to;
  }, hash);
}

async function dialogOpen(page: Page): Promise<void> {
  await expect(page.locator(DIALOG)).toBeVisible();
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.locator(DIALOG)).toHaveCount(0);
}

/** A deck made for a white page, as Anki decks often are, and a link, for the link confirmation. */
const LIGHT_PAGE_DECK = `---
cue-deck: 1
id: light-page
name: Light page deck
version: 1
---

# Cards {#cards}

## {#light-page-card}

::: question
\`\`\`cue-html
<div style="background:#fff;padding:8px"><span style="color:#333">Dark grey on white</span> and <font color="navy">a navy font</font>, with <a href="https://example.org/">a link</a></div>
\`\`\`
:::

\`\`\`cue-html
<div style="background-color:#ffffcc;padding:8px"><span style="color:rgb(85, 85, 85)">Grey on a yellow box</span></div>
<p style="color:black">Black on the page</p>
\`\`\`
`;

async function importText(host: RunningHost, name: string, text: string): Promise<void> {
  const { upload } = await callHost<{ upload: string }>(host, 'files.upload', {
    name,
    dataBase64: Buffer.from(text).toString('base64'),
  });
  await callHost(host, 'import.apply', { upload });
}

/** A few answers, so statistics, the browser and card info have history to show. */
async function answerSome(host: RunningHost): Promise<void> {
  for (const [cardId, rating] of [
    [1, 4],
    [2, 3],
    [3, 1],
    [4, 2],
  ]) {
    await callHost(host, 'study.answer', { deckId: 1, cardId, rating, durationMs: 8000 });
  }
}

test.describe.configure({ timeout: 240_000 });

test('home, its dialogs (settings with theme and reminders, help, export, sections) and its toast', async ({
  page,
  cue,
}) => {
  const axe = new AxeReport(page);
  await openCue(page, cue.host);
  await axe.expectOneH1('home');
  await axe.scan('home');

  await page.getByTestId('settings').click();
  await dialogOpen(page);
  await axe.scan('settings dialog', DIALOG);
  await closeDialog(page);

  await page.getByTestId('help-button').click();
  await dialogOpen(page);
  await axe.scan('help dialog: keyboard shortcuts and about', DIALOG);
  await closeDialog(page);

  await page.getByTestId('deck-export').first().click();
  await dialogOpen(page);
  await axe.scan('export dialog', DIALOG);
  await closeDialog(page);

  await page.getByLabel('More for Core Concepts').click();
  await axe.scan('home, a section menu open');
  await page.getByRole('button', { name: 'Delete section…' }).click();
  await dialogOpen(page);
  await axe.scan('delete section dialog', DIALOG);
  await closeDialog(page);

  await page.getByLabel('More for Core Concepts').click();
  await page.getByRole('button', { name: 'Rename section…' }).click();
  await dialogOpen(page);
  await axe.scan('rename section dialog', DIALOG);
  await page.getByTestId('place-name').fill('Fundamentals');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toBeVisible();
  await axe.scan('home with a toast', '.toast-region');
  axe.expectClean();
});

test('home with several decks: the deck list, a deck closed, another chosen, a filter matching nothing', async ({
  page,
  cue,
}) => {
  await importText(cue.host, 'light-page.md', LIGHT_PAGE_DECK);
  const axe = new AxeReport(page);
  await openCue(page, cue.host);
  await expect(page.getByRole('treegrid', { name: 'Decks' })).toBeVisible();
  await axe.expectOneH1('home with a deck list');
  await axe.scan('home with a deck list');

  // Two decks start open: close one.
  await page.getByRole('button', { name: /^Collapse Lead Machine Learning Engineer/ }).click();
  await showDeck(page, 'Light page deck');
  await axe.scan('home, a deck closed in the list and another shown');

  await page.getByRole('searchbox', { name: /Filter decks/ }).fill('no such deck');
  await expect(page.getByTestId('deck-filter-status')).toContainText('No deck or section matches');
  await axe.scan('home, a filter matching nothing');
  axe.expectClean();
});

test('study: question, answer, key points, a link, the done screen; imported colours', async ({ page, cue }) => {
  await importText(cue.host, 'light-page.md', LIGHT_PAGE_DECK);
  const axe = new AxeReport(page);
  await openCue(page, cue.host);
  await studySection(page, 'Core Concepts');
  await axe.expectOneH1('study question');
  await axe.scan('study question');
  await reveal(page);
  await axe.expectOneH1('study answer');
  await axe.scan('study answer');
  await page.keyboard.press('a');
  await expect(page.locator('.button.rate.suggested')).toBeVisible();
  await axe.scan('study answer, a point ticked');
  await page.keyboard.press('Escape');

  await (await showDeck(page, 'Light page deck')).getByRole('button', { name: /^Study all/ }).click();
  await expect(page.getByTestId('question')).toBeVisible();
  await axe.scan('study an imported card, question');
  await page.getByTestId('question').getByRole('link', { name: 'a link' }).click();
  await dialogOpen(page);
  await axe.scan('link dialog', DIALOG);
  await closeDialog(page);
  await reveal(page);
  await axe.scan('study an imported card, answer');
  // Easy: the one new card graduates, and the deck is done for today
  await page.keyboard.press('4');
  await expect(page.getByTestId('done')).toBeVisible();
  await axe.expectOneH1('done');
  await axe.scan('done');
  axe.expectClean();
});

test('browser, card info, editor and its dialogs, note types', async ({ page, cue }) => {
  await answerSome(cue.host);
  const some = await callHost<CardSearchResult>(cue.host, 'cards.search', { query: '', limit: 3 });
  for (const [index, card] of some.cards.entries()) {
    await callHost(cue.host, 'cards.update', { cardId: card.id, tags: [index ? 'interview::ml' : 'interview'] });
  }
  const axe = new AxeReport(page);
  await openCue(page, cue.host);
  await go(page, '#/browse');
  await expect(page.getByTestId('browse-table')).toBeVisible();
  await axe.expectOneH1('browse');
  await axe.scan('browse');
  await expect(page.getByTestId('result-count')).toHaveText('50 cards');
  await page.getByTestId('select-all').click();
  await expect(page.getByTestId('select-all')).toBeChecked();
  await page.getByRole('button', { name: 'Set due…' }).click();
  await axe.scan('browse, a selection and the due form');
  // at 1024 (where the scan starts) columns fold into the rows and actions into More
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByTestId('row-expand').first().click();
  await page.getByLabel('More actions').click();
  await axe.scan('browse, a row’s folded columns and More');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByLabel('More actions').click();

  await page.getByTestId('find-replace').click();
  await page.getByTestId('find-text').fill('the');
  await expect(page.getByTestId('find-replace-change').first()).toBeVisible();
  await axe.scan('the find and replace dialog with its preview');
  await page.getByTestId('find-replace-dialog').getByRole('button', { name: 'Cancel' }).click();

  const sidebar = page.getByRole('navigation', { name: 'Browser sidebar' });
  await sidebar.getByRole('button', { name: 'Expand interview', exact: true }).click();
  await sidebar.locator('[data-query="tag:interview::ml"]').click();
  await expect(page.getByTestId('result-count')).toHaveText('2 cards');
  await sidebar.getByRole('button', { name: 'Actions for the tag interview::ml', exact: true }).click();
  await sidebar.getByTestId('save-search').click();
  await axe.scan('browse, the tag tree with a tag’s actions and the save form');
  await sidebar.getByRole('button', { name: 'Rename…' }).click();
  await expect(page.getByTestId('tag-dialog-lead')).toContainText('2 cards carry it');
  await axe.scan('the rename tag dialog');
  await page.getByTestId('tag-dialog').getByRole('button', { name: 'Cancel' }).click();

  await go(page, '#/stats/1/card/1?from=browse');
  await expect(page.getByRole('heading', { level: 1, name: 'Card statistics' })).toBeVisible();
  await axe.expectOneH1('card info');
  await axe.scan('card info');

  await go(page, '#/edit/1');
  await expect(page.getByTestId('edit-note-type')).toBeVisible();
  await axe.expectOneH1('editor');
  await axe.scan('editor');
  await page.getByTestId('change-type').click();
  await dialogOpen(page);
  await axe.scan('change note type dialog', DIALOG);
  await closeDialog(page);

  await go(page, '#/notetypes');
  await page.getByTestId('note-type-item').first().click();
  await expect(page.getByTestId('note-type-detail')).toBeVisible();
  await axe.expectOneH1('note types');
  await axe.scan('note types');
  await page.getByTestId('clone-note-type').click();
  await dialogOpen(page);
  await axe.scan('clone note type dialog', DIALOG);
  await page.getByTestId('note-type-name-submit').click();
  await expect(page.getByTestId('toast')).toBeVisible();
  // a built-in type cannot be deleted; its clone can
  await page.getByTestId('ask-delete-note-type').click();
  await dialogOpen(page);
  await axe.scan('delete note type dialog', DIALOG);
  await closeDialog(page);
  axe.expectClean();
});

test('import: the screen, a package previewed, the result', async ({ page, cue }) => {
  const axe = new AxeReport(page);
  await openCue(page, cue.host);
  await go(page, '#/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await axe.expectOneH1('import');
  await axe.scan('import');
  await page.getByTestId('import-file').setInputFiles(PACKAGE);
  await expect(page.getByTestId('import-format')).toBeVisible();
  await axe.expectOneH1('import preview');
  await axe.scan('import preview');
  await page.getByRole('button', { name: 'Import 3 cards' }).click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await axe.expectOneH1('import result');
  await axe.scan('import result');
  axe.expectClean();
});

test('statistics, readiness, custom study, mock interview', async ({ page, cue }) => {
  await answerSome(cue.host);
  const axe = new AxeReport(page);
  await openCue(page, cue.host);
  await go(page, '#/stats/1');
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expect(page.getByTestId('graph-reviews').locator('.recharts-surface')).toBeVisible();
  await axe.expectOneH1('statistics');
  await axe.scan('statistics');
  // the graphs as tables, and the reviews in minutes
  for (const graph of ['graph-reviews', 'graph-calibration', 'graph-intervals']) {
    await page.getByTestId(graph).getByRole('button', { name: 'Show as table' }).click();
    await expect(page.getByTestId(graph).getByRole('table')).toBeVisible();
  }
  await page.getByTestId('graph-difficulty').getByRole('button', { name: 'Show as table' }).focus();
  await axe.scan('statistics graphs as tables');
  await page.getByTestId('graph-reviews').getByRole('button', { name: 'Show as table' }).click();
  await page.getByTestId('graph-reviews').getByRole('button', { name: 'Time' }).click();
  await expect(page.getByTestId('graph-reviews-total')).toContainText('Minutes spent');
  await axe.scan('statistics review time');

  await go(page, '#/readiness/1');
  await expect(page.getByTestId('target-date')).toBeVisible();
  await axe.expectOneH1('readiness');
  await axe.scan('readiness');
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await page.getByTestId('target-date').fill(inTwoWeeks);
  await page.getByTestId('save-target').click();
  await expect(page.getByTestId('readiness-summary')).toBeVisible();
  await axe.scan('readiness with a date');

  await go(page, '#/custom/1');
  await expect(page.getByTestId('custom-start')).toBeVisible();
  await axe.expectOneH1('custom study');
  await axe.scan('custom study');

  await go(page, '#/mock/1');
  await expect(page.getByTestId('mock-start')).toBeVisible();
  await axe.expectOneH1('mock setup');
  await axe.scan('mock setup');
  await page.getByTestId('mock-count').fill('1');
  await page.getByTestId('mock-start').click();
  await expect(page.getByTestId('mock-countdown')).toBeVisible();
  await axe.expectOneH1('mock question');
  await axe.scan('mock question');
  await page.keyboard.press('Escape');
  await dialogOpen(page);
  await axe.scan('mock leave dialog', DIALOG);
  await page.getByRole('button', { name: 'Stay' }).click();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
  await axe.scan('mock answer');
  await page.keyboard.press('3');
  await expect(page.getByTestId('mock-summary')).toBeVisible();
  await axe.expectOneH1('mock summary');
  await axe.scan('mock summary');
  axe.expectClean();
});

test('deck options, presets, optimisation, simulation and rescheduling', async ({ page, cue }) => {
  await answerSome(cue.host);
  const axe = new AxeReport(page);
  await openCue(page, cue.host);
  await go(page, '#/options/1');
  await expect(page.getByRole('heading', { level: 1, name: 'Options' })).toBeVisible();
  await axe.expectOneH1('options');
  await axe.scan('options');
  await page.getByRole('button', { name: 'Clone…' }).click();
  await dialogOpen(page);
  await axe.scan('clone preset dialog', DIALOG);
  await closeDialog(page);
  await page.getByTestId('option-newPerDay').fill('3x');
  await axe.scan('options with a wrong value');
  await page.keyboard.press('Escape');
  await dialogOpen(page);
  await axe.scan('discard changes dialog', DIALOG);
  await page.getByRole('button', { name: 'Keep editing' }).click();
  await page.getByTestId('option-newPerDay').fill('20');
  await page.getByTestId('option-desiredRetention').fill('95');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('reschedule-offer')).toBeVisible();
  await axe.scan('options saved, reschedule offered');
  await page.getByTestId('offer-reschedule').click();
  await expect(page.getByTestId('reschedule-confirm')).toBeVisible();
  await axe.scan('reschedule dialog', DIALOG);
  await closeDialog(page);

  await go(page, '#/options/1/optimize');
  await expect(page.getByTestId('optimize-refusal')).toBeVisible();
  await axe.expectOneH1('optimise');
  await axe.scan('optimise (refused)');

  await go(page, '#/options/1/simulate');
  await expect(page.getByTestId('current-marker-reviewsPerDay')).toBeVisible();
  await axe.expectOneH1('simulate');
  await axe.scan('simulate');
  axe.expectClean();
});

test('backups and the restore confirmation', async ({ page, cue }) => {
  const axe = new AxeReport(page);
  await openCue(page, cue.host);
  await go(page, '#/backups');
  await expect(page.getByTestId('back-up-now')).toBeVisible();
  await axe.expectOneH1('backups');
  await axe.scan('backups');
  await page.getByTestId('back-up-now').click();
  await expect(page.getByTestId('backup-row').first()).toBeVisible();
  await axe.scan('backups, one made');
  await page.getByTestId('backup-restore').first().click();
  await dialogOpen(page);
  await axe.scan('restore dialog', DIALOG);
  await closeDialog(page);
  axe.expectClean();
});

test.describe('sync', () => {
  // the refused folder is answered with 400, which the browser logs
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test('sync off, a folder refused, previewed, sync on, the stop confirmation', async ({ page, cue }) => {
    const axe = new AxeReport(page);
    const folder = mkdtempSync(join(tmpdir(), 'cue-a11y-sync-'));
    try {
      await openCue(page, cue.host);
      await go(page, '#/sync');
      await expect(page.getByTestId('sync-off')).toBeVisible();
      await axe.expectOneH1('sync');
      await axe.scan('sync off');
      await page.getByTestId('sync-folder').fill(join(cue.dataDir, 'sync'));
      await page.getByTestId('sync-preview').click();
      await expect(page.getByTestId('sync-folder-error')).toBeVisible();
      await axe.scan('sync, a folder refused');
      await page.getByTestId('sync-folder').fill(join(folder, 'Cue'));
      await page.getByTestId('sync-preview').click();
      await expect(page.getByTestId('sync-join-preview')).toBeVisible();
      await axe.scan('sync, a folder previewed');
      await page.getByTestId('sync-join').click();
      await expect(page.getByTestId('sync-on')).toBeVisible();
      await axe.scan('sync on');
      await page.getByTestId('sync-stop').click();
      await dialogOpen(page);
      await axe.scan('stop syncing dialog', DIALOG);
      await closeDialog(page);
      axe.expectClean();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
