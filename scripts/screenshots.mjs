// Screenshots of the UI for docs/screenshots/: home, study question, study answer (with a code block) and
// done, each in light and dark, at 1280x800. Drives the built app through the real `cue serve` host on a
// fresh temporary collection per colour scheme, so both series show the same state.
// Then the statistics (deck, one section, one card; full page; the graphs in the window, as charts and
// with two of them as tables) from a collection with a simulated 12-week history (`npm run simulate`), the
// same collection for both schemes. Then the Import screen's preview of
// an Anki package from test/fixtures and the Export dialog. Then the Backups screen (a daily and a manual
// backup) with the restore confirmation open. Then the card browser (sorted, with a selection and the
// Set due form open), the editor on a card with code and math, and a card's info opened from the browser,
// on the simulated history; the browser's sidebar with a tag tree, and its find and replace dialog. Then a deck's options screen, whole, with two wrong values typed, and saved
// with a new retention. Then the
// custom study screen (with review cards due soon and tags) and a cram session on its answer side and at
// its end. Then the FSRS optimisation screen (running, and its result) on a synthetic history of 12,000
// reviews (test/helpers/fsrs-history.ts), and its refusal on a collection without one. Then the workload
// simulation of the deck's preset on the simulated history, after the desired retention is changed there,
// and the reschedule dialog that change offers. Then a mock interview (with earlier answers for the
// medians): its setup, a question with its countdown, the reveal and the summary. Then the key-point
// checklist after two ticks (the suggestion on the answer bar), a typed answer before and after the reveal
// (its covered points marked and ticked), and the most-missed points in the statistics. Then a spoken
// answer (Chromium's fake microphone): recording, played beside the answer, and listed in card info. Then
// the readiness screen on the simulated history with a target date two weeks ahead, and readiness over
// time in its statistics. Then the note editor on a Cloze note with its three cards previewed, the Change
// note type dialog, and the note types screen on a type with two templates. Then cards of notes
// studied: a typed answer compared with the expected one, and a cloze revealed in place of its question.
// Then imported cards: an Image Occlusion note (question and answer) and a deck made for a light page. Then
// home with ten imported decks: the deck list, a deck opened in it, and the list filtered. Then the Sync
// screen: off with a folder typed, its preview (the folder holds another computer's collection), on (two
// devices, an unreadable file, a kept conflict), the stop confirmation, and a folder refused.
//   npm run build && node scripts/screenshots.mjs [--out DIR] [--size WxH]
//     [--only study|stats|io|backups|browse|browse-sidebar|options|custom|optimize|simulate|mock|points|voice|readiness|notes|study-notes|imported|home-decks|sync]
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'docs', 'screenshots') },
    only: { type: 'string' },
    // e.g. 1024x700, to look at a screen at another window size
    size: { type: 'string', default: '1280x800' },
  },
});
const outDir = values.out;
const wanted = (part) => values.only === undefined || values.only === part;
const [width, height] = values.size.split('x').map(Number);
const VIEWPORT = { width, height };
const LAUNCH = {
  executablePath: process.env.CUE_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};

/** Starts `cue serve` on a data folder; resolves with the printed URL and a stop function. */
function startHost(dataDir, env = {}) {
  const child = spawn(process.execPath, [join(root, 'bin', 'cue.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`cue serve printed no URL in 15 s:\n${output}`)), 15_000);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.on('exit', (code) => fail(new Error(`cue serve exited with ${code}:\n${output}`)));
    const onData = (chunk) => {
      output += chunk;
      const url = /Cue is running at (\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const stop = () =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({ url, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}

async function shoot(page, name, scheme, fullPage = false) {
  await page.evaluate(() => document.fonts.ready);
  const path = join(outDir, `${name}-${scheme}.png`);
  await page.screenshot({ path, fullPage });
  console.log(`wrote ${path}`);
}

async function waitForDone(page, count) {
  await page
    .getByTestId('progress')
    .filter({ hasText: `done ${count} ` })
    .waitFor();
}

/** Keyboard, not a click: the mouse pointer would leave a hover highlight in the pictures. */
async function studySection(page, name) {
  await page.getByRole('button', { name: `Study this section: ${name}` }).focus();
  await page.keyboard.press('Enter');
}

/**
 * Opens Cue on a host for one colour scheme and runs `body` with the page, on the home screen. Without a
 * `dataDir` the host gets a fresh temporary collection, removed afterwards.
 */
async function onHost(browser, scheme, { dataDir, env } = {}, body) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cue-screens-'));
  const host = await startHost(dir, env);
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: scheme });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await page
      .getByRole('button', { name: /^Study all/ })
      .first()
      .waitFor();
    await body(page);
  } finally {
    await context.close();
    await host.stop();
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
  }
}

async function series(browser, scheme) {
  await onHost(browser, scheme, {}, async (page) => {
    // Data Structures and Algorithms opens with the LRU card: inline math in the question, Python in the answer.
    await studySection(page, 'Data Structures and Algorithms');
    await page.getByTestId('question').waitFor();
    await shoot(page, 'study-question', scheme);
    await page.keyboard.press('Space');
    await page.getByTestId('answer').waitFor();
    await shoot(page, 'study-answer', scheme);
    await page.keyboard.press('3');
    await waitForDone(page, 1);

    // Easy graduates new cards straight to review, so ten answers finish the section.
    await page.keyboard.press('Escape');
    await studySection(page, 'Behavioral Questions');
    for (let done = 1; done <= 10; done++) {
      await page.getByTestId('question').waitFor();
      await page.keyboard.press('Space');
      await page.getByTestId('answer').waitFor();
      await page.keyboard.press('4');
      await waitForDone(page, done);
    }
    await page.getByTestId('done').waitFor();
    await shoot(page, 'done', scheme);

    await page.keyboard.press('Escape');
    await page.getByTestId('reviewed-today').filter({ hasText: '11' }).waitFor();
    await shoot(page, 'home', scheme);
  });
}

/** The key-point checklist and the typed answer, on the first two Core Concepts cards. */
async function pointsSeries(browser, scheme) {
  await onHost(browser, scheme, {}, async (page) => {
    await studySection(page, 'Core Concepts');
    await page.getByTestId('question').waitFor();
    await page.keyboard.press('Space');
    await page.getByTestId('key-points').waitFor();
    await page.keyboard.press('a');
    await page.keyboard.press('d');
    await page.locator('.button.rate.suggested').waitFor();
    await shoot(page, 'points-checklist', scheme);
    await page.keyboard.press('Space');
    await waitForDone(page, 1);

    await page.getByTestId('toggle-typing').focus();
    await page.keyboard.press('Enter');
    await page
      .getByTestId('typed-answer')
      .fill(
        'Elastic weight consolidation: a penalty that keeps important weights close to what they were.\n' +
          'And a replay buffer of earlier samples.',
      );
    await shoot(page, 'points-typed-question', scheme);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('typed-answer-panel').waitFor();
    await shoot(page, 'points-typed-answer', scheme);
    await page.keyboard.press('Enter');
    await waitForDone(page, 2);

    // Escape leaves the next card's box, a second goes home; t opens the statistics
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByTestId('reviewed-today').filter({ hasText: '2' }).waitFor();
    await page.keyboard.press('t');
    const missed = page.getByTestId('missed-points');
    await missed.locator('tbody tr').first().waitFor();
    await missed.scrollIntoViewIfNeeded();
    await shoot(page, 'points-stats', scheme);
    // the card's info: its points, and the answer with its ticks and typed text
    await missed.getByRole('link').last().focus();
    await page.keyboard.press('Enter');
    const points = page.getByTestId('card-points');
    await points.waitFor();
    await points.scrollIntoViewIfNeeded();
    await shoot(page, 'points-card-info', scheme);

    // eight points (two lists) on a system design answer
    await page.goto(page.url().split('#')[0]);
    await studySection(page, 'System Design');
    await page.getByTestId('question').waitFor();
    await page.keyboard.press('Space');
    await page.getByTestId('key-points').waitFor();
    for (const key of ['a', 's', 'f', 'h', 'j']) await page.keyboard.press(key);
    await page.getByTestId('key-points-summary').filter({ hasText: '5 of 8' }).waitFor();
    await shoot(page, 'points-eight', scheme);
  });
}

/**
 * A collection studied day by day for 12 weeks by the simulated learner (`npm run simulate`). When the
 * simulation ends at a fixed date it prints `CUE_NOW=…`, which the host then needs to run at that moment.
 */
function simulateHistory(dataDir) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'run-ts.mjs'), 'bench/simulate-history.ts', '--data-dir', dataDir, '--days', '84'],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`npm run simulate failed:\n${result.stdout}${result.stderr}`);
  const now = /CUE_NOW=(\S+)/.exec(result.stdout)?.[1];
  return now ? { CUE_NOW: now } : {};
}

