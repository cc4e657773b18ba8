/**
 * The note editor and the note types screen with the real app: Cloze notes authored with Ctrl+Shift+C,
 * every card of a note in the preview, a save that adds and retires cards (and its Undo), a note given
 * another type through the field map, and a note type cloned, given a field, renamed and deleted.
 * Runs the real `cue serve` host on a fresh collection.
 */
import type { Page } from '@playwright/test';
import type { DeckSummary } from '../../shared/domain';
import type { NoteChange, NoteDetail, NoteType } from '../../shared/notes';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

async function firstSection(host: RunningHost): Promise<number> {
  const decks = await callHost<DeckSummary[]>(host, 'decks.list');
  return decks[0].sections[0].id;
}

async function typeId(host: RunningHost, name: string): Promise<number> {
  const types = await callHost<NoteType[]>(host, 'notetypes.list');
  const type = types.find((t) => t.name === name);
  if (!type) throw new Error(`no note type ${name}`);
  return type.id;
}

/** Selects `text` inside a field, as a person dragging over it would. */
async function selectInField(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).evaluate((area: HTMLTextAreaElement, words) => {
    const start = area.value.indexOf(words);
    if (start < 0) throw new Error(`“${words}” is not in the field`);
    area.focus();
    area.setSelectionRange(start, start + words.length);
  }, text);
}

const previewCards = (page: Page) => page.getByTestId('preview-card');

