/**
 * A stranger's deck stays inside its cards. The hostile corpus of test/fixtures/xss/ (scripts, event
 * handlers, javascript: and data: URLs, SVG and MathML tricks, CSS overlays and url(), srcset, payloads in
 * code and math, broken markup, <base>, <meta refresh>, <form>) is imported as one deck and shown in real
 * Chromium in study, the browser, the editor preview and card info, in two page loads. Throughout: no
 * script runs (no JavaScript dialog, the sentinel stays unset, no console error, which includes CSP
 * violations), no request leaves Cue or reaches the beacon path on its own host, and no part of a card
 * covers Cue's controls or takes their clicks.
 */
import type { Page } from '@playwright/test';
import { cardPreview } from '../../shared/card-preview';
import type { DeckSummary } from '../../shared/domain';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, showDeck, test } from './fixtures';
import { CORPUS_DECK, checkPage, importXssCorpus, installProbe, showAndCheck, watchForEscapes } from './xss-helpers';

const STUDY_CONTROLS = '.answer-bar button, .study-header button';
const corpusDeck = (page: Page) => page.getByRole('region', { name: CORPUS_DECK });

/** Opens Cue on the home screen, which lists the corpus deck below the bundled one, and shows the corpus deck. */
async function openCue(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await showDeck(page, CORPUS_DECK);
  await expect(corpusDeck(page).getByRole('button', { name: /^Study all/ })).toBeVisible();
  await installProbe(page);
}

