/**
 * An imported deck made for a white page stays readable in the dark theme: its inline dark text and light
 * boxes are adjusted (night-colors.ts) so each text reads at 4.5:1 or more on the background it is drawn
 * on, measured in the page from the computed colours; in the light theme the colours are as authored, and
 * switching the theme while a card is on screen renders it again.
 */
import type { Locator, Page } from '@playwright/test';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, showDeck, test } from './fixtures';
import { reveal } from './study-helpers';

const DECK = 'Light page deck';
const DECK_FILE = `---
cue-deck: 1
id: light-page
name: ${DECK}
version: 1
---

# Cards {#cards}

## {#light-page-card}

::: question
\`\`\`cue-html
<div data-check="box" style="background:#fff;padding:8px"><span data-check="grey" style="color:#333">Dark grey on white</span> and <font data-check="navy" color="navy">a navy font</font></div>
\`\`\`
:::

\`\`\`cue-html
<div data-check="yellow-box" style="background-color:#ffffcc"><span data-check="on-yellow" style="color:rgb(85, 85, 85)">Grey on a yellow box</span></div>
<p data-check="black" style="color:black">Black on the page</p>
\`\`\`
`;

/** The authored colours, as the light theme must show them. */
const AUTHORED: Record<string, { color?: string; background?: string }> = {
  box: { background: 'rgb(255, 255, 255)' },
  grey: { color: 'rgb(51, 51, 51)' },
  navy: { color: 'rgb(0, 0, 128)' },
  'yellow-box': { background: 'rgb(255, 255, 204)' },
  'on-yellow': { color: 'rgb(85, 85, 85)' },
  black: { color: 'rgb(0, 0, 0)' },
};
const TEXTS = ['grey', 'navy', 'on-yellow', 'black'];

async function importDeck(host: RunningHost): Promise<void> {
  const { upload } = await callHost<{ upload: string }>(host, 'files.upload', {
    name: 'light-page.md',
    dataBase64: Buffer.from(DECK_FILE).toString('base64'),
  });
  await callHost(host, 'import.apply', { upload });
}

/**
 * WCAG contrast of an element's computed text colour against the first opaque computed background at or
 * above it (the page's own at the top), as a person would see it.
 */
function contrastInPage(element: Locator): Promise<number> {
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
    const text = rgb(getComputedStyle(el).color);
    const [hi, lo] = [lum(text), lum(background ?? [255, 255, 255])].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  });
}

const checked = (page: Page, name: string) => page.locator(`[data-check="${name}"]`);

async function expectAuthored(page: Page): Promise<void> {
  for (const [name, { color, background }] of Object.entries(AUTHORED)) {
    if (color) await expect(checked(page, name)).toHaveCSS('color', color);
    if (background) await expect(checked(page, name)).toHaveCSS('background-color', background);
  }
  await expect(page.getByTestId('question')).not.toHaveClass(/nightMode/);
}

async function expectReadableInDark(page: Page): Promise<void> {
  await expect(page.getByTestId('question')).toHaveClass(/(^| )nightMode night_mode( |$)/);
  await expect(page.getByTestId('answer')).toHaveClass(/nightMode/);
  for (const name of TEXTS) {
    await expect.poll(() => contrastInPage(checked(page, name)), name).toBeGreaterThanOrEqual(4.5);
  }
  // The boxes went dark: Cue's own light text, inherited where the card sets no colour, reads on them.
  for (const box of ['box', 'yellow-box']) {
    await expect.poll(() => contrastInPage(checked(page, box)), box).toBeGreaterThanOrEqual(4.5);
  }
}

test('an imported card made for a white page reads at 4.5:1 in the dark theme and as authored in the light one', async ({
  page,
  cue,
}) => {
  await importDeck(cue.host);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(cue.host.url);
  await (await showDeck(page, DECK)).getByRole('button', { name: /^Study all/ }).click();
  await expect(checked(page, 'grey')).toBeVisible();
  await reveal(page);
  await expectReadableInDark(page);

  // The same card, switched to the light theme on screen: the colours as the deck wrote them.
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAuthored(page);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expectReadableInDark(page);
});

test('Markdown cards get no night-mode classes in the dark theme', async ({ page, cue }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(cue.host.url);
  await page
    .getByRole('button', { name: /^Study all/ })
    .first()
    .click();
  await expect(page.getByTestId('question')).toBeVisible();
  await expect(page.getByTestId('question')).not.toHaveClass(/nightMode/);
});
