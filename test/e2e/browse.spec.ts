/**
 * The card browser and the editor: search, edit with a live preview, add cards from the keyboard,
 * bulk actions, and editing from a study session. Runs the real `cue serve` host on a fresh collection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeckSummary } from '../../shared/domain';
import type { UploadedFile } from '../../shared/io';
import { clozeNotePackage } from '../helpers/anki-packages';
import { callHost, REPO_ROOT } from '../helpers/cue-process';
import { expect, openCue, showDeck, test } from './fixtures';
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
  const answer = page.getByTestId('edit-field-1');
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

  await expect(page.getByTestId('edit-field-0')).toBeFocused();
  await page.keyboard.type('What does a **zygomorphic** flower look like?');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Symmetric along a single plane.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('botany');
  await expect(page.getByTestId('preview-question').locator('strong')).toHaveText('zygomorphic');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toContainText('Saved');
  // Ready for the next card in the same section.
  await expect(page.getByTestId('edit-field-0')).toHaveValue('');
  await expect(page.getByTestId('edit-field-0')).toBeFocused();
  await expect(page.getByTestId('edit-section')).toHaveValue(String(section.id));

  await page.keyboard.press('Escape');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill('zygomorphic');
  await expect(page.getByTestId('result-count')).toHaveText('1 card');
  const row = page.getByTestId('browse-row');
  await expect(row).toContainText(section.name);
  await search.fill('tag:botany');
  await expect(page.getByTestId('result-count')).toHaveText('1 card');
  await search.fill('zygomorphic');
  await expect(row.locator('mark')).toHaveText(/zygomorphic/i);
});

test('Add card in the browser opens the editor for the section of the card in focus', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill('section:behavioral');
  await expect(page.getByTestId('result-count')).toHaveText('10 cards');
  await page.getByRole('link', { name: 'Add card' }).click();
  await expect(page.getByTestId('edit-field-0')).toBeFocused();
  await expect(page.getByTestId('edit-section').locator('option:checked')).toHaveText('Behavioral Questions');
});

test('the question column typesets math as the card does', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.getByTestId('browse').click();
  await page.getByRole('searchbox', { name: 'Search cards' }).fill('LRU complexity');
  const question = page.getByTestId('row-question').first();
  await expect(question).toContainText('Explain how you would implement an LRU');
  await expect(question.locator('.katex')).toHaveCount(1);
  await expect(question).not.toContainText('$O(1)$');
});

test.describe('a malformed query', () => {
  // The web host answers a malformed query with 400, which the browser logs.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test('says what is wrong and where, and empties the list rather than keep the last search’s rows', async ({
    page,
    cue,
  }) => {
    await openCue(page, cue.host);
    await page.getByTestId('browse').click();
    const search = page.getByRole('searchbox', { name: 'Search cards' });
    await search.fill('section:core');
    await expect(page.getByTestId('result-count')).toHaveText('10 cards');
    await search.fill('section:core (is:new');
    await expect(page.getByTestId('search-error')).toContainText('at character 14: a "(" is never closed');
    await expect(page.getByTestId('result-count')).toHaveText('0 cards');
    await expect(page.getByTestId('browse-table').locator('tr.browse-row')).toHaveCount(0);
    await expect(page.getByText('No cards match.')).toHaveCount(0);
    await search.fill('"unclosed');
    await expect(page.getByTestId('search-error')).toContainText('quote is never closed');
    await search.fill('(section:core or section:dsa) -is:review');
    await expect(page.getByTestId('search-error')).toHaveCount(0);
    await expect(page.getByTestId('result-count')).toHaveText('20 cards');
  });
});

test('Ctrl+1 to Ctrl+7 flag the selection; again, when every selected card has it, take it off', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill('section:behavioral');
  await expect(page.getByTestId('result-count')).toHaveText('10 cards');
  await page.getByTestId('select-all').click();
  await expect(page.getByTestId('selected-count')).toHaveText('10 selected');
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('toast')).toHaveText('Flagged orange: 10 cards.');
  await expect(page.locator('tr.browse-row.flag-2')).toHaveCount(10);
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('toast')).toHaveText('Flag taken off: 10 cards.');
  await expect(page.locator('tr.browse-row.flagged')).toHaveCount(0);
  await page.keyboard.press('Control+7');
  await search.fill('flag:7');
  await expect(page.getByTestId('result-count')).toHaveText('10 cards');
  await search.fill('flag:2');
  await expect(page.getByTestId('result-count')).toHaveText('0 cards');
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
  const field = page.getByTestId('edit-field-0');
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

/** Opens the browser from home with `/` and types a query; waits for its count. */
async function browseFor(page: import('@playwright/test').Page, query: string, count: string) {
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill(query);
  await expect(page.getByTestId('result-count')).toHaveText(count);
  return search;
}