/** Waits until every chart on the page has drawn (ResponsiveContainer measures first, then renders). */
async function chartsDrawn(page) {
  await page.locator('.recharts-surface').first().waitFor();
  await page.waitForFunction(() => {
    const plots = [...document.querySelectorAll('.chart-plot')];
    return plots.length > 0 && plots.every((plot) => plot.querySelector('svg'));
  });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

async function statsSeries(browser, scheme, dataDir, env) {
  await onHost(browser, scheme, { dataDir, env }, async (page) => {
    // t opens the deck's statistics (keyboard again: no hover highlight).
    await page.keyboard.press('t');
    await page.getByTestId('stats-row-deck').waitFor();
    await chartsDrawn(page);
    await shoot(page, 'stats', scheme, true);

    // The graphs in the window (not the full page): the period's reviews and the memory histograms, then
    // the reviews and the calibration as tables (focus, not a click: no hover highlight).
    await page.getByTestId('graph-reviews').locator('.recharts-surface').waitFor();
    await page.getByTestId('stats-graphs').evaluate((graphs) => graphs.scrollIntoView());
    await shoot(page, 'stats-graphs', scheme);
    for (const graph of ['graph-reviews', 'graph-calibration']) {
      await page.getByTestId(graph).getByRole('button', { name: 'Show as table' }).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId(graph).getByRole('table').waitFor();
    }
    await page.getByTestId('stats-graphs').evaluate((graphs) => graphs.scrollIntoView());
    await page.evaluate(() => document.activeElement?.blur());
    await shoot(page, 'stats-graphs-table', scheme);
    await page.getByTestId('graph-calibration').evaluate((graph) => graph.scrollIntoView());
    await shoot(page, 'stats-calibration-table', scheme);
    // back to the charts, so the section's picture below shows them
    for (const graph of ['graph-reviews', 'graph-calibration']) {
      await page.getByTestId(graph).getByRole('button', { name: 'Show as table' }).focus();
      await page.keyboard.press('Enter');
    }
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });

    // The section with the fewest cards mastered in the simulated history shows the most to work on.
    await page.getByRole('combobox', { name: 'Section' }).selectOption({ label: 'Coding and Debugging' });
    await page.getByTestId('card-list').locator('tbody tr').first().waitFor();
    await chartsDrawn(page);
    await shoot(page, 'stats-section', scheme, true);

    // The weakest card: the first in the list.
    await page.getByTestId('card-list').locator('tbody a').first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('review-log').waitFor();
    await chartsDrawn(page);
    await shoot(page, 'card', scheme, true);
  });
}

/** The Import screen previewing a real Anki package, and the Export dialog with the Anki package chosen. */
async function ioSeries(browser, scheme) {
  await onHost(browser, scheme, {}, async (page) => {
    await page.keyboard.press('i');
    const apkg = join(root, 'test', 'fixtures', 'anki', 'anki-apkg-export-output.apkg');
    await page.getByTestId('import-file').setInputFiles(apkg);
    await page.getByTestId('import-apply').waitFor();
    await shoot(page, 'import-preview', scheme);

    await page.keyboard.press('Escape');
    await page.getByTestId('deck-export').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /Anki package/ }).check();
    // The check leaves the pointer over the option; move it away so no hover shows.
    await page.mouse.move(0, 0);
    await shoot(page, 'export', scheme);
  });
}

