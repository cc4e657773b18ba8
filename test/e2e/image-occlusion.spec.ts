/**
 * Image Occlusion cards in real Chromium: the card sanitiser keeps exactly the SVG that
 * shared/image-occlusion.ts writes (and still strips a hostile SVG), and with styles.css the masks sit on
 * the parts of the image they hide at any size, in Anki's colours in both themes. The sanitiser and the
 * renderer are bundled from source with esbuild and run in a page of their own; no host is needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { build } from 'esbuild';
import {
  IMAGE_OCCLUSION_FIELD,
  IMAGE_OCCLUSION_IMAGE,
  IMAGE_OCCLUSION_NOTE,
  twoTonePng,
} from '../helpers/anki-packages';
import { REPO_ROOT } from '../helpers/cue-process';

const ORIGIN = 'http://cue-occlusion.test';
let bundle = '';

test.beforeAll(async () => {
  const entry = [
    "export { sanitizeCardHtml } from './renderer/lib/card-sanitizer';",
    "export { renderOcclusionCard } from './shared/image-occlusion';",
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: REPO_ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'cueCards',
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0].text;
});

/** A page on an origin of its own (the sanitiser's media URLs read sessionStorage) with styles.css and the bundle. */
async function openPage(page: Page): Promise<void> {
  const png = twoTonePng(IMAGE_OCCLUSION_IMAGE.width, IMAGE_OCCLUSION_IMAGE.height);
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === `/media/${IMAGE_OCCLUSION_IMAGE.name}`) {
      return route.fulfill({ contentType: 'image/png', body: Buffer.from(png) });
    }
    if (url.pathname === '/styles.css') {
      return route.fulfill({ contentType: 'text/css', body: readFileSync(join(REPO_ROOT, 'renderer/app/styles.css')) });
    }
    if (url.pathname === '/cards.js') return route.fulfill({ contentType: 'text/javascript', body: bundle });
    if (url.pathname === '/') {
      return route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><link rel="stylesheet" href="/styles.css"><script src="/cards.js"></script><div id="card" class="card-content question"></div>',
      });
    }
    return route.fulfill({ status: 404 });
  });
  await page.goto(`${ORIGIN}/`);
}

function sanitize(page: Page, html: string): Promise<string> {
  return page.evaluate((h) => (window as unknown as CardsWindow).cueCards.sanitizeCardHtml(h), html);
}

interface CardsWindow {
  cueCards: {
    sanitizeCardHtml(html: string): string;
    renderOcclusionCard(fields: object, ordinal: number): { question: string; answer: string } | null;
  };
}

const NOTE = { occlusion: IMAGE_OCCLUSION_FIELD, ...IMAGE_OCCLUSION_NOTE };

test('the sanitiser keeps every element and attribute of an Image Occlusion card, both sides', async ({ page }) => {
  await openPage(page);
  for (const ordinal of [1, 2, 3]) {
    const card = await page.evaluate(
      ([note, n]) => (window as unknown as CardsWindow).cueCards.renderOcclusionCard(note as object, n as number),
      [NOTE, ordinal] as const,
    );
    if (!card) throw new Error(`no card for c${ordinal}`);
    for (const side of [card.question, card.answer]) {
      // Only the image's address changes: a bare media name becomes one of Cue's media URLs.
      const expected = side.replace(
        `src="${IMAGE_OCCLUSION_IMAGE.name}"`,
        `src="media/${IMAGE_OCCLUSION_IMAGE.name}?token="`,
      );
      expect(await sanitize(page, side)).toBe(expected);
    }
  }
});

test('a hostile SVG is still stripped of what runs, fetches or references', async ({ page }) => {
  await openPage(page);
  const hostile =
    '<svg class="io-overlay" viewBox="0 0 1 1" preserveAspectRatio="none" onload="alert(1)">' +
    '<script>alert(2)</script>' +
    '<rect class="io-mask" x="0" y="0" width="1" height="1" onclick="alert(3)" style="fill: url(http://evil.test/a)" fill="url(http://evil.test/b#p)"></rect>' +
    '<foreignObject width="1" height="1"><div>inside</div><img src="http://evil.test/c.png"></foreignObject>' +
    '<a href="javascript:alert(4)"><text class="io-text" x="0" y="0" font-size="0.1">link</text></a>' +
    '<use href="#x"></use><image href="http://evil.test/d.png"></image>' +
    '<animate attributeName="href" to="javascript:alert(5)"></animate>' +
    '<set attributeName="onclick" to="alert(6)"></set>' +
    '<style>@import url(http://evil.test/e.css);</style>' +
    '<polygon class="io-mask" points="0,0 1,0 1,1" filter="url(#f)" mask="url(http://evil.test/f)"></polygon>' +
    '</svg>';
  const clean = await sanitize(page, hostile);
  for (const banned of [
    'onload',
    'onclick',
    '<script',
    'alert',
    'foreignobject',
    'inside',
    'href',
    '<use',
    '<image',
    '<animate',
    '<set',
    '<style',
    'url(',
    'evil.test',
  ]) {
    expect(clean.toLowerCase(), banned).not.toContain(banned);
  }
  // What an Image Occlusion card needs is still there.
  expect(clean).toContain('<svg class="io-overlay" viewBox="0 0 1 1" preserveAspectRatio="none">');
  expect(clean).toContain('<rect class="io-mask" x="0" y="0" width="1" height="1"></rect>');
  expect(clean).toContain('<text class="io-text" x="0" y="0" font-size="0.1">link</text>');
  expect(clean).toContain('<polygon class="io-mask" points="0,0 1,0 1,1"></polygon>');
});