test('a Cloze note: two clozes make two cards, a third added with Ctrl+Shift+C keeps the first two', async ({
  page,
  cue,
}) => {
  const sectionId = await firstSection(cue.host);
  await page.goto(`${cue.host.url}#/add/${sectionId}`);
  await page.getByTestId('edit-note-type').selectOption({ label: 'Cloze' });
  await expect(page.locator('label', { hasText: 'Back Extra' })).toBeVisible();
  const text = page.getByTestId('edit-field-0');
  await text.fill('Paris is the capital of France, on the Seine.');
  await expect(page.getByTestId('preview-problem')).toHaveText('The text has no cloze: mark one as {{c1::text}}.');
  await expect(previewCards(page)).toHaveCount(0);

  // The cloze button and the key wrap the selection in the next number.
  await selectInField(page, 'edit-field-0', 'Paris');
  await page.getByTestId('cloze-button').click();
  await expect(text).toHaveValue('{{c1::Paris}} is the capital of France, on the Seine.');
  await selectInField(page, 'edit-field-0', 'France');
  await page.keyboard.press('Control+Shift+C');
  await expect(text).toHaveValue('{{c1::Paris}} is the capital of {{c2::France}}, on the Seine.');
  await expect(previewCards(page)).toHaveCount(2);
  await expect(previewCards(page).nth(0)).toHaveAccessibleName('Cloze 1');
  await expect(previewCards(page).nth(0).getByTestId('preview-question')).toContainText(
    '[...] is the capital of France',
  );
  await expect(previewCards(page).nth(1).getByTestId('preview-question')).toContainText(
    'Paris is the capital of [...]',
  );
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toHaveText('Saved. Added 2 cards (Cloze 1, Cloze 2). Next note:');
  await expect(text).toHaveValue('');
  // The type used is the one the next note starts with, here and after a reload.
  await page.reload();
  await expect(page.getByTestId('edit-note-type').locator('option:checked')).toHaveText('Cloze');

  const found = await callHost<{ cards: { id: number }[] }>(cue.host, 'cards.search', { query: 'Seine' });
  const note = await callHost<NoteDetail>(cue.host, 'notes.ofCard', { cardId: found.cards[0].id });
  const [c1, c2] = note.cards.map((card) => card.cardId);
  expect(note.cards.map((card) => card.name)).toEqual(['Cloze 1', 'Cloze 2']);

  // Edit it from its card: a third cloze over "Seine" makes a third card.
  await page.goto(`${cue.host.url}#/edit/${c2}`);
  await expect(page.getByTestId('edit-note-type')).toHaveText('Cloze');
  await expect(text).toHaveValue(note.fields[0]);
  await expect(previewCards(page)).toHaveCount(2);
  await selectInField(page, 'edit-field-0', 'Seine');
  await page.keyboard.press('Control+Shift+C');
  await expect(text).toHaveValue('{{c1::Paris}} is the capital of {{c2::France}}, on the {{c3::Seine}}.');
  await expect(previewCards(page)).toHaveCount(3);
  await expect(previewCards(page).nth(2)).toContainText('new card');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toHaveText('Saved. Added 1 card (Cloze 3).');
  const three = await callHost<NoteDetail>(cue.host, 'notes.get', { noteId: note.id });
  expect(three.cards.map((card) => card.name)).toEqual(['Cloze 1', 'Cloze 2', 'Cloze 3']);
  expect(three.cards.slice(0, 2).map((card) => card.cardId)).toEqual([c1, c2]);

  // Taking c2 out retires its card; Undo brings it back with its id and the text that makes it.
  await text.fill('{{c1::Paris}} is the capital of France, on the {{c3::Seine}}.');
  await expect(page.getByTestId('preview-retiring')).toHaveText('Saving retires Cloze 2.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('editor-status')).toHaveText('Saved. Retired 1 card (Cloze 2).');
  expect((await callHost<NoteDetail>(cue.host, 'notes.get', { noteId: note.id })).cards).toHaveLength(2);
  await page.getByTestId('editor-undo').click();
  await expect(page.getByTestId('editor-status')).toHaveText('Restored 1 card (Cloze 2).');
  await expect(text).toHaveValue('{{c1::Paris}} is the capital of {{c2::France}}, on the {{c3::Seine}}.');
  const restored = await callHost<NoteDetail>(cue.host, 'notes.get', { noteId: note.id });
  expect(restored.cards.map((card) => card.cardId)).toEqual(three.cards.map((card) => card.cardId));
});

test('a Basic (and reversed card) note previews and makes both its cards', async ({ page, cue }) => {
  const sectionId = await firstSection(cue.host);
  await page.goto(`${cue.host.url}#/add/${sectionId}`);
  await expect(page.getByTestId('edit-note-type').locator('option:checked')).toHaveText('Basic');
  await page.getByTestId('edit-note-type').selectOption({ label: 'Basic (and reversed card)' });
  await page.getByTestId('edit-field-0').fill('el **perro**');
  await page.getByTestId('edit-field-1').fill('the dog');
  await expect(previewCards(page)).toHaveCount(2);
  await expect(previewCards(page).nth(0)).toHaveAccessibleName('Card 1');
  await expect(previewCards(page).nth(0).getByTestId('preview-question').locator('strong')).toHaveText('perro');
  await expect(previewCards(page).nth(1).getByTestId('preview-question')).toHaveText('the dog');
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-status')).toHaveText('Saved. Added 2 cards (Card 1, Card 2). Next note:');
  const found = await callHost<{ cards: { id: number }[] }>(cue.host, 'cards.search', { query: 'perro' });
  const note = await callHost<NoteDetail>(cue.host, 'notes.ofCard', { cardId: found.cards[0].id });
  expect(note.noteType.name).toBe('Basic (and reversed card)');
  expect(note.cards.map((card) => card.name)).toEqual(['Card 1', 'Card 2']);
});

test('a Basic note becomes a Cloze note through the field map, and a field left out is warned of', async ({
  page,
  cue,
}) => {
  const change = await callHost<NoteChange>(cue.host, 'notes.create', {
    noteTypeId: await typeId(cue.host, 'Basic'),
    sectionId: await firstSection(cue.host),
    fields: ['{{c1::Mitochondria}} make the cell’s energy', 'ATP, mostly'],
  });
  const cardId = change.added[0];
  await page.goto(`${cue.host.url}#/edit/${cardId}`);
  await expect(page.getByTestId('edit-note-type')).toHaveText('Basic');
  await page.getByTestId('change-type').click();
  const dialog = page.getByRole('dialog', { name: 'Change note type' });
  await dialog.getByTestId('change-type-to').selectOption({ label: 'Cloze' });
  // Text and Back Extra match no name: they take Front and Back by place.
  await expect(dialog.getByTestId('map-field-0').locator('option:checked')).toHaveText('Front');
  await expect(dialog.getByTestId('map-field-1').locator('option:checked')).toHaveText('Back');
  await dialog.getByTestId('map-field-1').selectOption({ label: '(nothing)' });
  await expect(dialog.getByTestId('change-type-dropped')).toHaveText('“Back” feeds no field: its content is dropped.');
  await dialog.getByTestId('map-field-1').selectOption({ label: 'Back' });
  await expect(dialog.getByTestId('change-type-dropped')).toHaveCount(0);
  await dialog.getByTestId('change-type-apply').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('editor-status')).toHaveText('Now “Cloze”');
  await expect(page.getByTestId('edit-note-type')).toHaveText('Cloze');
  await expect(page.locator('label', { hasText: 'Back Extra' })).toBeVisible();
  await expect(page.getByTestId('edit-field-1')).toHaveValue('ATP, mostly');
  await expect(previewCards(page)).toHaveCount(1);
  await expect(previewCards(page)).toHaveAccessibleName('Cloze 1');

  const note = await callHost<NoteDetail>(cue.host, 'notes.ofCard', { cardId });
  expect(note.noteType.name).toBe('Cloze');
  expect(note.fields).toEqual(['{{c1::Mitochondria}} make the cell’s energy', 'ATP, mostly']);
  // the card keeps its id (and history) as the note's Cloze 1
  expect(note.cards.map((card) => [card.cardId, card.name])).toEqual([[cardId, 'Cloze 1']]);
});

