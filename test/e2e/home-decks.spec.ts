/**
 * The home screen with many decks: ten Cue deck files written at run time and imported, then the compact
 * deck list (a tree of decks and sections) is checked as a person uses it — it fits, its counts are
 * decks.list's, the filter narrows it, collapsing survives a reload, the arrow keys move and Enter
 * studies the focused row, and choosing a deck shows its overview. With the one bundled deck, home shows
 * that deck's overview and no list.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { DeckSummary, StudyNext } from '../../shared/domain';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

const LONG_NAME = 'Organic Chemistry: Reaction Mechanisms, Named Reactions and Reagents for the Second-Year Exam';
/** Ten decks, each [id, name, sections]; the bundled deck makes eleven. */
const DECKS: [string, string, string[]][] = [
  ['spanish-verbs', 'Spanish Verbs', ['Present tense', 'Preterite', 'Subjunctive mood']],
  ['capitals', 'World Capitals', ['Europe', 'Asia', 'Africa']],
  ['organic-chem', LONG_NAME, ['Substitution', 'Elimination']],
  ['pharmacology', 'Pharmacology', ['Antibiotics', 'Analgesics']],
  ['kanji', 'Kanji N3', ['Week one', 'Week two']],
  ['music', 'Music Theory', ['Intervals', 'Chords']],
  ['rust', 'Rust Ownership', ['Lifetimes in function signatures, structs and trait objects', 'Smart pointers']],
  ['anatomy', 'Anatomy', ['Upper limb', 'Thorax']],
  ['history', 'Modern History', ['The French Revolution', 'Industrialisation']],
  ['geology', 'Geology', ['Minerals', 'Plate tectonics']],
];
const BUNDLED = 'Lead Machine Learning Engineer: Interview Questions and Answers';

/** A Cue deck file: each section gets three cards, or more further down, so the counts differ. */
function deckFile([id, name, sections]: [string, string, string[]], size: number): string {
  const lines = ['---', 'cue-deck: 1', `id: ${id}`, `name: ${JSON.stringify(name)}`, 'version: 1', '---', ''];
  sections.forEach((section, s) => {
    lines.push(`# ${section} {#part-${s + 1}}`, '');
    for (let c = 1; c <= size + s; c++) {
      lines.push(`## ${section}: question ${c} {#part-${s + 1}-card-${c}}`, '', `Answer ${c}.`, '');
    }
  });
  return lines.join('\n');
}

let folder = '';
test.beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'cue-home-decks-'));
  for (const [index, deck] of DECKS.entries()) {
    writeFileSync(join(folder, `${deck[0]}.md`), deckFile(deck, 3 + (index % 4)));
  }
});
test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Imports each file as the Import screen does: uploaded, then applied. */
async function importDecks(host: RunningHost): Promise<DeckSummary[]> {
  for (const [id] of DECKS) {
    const { upload } = await callHost<{ upload: string }>(host, 'files.upload', {
      name: `${id}.md`,
      dataBase64: readFileSync(join(folder, `${id}.md`)).toString('base64'),
    });
    await callHost(host, 'import.apply', { upload });
  }
  const decks = await callHost<DeckSummary[]>(host, 'decks.list');
  expect(decks).toHaveLength(DECKS.length + 1);
  return decks;
}

const tree = (page: Page) => page.getByRole('treegrid', { name: 'Decks' });
const deckRow = (page: Page, deck: DeckSummary) => page.getByTestId(`tree-deck-${deck.key}`);
const sectionRow = (page: Page, deck: DeckSummary, key: string) => page.getByTestId(`tree-section-${deck.key}-${key}`);
const byName = (decks: DeckSummary[], name: string) => decks.find((deck) => deck.name === name) as DeckSummary;
const overview = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function rightEdge(cell: Locator): Promise<number> {
  const box = await cell.boundingBox();
  if (!box) throw new Error('cell not on screen');
  return Math.round(box.x + box.width);
}