/** The Backups screen with the daily backup (made ~10 s after start) and a manual one, restore dialog open. */
async function backupsSeries(browser, scheme) {
  // the daily backup at once, an import (Cue backs the database up before it), then the list
  await onHost(browser, scheme, { env: { CUE_DAILY_BACKUP_AFTER_MS: '0' } }, async (page) => {
    await page.keyboard.press('i');
    await page
      .locator('input[type="file"]')
      .setInputFiles(join(root, 'test', 'fixtures', 'anki', 'anki-apkg-export-output.apkg'));
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-result').waitFor();
    await page.goto(new URL('#/backups', page.url()).href);
    await page.getByRole('button', { name: 'Back up now' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="backup-row"][data-kind="manual"]').waitFor();
    await page.locator('[data-testid="backup-row"][data-kind="daily"]').waitFor();
    await page.getByTestId('check-now').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('check-status').filter({ hasText: 'sound' }).waitFor();
    await shoot(page, 'backups', scheme, true);
    await page.locator('[data-testid="backup-row"][data-kind="before-import"] [data-testid="backup-restore"]').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('restore-dialog').waitFor();
    await shoot(page, 'backups-restore', scheme);
  });
  // a collection file found empty at start: restored from its newest backup, and said so first
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-screens-'));
  try {
    await onHost(browser, scheme, { dataDir }, async (page) => {
      await page.getByRole('button', { name: 'Backups' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Back up now' }).focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="backup-row"][data-kind="manual"]').waitFor();
    });
    truncateSync(join(dataDir, 'collection.sqlite'), 0);
    await onHost(browser, scheme, { dataDir }, async (page) => {
      await page.getByTestId('recoveries').waitFor();
      await shoot(page, 'home-recovered', scheme);
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A deck's options (o on home): the top as it opens, the advanced options at the bottom, then a bad
 * learning step and an out-of-bounds retention typed, each named beside its field. Not full-page: the
 * Save bar sticks to the window's bottom, which a full-page picture would show mid-page.
 */
async function optionsSeries(browser, scheme) {
  await onHost(browser, scheme, {}, async (page) => {
    await page.keyboard.press('o');
    await page.getByTestId('option-learningSteps').waitFor();
    await shoot(page, 'options', scheme);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await shoot(page, 'options-advanced', scheme);
    await page.getByTestId('option-learningSteps').fill('1m 10x');
    await page.getByTestId('option-desiredRetention').fill('50');
    await page.getByTestId('option-issue').nth(1).waitFor();
    await page.getByTestId('option-learningSteps').focus();
    await shoot(page, 'options-invalid', scheme);
    // corrected and saved with a new retention: the offer to reschedule, where Save was pressed
    await page.getByTestId('option-learningSteps').fill('1m 10m');
    await page.getByTestId('option-desiredRetention').fill('85');
    await page.keyboard.press('Control+s');
    await page.getByTestId('reschedule-offer').waitFor();
    await shoot(page, 'options-saved', scheme);
  });
}

/** The browser on the simulated history: review cards, weakest recall first, two selected, Set due open. */
async function browseSeries(browser, scheme, dataDir, env) {
  await onHost(browser, scheme, { dataDir, env }, async (page) => {
    await page.keyboard.press('/');
    await page.getByTestId('browse-row').first().waitFor();
    const searched = () => page.waitForResponse((response) => response.url().endsWith('/api/cards.search'));
    await Promise.all([searched(), page.getByTestId('search').fill('is:review')]);
    await Promise.all([searched(), page.getByTestId('sort-retrievability').click()]);
    await page.getByTestId('browse-row').first().waitFor();
    const rows = page.getByTestId('browse-row');
    await rows.nth(0).locator('input[type=checkbox]').check();
    await rows.nth(1).locator('input[type=checkbox]').check();
    await page.getByRole('button', { name: 'Set due…' }).click();
    await page.getByTestId('due-date').waitFor();
    await page.mouse.move(0, 0);
    await shoot(page, 'browse', scheme);

    await page.keyboard.press('Escape');
    await Promise.all([searched(), page.getByTestId('search').fill('"Least Recently Used"')]);
    await page
      .getByTestId('result-count')
      .filter({ hasText: /^1 card$/ })
      .waitFor();
    await page.getByTestId('search').press('Enter');
    await page.getByTestId('preview-answer').locator('pre code').first().waitFor();
    await shoot(page, 'editor', scheme);

    await page.keyboard.press('Escape');
    await page.getByTestId('browse-row').first().waitFor();
    await page.getByTestId('card-info').click();
    await page.getByTestId('review-log').waitFor();
    await chartsDrawn(page);
    await shoot(page, 'card-info', scheme, true);
  });
}

/** Calls the API from the page, with the token the app keeps for its tab. */
function callFromPage(page, method, input) {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cue-token': sessionStorage.getItem('cue-token') ?? '' },
        body: JSON.stringify(body),
      });
      return (await response.json()).result;
    },
    [method, input],
  );
}

/**
 * The browser's sidebar (saved searches, a deck's sections, a tag tree two levels deep) on a search the
 * tree ran, and the find and replace dialog previewing a change in the selected cards.
 */
async function browseSidebarSeries(browser, scheme) {
  await onHost(browser, scheme, {}, async (page) => {
    const found = await callFromPage(page, 'cards.search', { query: '', limit: 12 });
    const tags = [['interview', 'interview::ml'], ['interview::ml::deep'], ['interview::dsa'], ['weak'], ['python']];
    for (const [index, card] of found.cards.entries()) {
      await callFromPage(page, 'cards.update', { cardId: card.id, tags: tags[index % tags.length] });
    }
    await callFromPage(page, 'searches.save', { name: 'Weak and due', query: 'tag:weak is:due' });
    await callFromPage(page, 'searches.save', { name: 'Lapsed often', query: 'lapses>2' });
    await page.keyboard.press('/');
    await page.getByTestId('browse-row').first().waitFor();
    const sidebar = page.getByTestId('browse-sidebar');
    await sidebar.getByRole('button', { name: 'Expand interview', exact: true }).click();
    await sidebar.getByRole('button', { name: 'Expand interview::ml', exact: true }).click();
    const searched = () => page.waitForResponse((response) => response.url().endsWith('/api/cards.search'));
    await Promise.all([searched(), sidebar.locator('[data-query="tag:interview::ml"]').click()]);
    await page.getByTestId('browse-row').first().waitFor();
    await sidebar.getByTestId('sidebar-tag').last().scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await shoot(page, 'browse-sidebar', scheme);

    await page.getByTestId('select-all').click();
    await page
      .getByTestId('selected-count')
      .filter({ hasText: /^\d+ selected$/ })
      .waitFor();
    await page.getByTestId('find-replace').click();
    const dialog = page.getByTestId('find-replace-dialog');
    await dialog.getByTestId('find-text').fill('the');
    await dialog.getByTestId('replace-text').fill('THE');
    await dialog.getByTestId('find-replace-change').first().waitFor();
    await shoot(page, 'browse-find-replace', scheme);
  });
}

/** The note editor on a Cloze note (three cards in the preview), Change note type, and the note types. */
async function notesSeries(browser, scheme) {
  await onHost(browser, scheme, {}, async (page) => {
    const types = await api(page, 'notetypes.list', {});
    const cloze = types.find((t) => t.key === 'cloze');
    const decks = await api(page, 'decks.list', {});
    const change = await api(page, 'notes.create', {
      noteTypeId: cloze.id,
      sectionId: decks[0].sections[0].id,
      fields: [
        'A **B-tree** of order {{c1::m}} keeps every node but the root at least {{c2::half full}}, ' +
          'so its height stays {{c3::$O(\\log n)$::how tall?}}.',
        'Databases use B+ trees: the keys live in the leaves, linked for range scans.',
      ],
      tags: ['databases', 'trees'],
    });
    await page.goto(`${page.url().split('#')[0]}#/edit/${change.added[0]}`);
    await page.getByTestId('preview-card').nth(2).waitFor();
    await page.getByTestId('edit-field-0').focus();
    await shoot(page, 'note-editor', scheme);
    await page.getByTestId('change-type').click();
    await page.getByTestId('change-type-to').selectOption({ label: 'Basic (and reversed card)' });
    await page.getByTestId('change-type-apply').waitFor();
    await shoot(page, 'note-editor-change-type', scheme);
    await page.keyboard.press('Escape');
    await page.getByTestId('open-note-types').click();
    const reversed = page.getByTestId('note-type-item').filter({ hasText: 'Basic (and reversed card)' });
    await reversed.click();
    await page.getByTestId('template-tab').nth(1).click();
    await page.getByTestId('template-question').filter({ hasText: '{{Back}}' }).waitFor();
    await page.mouse.move(0, 0);
    await shoot(page, 'note-types', scheme);
  });
}

/** Calls the API from the page, as the renderer does (the web host's token is in the tab's session storage). */
function api(page, method, input) {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cue-token': sessionStorage.getItem('cue-token') ?? '' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${name}: ${await response.text()}`);
      return (await response.json()).result;
    },
    [method, input],
  );
}

