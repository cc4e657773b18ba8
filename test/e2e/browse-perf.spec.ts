/**
 * The card browser on 100,000 cards in real Chromium: opening it, jumping deep into the list, scrolling
 * continuously, filtering and sorting, each timed in the page from the action to the rows on screen.
 * Opt-in, since timings vary by machine: CUE_PERF=1 (`npm run bench` runs it, on the generated
 * collection bench/generate-collection.ts caches). Prints one JSON line with the numbers in ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { benchCollection } from '../../bench/generate-collection';
import { type RunningHost, startHost } from '../helpers/cue-process';

/** Runs `action` in the page and resolves with the ms until `done()` holds, checked every frame. */
async function timeInPage(page: Page, action: string, done: string): Promise<number> {
  return page.evaluate(
    ([actionSource, doneSource]) =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now();
        new Function(actionSource)();
        const check = new Function(`return (${doneSource});`) as () => boolean;
        const poll = () => {
          if (check()) resolve(Math.round((performance.now() - start) * 10) / 10);
          else if (performance.now() - start > 20_000) reject(new Error(`not done in 20 s: ${doneSource}`));
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }),
    [action, done],
  );
}

/** The results of the current search and sort on screen, no row still loading. */
const ROWS_READY = `(() => {
  const table = document.querySelector('[data-testid=browse-table]');
  const rows = document.querySelectorAll('.browse-row');
  return table?.getAttribute('aria-busy') === 'false' && rows.length > 0 &&
    [...rows].every((row) => row.dataset.testid === 'browse-row');
})()`;

test('browsing 100,000 cards', async ({ page }) => {
  test.skip(process.env.CUE_PERF !== '1', 'set CUE_PERF=1 to measure');
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-browse-perf-'));
  let host: RunningHost | undefined;
  try {
    const generated = benchCollection(100_000, 20, dataDir);
    host = await startHost(dataDir, { CUE_NOW: String(generated.now), CUE_DAILY_BACKUP_AFTER_MS: '86400000' });
    await page.goto(host.url);
    await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible({ timeout: 30_000 });

    const result: Record<string, unknown> = {};
    result.openMs = await timeInPage(page, "window.location.hash = '#/browse'", ROWS_READY);
    await expect(page.getByTestId('result-count')).toHaveText('100,050 cards');

    const scroller = "document.querySelector('[data-testid=browse-table]')";
    const jumps: Record<string, number> = {};
    for (const fraction of [0.25, 0.5, 0.9, 1]) {
      jumps[`${fraction * 100}%`] = await timeInPage(
        page,
        `const el = ${scroller}; el.scrollTop = (el.scrollHeight - el.clientHeight) * ${fraction};`,
        ROWS_READY,
      );
    }
    result.jumpToRowsMs = jumps;

    // Continuous scrolling, as with a held-down arrow or a fast wheel: 2 screens a second for 4 s.
    result.scrollFrames = await page.evaluate(
      (selector) =>
        new Promise((resolve) => {
          const el = document.querySelector(selector) as HTMLElement;
          el.scrollTop = 0;
          const gaps: number[] = [];
          let loading = 0;
          let last = performance.now();
          const start = last;
          const step = (now: number) => {
            gaps.push(now - last);
            last = now;
            el.scrollTop += (el.clientHeight * 2 * gaps[gaps.length - 1]) / 1000;
            if (el.querySelector('.browse-row:not([data-testid])')) loading++;
            if (now - start < 4000) requestAnimationFrame(step);
            else {
              gaps.sort((a, b) => a - b);
              resolve({
                frames: gaps.length,
                p50: Math.round(gaps[Math.floor(gaps.length / 2)] * 10) / 10,
                p95: Math.round(gaps[Math.floor(gaps.length * 0.95)] * 10) / 10,
                max: Math.round(gaps[gaps.length - 1] * 10) / 10,
                over50ms: gaps.filter((g) => g > 50).length,
                framesWithLoadingRows: loading,
              });
            }
          };
          requestAnimationFrame(step);
        }),
      '[data-testid=browse-table]',
    );

    // Typing a filter: from the last keystroke to the new count (includes the 150 ms pause after typing).
    const search = page.getByRole('searchbox', { name: 'Search cards' });
    await search.fill('section:s3');
    await expect(page.getByTestId('result-count')).not.toHaveText('100,050 cards');
    const before = await page.getByTestId('result-count').textContent();
    result.filterMs = await timeInPage(
      page,
      `const input = document.querySelector('[data-testid=search]');
       const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
       set.call(input, 'section:s3 is:review lapses>1');
       input.dispatchEvent(new Event('input', { bubbles: true }));`,
      `document.querySelector('[data-testid=result-count]').textContent !== ${JSON.stringify(before)} && ${ROWS_READY}`,
    );
    const filtered = await page.getByTestId('result-count').textContent();
    result.wordSearchMs = await timeInPage(
      page,
      `const input = document.querySelector('[data-testid=search]');
       const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
       set.call(input, 'question 4242');
       input.dispatchEvent(new Event('input', { bubbles: true }));`,
      `document.querySelector('[data-testid=result-count]').textContent !== ${JSON.stringify(filtered)} && ${ROWS_READY}`,
    );

    // Sorting every card by stability, then reversing it.
    await search.fill('');
    await expect(page.getByTestId('result-count')).toHaveText('100,050 cards');
    const sortDone = (direction: string) =>
      `document.querySelector('th[aria-sort=${direction}] [data-testid=sort-stability]') !== null && ${ROWS_READY}`;
    await page.waitForFunction(ROWS_READY);
    result.sortMs = await timeInPage(
      page,
      "document.querySelector('[data-testid=sort-stability]').click()",
      sortDone('ascending'),
    );
    result.reverseSortMs = await timeInPage(
      page,
      "document.querySelector('[data-testid=sort-stability]').click()",
      sortDone('descending'),
    );
    result.heapMB = await page.evaluate(() =>
      Math.round(
        ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6,
      ),
    );
    console.log(JSON.stringify({ metric: 'browse-100k', ...result }));
  } finally {
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
