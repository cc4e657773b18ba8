/**
 * A refused microphone in real Chromium against a real `cue serve`: the site's microphone set to Block
 * (as in Chromium's site settings, with no prompt to answer), so getUserMedia is refused. The study screen
 * says so and study goes on; nothing is written to the media folder. Its own file, since the allowed
 * case (recordings.spec.ts) launches Chromium with the prompt answered yes, which overrides a block.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from '../../scripts/setup-decisions.mjs';
import { expect, openCue, test } from './fixtures';
import { progress, rate, reveal } from './study-helpers';

test.use({
  launchOptions: {
    executablePath: chromiumPath(process.env),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
    ],
  },
});

test.describe('with the microphone refused', () => {
  test('says so, and study goes on', async ({ page, cue }) => {
    // the site's microphone set to Block, as in Chromium's site settings: no prompt, a refusal
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Browser.setPermission', {
      permission: { name: 'microphone' },
      setting: 'denied',
      origin: cue.host.origin,
    });
    await openCue(page, cue.host);
    await page
      .getByRole('button', { name: /^Study all/ })
      .first()
      .click();
    await expect(progress(page)).toBeVisible();
    await page.keyboard.press('Shift+V');
    await expect(page.getByTestId('recorder-problem')).toContainText('Cue may not use the microphone');
    await reveal(page);
    await expect(page.getByTestId('spoken-player')).toHaveCount(0);
    await rate(page, '3', 1);
    const media = join(cue.dataDir, 'media');
    const files = existsSync(media) ? readdirSync(media) : [];
    expect(files.filter((name) => name.startsWith('cue-recording-'))).toEqual([]);
  });
});