/** Custom study: review cards due over the next days and a few tags, then a cram session of one tag. */
async function customSeries(browser, scheme) {
  await onHost(browser, scheme, { env: { CUE_NOW: '2026-03-02T10:00:00Z', TZ: 'UTC' } }, async (page) => {
    for (let cardId = 1; cardId <= 8; cardId++) {
      await api(page, 'study.answer', { deckId: 1, cardId, rating: 4, durationMs: 4000 });
    }
    await api(page, 'cards.bulk', { cardIds: [1, 2, 3], change: { action: 'setDue', date: '2026-03-03' } });
    await api(page, 'cards.bulk', { cardIds: [4, 5], change: { action: 'setDue', date: '2026-03-05' } });
    const tag = (cardIds, tags) => api(page, 'cards.bulk', { cardIds, change: { action: 'addTags', tags } });
    await tag([2, 11, 14, 21, 25, 33], ['interview']);
    await tag([21, 22, 23, 24], ['system-design']);
    await tag([3, 41], ['weak-spot']);
    await page.reload();
    await page.getByRole('button', { name: /^Study all/ }).waitFor();
    await page.keyboard.press('c');
    await page.getByTestId('custom-count-ahead').filter({ hasText: 'cards' }).waitFor();
    await page.getByTestId('custom-count-tag').filter({ hasText: 'cards' }).waitFor();
    await shoot(page, 'custom-study', scheme);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('custom-badge').waitFor();
    await page.getByTestId('question').waitFor();
    await page.keyboard.press('Space');
    await page.getByTestId('answer').waitFor();
    await shoot(page, 'custom-session', scheme);
    // Good finishes each practice card: six answers end the session
    await page.keyboard.press('3');
    await waitForDone(page, 1);
    for (let done = 2; done <= 6; done++) {
      await page.getByTestId('question').waitFor();
      await page.keyboard.press('Space');
      await page.getByTestId('answer').waitFor();
      await page.keyboard.press('3');
      if (done < 6) await waitForDone(page, done);
    }
    await page.getByTestId('custom-effect').waitFor();
    await shoot(page, 'custom-done', scheme);
  });
}

/** An earlier mock interview, answered through the API, so the medians have something to show. */
async function earlierInterview(page) {
  const view = await api(page, 'mock.start', { deckId: 1, sectionIds: [1, 3], count: 4, order: 'random', seed: 3 });
  for (const [position, timeTakenMs] of [95_000, 118_000, 130_000, 250_000].entries()) {
    const at = { sessionId: view.sessionId, position: position + 1 };
    await api(page, 'mock.current', { sessionId: view.sessionId });
    await api(page, 'mock.done', { ...at, timeTakenMs });
    await api(page, 'mock.grade', { ...at, rating: position === 1 ? 2 : 3 });
  }
  await api(page, 'mock.end', { sessionId: view.sessionId });
}

