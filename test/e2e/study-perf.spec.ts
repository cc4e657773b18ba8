/**
 * Key-to-card latency: press a rating key, measure until the next card is painted (the renderer's
 * `cue:key-to-card` performance measures), on the bundled deck and on a generated collection of
 * 100,000 cards with 2,000,000 reviews. Opt-in, since timings vary by machine: CUE_PERF=1 (`npm run
 * bench` runs it). Prints one JSON line each: {"metric":"cue:key-to-card","cards":…,"p50":…,"p95":…}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { benchCollection } from '../../bench/generate-collection';
import { type RunningHost, startHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { progress, reveal } from './study-helpers';

const ANSWERS = 50;
// Mostly Again/Hard so learning cards keep coming back after the 20 new cards of the day are used up.
const RATINGS = ['1', '3', '2', '1', '4'] as const;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 10) / 10;
}

/** Answers ANSWERS cards of the session on screen and returns the key-to-card timings. */
async function answerAndMeasure(page: Page): Promise<Record<string, number>> {
  for (let done = 1; done <= ANSWERS; done++) {
    await reveal(page);
    await page.keyboard.press(RATINGS[done % RATINGS.length]);
    await expect(progress(page)).toContainText(`done ${done} `);
  }
  const durations = await page.evaluate(() =>
    performance.getEntriesByName('cue:key-to-card', 'measure').map((entry) => entry.duration),
  );
  expect(durations).toHaveLength(ANSWERS);
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    answers: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: percentile(sorted, 100),
  };
}

test('key-to-card latency over 50 answers', async ({ page, cue }) => {
  test.skip(process.env.CUE_PERF !== '1', 'set CUE_PERF=1 to measure');
  test.setTimeout(180_000);
  await openCue(page, cue.host);
  await page.keyboard.press('Enter'); // Study all
  console.log(JSON.stringify({ metric: 'cue:key-to-card', cards: 50, ...(await answerAndMeasure(page)) }));
});

test('key-to-card latency over 50 answers, at 100,000 cards', async ({ page }) => {
  test.skip(process.env.CUE_PERF !== '1', 'set CUE_PERF=1 to measure');
  test.setTimeout(600_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-study-perf-'));
  let host: RunningHost | undefined;
  try {
    const generated = benchCollection(100_000, 20, dataDir);
    // a person with high limits: the bench measures the answer path, not where a limit stops it
    const db = new Database(join(dataDir, 'collection.sqlite'));
    db.prepare('UPDATE decks SET new_limit = 9999, review_limit = 99999').run();
    db.close();
    host = await startHost(dataDir, {
      CUE_NOW: String(generated.now),
      CUE_DAILY_BACKUP_AFTER_MS: '86400000',
    });
    await page.goto(host.url);
    await page
      .getByRole('button', { name: /^Study all/ })
      .first()
      .click({ timeout: 60_000 });
    console.log(JSON.stringify({ metric: 'cue:key-to-card', cards: 100_000, ...(await answerAndMeasure(page)) }));
  } finally {
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
