/**
 * Cue works offline by construction: importing, studying and the statistics ask nothing of any origin but
 * Cue's own, even for a deck whose note type and cards reach for remote fonts, style sheets, images and
 * scripts. Every request the page starts is recorded. None may reach the network (the test cuts off any
 * that would, so it never depends on one, and fails). The sanitiser strips the cards' remote references
 * and the note type's CSS loses its remote url()s in the scoping (card-css.ts), so the page starts no
 * request to any other origin at all (the CSP behind them would refuse one, with a console error that
 * fails the test: fixtures.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT } from '../helpers/cue-process';
import { HOSTILE_DECK, hostilePackage } from '../helpers/remote-references';
import { expect, openCue, showDeck, test } from './fixtures';

/** repeat-space/anki-apkg-export's test output: 3 notes, one <img> with anki.png, in a deck "deck-name". */
const FIXTURE_PACKAGE = join(REPO_ROOT, 'test', 'fixtures', 'anki', 'anki-apkg-export-output.apkg');

interface Traffic {
  /** Every request the page started, by URL. */
  started: string[];
  /** Requests for another origin that got as far as the network (where the test cuts them off). */
  leaving: string[];
}

/** Records the page's requests, and ends any that is not for Cue's host before it reaches the network. */
async function recordTraffic(page: Page, origin: string): Promise<Traffic> {
  const traffic: Traffic = { started: [], leaving: [] };
  page.on('request', (request) => traffic.started.push(request.url()));
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
  await (await showDeck(page, deck)).getByRole('button', { name: /^Study all/ }).click();
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
    await (await showDeck(page, HOSTILE_DECK)).getByRole('link', { name: 'Statistics', exact: true }).click();
    await expect(page.getByTestId('stats-deck-name')).toContainText(HOSTILE_DECK);
    await expect(page.getByTestId('stats-row-deck').getByTestId('cell-reviews-total')).toHaveText(/^2\b/);

    expect(traffic.started.length).toBeGreaterThan(20);
    // nothing got as far as the network
    expect(traffic.leaving).toEqual([]);
    // nor was anything asked of another origin: not the cards' remote files, nor the note type's fonts
    expect([...new Set(notCueOwn(traffic.started, cue.host.origin))]).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