/** A mock interview: setup, a question 40 s in, its reveal, and the summary (one question timed out). */
async function mockSeries(browser, scheme) {
  await onHost(browser, scheme, { env: { CUE_NOW: '2026-03-02T10:00:00Z', TZ: 'UTC' } }, async (page) => {
    await earlierInterview(page);
    await api(page, 'mock.setLimit', { sectionId: 3, seconds: 360 });
    await page.clock.install({ time: new Date('2026-03-02T10:00:00Z') });
    await page.clock.pauseAt(new Date('2026-03-02T10:00:01Z'));
    await page.reload();
    await page.getByRole('button', { name: /^Study all/ }).waitFor();
    await page.keyboard.press('m');
    await page.getByTestId('mock-limit-core').waitFor();
    for (const name of ['Data Structures and Algorithms', 'Coding and Debugging', 'Behavioral']) {
      await page.getByRole('checkbox', { name: new RegExp(name) }).uncheck();
    }
    await page.getByTestId('mock-count').fill('3');
    await page.getByTestId('mock-count').blur();
    await shoot(page, 'mock-setup', scheme);
    await page.getByTestId('mock-start').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('mock-countdown').waitFor();
    await page.clock.runFor(40_000);
    await page.getByTestId('mock-median').waitFor();
    await shoot(page, 'mock-question', scheme);
    // into the last 30 s, whichever section's limit the first question has
    while (!(await page.getByTestId('mock-countdown-box').getAttribute('class'))?.includes('is-warning')) {
      await page.clock.runFor(5_000);
    }
    await shoot(page, 'mock-question-warning', scheme);
    await page.keyboard.press('Space');
    await page.getByTestId('answer').waitFor();
    // two of the answer's key points ticked on the checklist: its suggestion is on the grades
    await page.keyboard.press('a');
    await page.keyboard.press('s');
    await shoot(page, 'mock-reveal', scheme);
    await page.keyboard.press('3');
    await page.getByTestId('mock-countdown').waitFor();
    await page.clock.runFor(400_000);
    await page.getByTestId('answer').waitFor();
    await page.keyboard.press('1');
    await page.getByTestId('mock-countdown').waitFor();
    await page.clock.runFor(70_000);
    await page.keyboard.press('Space');
    await page.getByTestId('answer').waitFor();
    await page.keyboard.press('4');
    await page.getByTestId('mock-summary').waitFor();
    await shoot(page, 'mock-summary', scheme);
    // the answer times in the statistics (their screen waits on timers: the clock runs again)
    await page.clock.resume();
    await page.keyboard.press('Escape');
    await page.getByTestId('deck-stats').click();
    const times = page.getByTestId('answer-times');
    await times.getByTestId('answer-times-table').waitFor();
    await times.scrollIntoViewIfNeeded();
    const path = join(outDir, `mock-answer-times-${scheme}.png`);
    await times.screenshot({ path });
    console.log(`wrote ${path}`);
  });
}

/**
 * A test helper (test/helpers/NAME.ts) bundled as an ES module and loaded; the packages stay where
 * node_modules has them, and the helper reads its fixtures beside itself wherever the bundle lands.
 */
