/**
 * The desktop app's path from the renderer to the collection, in Chromium without Electron
 * (test/helpers/ipc-harness.ts): the built renderer, served through the real lockdown and `cue-app:`
 * handler, finds `window.cue` from the real preload and takes the desktop branch of its API client; each
 * call crosses the stand-in IPC to the real ipc.ts, dispatch and a collection on a temporary SQLite file,
 * which the test reads with a connection of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../electron/core/collection';
import { methodNames } from '../../shared/api';
import { type DesktopHarness, HARNESS_ORIGIN, startDesktopHarness } from '../helpers/ipc-harness';
import { HOSTILE_DECK, hostilePackage } from '../helpers/remote-references';
import { showDeck } from './fixtures';
import { progress, rate, reveal, studySection } from './study-helpers';

type Outcome = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };
type Bridge = Record<string, (input: unknown) => Promise<Outcome>>;

interface Fixtures {
  desktop: DesktopHarness & { dataDir: string };
  /** Console errors a test expects; others fail it. */
  allowedConsoleErrors: RegExp[];
  pageProblems: string[];
}

const test = base.extend<Fixtures>({
  desktop: async ({ context }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cue-ipc-'));
    const harness = await startDesktopHarness(context, dataDir);
    await use({ ...harness, dataDir });
    await context.close();
    harness.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  allowedConsoleErrors: [[], { option: true }],
  // uncaught errors and console errors (CSP violations among them) fail the test, unless it expects them
  pageProblems: [
    async ({ page, allowedConsoleErrors }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        const text = message.text();
        if (message.type() === 'error' && !allowedConsoleErrors.some((re) => re.test(text))) {
          problems.push(`console: ${text}`);
        }
      });
      await use(problems);
      expect(problems, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** The answers in the collection file, read as another program would. */
function answersInFile(dataDir: string): { cardId: number; rating: number; section: string }[] {
  const reader = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const query = `SELECT r.card_id AS cardId, r.rating, s.name AS section FROM reviews r
      JOIN cards c ON c.id = r.card_id JOIN sections s ON s.id = c.section_id ORDER BY r.id`;
    return reader.prepare(query).all() as { cardId: number; rating: number; section: string }[];
  } finally {
    reader.close();
  }
}

test('the renderer studies through the preload and IPC, and the answers land in the SQLite file', async ({
  page,
  desktop,
}) => {
  const apiRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(request.url());
  });
  await page.goto(desktop.entryUrl);
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();

  // the preload gave the page the API table and nothing else
  const exposed = await page.evaluate(() => {
    const cue = (window as unknown as { cue: Record<string, unknown> }).cue;
    return Object.entries(cue).map(([name, value]) => [name, typeof value]);
  });
  expect(exposed.map(([name]) => name).sort()).toEqual([...methodNames].sort());
  expect(new Set(exposed.map(([, type]) => type))).toEqual(new Set(['function']));

  await studySection(page, 'Data Structures and Algorithms');
  await expect(progress(page)).toHaveText('done 0 · left 10');
  for (const [done, key] of [
    [1, '3'],
    [2, '1'],
    [3, '4'],
  ] as const) {
    await reveal(page);
    await rate(page, key, done);
  }

  const answers = answersInFile(desktop.dataDir);
  expect(answers.map((answer) => answer.rating)).toEqual([3, 1, 4]);
  expect(new Set(answers.map((answer) => answer.cardId)).size).toBe(3);
  expect(new Set(answers.map((answer) => answer.section))).toEqual(new Set(['Data Structures and Algorithms']));
  // nothing went to a web host: the desktop branch of the API client made every call
  expect(apiRequests).toEqual([]);
  expect(desktop.blocked.entries()).toEqual([]);
});

test('a call with wrong types comes back as invalid_input and changes nothing in the file', async ({
  page,
  desktop,
}) => {
  await page.goto(desktop.entryUrl);
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
  const refused = await page.evaluate(() => {
    const cue = (window as unknown as { cue: Bridge }).cue;
    return cue['study.answer']({ deckId: 1, cardId: 'the first', rating: 9, durationMs: 1 });
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(!refused.ok && refused.error.message).toMatch(/cardId/);
  expect(answersInFile(desktop.dataDir)).toEqual([]);
});

test('a page that is not Cue’s own is refused the API even with the bridge in hand', async ({ page, desktop }) => {
  await page.goto(desktop.entryUrl);
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
  // a frame whose URL is not Cue's (about:srcdoc) with a bridge of its own: the stand-in preload runs in
  // every frame, as Electron's would with nodeIntegrationInSubFrames, so only ipc.ts's sender check is left
  const frameAnswer = await page.evaluate(async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = '<p>card</p>';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const cue = (frame.contentWindow as unknown as { cue: Bridge }).cue;
    const outcome = await cue['decks.rename']({ deckId: 1, name: 'Taken over' });
    frame.remove();
    return outcome;
  });
  expect(frameAnswer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  const decks = await page.evaluate(async () => {
    const outcome = await (window as unknown as { cue: Bridge }).cue['decks.list']({});
    return outcome.ok ? (outcome.result as { name: string }[]).map((deck) => deck.name) : [];
  });
  expect(decks).not.toContain('Taken over');
  expect(decks.length).toBeGreaterThan(0);
});

test('a page of another origin is not served at all: the lockdown cancels and logs it', async ({ page, desktop }) => {
  await expect(page.goto('https://example.com/')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
  expect(desktop.blocked.entries()).toEqual([{ url: 'https://example.com/', page: 'about:blank', count: 1 }]);
});

test.describe('offline', () => {
  test('importing through IPC, studying and the statistics reach nothing outside Cue', async ({ page, desktop }) => {
    const started: string[] = [];
    const failed = new Map<string, string>();
    page.on('request', (request) => started.push(request.url()));
    page.on('requestfailed', (request) => failed.set(request.url(), request.failure()?.errorText ?? ''));
    await page.goto(desktop.entryUrl);
    await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();

    // the desktop branch sends the file's bytes with files.upload over IPC
    await page.keyboard.press('i');
    const dir = mkdtempSync(join(tmpdir(), 'cue-ipc-deck-'));
    try {
      await page.getByTestId('import-file').setInputFiles(hostilePackage(dir, { localImage: false }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.getByRole('button', { name: 'Import 2 cards' }).click();
    await expect(page.getByTestId('import-done').getByTestId('import-result')).toContainText('2 cards');
    await page.goto(desktop.entryUrl);

    const deck = await showDeck(page, HOSTILE_DECK);
    await deck.getByRole('button', { name: /^Study all/ }).click();
    for (const done of [1, 2]) {
      await reveal(page);
      await rate(page, '3', done);
    }
    await page.goto(desktop.entryUrl);
    await deck.getByRole('link', { name: 'Statistics', exact: true }).click();
    await expect(page.getByTestId('stats-row-deck').getByTestId('cell-reviews-total')).toHaveText(/^2\b/);
    expect(answersInFile(desktop.dataDir).map((answer) => answer.section)).toEqual([HOSTILE_DECK, HOSTILE_DECK]);

    // nothing that is not Cue's own reached the session (whose log would hold it)
    expect(desktop.blocked.entries()).toEqual([]);
    // nor did the page start anything elsewhere: the note type's remote fonts and images were dropped
    expect([...new Set(started.filter((url) => !url.startsWith(`${HARNESS_ORIGIN}/`)))]).toEqual([]);
    expect(failed).toEqual(new Map());
  });
});
