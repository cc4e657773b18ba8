/**
 * The browser's sidebar (saved searches, the tag tree with rename and delete), find and replace in a
 * selection, and the browser at 1024x700. Runs the real `cue serve` host on a fresh collection.
 */
import type { Page } from '@playwright/test';
import type { NoteDetail } from '../../shared/notes';
import type { CardSearchResult, SavedSearch } from '../../shared/search';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

async function openBrowser(page: Page, query: string, count: string) {
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search cards' });
  await search.fill(query);
  await expect(page.getByTestId('result-count')).toHaveText(count);
  return search;
}

/** Tags the first cards of a section as given, one list of tags a card; returns the cards' ids. */
async function tagCards(host: RunningHost, query: string, tags: string[][]): Promise<number[]> {
  const found = await callHost<CardSearchResult>(host, 'cards.search', { query, limit: tags.length });
  const ids = found.cards.map((card) => card.id);
  for (const [index, cardId] of ids.entries()) await callHost(host, 'cards.update', { cardId, tags: tags[index] });
  return ids;
}

// Each test sends input the core refuses (a malformed query, a tag with a space, a bad pattern): the web
// host answers it with 400, which the browser logs.
test.use({ allowedConsoleErrors: [/status of 400/] });

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Browser sidebar' });

test('save a search, run it from the sidebar after a reload; a malformed one is refused saying where', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  const search = await openBrowser(page, 'section:core is:new', '10 cards');
  await sidebar(page).getByTestId('save-search').click();
  await page.getByTestId('save-search-name').fill('Core, new');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toHaveText('Saved the search as “Core, new”.');
  expect(await callHost<SavedSearch[]>(cue.host, 'searches.list')).toEqual([
    { name: 'Core, new', query: 'section:core is:new' },
  ]);

  await search.fill('section:core (is:new');
  await expect(page.getByTestId('search-error')).toBeVisible();
  await sidebar(page).getByTestId('save-search').click();
  await page.getByTestId('save-search-name').fill('Broken');
  await page.keyboard.press('Enter');
  await expect(sidebar(page).getByRole('alert')).toHaveText(
    'Search "section:core (is:new", at character 14: a "(" is never closed.',
  );
  await expect(page.getByTestId('save-search-name')).toHaveAttribute('aria-invalid', 'true');

  await page.reload();
  await expect(page.getByTestId('browse-row').first()).toBeVisible();
  await search.fill('');
  await expect(page.getByTestId('result-count')).toHaveText('50 cards');
  const saved = sidebar(page).getByTestId('saved-search');
  await expect(saved).toHaveText(['Core, new']);
  await saved.click();
  await expect(search).toHaveValue('section:core is:new');
  await expect(page.getByTestId('result-count')).toHaveText('10 cards');
  await expect(saved).toHaveAttribute('aria-current', 'true');

  // Ctrl-click joins an item to the search, as in Anki
  await sidebar(page)
    .getByRole('button', { name: 'Due', exact: true })
    .click({ modifiers: ['Control'] });
  await expect(search).toHaveValue('section:core is:new is:due');
  await sidebar(page).getByRole('button', { name: 'Delete the saved search Core, new' }).click();
  await expect(saved).toHaveCount(0);
  expect(await callHost<SavedSearch[]>(cue.host, 'searches.list')).toEqual([]);
});