/** The honest cards keep what Anki cards need: colours, fonts, alignment, tables, media, math, code. */
async function expectHonestCardIntact(page: Page, key: string, side: 'question' | 'answer'): Promise<void> {
  const content = page.getByTestId(side);
  if (key === 'honest-styles' && side === 'question') {
    const styled = content.locator('[data-check="styled"]');
    await expect(styled).toHaveCSS('color', 'rgb(192, 54, 44)');
    await expect(styled).toHaveCSS('text-align', 'center');
    await expect(styled).toHaveCSS('font-family', /Georgia/);
  }
  if (key === 'honest-styles' && side === 'answer') {
    await expect(content.locator('table[data-check="table"] th')).toHaveCSS('background-color', 'rgb(238, 242, 255)');
    const image = content.locator('img[data-check="media-image"]');
    await expect(image).toHaveAttribute('src', /^media\/honest\.png\?token=/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
    await expect(content.locator('audio[controls]')).toHaveAttribute('src', /^media\/honest\.mp3\?token=/);
  }
  if (key === 'honest-links' && side === 'question') {
    await expect(content.getByRole('link', { name: 'example.org' })).toHaveAttribute('href', /^https:\/\/example\.org/);
  }
  if (key === 'honest-math' && side === 'answer') {
    await expect(content.locator('.katex math')).toHaveCount(1);
    await expect(content.locator('pre code.hljs.language-python')).toHaveCount(1);
  }
}

test('study: every hostile card, both sides, is inert, fetches nothing and leaves the buttons their clicks', async ({
  page,
  cue,
}) => {
  const escapes = watchForEscapes(page, cue.host.origin);
  const corpus = await importXssCorpus(cue.host);
  expect(corpus.cards.length).toBeGreaterThanOrEqual(50);
  // The honest card's [sound:honest.mp3] names a file the corpus does not carry: its player is checked
  // here, not played (a play would ask for the file, and the 404 would be a console error; audio.spec.ts
  // plays real files).
  const decks = await callHost<DeckSummary[]>(cue.host, 'decks.list', {});
  const presetId = decks.find((deck) => deck.id === corpus.deckId)?.presetId;
  await callHost(cue.host, 'presets.update', { presetId, options: { autoplayAudio: false } });
  await openCue(page, cue.host);
  await corpusDeck(page)
    .getByRole('button', { name: /^Study all/ })
    .click();
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveText(`done 0 · left ${corpus.cards.length}`);

  for (const [index, card] of corpus.cards.entries()) {
    const questionSide = [
      { testId: 'progress', text: `done ${index} ` },
      { testId: 'answer', count: 0 },
    ];
    const question = await checkPage(page, STUDY_CONTROLS, { when: questionSide, target: '.answer-bar .reveal' });
    expect([...question.problems, ...escapes], `${card.key}, question side`).toEqual([]);
    await expectHonestCardIntact(page, card.key, 'question');
    // A real click at the button's centre: were anything of the card over it, the click would land there.
    expect(question.target, 'the Show answer button').not.toBeNull();
    await page.mouse.click(question.target?.x ?? 0, question.target?.y ?? 0);
    const answerSide = [{ testId: 'answer', count: 1 }];
    const answer = await checkPage(page, STUDY_CONTROLS, { when: answerSide, target: '[data-testid="rate-4"]' });
    expect([...answer.problems, ...escapes], `${card.key}, answer side`).toEqual([]);
    await expectHonestCardIntact(page, card.key, 'answer');
    expect(answer.target, 'the Easy button').not.toBeNull();
    await page.mouse.click(answer.target?.x ?? 0, answer.target?.y ?? 0);
  }
  await expect(progress).toHaveText(`done ${corpus.cards.length} · left 0`);
  await expect(page.getByTestId('done')).toBeVisible();
  expect(escapes).toEqual([]);
});

test('the browser, the editor preview and card info show every hostile card inert and contained', async ({
  page,
  cue,
}) => {
  const escapes = watchForEscapes(page, cue.host.origin);
  const corpus = await importXssCorpus(cue.host);
  // Tall enough for the browser to draw every row of the deck at once.
  await page.setViewportSize({ width: 1280, height: 37 * corpus.cards.length + 400 });
  await openCue(page, cue.host);

  // The browser shows each question as text in its table, never as markup; only its math is typeset.
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search cards' }).fill(`deck:"${CORPUS_DECK}"`);
  await expect(page.getByTestId('result-count')).toHaveText(`${corpus.cards.length} cards`);
  // Selecting fetches the ids of every match first, so the box is ticked once they have arrived.
  const selectAll = page.getByRole('checkbox', { name: 'Select all matching cards' });
  await selectAll.click();
  await expect(selectAll).toBeChecked();
  const cells = page.getByTestId('row-question');
  await expect(cells).toHaveCount(corpus.cards.length);
  const rows = await cells.evaluateAll((all) =>
    all.map((cell) => ({
      question: cell.getAttribute('title') ?? '',
      text: cell.textContent ?? '',
      markup: [...cell.querySelectorAll('*')].map((el) => el.localName).filter((name) => name !== 'mark'),
      reaching: cell.querySelectorAll('[href], [src], [onclick], [onerror], [style*="fixed"]').length,
    })),
  );
  // each card's plain-text preview (shared/card-preview.ts), its title and its text alike
  const previews = corpus.cards.map((card) => cardPreview(card.question, card.format));
  expect(rows.map((row) => row.question).sort()).toEqual(previews.sort());
  // math becomes KaTeX's own spans (\href and \htmlStyle stay text: KaTeX is not trusted with them)
  const typeset = rows.filter((row) => row.markup.length > 0);
  expect(typeset.filter((row) => !row.question.includes('$') || row.markup.some((name) => name !== 'span'))).toEqual(
    [],
  );
  expect(rows.filter((row) => row.reaching > 0)).toEqual([]);
  expect(rows.filter((row) => row.markup.length === 0 && row.text !== row.question)).toEqual([]);
  const browser = await checkPage(page, '.browse-header button, .browse-actions button', { cardsShown: false });
  expect([...browser.problems, ...escapes]).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The editor previews Markdown cards beside their source and shows HTML cards read-only.
  for (const card of corpus.cards) {
    const editor = await showAndCheck(page, `#/edit/${card.id}`, 'preview-question', '.app-header button');
    expect([...editor.problems, ...escapes], `editor: ${card.key}`).toEqual([]);
  }

  // Card info shows the question.
  for (const card of corpus.cards) {
    const hash = `#/stats/${corpus.deckId}/card/${card.id}`;
    const info = await showAndCheck(page, hash, 'card-question', '.stats-header button');
    expect([...info.problems, ...escapes], `card info: ${card.key}`).toEqual([]);
  }
  expect(escapes).toEqual([]);
});