test.describe('note types, refusals included', () => {
  // The web host answers a refused change with 400, which the browser logs.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test('note types: clone Basic, add a field and rename it, see a template refused inline, delete the clone', async ({
    page,
    cue,
  }) => {
    await openCue(page, cue.host);
    await page.getByTestId('note-types').click();
    const items = page.getByTestId('note-type-item');
    await expect(items.first()).toContainText('Basic');
    const basic = items.filter({ has: page.locator('.notetype-item-name', { hasText: /^Basic$/ }) });
    await expect(basic).toContainText('Fields: Front, Back');
    await basic.click();

    // Removing Basic's Back would drop what the bundled notes hold there: said before anything is saved.
    await page.getByTestId('field-remove-1').click();
    await expect(page.getByTestId('field-removal-warning')).toContainText(
      /Removing “Back” drops its content from \d+ notes\./,
    );
    await page.getByRole('button', { name: 'Discard' }).click();
    await expect(page.getByTestId('field-removal-warning')).toHaveCount(0);

    await page.getByTestId('clone-note-type').click();
    await expect(page.getByTestId('note-type-name')).toHaveValue('Basic copy');
    await page.getByTestId('note-type-name').fill('Vocabulary');
    await page.getByTestId('note-type-name-submit').click();
    await expect(page.getByTestId('toast')).toHaveText('Cloned as “Vocabulary”.');
    const detail = page.getByTestId('note-type-detail');
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Vocabulary');

    await page.getByTestId('add-field').click();
    await expect(page.getByTestId('field-name-2')).toHaveValue('Field 3');
    await page.getByTestId('save-fields').click();
    await expect(page.getByTestId('toast')).toHaveText('Fields saved.');
    const vocabulary = items.filter({ hasText: 'Vocabulary' });
    await expect(vocabulary).toContainText('Fields: Front, Back, Field 3');
    await page.getByTestId('field-name-2').fill('Example');
    await page.getByTestId('save-fields').click();
    await expect(vocabulary).toContainText('Fields: Front, Back, Example');
    const stored = (await callHost<NoteType[]>(cue.host, 'notetypes.list')).find((t) => t.name === 'Vocabulary');
    expect(stored?.fields).toEqual(['Front', 'Back', 'Example']);

    // A template that cannot be read is refused, and the reason is shown under the templates.
    await page.getByTestId('template-question').fill('{{#Front}}never closed');
    await page.getByTestId('save-templates').click();
    await expect(page.getByTestId('templates-problem')).toContainText('question side');
    await page.getByRole('button', { name: 'Discard' }).click();
    await expect(page.getByTestId('template-question')).toHaveValue('{{Front}}');

    await page.getByTestId('ask-delete-note-type').click();
    const confirm = page.getByRole('dialog', { name: 'Delete the note type “Vocabulary”?' });
    await expect(confirm).toContainText('No note uses it.');
    await confirm.getByTestId('delete-note-type').click();
    await expect(page.getByTestId('toast')).toHaveText('Deleted “Vocabulary”.');
    await expect(vocabulary).toHaveCount(0);
    const left = await callHost<NoteType[]>(cue.host, 'notetypes.list');
    expect(left.map((t) => t.name)).not.toContain('Vocabulary');
  });

  test('a note type in use is not deleted: the refusal says why', async ({ page, cue }) => {
    const copy = await callHost<NoteType>(cue.host, 'notetypes.create', {
      from: await typeId(cue.host, 'Basic'),
      name: 'Used',
    });
    await callHost(cue.host, 'notes.create', {
      noteTypeId: copy.id,
      sectionId: await firstSection(cue.host),
      fields: ['q', 'a'],
    });
    await page.goto(`${cue.host.url}#/notetypes`);
    await page.getByTestId('note-type-item').filter({ hasText: 'Used' }).click();
    await page.getByTestId('ask-delete-note-type').click();
    const confirm = page.getByRole('dialog', { name: 'Delete the note type “Used”?' });
    await confirm.getByTestId('delete-note-type').click();
    await expect(confirm.getByTestId('delete-note-type-problem')).toContainText('is used by 1 note');
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId('note-type-item').filter({ hasText: 'Used' })).toContainText('1 note');
  });
});

test('the editor opens the note types and comes back to the same note', async ({ page, cue }) => {
  const sectionId = await firstSection(cue.host);
  await page.goto(`${cue.host.url}#/add/${sectionId}`);
  await page.getByTestId('open-note-types').click();
  await expect(page.getByRole('heading', { name: 'Note types', level: 1 })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`#/add/${sectionId}$`));
  await expect(page.getByTestId('edit-field-0')).toBeFocused();
});