/** The box of the image and of each drawn mask, in CSS pixels. */
async function boxes(page: Page) {
  return page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const image = document.querySelector('#card .image-occlusion > img');
    if (!image) throw new Error('no image');
    return { image: box(image), masks: [...document.querySelectorAll('#card .io-mask')].map(box) };
  });
}

async function showCard(page: Page, ordinal: number, side: 'question' | 'answer'): Promise<void> {
  await page.evaluate(
    ([note, n, s]) => {
      const cards = (window as unknown as CardsWindow).cueCards;
      const card = cards.renderOcclusionCard(note as object, n as number);
      const target = document.getElementById('card');
      if (!card || !target) throw new Error('nothing to show');
      target.innerHTML = cards.sanitizeCardHtml(card[s as 'question' | 'answer']);
    },
    [NOTE, ordinal, side] as const,
  );
  // Decoded, not a broken image's icon: the helper's PNG is a real one.
  await expect(page.locator('#card .image-occlusion > img')).toHaveJSProperty(
    'naturalWidth',
    IMAGE_OCCLUSION_IMAGE.width,
  );
}

test('the masks cover the parts of the image they hide, at its own size and scaled', async ({ page }) => {
  await openPage(page);
  await showCard(page, 1, 'question');
  for (const width of [null, 400, 90]) {
    if (width !== null) {
      await page.evaluate((w) => {
        const img = document.querySelector<HTMLElement>('#card .image-occlusion > img');
        if (img) img.style.width = `${w}px`;
      }, width);
    }
    const { image, masks } = await boxes(page);
    expect(image.width).toBeCloseTo(width ?? IMAGE_OCCLUSION_IMAGE.width, 0);
    expect(image.height).toBeCloseTo((image.width * IMAGE_OCCLUSION_IMAGE.height) / IMAGE_OCCLUSION_IMAGE.width, 0);
    // c1's rectangle (left .05, top .1, .3 x .2) is first; then c2's ellipse and polygon, c3's rectangle.
    const [rect] = masks;
    expect(masks).toHaveLength(4);
    expect(rect.x - image.x).toBeCloseTo(0.05 * image.width, 0);
    expect(rect.y - image.y).toBeCloseTo(0.1 * image.height, 0);
    expect(rect.width).toBeCloseTo(0.3 * image.width, 0);
    expect(rect.height).toBeCloseTo(0.2 * image.height, 0);
  }
});

test("masks take Anki's colours: the card's own red, the others yellow, the answer's outlined", async ({ page }) => {
  const colours = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('#card .io-mask')].map((e) => {
        const style = getComputedStyle(e);
        return { cls: e.getAttribute('class'), fill: style.fill, stroke: style.stroke };
      }),
    );
  await openPage(page);
  await showCard(page, 1, 'question');
  expect(await colours()).toEqual([
    { cls: 'io-mask io-active', fill: 'rgb(255, 142, 142)', stroke: 'rgb(33, 33, 33)' },
    ...Array(3).fill({ cls: 'io-mask', fill: 'rgb(255, 235, 162)', stroke: 'rgb(33, 33, 33)' }),
  ]);
  await showCard(page, 1, 'answer');
  expect((await colours()).at(-1)).toEqual({ cls: 'io-mask io-revealed', fill: 'none', stroke: 'rgb(255, 142, 142)' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await showCard(page, 1, 'question');
  expect((await colours()).slice(0, 2)).toEqual([
    { cls: 'io-mask io-active', fill: 'rgb(216, 106, 106)', stroke: 'rgb(14, 14, 14)' },
    { cls: 'io-mask', fill: 'rgb(216, 194, 124)', stroke: 'rgb(14, 14, 14)' },
  ]);
  const label = page.locator('#card .io-text');
  await expect(label).toHaveText('Aorta: left');
  await expect(label).toHaveCSS('fill', 'rgb(0, 0, 0)');
});
