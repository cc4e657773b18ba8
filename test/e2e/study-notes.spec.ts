/**
 * Studying notes in the real app: a reversed note's two cards (the second buried after the first is
 * answered, there the next day), a cloze revealed in place of its question, a typed answer compared as
 * Anki compares it, and a note type whose hostile CSS styles its card and never Cue's own controls.
 */
import type { Page } from '@playwright/test';
import type { NoteType } from '../../shared/notes';
import type { Preset } from '../../shared/presets';
import { imageOcclusionPackage } from '../helpers/anki-packages';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, showDeck, test } from './fixtures';
import { progress, reveal } from './study-helpers';

const DAY_ONE = Date.parse('2026-03-02T10:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const DECK = 'Note deck';

test.use({ hostEnv: { CUE_NOW: String(DAY_ONE), TZ: 'UTC' } });

async function typeId(host: RunningHost, key: string): Promise<number> {
  const types = await callHost<NoteType[]>(host, 'notetypes.list', {});
  const type = types.find((t) => t.key === key);
  if (!type) throw new Error(`no note type ${key}`);
  return type.id;
}

/** A deck of its own with one section, so its notes' cards are all its queue holds. */
async function noteDeck(host: RunningHost): Promise<{ deckId: number; sectionId: number }> {
  const { deckId } = await callHost<{ deckId: number }>(host, 'decks.create', { name: DECK });
  const { sectionId } = await callHost<{ sectionId: number }>(host, 'sections.create', { deckId, name: 'Main' });
  return { deckId, sectionId };
}

async function addNote(host: RunningHost, noteTypeId: number, fields: string[]): Promise<number[]> {
  const { sectionId } = await noteDeck(host);
  const change = await callHost<{ added: number[] }>(host, 'notes.create', { noteTypeId, sectionId, fields, tags: [] });
  return change.added;
}

async function studyDeck(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await (await showDeck(page, DECK)).getByRole('button', { name: /^Study all/ }).click();
  await expect(progress(page)).toBeVisible();
}

test('a reversed note: the second card is buried once the first is answered, and comes the next day', async ({
  page,
  cue,
}) => {
  const presets = await callHost<Preset[]>(cue.host, 'presets.list', {});
  await callHost(cue.host, 'presets.update', { presetId: presets[0].id, options: { buryNewSiblings: true } });
  const cards = await addNote(cue.host, await typeId(cue.host, 'basic-reversed'), ['gato', 'cat']);
  expect(cards).toHaveLength(2);

  await studyDeck(page, cue.host);
  await expect(page.getByTestId('question')).toHaveText('gato');
  await reveal(page);
  await expect(page.getByTestId('answer')).toHaveText('cat');
  await page.keyboard.press('4');
  // the reverse card is new and due, yet buried: the day is done
  await expect(page.getByTestId('done')).toBeVisible();
  await expect(page.getByTestId('question')).toHaveCount(0);

  await cue.restart({ CUE_NOW: String(DAY_ONE + DAY), TZ: 'UTC' });
  await studyDeck(page, cue.host);
  await expect(page.getByTestId('question')).toHaveText('cat');
  await reveal(page);
  await expect(page.getByTestId('answer')).toHaveText('gato');
});

test('a cloze card is revealed in place of its question, the cloze highlighted', async ({ page, cue }) => {
  await addNote(cue.host, await typeId(cue.host, 'cloze'), ['{{c1::Adam}} keeps two moments per weight', '']);
  await studyDeck(page, cue.host);
  const question = page.getByTestId('question');
  await expect(question.locator('.cloze')).toHaveText('[...]');
  await expect(question).toContainText('keeps two moments per weight');
  await reveal(page);
  await expect(page.getByTestId('question')).toHaveCount(0);
  const answer = page.getByTestId('answer');
  await expect(answer).toContainText('Adam keeps two moments per weight');
  const cloze = answer.locator('.cloze');
  await expect(cloze).toHaveText('Adam');
  await expect(cloze).toHaveCSS('font-weight', '700');
  // the cloze colour is the theme's, not the text's
  const colours = await cloze.evaluate((el) => [
    getComputedStyle(el).color,
    getComputedStyle(el.parentElement as Element).color,
  ]);
  expect(colours[0]).not.toBe(colours[1]);
});

test('a typed-answer card: Enter reveals, and the answer compares what was typed with what was expected', async ({
  page,
  cue,
}) => {
  await addNote(cue.host, await typeId(cue.host, 'basic-typed'), ['Capital of France?', 'Paris']);
  await studyDeck(page, cue.host);
  const box = page.getByTestId('type-answer');
  await expect(box).toBeFocused();
  // typing is not answering: none of these keys reveals, rates, buries or leaves
  await page.keyboard.type('Pa -@e1u');
  await expect(box).toHaveValue('Pa -@e1u');
  await expect(page.getByTestId('answer')).toHaveCount(0);
  await box.fill('Parjs');
  await page.keyboard.press('Enter');
  const result = page.getByTestId('answer').getByTestId('type-answer-result');
  await expect(result).toBeVisible();
  await expect(page.getByTestId('type-answer')).toHaveCount(0);
  // what was typed: right, wrong, right; then what was expected, with the letter missed
  const marks = result.locator('.typeGood, .typeBad, .typeMissed');
  await expect(marks).toHaveText(['Par', 'j', 's', 'Par', 'i', 's']);
  expect(await marks.evaluateAll((spans) => spans.map((span) => span.className))).toEqual([
    'typeGood',
    'typeBad',
    'typeGood',
    'typeGood',
    'typeMissed',
    'typeGood',
  ]);
  // the comparison stands where the template put it: after the question's text, not above the answer
  await expect(page.getByTestId('question')).toHaveText('Capital of France?');
  // the answer's own keys work again: Good rates
  await page.keyboard.press('3');
  await expect(progress(page)).toContainText('done 1 ');
});

test("a note type's hostile CSS styles its card, and Cue's header and buttons keep their colours", async ({
  page,
  cue,
}) => {
  const basic = await typeId(cue.host, 'basic');
  const hostile = await callHost<NoteType>(cue.host, 'notetypes.create', { from: basic, name: 'Hostile' });
  await callHost(cue.host, 'notetypes.update', {
    noteTypeId: hostile.id,
    css:
      '@import url(http://127.0.0.1:9/x.css); * { color: red !important } body { background: red }' +
      ' } header, footer, button, .study-card { color: red !important; background: red !important }' +
      ' .card { contain: none !important; overflow: visible !important; isolation: auto !important; position: static !important }' +
      ' .card::after { content: ""; position: fixed; inset: 0; z-index: 2147483647; background: red }',
  });
  await addNote(cue.host, hostile.id, ['Styled question', 'Styled answer']);
  await studyDeck(page, cue.host);

  const RED = 'rgb(255, 0, 0)';
  const question = page.getByTestId('question');
  await expect(question).toHaveText('Styled question');
  await expect(question).toHaveClass(/(^| )card( |$)/);
  await expect(question.locator('p')).toHaveCSS('color', RED);
  await expect(question).toHaveCSS('background-color', RED);
  await reveal(page);
  await expect(page.getByTestId('answer').locator('p')).toHaveCSS('color', RED);

  // Cue itself: the page, the header, the card's own badge beside the content, the rating buttons
  const cueParts = [
    page.locator('body'),
    page.locator('.study-header'),
    page.getByRole('button', { name: 'Decks' }),
    page.getByTestId('card-state'),
    page.getByTestId('rate-3'),
    page.locator('.study-card'),
  ];
  for (const part of cueParts) {
    await expect(part).not.toHaveCSS('color', RED);
    await expect(part).not.toHaveCSS('background-color', RED);
  }
  // the card undid its own containment and laid a layer over the whole page; its box still holds it: Good is clickable
  const rateGood = page.getByTestId('rate-3');
  const hit = await rateGood.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
  });
  expect(hit).toBe(true);
  await rateGood.click();
  await expect(progress(page)).toContainText('done 1 ');
});

