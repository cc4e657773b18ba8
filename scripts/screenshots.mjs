// Screenshots of the UI for docs/screenshots/: home, study question, study answer (with a code block) and
// done, each in light and dark, at 1280x800. Drives the built app through the real `cue serve` host on a
// fresh temporary collection per colour scheme, so both series show the same state.
//   npm run build && node scripts/screenshots.mjs [--out DIR]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'docs', 'screenshots') } } });
const outDir = values.out;
const VIEWPORT = { width: 1280, height: 800 };
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
function startHost(dataDir) {
  const child = spawn(process.execPath, [join(root, 'bin', 'cue.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
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

async function shoot(page, name, scheme) {
  await page.evaluate(() => document.fonts.ready);
  const path = join(outDir, `${name}-${scheme}.png`);
  await page.screenshot({ path });
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

async function series(browser, scheme) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-screens-'));
  const host = await startHost(dataDir);
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: scheme });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
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
  } finally {
    await context.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch(LAUNCH);
try {
  for (const scheme of ['light', 'dark']) await series(browser, scheme);
} finally {
  await browser.close();
}
