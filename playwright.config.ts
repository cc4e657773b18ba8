import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/setup-decisions.mjs';

/**
 * Playwright's own browser download is not used: the system Chromium (or CUE_CHROMIUM) drives the tests.
 * `npm test` installs Debian's first where it is missing (scripts/setup.mjs).
 */
const chromium = chromiumPath(process.env);

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Every test starts its own host on its own temporary collection, so tests may run side by side.
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
});
