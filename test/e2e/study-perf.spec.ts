/**
 * Key-to-card latency: press a rating key, measure until the next card is painted (the renderer's
 * `cue:key-to-card` performance measures). Opt-in, since timings vary by machine: CUE_PERF=1.
 * Prints one JSON line: {"metric":"cue:key-to-card","answers":50,"p50":…,"p95":…,"max":…} in ms.
 */
import { expect, openCue, test } from './fixtures';
import { progress, reveal } from './study-helpers';

const ANSWERS = 50;
// Mostly Again/Hard so learning cards keep coming back after the 20 new cards of the day are used up.
const RATINGS = ['1', '3', '2', '1', '4'] as const;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 10) / 10;
}

test('key-to-card latency over 50 answers', async ({ page, cue }) => {
  test.skip(process.env.CUE_PERF !== '1', 'set CUE_PERF=1 to measure');
  test.setTimeout(180_000);
  await openCue(page, cue.host);
  await page.keyboard.press('Enter'); // Study all
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
  const result = {
    metric: 'cue:key-to-card',
    answers: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: percentile(sorted, 100),
  };
  console.log(JSON.stringify(result));
});