test('a nested tag in the tree finds its cards and its children’s; renamed from the sidebar, the cards carry the new name', async ({
  page,
  cue,
}) => {
  const ids = await tagCards(cue.host, 'section:core', [
    ['interview::ml'],
    ['interview::ml'],
    ['interview::ml::deep'],
    ['interview', 'weak'],
  ]);
  await openCue(page, cue.host);
  const search = await openBrowser(page, '', '50 cards');
  const tree = sidebar(page);
  await expect(tree.getByTestId('sidebar-tag')).toHaveText(['interview1', 'weak1']);
  await tree.getByRole('button', { name: 'Expand interview', exact: true }).click();
  await tree.getByRole('button', { name: 'Expand interview::ml', exact: true }).click();
  await expect(tree.getByTestId('sidebar-tag')).toHaveText(['interview1', 'ml2', 'deep1', 'weak1']);
  await tree.locator('[data-query="tag:interview::ml"]').click();
  await expect(search).toHaveValue('tag:interview::ml');
  await expect(page.getByTestId('result-count')).toHaveText('3 cards');

  await tree.getByRole('button', { name: 'Actions for the tag interview::ml', exact: true }).click();
  await tree.getByRole('button', { name: 'Rename…' }).click();
  const dialog = page.getByTestId('tag-dialog');
  await expect(dialog.getByTestId('tag-dialog-lead')).toHaveText(
    'Its child tags are renamed with it; 3 cards carry it.',
  );
  await dialog.getByTestId('tag-new-name').fill('prep ml');
  await dialog.getByTestId('tag-dialog-confirm').click();
  await expect(dialog.getByRole('alert')).toContainText('holds a space');
  await dialog.getByTestId('tag-new-name').fill('prep::ml');
  await dialog.getByTestId('tag-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('toast')).toHaveText('Renamed “interview::ml” to “prep::ml” on 3 notes.');
  // the search for the tag follows it, and the tree shows the new place
  await expect(search).toHaveValue('tag:prep::ml');
  await expect(page.getByTestId('result-count')).toHaveText('3 cards');
  await expect(tree.getByTestId('sidebar-tag')).toHaveText(['interview1', 'prep', 'weak1']);
  // the rows show the new tag (the Tags column, folded into the row's details at this width or shown)
  await page.locator('summary', { hasText: 'Columns' }).click();
  await page.getByTestId('column-tags').check();
  await page.getByTestId('row-expand').first().click();
  await expect(page.getByTestId('detail-tags').first()).toContainText('prep::ml');
  const tags = (await callHost<{ tag: string }[]>(cue.host, 'tags.list')).map((t) => t.tag);
  expect(tags).toEqual(['interview', 'prep::ml', 'prep::ml::deep', 'weak']);
  const note = await callHost<NoteDetail>(cue.host, 'notes.ofCard', { cardId: ids[2] });
  expect(note.tags).toEqual(['prep::ml::deep']);

  // delete says how many cards carry it, and takes it off them (the cards stay)
  await tree.getByRole('button', { name: 'Actions for the tag interview', exact: true }).click();
  await tree.getByRole('button', { name: 'Delete…' }).click();
  await expect(dialog.getByTestId('tag-dialog-lead')).toHaveText(
    'It comes off 1 card, with its child tags; the cards themselves stay.',
  );
  await dialog.getByTestId('tag-dialog-confirm').click();
  await expect(page.getByTestId('toast')).toHaveText('Removed “interview” from 1 note.');
  await expect(tree.getByTestId('sidebar-tag')).toHaveText(['prep', 'weak1']);
  await search.fill('');
  await expect(page.getByTestId('result-count')).toHaveText('50 cards');
});

test('find and replace in a selection: previewed, a bad pattern said at its field, then applied', async ({
  page,
  cue,
}) => {
  await openCue(page, cue.host);
  await openBrowser(page, 'section:core', '10 cards');
  const first = page.getByTestId('browse-row').first();
  const cardId = Number(await first.getAttribute('data-card-id'));
  const before = await callHost<NoteDetail>(cue.host, 'notes.ofCard', { cardId });
  const word = /\b([A-Za-z]{6,})\b/.exec(before.fields[0] ?? '')?.[1] ?? '';
  expect(word).not.toBe('');
  await first.locator('input[type=checkbox]').check();
  await expect(page.getByTestId('selected-count')).toHaveText('1 selected');
  await page.getByTestId('search').focus();
  await page.keyboard.press('Control+Alt+F');
  const dialog = page.getByTestId('find-replace-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Find and replace in 1 selected card');

  await dialog.getByRole('checkbox', { name: 'Regular expression' }).check();
  await dialog.getByTestId('find-text').fill('(unclosed');
  await expect(dialog.getByTestId('find-replace-problem')).toContainText('is not a regular expression');
  await expect(dialog.getByTestId('find-text')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('find-replace-apply')).toHaveAttribute('aria-disabled', 'true');

  await dialog.getByRole('checkbox', { name: 'Regular expression' }).uncheck();
  await dialog.getByTestId('find-text').fill(word);
  await dialog.getByTestId('replace-text').fill('REPLACED');
  await dialog.getByTestId('find-in').selectOption({ label: 'Front (question)' });
  await expect(dialog.getByTestId('find-replace-count')).toHaveText('1 note (1 card) would change.');
  const change = dialog.getByTestId('find-replace-change');
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('Front');
  await expect(change.locator('.find-replace-after')).toContainText('REPLACED');
  // a preview writes nothing
  expect((await callHost<NoteDetail>(cue.host, 'notes.ofCard', { cardId })).fields).toEqual(before.fields);

  await dialog.getByTestId('find-replace-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('toast')).toHaveText('Find and replace changed 1 note (1 card).');
  await expect(page.locator(`[data-card-id="${cardId}"]`).getByTestId('row-question')).toContainText('REPLACED');
  const after = await callHost<NoteDetail>(cue.host, 'notes.ofCard', { cardId });
  expect(after.fields[0]).toContain('REPLACED');
  expect(after.fields[0]).toBe((before.fields[0] ?? '').replace(new RegExp(word, 'giu'), 'REPLACED'));
  expect(after.fields.slice(1)).toEqual(before.fields.slice(1));

  // one step of the history: Ctrl+Z takes the whole replace back, Ctrl+Shift+Z makes it again
  await page.getByTestId('browse-table').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast')).toHaveText('Undone: Replace in 1 note.');
  await expect(page.locator(`[data-card-id="${cardId}"]`).getByTestId('row-question')).not.toContainText('REPLACED');
  expect((await callHost<NoteDetail>(cue.host, 'notes.ofCard', { cardId })).fields).toEqual(before.fields);
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('toast')).toHaveText('Redone: Replace in 1 note.');
  await expect(page.locator(`[data-card-id="${cardId}"]`).getByTestId('row-question')).toContainText('REPLACED');
  expect((await callHost<NoteDetail>(cue.host, 'notes.ofCard', { cardId })).fields).toEqual(after.fields);
});

test('at 1024x700 beside the sidebar the table does not scroll sideways: folded columns are said and open in a row', async ({
  page,
  cue,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openCue(page, cue.host);
  await openBrowser(page, '', '50 cards');
  await expect(sidebar(page)).toBeVisible();
  await expect(page.getByTestId('columns-folded')).toContainText(
    'Not shown at this width: Due, Stability, Recall, Lapses, Reviews.',
  );
  const table = page.getByTestId('browse-table');
  expect(await table.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  for (const name of ['Question', 'Deck', 'Section', 'State']) {
    await expect(page.getByRole('columnheader', { name })).toBeInViewport();
  }
  await page.getByTestId('row-expand').first().click();
  const details = page.getByTestId('row-details').first();
  await expect(details.getByTestId('detail-due')).toContainText('Due');
  await expect(details.getByTestId('detail-reviews')).toContainText('Reviews0');
  // the toolbar stays one line: what does not fit is in More
  const toolbar = page.getByRole('toolbar', { name: 'Selected cards' });
  expect(await toolbar.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  await expect(toolbar.getByRole('button', { name: /^Delete/ })).toBeInViewport();
  await page.getByTestId('select-all').click();
  await expect(page.getByTestId('selected-count')).toHaveText('50 selected');
  await toolbar.getByLabel('More actions').click();
  await toolbar.getByRole('button', { name: 'Bury', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveText('Buried until tomorrow: 50 cards.');

  // hiding the sidebar gives the table the room; the choice is kept
  await page.getByTestId('sidebar-toggle').click();
  await expect(sidebar(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('browse-row').first()).toBeVisible();
  await expect(sidebar(page)).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Due' })).toBeInViewport();

  // at 1440x900 every default column shows, with no cue
  await page.getByTestId('sidebar-toggle').click();
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(sidebar(page)).toBeVisible();
  await expect(page.getByTestId('columns-folded')).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Reviews' })).toBeInViewport();
  expect(await table.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
});
