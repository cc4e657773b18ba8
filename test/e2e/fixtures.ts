/**
 * Playwright fixtures for the UI specs: a real `cue serve` child process on a fresh temporary collection,
 * stopped (and the collection deleted) after the test. `restart` stops it and starts another host on the
 * same folder, as a person quitting and reopening Cue would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { type RunningHost, startHost } from '../helpers/cue-process';

export interface Cue {
  dataDir: string;
  /** The host now running. */
  host: RunningHost;
  /** Stops the host (SIGTERM: a normal quit) and starts a new one on the same data folder. */
  restart(env?: NodeJS.ProcessEnv): Promise<RunningHost>;
}

interface Fixtures {
  /** Extra environment for the host, e.g. `CUE_NOW`; set with `test.use({ hostEnv: {...} })`. */
  hostEnv: NodeJS.ProcessEnv;
  cue: Cue;
  /** Console errors a test expects (e.g. the 401 of a deliberately missing token); others fail the test. */
  allowedConsoleErrors: RegExp[];
  /** Fails the test on uncaught page errors and console errors, which include CSP violations. */
  quietConsole: undefined;
}

export const test = base.extend<Fixtures>({
  hostEnv: [{}, { option: true }],
  allowedConsoleErrors: [[], { option: true }],
  quietConsole: [
    // Depends on `cue` so the check runs before the host stops: requests still in flight when the
    // test ends would otherwise fail against a stopped host and count as the page's errors.
    async ({ page, allowedConsoleErrors, cue: _host }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        const text = message.text();
        if (message.type() === 'error' && !allowedConsoleErrors.some((re) => re.test(text))) {
          problems.push(`console: ${text}`);
        }
      });
      await use(undefined);
      expect(problems, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
  cue: async ({ hostEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cue-e2e-'));
    const cue: Cue = {
      dataDir,
      host: await startHost(dataDir, hostEnv),
      async restart(env = hostEnv) {
        await cue.host.stop();
        cue.host = await startHost(dataDir, env);
        return cue.host;
      },
    };
    try {
      await use(cue);
    } finally {
      await cue.host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Opens the app on the home screen and waits for the decks (each has its own Study all). */
export async function openCue(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
}

/**
 * The overview of the deck named `name` on the home screen. With several decks home shows one deck's
 * overview at a time, beside the deck list: this picks the deck there first, as a person would.
 */
export async function showDeck(page: Page, name: string): Promise<Locator> {
  await expect(page.getByRole('button', { name: /^Study all/ }).first()).toBeVisible();
  const list = page.getByRole('treegrid', { name: 'Decks' });
  // the deck's own row: an imported deck may have a section of the same name
  if ((await list.count()) > 0) await list.getByRole('row', { level: 1 }).getByTitle(name, { exact: true }).click();
  const overview = page.getByRole('region', { name, exact: true });
  await expect(overview).toBeVisible();
  return overview;
}