async function testHelper(name) {
  const outfile = join(root, '.cache', 'ts', `${name}.mjs`);
  await build({
    entryPoints: [join(root, 'test', 'helpers', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    define: { 'import.meta.dirname': JSON.stringify(join(root, 'test', 'helpers')) },
  });
  return import(outfile);
}

/** A collection holding the synthetic FSRS history (about 12,000 reviews), imported with `cue import`. */
async function syntheticHistory(dataDir) {
  const { syntheticPackage } = await testHelper('fsrs-history');
  const file = join(dataDir, 'synthetic.apkg');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, syntheticPackage().apkg);
  const result = spawnSync(process.execPath, [join(root, 'bin', 'cue.mjs'), 'import', file, '--data-dir', dataDir], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`cue import failed:\n${result.stdout}${result.stderr}`);
}

/** The optimisation screen: a fit running (slowed so it can be caught), its result; the refusal elsewhere. */
async function optimizeSeries(browser, scheme, dataDir) {
  const env = { CUE_TEST_OPTIMIZE_SLOW_MS: '300' };
  await onHost(browser, scheme, { dataDir, env }, async (page) => {
    await page.goto(new URL('#/options/1/optimize', page.url()).href);
    await page.getByTestId('optimize-start').focus();
    await page.keyboard.press('Enter');
    await page.locator('[role="progressbar"]:not([aria-valuenow="0"])').waitFor();
    await shoot(page, 'optimize-running', scheme);
    await page.getByTestId('accept').waitFor();
    await shoot(page, 'optimize-result', scheme, true);
  });
  await onHost(browser, scheme, {}, async (page) => {
    await page.goto(new URL('#/options/1/optimize', page.url()).href);
    await page.getByTestId('optimize-refusal').waitFor();
    await shoot(page, 'optimize-refused', scheme);
  });
}

/** The simulation screen on the simulated history, the retention changed to 85 %, then the reschedule dialog. */
async function simulateSeries(browser, scheme, dataDir, env) {
  const copy = mkdtempSync(join(tmpdir(), 'cue-screens-'));
  // a copy: the change of retention and its reschedule must not reach the other series' collection
  cpSync(dataDir, copy, { recursive: true });
  try {
    await onHost(browser, scheme, { dataDir: copy, env }, async (page) => {
      await page.goto(new URL('#/options/1/simulate', page.url()).href);
      await page.getByTestId('current-marker-reviewsPerDay').waitFor();
      await page.getByTestId('retention-input').fill('85');
      await page.getByTestId('retention-input').press('Enter');
      await page.locator('[data-testid="current-marker-reviewsPerDay"][data-retention="0.85"]').waitFor();
      await chartsDrawn(page);
      await shoot(page, 'simulate', scheme, true);
      await page.getByTestId('offer-reschedule').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('reschedule-summary').waitFor();
      await page.getByTestId('reschedule-dialog').locator('.recharts-surface').waitFor();
      await shoot(page, 'simulate-reschedule', scheme);
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** A spoken answer: recording (past its first second), its player beside the answer, and card info's list. */
async function voiceSeries(browser, scheme) {
  await onHost(browser, scheme, {}, async (page) => {
    await studySection(page, 'System Design');
    await page.getByTestId('record-button').waitFor();
    await shoot(page, 'voice-question', scheme);
    await page.keyboard.press('Shift+V');
    await page.getByTestId('recorder-elapsed').filter({ hasText: '0:02' }).waitFor({ timeout: 15_000 });
    await shoot(page, 'voice-recording', scheme);
    await page.keyboard.press('Shift+V');
    await page.getByTestId('recorder-status').filter({ hasText: 'Recorded' }).waitFor();
    await page.keyboard.press('Space');
    await page.getByTestId('spoken-player').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="spoken-player"]')?.readyState > 0);
    await shoot(page, 'voice-answer', scheme);
    // the recording's file is named after its card
    const src = await page.getByTestId('spoken-player').getAttribute('src');
    const cardId = /cue-recording-(\d+)-/.exec(src ?? '')?.[1];
    await page.keyboard.press('3');
    await waitForDone(page, 1);
    await page.keyboard.press('Escape');
    await page
      .getByRole('button', { name: /^Study all/ })
      .first()
      .waitFor();
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#/stats/1/card/${cardId}`);
    await page.getByTestId('recording-row').waitFor();
    await page.getByTestId('card-recordings').scrollIntoViewIfNeeded();
    await shoot(page, 'voice-card-info', scheme);
    await page.getByTestId('delete-recording').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('delete-recording-dialog').waitFor();
    await shoot(page, 'voice-delete', scheme);
  });
}

/** The readiness screen on the simulated history, a target date two weeks ahead, and readiness over time. */
async function readinessSeries(browser, scheme, dataDir, env) {
  const copy = mkdtempSync(join(tmpdir(), 'cue-screens-'));
  // a copy: the target date must not reach the other series' collection
  cpSync(dataDir, copy, { recursive: true });
  const now = env.CUE_NOW ? new Date(env.CUE_NOW).getTime() : Date.now();
  const date = new Date(now + 14 * 86_400_000).toISOString().slice(0, 10);
  try {
    await onHost(browser, scheme, { dataDir: copy, env }, async (page) => {
      await page.keyboard.press('r');
      await page.getByTestId('target-date').fill(date);
      await page.getByTestId('save-target').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('readiness-summary').waitFor();
      // no focus ring on the picture
      await page.evaluate(() => document.activeElement?.blur());
      await page
        .getByTestId('target-date')
        .and(page.locator(`[value="${date}"]`))
        .waitFor();
      await shoot(page, 'readiness', scheme);
      await shoot(page, 'readiness-full', scheme, true);
      await page.keyboard.press('Escape');
      await page
        .getByRole('button', { name: /^Study all/ })
        .first()
        .waitFor();
      await page.keyboard.press('t');
      await page.getByTestId('readiness-over-time').locator('.recharts-surface').waitFor();
      await chartsDrawn(page);
      const figure = page.getByTestId('readiness-over-time');
      await figure.scrollIntoViewIfNeeded();
      const path = join(outDir, `readiness-over-time-${scheme}.png`);
      await figure.screenshot({ path });
      console.log(`wrote ${path}`);
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Cards of notes in a deck of their own: a typed answer (a near miss, compared) and a cloze, revealed. */
async function studyNotesSeries(browser, scheme) {
  await onHost(browser, scheme, {}, async (page) => {
    const types = await api(page, 'notetypes.list', {});
    const typeId = (key) => types.find((t) => t.key === key).id;
    const { deckId } = await api(page, 'decks.create', { name: 'Machine learning notes' });
    const { sectionId } = await api(page, 'sections.create', { deckId, name: 'Optimisers' });
    const note = (key, fields) => api(page, 'notes.create', { noteTypeId: typeId(key), sectionId, fields, tags: [] });
    await note('basic-typed', ['Which optimiser keeps running averages of the gradient and its square?', 'Adam']);
    await note('cloze', [
      '{{c1::Adam}} keeps two moments of each gradient: the mean and the {{c2::uncentred variance::what else?}}, with **bias correction** for the first steps.',
      'Kingma and Ba, 2014',
    ]);
    await page.reload();
    await page
      .getByRole('region', { name: 'Machine learning notes' })
      .getByRole('button', { name: /^Study all/ })
      .focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('type-answer').waitFor();
    await page.keyboard.type('Adamw');
    await page.keyboard.press('Enter');
    await page.getByTestId('type-answer-result').waitFor();
    await shoot(page, 'study-typed-answer', scheme);
    await page.keyboard.press('3');
    await waitForDone(page, 1);
    await page.getByTestId('question').locator('.cloze').waitFor();
    await page.keyboard.press('Space');
    await page.getByTestId('answer').locator('.cloze').waitFor();
    await shoot(page, 'study-cloze', scheme);
  });
}

/** An Anki deck of the kind a light page was made for: inline dark text, a white and a yellow box. */
const LIGHT_PAGE_DECK = `---
cue-deck: 1
id: light-page
name: Imported (light page)
version: 1
---

# Cards {#cards}

## {#light-page-card}

::: question
\`\`\`cue-html
<div style="background:#fff;padding:8px"><span style="color:#333">Which layer normalises each sample over its features?</span> <font color="navy">(a navy font)</font></div>
\`\`\`
:::

\`\`\`cue-html
<div style="background-color:#ffffcc;padding:8px"><span style="color:rgb(85, 85, 85)">Layer normalisation</span>: unlike batch norm, it needs no batch statistics.</div>
<p style="color:black">Black text on the page</p>
\`\`\`
`;

/** An Image Occlusion note (test/helpers/anki-packages.ts) and a deck made for a light page, imported. */
async function importedCardsSeries(browser, scheme) {
  const { buildPackage, CollectionBuilder, IMAGE_OCCLUSION_FIELD, IMAGE_OCCLUSION_NOTE, STOCK, twoTonePng } =
    await testHelper('anki-packages');
  // the tests' note on a picture of a size people study (the tests' own is 40 x 30)
  const b = new CollectionBuilder();
  const { header, backExtra, comments } = IMAGE_OCCLUSION_NOTE;
  b.note(STOCK.imageOcclusion(), [IMAGE_OCCLUSION_FIELD, '<img src="heart.png">', header, backExtra, comments], {
    deck: b.deck('Anatomy'),
    ords: [0, 1, 2],
  });
  const imageOcclusionPackage = () =>
    buildPackage({ layout: 'latest', collection: b.spec, media: [{ name: 'heart.png', data: twoTonePng(480, 360) }] });
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-imported-'));
  try {
    const files = { 'anatomy.apkg': imageOcclusionPackage(), 'light-page.md': LIGHT_PAGE_DECK };
    for (const [name, data] of Object.entries(files)) {
      writeFileSync(join(dataDir, name), data);
      const result = spawnSync(
        process.execPath,
        [join(root, 'bin', 'cue.mjs'), 'import', join(dataDir, name), '--data-dir', dataDir],
        {
          encoding: 'utf8',
        },
      );
      if (result.status !== 0) throw new Error(`cue import failed:\n${result.stdout}${result.stderr}`);
    }
    await onHost(browser, scheme, { dataDir }, async (page) => {
      const study = async (deck) => {
        await showDeck(page, deck);
        await page
          .getByRole('region', { name: deck })
          .getByRole('button', { name: /^Study all/ })
          .focus();
        await page.keyboard.press('Enter');
        await page.getByTestId('question').waitFor();
      };
      await study('Anatomy');
      await page.getByTestId('question').locator('.io-active').first().waitFor();
      await shoot(page, 'study-occlusion-question', scheme);
      await page.keyboard.press('Space');
      await page.getByTestId('answer').locator('.io-revealed').first().waitFor();
      await shoot(page, 'study-occlusion-answer', scheme);
      await page.goto(new URL('#/', page.url()).href);
      await page.reload();
      await study('Imported (light page)');
      await page.keyboard.press('Space');
      await page.getByTestId('answer').waitFor();
      await shoot(page, 'study-imported-colours', scheme);
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** With several decks home shows one deck's overview: the one chosen in the deck list, by keyboard (no hover). */
async function showDeck(page, name) {
  const row = page
    .getByRole('treegrid', { name: 'Decks' })
    .locator('tr[aria-level="1"]')
    .filter({
      has: page.getByTitle(name, { exact: true }),
    });
  if ((await row.count()) > 0) await row.first().focus();
  await page.getByRole('region', { name, exact: true }).waitFor();
}

/** Ten small decks for the home screen's deck list: [id, name, sections], some names long enough to ellipsize. */
const TEN_DECKS = [
  ['spanish-verbs', 'Spanish Verbs', ['Present tense', 'Preterite', 'Subjunctive mood and its irregular forms']],
  ['capitals', 'World Capitals', ['Europe', 'Asia', 'Africa', 'The Americas']],
  [
    'organic-chem',
    'Organic Chemistry: Reaction Mechanisms, Named Reactions and Reagents for the Second-Year Exam',
    ['Substitution', 'Elimination'],
  ],
  ['pharmacology', 'Pharmacology', ['Antibiotics', 'Cardiovascular drugs', 'Analgesics']],
  ['kanji-n3', 'Kanji N3', ['Week 1', 'Week 2', 'Week 3']],
  ['music-theory', 'Music Theory', ['Intervals', 'Chords']],
  [
    'rust',
    'Rust Ownership and Borrowing',
    ['Lifetimes in function signatures, structs and trait objects', 'Smart pointers'],
  ],
  ['anatomy', 'Anatomy', ['Upper limb', 'Lower limb', 'Thorax']],
  ['history', 'Modern History', ['The French Revolution', 'Industrialisation']],
  ['geology', 'Geology', ['Minerals', 'Plate tectonics']],
];

function tenDeckFile([id, name, sections]) {
  const lines = ['---', 'cue-deck: 1', `id: ${id}`, `name: ${JSON.stringify(name)}`, 'version: 1', '---', ''];
  sections.forEach((section, s) => {
    lines.push(`# ${section} {#part-${s + 1}}`, '');
    for (let c = 1; c <= 4 + s; c++)
      lines.push(`## ${section}: question ${c} {#part-${s + 1}-card-${c}}`, '', `Answer ${c}.`, '');
  });
  return lines.join('\n');
}

/** Home with the bundled deck and ten imported ones: the deck list, a deck opened and chosen, a filter. */
async function homeDecksSeries(browser, scheme) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-ten-decks-'));
  try {
    for (const deck of TEN_DECKS) {
      const file = join(dataDir, `${deck[0]}.md`);
      writeFileSync(file, tenDeckFile(deck));
      const cue = join(root, 'bin', 'cue.mjs');
      const result = spawnSync(process.execPath, [cue, 'import', file, '--data-dir', dataDir], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`cue import failed:\n${result.stdout}${result.stderr}`);
    }
    await onHost(browser, scheme, { dataDir }, async (page) => {
      await page.getByRole('treegrid', { name: 'Decks' }).waitFor();
      await shoot(page, 'home-decks', scheme);
      await shoot(page, 'home-decks-full', scheme, true);
      // World Capitals chosen and opened from the keyboard: its sections beneath, its overview shown.
      await showDeck(page, 'World Capitals');
      await page.keyboard.press('ArrowRight');
      await page.locator('tr[aria-level="2"]').first().waitFor();
      await shoot(page, 'home-decks-open', scheme);
      await page.getByRole('searchbox', { name: /Filter decks/ }).fill('limb');
      await page.locator('tr[aria-level="1"]').filter({ hasText: 'Anatomy' }).waitFor();
      await shoot(page, 'home-decks-filtered', scheme);
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Calls a host's API as the page does, with the token its URL carries. */
async function hostApi(host, method, input = {}) {
  const url = new URL(host.url);
  const response = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cue-token': url.searchParams.get('token') ?? '' },
    body: JSON.stringify(input),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return body.result;
}

/** A device's device.json under a friendlier name than this machine's hostname, as another computer's would be. */
function nameDevice(folder, device, name) {
  const file = join(folder, 'devices', device, 'device.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), name }, null, 2));
}

/**
 * The Sync screen, with a second host on its own collection as "the laptop" syncing through the same
 * folder: the preview then adopts its collection; an edit of one card on both makes a kept conflict; a
 * third device's segment cut short is unreadable.
 */
async function syncSeries(browser, scheme) {
  const parent = mkdtempSync(join(tmpdir(), 'cue-screens-sync-'));
  const folder = join(parent, 'Sync', 'Cue');
  const laptopDir = join(parent, 'laptop');
  const desktopDir = join(parent, 'desktop');
  mkdirSync(laptopDir);
  mkdirSync(desktopDir);
  const laptop = await startHost(laptopDir);
  try {
    const joined = await hostApi(laptop, 'sync.setFolder', { folder });
    nameDevice(folder, joined.device, 'Laptop');
    await onHost(browser, scheme, { dataDir: desktopDir }, async (page) => {
      await page.getByTestId('sync').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('sync-off').waitFor();
      await page.getByTestId('sync-folder').fill(folder);
      await shoot(page, 'sync-off', scheme);
      await page.keyboard.press('Enter');
      await page.getByTestId('sync-join-preview').waitFor();
      await shoot(page, 'sync-preview', scheme, true);
      await page.getByTestId('sync-join').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('sync-on').waitFor();

      // the same card's question edited here, then on the laptop: the later (the laptop's) wins
      const card = await hostApi(laptop, 'cards.get', { cardId: 1 });
      const { question } = card;
      const local = new URL(page.url());
      const here = { url: `${local.origin}/?token=${await page.evaluate(() => sessionStorage.getItem('cue-token'))}` };
      await hostApi(here, 'cards.update', {
        cardId: 1,
        question: `${question} (and how would you spot it in production?)`,
      });
      // written to the folder at once (as the timer would a few seconds later), so the laptop's edit is the later
      await hostApi(here, 'sync.mergeNow');
      await hostApi(laptop, 'cards.update', { cardId: 1, question: `${question} Give an example.` });
      await hostApi(laptop, 'sync.mergeNow');

      // a third computer's segment, cut short as a sync tool part-way through copying leaves one
      const desk = 'f00dfeedcafe0001';
      const deskDir = join(folder, 'devices', desk);
      mkdirSync(join(deskDir, 'segments'), { recursive: true });
      copyFileSync(join(folder, 'devices', joined.device, 'device.json'), join(deskDir, 'device.json'));
      nameDevice(folder, desk, 'Office desktop');
      const segments = join(folder, 'devices', joined.device, 'segments');
      const first = readdirSync(segments).find((name) => name.endsWith('.cueseg'));
      writeFileSync(join(deskDir, 'segments', '000000001.cueseg'), readFileSync(join(segments, first)).subarray(0, 40));

      await page.getByTestId('sync-merge').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('sync-outcome').filter({ hasText: 'written to the folder' }).waitFor();
      await page.getByTestId('sync-unreadable').waitFor();
      await page.getByTestId('sync-conflict').first().waitFor();
      await shoot(page, 'sync-on', scheme, true);
      await shoot(page, 'sync-on-window', scheme);

      await page.getByTestId('sync-stop').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('sync-stop-dialog').waitFor();
      await shoot(page, 'sync-stop', scheme);
      await page.getByTestId('sync-stop-confirm').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('sync-off').waitFor();
      await page.getByTestId('sync-folder').fill(join(desktopDir, 'sync'));
      await page.keyboard.press('Enter');
      await page.getByTestId('sync-folder-error').waitFor();
      await shoot(page, 'sync-refused', scheme);
    });
  } finally {
    await laptop.stop();
    rmSync(parent, { recursive: true, force: true });
  }
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch(LAUNCH);
const historyDir = mkdtempSync(join(tmpdir(), 'cue-history-'));
const fsrsDir = mkdtempSync(join(tmpdir(), 'cue-fsrs-'));
try {
  if (wanted('study')) for (const scheme of ['light', 'dark']) await series(browser, scheme);
  if (wanted('stats') || wanted('browse') || wanted('simulate') || wanted('readiness')) {
    const env = simulateHistory(historyDir);
    if (wanted('stats')) for (const scheme of ['light', 'dark']) await statsSeries(browser, scheme, historyDir, env);
    if (wanted('browse')) for (const scheme of ['light', 'dark']) await browseSeries(browser, scheme, historyDir, env);
    if (wanted('simulate')) {
      for (const scheme of ['light', 'dark']) await simulateSeries(browser, scheme, historyDir, env);
    }
    if (wanted('readiness')) {
      for (const scheme of ['light', 'dark']) await readinessSeries(browser, scheme, historyDir, env);
    }
  }
  if (wanted('browse-sidebar')) for (const scheme of ['light', 'dark']) await browseSidebarSeries(browser, scheme);
  if (wanted('points')) for (const scheme of ['light', 'dark']) await pointsSeries(browser, scheme);
  if (wanted('notes')) for (const scheme of ['light', 'dark']) await notesSeries(browser, scheme);
  if (wanted('io')) for (const scheme of ['light', 'dark']) await ioSeries(browser, scheme);
  if (wanted('backups')) for (const scheme of ['light', 'dark']) await backupsSeries(browser, scheme);
  if (wanted('options')) for (const scheme of ['light', 'dark']) await optionsSeries(browser, scheme);
  if (wanted('custom')) for (const scheme of ['light', 'dark']) await customSeries(browser, scheme);
  if (wanted('mock')) for (const scheme of ['light', 'dark']) await mockSeries(browser, scheme);
  if (wanted('optimize')) {
    await syntheticHistory(fsrsDir);
    for (const scheme of ['light', 'dark']) await optimizeSeries(browser, scheme, fsrsDir);
  }
  if (wanted('study-notes')) for (const scheme of ['light', 'dark']) await studyNotesSeries(browser, scheme);
  if (wanted('imported')) for (const scheme of ['light', 'dark']) await importedCardsSeries(browser, scheme);
  if (wanted('home-decks')) for (const scheme of ['light', 'dark']) await homeDecksSeries(browser, scheme);
  if (wanted('sync')) for (const scheme of ['light', 'dark']) await syncSeries(browser, scheme);
  if (wanted('voice')) {
    // Chromium's fake microphone (a beep), with its permission prompt answered yes
    const fakeMicrophone = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
    const voiceBrowser = await chromium.launch({ ...LAUNCH, args: [...LAUNCH.args, ...fakeMicrophone] });
    try {
      for (const scheme of ['light', 'dark']) await voiceSeries(voiceBrowser, scheme);
    } finally {
      await voiceBrowser.close();
    }
  }
} finally {
  await browser.close();
  rmSync(historyDir, { recursive: true, force: true });
  rmSync(fsrsDir, { recursive: true, force: true });
}