test('sort by a column, and again to reverse it', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await browseFor(page, 'section:behavioral', '10 cards');
  const questions = page.getByTestId('row-question');
  const header = page.getByRole('columnheader', { name: 'Question' });
  await page.getByTestId('sort-question').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await questions.allTextContents();
  expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  await page.getByTestId('sort-question').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(questions.first()).toHaveText(ascending.at(-1) ?? '');
  await expect(questions.last()).toHaveText(ascending[0]);
});

test('delete a card, undo it, delete it again: it leaves the deck and the search', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await expect(page.getByTestId('section-dsa')).toContainText('10 cards');
  await browseFor(page, '"Least Recently Used"', '1 card');
  await page.getByTestId('browse-row').click();
  await expect(page.getByTestId('selected-count')).toHaveText('1 selected');
  await page.keyboard.press('Control+Delete');
  await expect(page.getByTestId('toast')).toContainText('Deleted 1 card');
  await expect(page.getByTestId('result-count')).toHaveText('0 cards');
  await page.getByTestId('toast-action').click();
  await expect(page.getByTestId('result-count')).toHaveText('1 card');

  // Ctrl+Z undoes the last delete too.
  await page.getByTestId('browse-row').click();
  await page.getByRole('button', { name: /^Delete/ }).click();
  await expect(page.getByTestId('result-count')).toHaveText('0 cards');
  await page.getByTestId('browse-table').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast')).toHaveText('Undone: Delete 1 card.');
  await expect(page.getByTestId('result-count')).toHaveText('1 card');

  await page.getByTestId('browse-row').click();
  await page.keyboard.press('Control+Delete');
  await expect(page.getByTestId('result-count')).toHaveText('0 cards');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('section-dsa')).toContainText('9 cards');
});

test('tags are added and removed from a selection', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await browseFor(page, 'section:core', '10 cards');
  await page.getByTestId('select-all').click();
  await page.getByRole('button', { name: 'Tags…' }).click();
  await page.getByTestId('tags-input').fill('exam week1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toHaveText('Tagged exam week1: 10 cards.');
  await page.locator('summary', { hasText: 'Columns' }).click();
  await page.getByTestId('column-tags').check();
  // beside the sidebar at 1280 the Tags column is folded into each row's details
  await expect(page.getByTestId('columns-folded')).toContainText('Tags');
  await page.getByTestId('row-expand').first().click();
  await expect(page.getByTestId('detail-tags').first()).toHaveText('Tagsexam week1');
  await page.getByRole('button', { name: 'Tags…' }).click();
  await page.getByTestId('tags-input').fill('week1');
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveText('Removed week1: 10 cards.');
  await page.getByRole('searchbox', { name: 'Search cards' }).fill('tag:week1');
  await expect(page.getByTestId('result-count')).toHaveText('0 cards');
  await page.getByRole('searchbox', { name: 'Search cards' }).fill('tag:exam');
  await expect(page.getByTestId('result-count')).toHaveText('10 cards');
});

test('columns can be chosen, and the choice is kept', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await browseFor(page, '', '50 cards');
  await expect(page.getByRole('columnheader', { name: 'Difficulty' })).toHaveCount(0);
  await page.locator('summary', { hasText: 'Columns' }).click();
  await page.getByTestId('column-difficulty').check();
  await page.getByTestId('column-deck').uncheck();
  await expect(page.getByRole('columnheader', { name: 'Difficulty' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Deck' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('columnheader', { name: 'Difficulty' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Deck' })).toHaveCount(0);
});

