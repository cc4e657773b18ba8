/**
 * Cue works offline by construction: importing, studying and the statistics ask nothing of any origin but
 * Cue's own, even for a deck whose note type and cards reach for remote fonts, style sheets, images and
 * scripts. Every request the page starts is recorded. None may reach the network (the test cuts off any
 * that would, so it never depends on one, and fails). The sanitiser strips the cards' remote references;
 * the note type's CSS keeps its url()s through the scoping (card-css.ts), so Chromium starts those
 * requests and the CSP refuses each before it leaves, logging a console error: the test expects those
 * refusals, for the hostile host only, and fails on any other console error (fixtures.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { buildPackage, CollectionBuilder, STOCK, twoTonePng } from '../helpers/anki-packages';
import { REPO_ROOT } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

/** repeat-space/anki-apkg-export's test output: 3 notes, one <img> with anki.png, in a deck "deck-name". */
const FIXTURE_PACKAGE = join(REPO_ROOT, 'test', 'fixtures', 'anki', 'anki-apkg-export-output.apkg');
const HOSTILE_DECK = 'Remote references';
const REMOTE = 'example.invalid';
/** How Chromium logs a CSP refusal of one of the hostile deck's remote files. */
const REFUSED_BY_CSP =
  /^Loading the \w+ 'https:\/\/example\.invalid\/[^']*' violates the following Content Security Policy/;

test.use({ allowedConsoleErrors: [REFUSED_BY_CSP] });

/** An Anki package whose note type's CSS and whose fields point at remote files, beside one local image. */
function hostilePackage(dir: string): string {
  const b = new CollectionBuilder();
  const notetype = {
    ...STOCK.basic(1_600_000_000_101),
    name: 'Remote styled',
    css: [
      `@import url("https://${REMOTE}/css-import.css");`,
      `@font-face { font-family: Remote; src: url("https://${REMOTE}/font.woff2") format("woff2"); }`,
      `.card { font-family: Remote, arial; background-image: url(https://${REMOTE}/css-background.png); }`,
      `.card::before { content: url(https://${REMOTE}/css-content.png); }`,
    ].join('\n'),
  };
  const deck = b.deck(HOSTILE_DECK);
  b.note(
    notetype,
    [
      `Local image <img src="local.png" alt="local"> and a remote one <img src="https://${REMOTE}/field-image.png" alt="remote">`,
      [
        `<script src="https://${REMOTE}/script.js"></script>`,
        `<link rel="stylesheet" href="https://${REMOTE}/style.css">`,
        `<div style="background:url(https://${REMOTE}/inline-background.png)">inline style</div>`,
        `<audio controls src="https://${REMOTE}/sound.mp3"></audio>`,
        `<video poster="https://${REMOTE}/poster.png"></video>`,
        `<picture><source srcset="https://${REMOTE}/srcset.png"><img src="local.png" alt="picture"></picture>`,
        `<iframe src="https://${REMOTE}/frame.html"></iframe>`,
      ].join('\n'),
    ],
    { deck },
  );
  b.note(notetype, ['A plain question', `A <a href="https://${REMOTE}/link">link</a> answer`], { deck });
  const path = join(dir, 'remote-references.apkg');
  writeFileSync(
    path,
    buildPackage({ layout: 'legacy2', collection: b.spec, media: [{ name: 'local.png', data: twoTonePng(8, 6) }] }),
  );
  return path;
}

interface Traffic {
  /** Every request the page started, by URL. */
  started: string[];
  /** Why each failed request failed (Chromium's net error). */
  failed: Map<string, string>;
  /** Requests for another origin that got as far as the network (where the test cuts them off). */
  leaving: string[];
}

/** Records the page's requests, and ends any that is not for Cue's host before it reaches the network. */
async function recordTraffic(page: Page, origin: string): Promise<Traffic> {
  const traffic: Traffic = { started: [], failed: new Map(), leaving: [] };
  page.on('request', (request) => traffic.started.push(request.url()));
  page.on('requestfailed', (request) => traffic.failed.set(request.url(), request.failure()?.errorText ?? ''));
  await page.context().route('**/*', (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    traffic.leaving.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return traffic;
}

function notCueOwn(requests: string[], origin: string): string[] {
  return requests.filter((url) => {
    const { protocol, origin: from } = new URL(url);
    return protocol !== 'data:' && protocol !== 'blob:' && from !== origin;
  });
}

async function importFile(page: Page, path: string, cards: number): Promise<void> {
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await page.getByTestId('import-file').setInputFiles(path);
  await page.getByRole('button', { name: `Import ${cards} cards` }).click();
  await expect(page.getByTestId('import-done').getByTestId('import-result')).toContainText(`${cards} cards`);
}

/** Studies every card of a deck, both sides, Good each time, checking the pictures that are Cue's own load. */
async function studyDeck(page: Page, deck: string, cards: number): Promise<void> {
  await page
    .getByRole('region', { name: deck, exact: true })
    .getByRole('button', { name: /^Study all/ })
    .click();
  for (let done = 0; done < cards; done++) {
    await expect(page.getByTestId('progress')).toContainText(`done ${done} `);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    for (const image of await page
      .locator('[data-testid="question"] img[src^="media/"], [data-testid="answer"] img[src^="media/"]')
      .all()) {
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
    }
    await page.keyboard.press('3');
    await expect(page.getByTestId('answer')).toHaveCount(0);
  }
}

test('importing, studying and the statistics ask nothing of any origin but Cue’s own', async ({ page, cue }) => {
  const dir = mkdtempSync(join(tmpdir(), 'cue-offline-'));
  try {
    const traffic = await recordTraffic(page, cue.host.origin);
    await openCue(page, cue.host);

    await importFile(page, FIXTURE_PACKAGE, 3);
    await openCue(page, cue.host);
    await importFile(page, hostilePackage(dir), 2);
    await openCue(page, cue.host);

    await studyDeck(page, 'deck-name', 3);
    await openCue(page, cue.host);
    await studyDeck(page, HOSTILE_DECK, 2);
    // the local image of the hostile card was shown: media come from Cue's host, by their plain names
    expect(traffic.started.some((url) => new URL(url).pathname === '/media/local.png')).toBe(true);

    await openCue(page, cue.host);
    await page
      .getByRole('region', { name: HOSTILE_DECK, exact: true })
      .getByRole('link', { name: 'Statistics', exact: true })
      .click();
    await expect(page.getByTestId('stats-deck-name')).toContainText(HOSTILE_DECK);
    await expect(page.getByTestId('stats-row-deck').getByTestId('cell-reviews-total')).toHaveText(/^2\b/);

    expect(traffic.started.length).toBeGreaterThan(20);
    // nothing got as far as the network
    expect(traffic.leaving).toEqual([]);
    // the note type's remote fonts and images were asked for, and the page's CSP refused each one
    const elsewhere = [...new Set(notCueOwn(traffic.started, cue.host.origin))];
    expect(
      elsewhere.every((url) => new URL(url).hostname === REMOTE),
      elsewhere.join(' '),
    ).toBe(true);
    await expect
      .poll(() => elsewhere.map((url) => [url, traffic.failed.get(url)]))
      .toEqual(elsewhere.map((url) => [url, 'csp']));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
