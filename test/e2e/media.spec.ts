/** An imported Anki card shows its image from the collection's media folder, and its HTML as HTML. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callHost, REPO_ROOT } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { rate, reveal, studySection } from './study-helpers';

test('a card from an Anki package shows its image', async ({ page, cue }) => {
  await openCue(page, cue.host);
  const bytes = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'anki', 'anki-apkg-export-output.apkg'));
  const { upload } = await callHost<{ upload: string }>(cue.host, 'files.upload', {
    name: 'output.apkg',
    dataBase64: bytes.toString('base64'),
  });
  await callHost(cue.host, 'import.apply', { upload });
  await page.reload();
  await studySection(page, 'deck-name');
  // new cards come in the package's order; the third one has the image
  await expect(page.getByTestId('question')).toHaveText('card #1 front');
  await reveal(page);
  await rate(page, '4', 1);
  await reveal(page);
  await rate(page, '4', 2);
  const image = page.getByTestId('question').locator('img');
  await expect(page.getByTestId('question')).toContainText('card #3 with image');
  await expect(image).toHaveAttribute('src', /^media\/anki\.png\?token=/);
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  // HTML, not Markdown: no raw tags on screen
  await expect(page.getByTestId('question')).not.toContainText('<img');
});