test('card info from the browser shows the log with stability, and Escape comes back', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, DSA);
  await reveal(page);
  await rate(page, '3', 1);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await browseFor(page, '"Least Recently Used"', '1 card');
  await page.getByTestId('card-info').click();
  await expect(page.getByTestId('review-log').getByTestId('review-row')).toHaveCount(1);
  await expect(page.getByTestId('review-stability')).toHaveText(/\d/);
  await expect(page.getByTestId('fact-due')).not.toHaveText('—');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('searchbox', { name: 'Search cards' })).toHaveValue('"Least Recently Used"');
});

test('Enter right after typing opens the card of the new search', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await browseFor(page, '', '50 cards');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill('rate limiter');
  await search.press('Enter');
  await expect(page.getByTestId('edit-field-0')).toHaveValue(/rate limiter/i);
});

test.describe('an action the core refuses', () => {
  // The web host answers a refused action with 400, which the browser logs.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test('reset a studied card to new, set a due date, and see why a new card cannot get one', async ({ page, cue }) => {
    await openCue(page, cue.host);
    await studySection(page, DSA);
    await reveal(page);
    await rate(page, '4', 1);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await browseFor(page, '-is:new', '1 card');
    const row = page.getByTestId('browse-row');
    await expect(row.getByTestId('cell-state')).toHaveText('Review');
    await row.click();
    await page.getByRole('button', { name: 'Set due…' }).click();
    await page.getByTestId('due-date').fill('2027-01-15');
    await page.getByRole('button', { name: 'Set due date' }).click();
    await expect(page.getByTestId('toast')).toHaveText('Due 2027-01-15: 1 card.');
    await expect(row.getByTestId('cell-due')).toContainText('Jan 15');

    await page.getByRole('button', { name: 'Reset…' }).click();
    await expect(page.getByRole('form', { name: /Reset 1 card to new/ })).toContainText('review log is kept');
    await page.getByRole('button', { name: 'Reset to new' }).click();
    await expect(page.getByTestId('toast')).toHaveText('Reset to new: 1 card.');
    await expect(page.getByTestId('result-count')).toHaveText('0 cards');

    // the card is new again: a due date is refused with the reason, and nothing changes
    await page.getByRole('searchbox', { name: 'Search cards' }).fill('"Least Recently Used"');
    await expect(page.getByTestId('result-count')).toHaveText('1 card');
    await expect(row.getByTestId('cell-state')).toHaveText('New');
    await row.click();
    await page.getByRole('button', { name: 'Set due…' }).click();
    await page.getByRole('button', { name: 'Set due date' }).click();
    await expect(page.getByTestId('toast')).toContainText('is new: study it before giving it a due date');
    await expect(row.getByTestId('cell-state')).toHaveText('New');

    // Card info lists both changes among the answers, newest first.
    await page.getByTestId('card-info').click();
    const log = page.getByTestId('review-log');
    await expect(log.locator('tbody tr')).toHaveCount(3);
    await expect(log.getByTestId('event-row').nth(0)).toContainText('Reset to new');
    await expect(log.getByTestId('event-row').nth(1)).toContainText('Due date set by hand to');
    await expect(log.locator('tbody tr').last()).toContainText('Easy');
  });
});