test("Anki's stock note-type CSS, made for a white page, reads in the theme's colours in the dark theme", async ({
  page,
  cue,
}) => {
  // an HTML type, as an Anki package's are
  const basicHtml = await typeId(cue.host, 'basic-html');
  const stock = await callHost<NoteType>(cue.host, 'notetypes.create', { from: basicHtml, name: 'Anki Basic' });
  await callHost(cue.host, 'notetypes.update', {
    noteTypeId: stock.id,
    css:
      '.card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }' +
      ' .nightMode .accent { color: rgb(0, 128, 255) }',
  });
  await addNote(cue.host, stock.id, ['Plain question <span class="accent">and an accent</span>', 'Answer']);
  await page.emulateMedia({ colorScheme: 'dark' });
  await studyDeck(page, cue.host);
  const question = page.getByTestId('question');
  await expect(question).toHaveClass(/(^| )card( |$)/);
  await expect(question).toHaveClass(/(^| )nightMode night_mode( |$)/);
  await expect(question).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await expect(question).not.toHaveCSS('color', 'rgb(0, 0, 0)');
  // the type's own rules still apply: its font, its alignment, its night-mode colour
  await expect(question).toHaveCSS('text-align', 'center');
  await expect(question).toHaveCSS('font-family', 'arial');
  await expect(question.locator('.accent')).toHaveCSS('color', 'rgb(0, 128, 255)');

  // in the light theme, the colours are the type's
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(question).not.toHaveClass(/nightMode/);
  await expect(question).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(question).toHaveCSS('color', 'rgb(0, 0, 0)');
});

test('an imported Image Occlusion note: its card hides the parts under masks, and the reveal uncovers its own', async ({
  page,
  cue,
}) => {
  const { upload } = await callHost<{ upload: string }>(cue.host, 'files.upload', {
    name: 'anatomy.apkg',
    dataBase64: Buffer.from(imageOcclusionPackage()).toString('base64'),
  });
  await callHost(cue.host, 'import.apply', { upload });
  await page.goto(cue.host.url);
  await (await showDeck(page, 'Anatomy')).getByRole('button', { name: /^Study all/ }).click();
  const question = page.getByTestId('question');
  // card 1 of 3: its one mask is the active one; the others hide their parts too (hide all, guess one)
  await expect(question.locator('.image-occlusion img')).toBeVisible();
  await expect(question.locator('.io-active')).toHaveCount(1);
  await expect(question.locator('.io-mask:not(.io-active)')).toHaveCount(3);
  await expect(question).toContainText('The heart');
  await reveal(page);
  const answer = page.getByTestId('answer');
  // the answer takes the question's place: the same picture, the card's own mask only outlined
  await expect(question).toHaveCount(0);
  await expect(answer.locator('.io-revealed')).toHaveCount(1);
  await expect(answer.locator('.io-active')).toHaveCount(0);
  await expect(answer).toContainText('Blood leaves by the aorta');
  const revealed = await answer.locator('.io-revealed').evaluate((el) => getComputedStyle(el).fill);
  expect(revealed).toBe('none');
});