test.describe('ten imported decks', () => {
  let decks: DeckSummary[] = [];
  test.beforeEach(async ({ page, cue }) => {
    decks = await importDecks(cue.host);
    // Two answers of Again, so a deck has learning cards and fewer new ones than it holds.
    const pharmacology = byName(decks, 'Pharmacology').id;
    for (let answered = 0; answered < 2; answered++) {
      const { card } = await callHost<StudyNext>(cue.host, 'study.next', { deckId: pharmacology });
      if (!card) throw new Error('Pharmacology has nothing to study');
      await callHost(cue.host, 'study.answer', { deckId: pharmacology, cardId: card.id, rating: 1, durationMs: 5000 });
    }
    decks = await callHost<DeckSummary[]>(cue.host, 'decks.list');
    expect(byName(decks, 'Pharmacology').due.learning).toBe(2);
    await page.setViewportSize({ width: 1024, height: 700 });
    await openCue(page, cue.host);
  });

  test('home lists them compactly, each row with the counts decks.list gives', async ({ page }) => {
    await expect(tree(page).getByRole('row', { level: 1 })).toHaveCount(decks.length);
    for (const deck of decks) {
      const row = deckRow(page, deck);
      await expect(row.getByTestId('tree-name')).toHaveText(deck.name);
      await expect(row.getByTestId('tree-due-new')).toHaveText(String(deck.due.new));
      await expect(row.getByTestId('tree-due-learning')).toHaveText(String(deck.due.learning));
      await expect(row.getByTestId('tree-due-review')).toHaveText(String(deck.due.review));
      const mastered = deck.sections.reduce((sum, section) => sum + section.mastered, 0);
      await expect(row.getByTestId('tree-mastered')).toHaveText(`${mastered}/${deck.cards}`);
    }
    // Eleven decks and the first deck's overview fit in two screens at 1024x700 (one block per deck took five).
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(2 * 700);
    // A long name ellipsizes on one line and keeps its whole text in a title.
    const long = deckRow(page, byName(decks, LONG_NAME)).getByTestId('tree-name');
    await expect(long).toHaveAttribute('title', LONG_NAME);
    expect(await long.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const rowHeights = await tree(page)
      .getByRole('row', { level: 1 })
      .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
    expect(Math.max(...rowHeights) - Math.min(...rowHeights)).toBeLessThan(1);
    // The counts line up in columns.
    const edges = new Set<number>();
    for (const deck of decks) edges.add(await rightEdge(deckRow(page, deck).getByTestId('tree-due-new')));
    expect([...edges]).toHaveLength(1);
  });

  test('the filter keeps matching decks, and the decks of matching sections', async ({ page }) => {
    const filter = page.getByRole('searchbox', { name: 'Filter decks and sections by name' });
    const capitals = byName(decks, 'World Capitals');
    await filter.fill('asia');
    await expect(tree(page).getByRole('row', { level: 1 })).toHaveCount(1);
    await expect(deckRow(page, capitals)).toBeVisible();
    await expect(tree(page).getByRole('row', { level: 2 })).toHaveText([/Asia/]);

    await filter.fill('SPANISH');
    await expect(tree(page).getByRole('row', { level: 1 })).toHaveText([/Spanish Verbs/]);

    await filter.fill('quantum');
    await expect(page.getByTestId('deck-filter-status')).toHaveText('No deck or section matches “quantum”.');
    await expect(tree(page)).toBeHidden();

    await filter.fill('');
    await expect(page.getByTestId('deck-filter-status')).toHaveText('');
    await expect(tree(page).getByRole('row', { level: 1 })).toHaveCount(decks.length);
  });

  test('a deck opened or closed stays so after a reload', async ({ page }) => {
    const spanish = byName(decks, 'Spanish Verbs');
    const present = sectionRow(page, spanish, spanish.sections[0].key);
    // Many decks start collapsed.
    await expect(deckRow(page, spanish)).toHaveAttribute('aria-expanded', 'false');
    await expect(present).toHaveCount(0);
    await page.getByRole('button', { name: 'Expand Spanish Verbs' }).click();
    await expect(present).toBeVisible();
    await expect(deckRow(page, spanish)).toHaveAttribute('aria-expanded', 'true');
    await page.reload();
    await expect(present).toBeVisible();
    await expect(present.getByTestId('tree-due-new')).toHaveText(String(spanish.sections[0].due.new));

    // Closed again with the keyboard: Left on the deck's row.
    await deckRow(page, spanish).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(present).toHaveCount(0);
    await page.reload();
    await expect(deckRow(page, spanish)).toHaveAttribute('aria-expanded', 'false');
    await expect(present).toHaveCount(0);
  });

  test('arrow keys move through decks and sections; Enter studies the focused row', async ({ page }) => {
    const [, spanish, capitals] = decks;
    expect([spanish.name, capitals.name]).toEqual(['Spanish Verbs', 'World Capitals']);
    await page.getByRole('searchbox', { name: /Filter decks/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(deckRow(page, decks[0])).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(deckRow(page, capitals)).toBeFocused();
    // The focused deck's overview shows: its heading, its Study all.
    await expect(overview(page, capitals.name).getByRole('button', { name: /^Study all/ })).toBeVisible();
    await expect(deckRow(page, capitals)).toHaveAttribute('aria-selected', 'true');

    await page.keyboard.press('ArrowRight');
    await expect(deckRow(page, capitals)).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const asia = sectionRow(page, capitals, capitals.sections[1].key);
    await expect(asia).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowLeft');
    await expect(deckRow(page, capitals)).toBeFocused();
    await page.keyboard.press('End');
    await expect(deckRow(page, decks[decks.length - 1])).toBeFocused();
    await page.keyboard.press('Home');
    await expect(deckRow(page, decks[0])).toBeFocused();

    // Enter on a section studies that section, not its deck.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(asia).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Asia');
    await expect(page.getByTestId('question')).toContainText('Asia: question 1');

    // Back home, the deck chosen is still the one shown; Enter on a deck's row studies that deck.
    await page.keyboard.press('Escape');
    await expect(overview(page, capitals.name)).toBeVisible();
    await deckRow(page, spanish).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('question')).toContainText('Present tense: question 1');
  });

  test('choosing a deck shows its overview, with its actions', async ({ page }) => {
    const history = byName(decks, 'Modern History');
    await expect(overview(page, BUNDLED)).toBeVisible();
    await deckRow(page, history).getByTestId('tree-name').click();
    const shown = overview(page, history.name);
    await expect(shown.getByTestId('deck-due-new')).toHaveText(`${history.due.new} new`);
    await expect(shown.getByText(`${history.cards} cards in 2 sections`)).toBeVisible();
    await expect(shown.getByTestId(`section-${history.sections[0].key}`)).toContainText('The French Revolution');
    await expect(overview(page, BUNDLED)).toHaveCount(0);
    // The home keys follow: o opens this deck's options, and a reload keeps the choice.
    await page.keyboard.press('o');
    await expect(page).toHaveURL(new RegExp(`#/options/${history.id}$`));
    await page.goBack();
    await expect(overview(page, history.name)).toBeVisible();
    await page.reload();
    await expect(overview(page, history.name)).toBeVisible();

    // A row's own buttons: Study, and the deck's options.
    await deckRow(page, history).getByRole('link', { name: 'Deck options: Modern History' }).click();
    await expect(page).toHaveURL(new RegExp(`#/options/${history.id}$`));
    await page.goBack();
    await deckRow(page, byName(decks, 'Geology')).getByRole('button', { name: 'Study Geology' }).click();
    await expect(page.getByTestId('question')).toContainText('Minerals: question 1');
  });
});

test('with the one bundled deck, home shows its overview and no deck list', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await expect(page.getByRole('treegrid')).toHaveCount(0);
  await expect(page.getByRole('searchbox')).toHaveCount(0);
  const deck = overview(page, BUNDLED);
  await expect(deck.getByRole('button', { name: /^Study all/ })).toBeVisible();
  await expect(deck.getByText('50 cards in 5 sections')).toBeVisible();
  await expect(deck.getByRole('row')).toHaveCount(6);
});