test('a new deck and a new section from the editor, and a card moved into another deck', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await browseFor(page, 'zzzz-nothing', '0 cards');
  // With nothing in focus, Add card goes to the first section.
  await page.getByRole('link', { name: 'Add card' }).click();
  await expect(page.getByTestId('edit-field-0')).toBeFocused();
  await page.getByRole('button', { name: 'New deck…' }).click();
  await page.getByTestId('new-name').fill('Spanish');
  await page.getByTestId('new-section-name').fill('Verbs');
  await page.getByTestId('new-section-name').press('Enter');
  await expect(page.getByTestId('edit-section').locator('option:checked')).toHaveText('Verbs');
  await page.getByTestId('edit-field-0').fill('What is "comer"?');
  await page.getByTestId('edit-field-1').fill('to eat');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toContainText('Saved');

  // A second section in the same deck, then an existing card moved into it.
  await page.getByRole('button', { name: 'New section…' }).click();
  await page.getByTestId('new-name').fill('Nouns');
  await page.getByTestId('new-name').press('Enter');
  await expect(page.getByTestId('edit-section').locator('option:checked')).toHaveText('Nouns');
  await page.keyboard.press('Escape');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill('"rate limiter"');
  await expect(page.getByTestId('result-count')).toHaveText('1 card');
  await page.keyboard.press('Enter');
  await page.getByTestId('edit-section').selectOption({ label: 'Nouns' });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toHaveText('Saved');
  await page.keyboard.press('Escape');
  await search.fill('deck:spanish');
  await expect(page.getByTestId('result-count')).toHaveText('2 cards');
  await expect(page.getByTestId('browse-row').filter({ hasText: 'rate limiter' })).toContainText('Nouns');

  // Home: the new deck with one card in each section, and the bundled section one card shorter.
  await page.keyboard.press('Escape');
  const spanish = await showDeck(page, 'Spanish');
  await expect(spanish.getByTestId('section-verbs')).toContainText('1 card');
  await expect(spanish.getByTestId('section-nouns')).toContainText('1 card');
  const bundled = await showDeck(page, 'Lead Machine Learning Engineer: Interview Questions and Answers');
  await expect(bundled.getByTestId('section-system-design')).toContainText('9 cards');
});

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

test('an image pasted or chosen in the editor shows in the preview and in study', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await browseFor(page, '"Least Recently Used"', '1 card');
  await page.keyboard.press('Enter');
  const answer = page.getByTestId('edit-field-1');
  await answer.focus();
  await answer.press('Control+Home');
  // A screenshot pasted from the clipboard: Chromium names it image.png.
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    const area = document.querySelector('[data-testid=edit-field-1]') as HTMLTextAreaElement;
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, PNG_BASE64);
  await expect(page.getByTestId('editor-status')).toHaveText('Image added');
  await expect(answer).toHaveValue(/^!\[\]\(pasted\.png\)\nKey Implementation Points/);
  const previewImage = page.getByTestId('preview-answer').locator('img');
  await expect.poll(() => previewImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

  // Chosen from disk, into the question (the last field used).
  await page.getByTestId('edit-field-0').focus();
  await page.getByTestId('edit-field-0').press('Control+End');
  await page.getByTestId('image-input').setInputFiles({
    name: 'tree diagram.png',
    mimeType: 'image/png',
    buffer: Buffer.from(PNG_BASE64, 'base64'),
  });
  await expect(page.getByTestId('edit-field-0')).toHaveValue(/operations\.\n!\[\]\(tree%20diagram\.png\)$/);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toHaveText('Saved');

  // Back to the browser, and once it is there, home.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('searchbox', { name: 'Search cards' })).toBeVisible();
  await page.keyboard.press('Escape');
  await studySection(page, DSA);
  const questionImage = page.getByTestId('question').locator('img');
  await expect.poll(() => questionImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await reveal(page);
  await expect
    .poll(() =>
      page
        .getByTestId('answer')
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBe(1);
});

test('imported Anki cards list as their text, not their HTML', async ({ page, cue }) => {
  const packages = [
    { name: 'cloze.apkg', bytes: clozeNotePackage() },
    // a real export whose third note holds <img src="anki.png" />
    { name: 'output.apkg', bytes: readFileSync(join(REPO_ROOT, 'test/fixtures/anki/anki-apkg-export-output.apkg')) },
  ];
  for (const { name, bytes } of packages) {
    const dataBase64 = Buffer.from(bytes).toString('base64');
    const { upload } = await callHost<UploadedFile>(cue.host, 'files.upload', { name, dataBase64 });
    await callHost(cue.host, 'import.apply', { upload });
  }
  await openCue(page, cue.host);
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill('cloze');
  const question = page.getByTestId('row-question');
  await expect(question).toHaveCount(1);
  await expect(question).toHaveText('In a cloze, some [...] is hidden');
  await expect(question.locator('mark')).toHaveText('cloze');
  await expect(question.locator('span, b')).toHaveCount(0);
  await expect(question).toHaveAttribute('title', 'In a cloze, some [...] is hidden');

  await search.fill('image');
  await expect(question).toHaveText('card #3 with image');
  await expect(question.locator('img')).toHaveCount(0);
});
