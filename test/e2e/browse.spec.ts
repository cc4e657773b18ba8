/**
 * The card browser and the editor: search, edit with a live preview, add cards from the keyboard,
 * bulk actions, and editing from a study session. Runs the real `cue serve` host on a fresh collection.
 */
import type { DeckSummary } from '../../shared/domain';
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { progress, rate, reveal, studySection } from './study-helpers';

const DSA = 'Data Structures and Algorithms';

test('find a card, add a code block to its answer, and study it as edited', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await expect(search).toBeFocused();
  await search.fill('cach');
  // dsa-01: "…an LRU (Least Recently Used) Cache…": the match is marked in the question.
  const row = page.getByTestId('browse-row').filter({ hasText: 'LRU' });
  await expect(row.locator('mark')).toContainText([/^cach/i]);

  await row.dblclick();
  const answer = page.getByTestId('edit-answer');
  await expect(answer).toBeVisible();
  const before = await answer.inputValue();
  await answer.fill(`${before}\n\n\`\`\`python\ndef cue_edited():\n    return 42\n\`\`\`\n`);
  const code = page.getByTestId('preview-answer').locator('code.hljs', { hasText: 'cue_edited' });
  await expect(code.locator('.hljs-keyword').first()).toHaveText('def');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toHaveText('Saved');

  // Back to the browser, then home, then study: dsa-01 is the section's first card.
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('cach');
  await page.keyboard.press('Escape');
  await studySection(page, DSA);
  await expect(page.getByTestId('question')).toContainText('LRU');
  await reveal(page);
  await expect(page.getByTestId('answer').locator('code.hljs', { hasText: 'cue_edited' })).toBeVisible();
});

test('add a card with the keyboard only, then find it', async ({ page, cue }) => {
  const decks = await callHost<DeckSummary[]>(cue.host, 'decks.list');
  const section = decks[0].sections.find((s) => s.key === 'dsa');
  if (!section) throw new Error('no dsa section');
  await page.goto(`${cue.host.url}#/add/${section.id}`);

  await expect(page.getByTestId('edit-question')).toBeFocused();
  await page.keyboard.type('What does a **zygomorphic** flower look like?');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Symmetric along a single plane.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('botany');
  await expect(page.getByTestId('preview-question').locator('strong')).toHaveText('zygomorphic');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toContainText('Saved');
  // Ready for the next card in the same section.
  await expect(page.getByTestId('edit-question')).toHaveValue('');
  await expect(page.getByTestId('edit-question')).toBeFocused();
  await expect(page.getByTestId('edit-section')).toHaveValue(String(section.id));

  await page.keyboard.press('Escape');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill('zygomorphic');
  await expect(page.getByTestId('result-count')).toHaveText('1 card');
  const row = page.getByTestId('browse-row');
  await expect(row).toContainText(section.name);
  await expect(row).toContainText('botany');
  await expect(row.locator('mark')).toHaveText(/zygomorphic/i);
});

test('Add card in the browser opens the editor for the section of the card in focus', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill('section:behavioral');
  await expect(page.getByTestId('result-count')).toHaveText('10 cards');
  await page.getByRole('link', { name: 'Add card' }).click();
  await expect(page.getByTestId('edit-question')).toBeFocused();
  await expect(page.getByTestId('edit-section').locator('option:checked')).toHaveText('Behavioral Questions');
});

test.describe('a malformed query', () => {
  // The web host answers a malformed query with 400, which the browser logs.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test('says what is wrong', async ({ page, cue }) => {
    await openCue(page, cue.host);
    await page.getByTestId('browse').click();
    await page.getByRole('searchbox', { name: 'Search cards' }).fill('"unclosed');
    await expect(page.getByTestId('search-error')).toContainText('quote is never closed');
    await page.getByRole('searchbox', { name: 'Search cards' }).fill('unclosed');
    await expect(page.getByTestId('search-error')).toHaveCount(0);
  });
});

test('bulk-suspend a section: its new count drops to 0 and study starts elsewhere', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search cards' }).fill('section:core');
  await expect(page.getByTestId('result-count')).toHaveText('10 cards');
  // Select all asks for every matching id, then ticks the box.
  await page.getByTestId('select-all').click();
  await expect(page.getByTestId('select-all')).toBeChecked();
  await expect(page.getByTestId('selected-count')).toHaveText('10 selected');
  await page.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveText('Suspended: 10 cards.');
  await expect(page.getByTestId('row-suspended')).toHaveCount(10);

  await page.keyboard.press('Escape');
  const core = page.getByTestId('section-core');
  await expect(core.getByTestId('due-new')).toHaveText('0');
  await expect(core).toContainText('10 suspended');
  await page.getByRole('button', { name: /^Study all/ }).click();
  await expect(progress(page)).toBeVisible();
  await expect(page.getByTestId('question')).toBeVisible();
  await expect(page.locator('.study-title')).not.toHaveText('Core Concepts');
  await expect(page.getByTestId('question')).not.toContainText('recommendation system');
});

test('e in study edits the current card and returns to the same session', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, DSA);
  await reveal(page);
  await rate(page, '3', 1);
  const question = page.getByTestId('question');
  const text = (await question.textContent()) ?? '';

  await page.keyboard.press('e');
  const field = page.getByTestId('edit-question');
  await expect(field).toBeFocused();
  await page.keyboard.press('End');
  await field.press('Control+End');
  await page.keyboard.type(' Edited in study.');
  await page.keyboard.press('Control+Enter');

  await expect(question).toContainText('Edited in study.');
  await expect(question).toContainText(text.slice(0, 20));
  await expect(progress(page)).toContainText('done 1 ');

  // Escape from the editor also comes back to the session.
  await page.keyboard.press('e');
  await expect(field).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toContainText('Edited in study.');
  await expect(progress(page)).toContainText('done 1 ');
});
