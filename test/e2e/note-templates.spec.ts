/**
 * What the template engine (shared/note-templates.ts) writes survives the card sanitiser and reads well in
 * real Chromium: a cloze is bold and blue at 4.5:1 or more in both themes, and a {{hint:}} opens from the
 * keyboard without revealing the answer.
 */
import type { Locator, Page } from '@playwright/test';
import { buildPackage, CollectionBuilder, type NotetypeSpec, STOCK } from '../helpers/anki-packages';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, openCue, showDeck, test } from './fixtures';
import { reveal } from './study-helpers';

const HINTED: NotetypeSpec = {
  id: 1_600_000_000_100,
  name: 'Hinted',
  kind: 'normal',
  fields: ['Front', 'Back', 'Hint'],
  templates: [{ name: 'Card 1', qfmt: '{{Front}}{{hint:Hint}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }],
};

async function importPackage(host: RunningHost): Promise<void> {
  const b = new CollectionBuilder();
  b.note(STOCK.cloze(), ['The {{c1::capital::city}} of France', ''], { deck: b.deck('Clozes') });
  b.note(HINTED, ['Largest planet?', 'Jupiter', 'It starts with J'], { deck: b.deck('Hints') });
  const bytes = buildPackage({ layout: 'legacy2', collection: b.spec, media: [] });
  const { upload } = await callHost<{ upload: string }>(host, 'files.upload', {
    name: 'templates.apkg',
    dataBase64: Buffer.from(bytes).toString('base64'),
  });
  await callHost(host, 'import.apply', { upload });
}

async function study(page: Page, deck: string): Promise<void> {
  await (await showDeck(page, deck)).getByRole('button', { name: /^Study all/ }).click();
  await expect(page.getByTestId('question')).toBeVisible();
}

/** WCAG contrast of the element's text against the first opaque background at or above it. */
function contrast(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    let background: number[] | null = null;
    for (let at: Element | null = el; at && !background; at = at.parentElement) {
      const bg = rgb(getComputedStyle(at).backgroundColor);
      if (bg.length === 3 || (bg.length === 4 && bg[3] === 1)) background = bg;
    }
    const [hi, lo] = [lum(rgb(getComputedStyle(el).color)), lum(background ?? [255, 255, 255])].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  });
}

test('a cloze shows bold and blue at 4.5:1 in both themes, hidden on the question and revealed on the answer', async ({
  page,
  cue,
}) => {
  await importPackage(cue.host);
  await openCue(page, cue.host);
  await study(page, 'Clozes');
  const hidden = page.getByTestId('question').locator('.cloze');
  await expect(hidden).toHaveText('[city]');
  await expect(hidden).toHaveAttribute('data-ordinal', '1');
  await expect(hidden).toHaveCSS('font-weight', '700');
  await expect(hidden).toHaveCSS('color', 'rgb(31, 85, 168)');
  expect(await contrast(hidden)).toBeGreaterThanOrEqual(4.5);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(hidden).toHaveCSS('color', 'rgb(140, 184, 255)');
  expect(await contrast(hidden)).toBeGreaterThanOrEqual(4.5);

  await reveal(page);
  const shown = page.getByTestId('answer').locator('.cloze');
  await expect(shown).toHaveText('capital');
  expect(await contrast(shown)).toBeGreaterThanOrEqual(4.5);
});

test('a hint opens from the keyboard and leaves the answer hidden', async ({ page, cue }) => {
  await importPackage(cue.host);
  await openCue(page, cue.host);
  await study(page, 'Hints');
  const hint = page.getByTestId('question').locator('details.hint');
  await expect(hint.locator('summary')).toHaveText('Hint');
  // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point (a closed details hides its text)
  const seen = () => hint.evaluate((el) => (el as HTMLElement).innerText.trim());
  await expect.poll(seen).toBe('Hint');
  await hint.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(hint).toHaveAttribute('open', '');
  await expect.poll(seen).toBe('Hint\nIt starts with J');
  await expect(page.getByTestId('answer')).toHaveCount(0);
  // away from the hint, Space shows the answer as always, without the question repeated in it
  await hint.locator('summary').blur();
  await reveal(page);
  await expect(page.getByTestId('answer')).toHaveText('Jupiter');
});
