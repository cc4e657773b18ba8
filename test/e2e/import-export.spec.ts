/**
 * The Import screen and the Export dialog as a person uses them: a real Anki package, a CSV file whose
 * columns are mapped by hand, a broken file that changes nothing, and a deck saved as a Cue deck file.
 * Expected numbers come from the fixtures (test/fixtures/anki/README.md) and from the files the tests write.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT } from '../helpers/cue-process';
import { expect, openCue, showDeck, test } from './fixtures';
import { questionText } from './study-helpers';

const BUNDLED = 'Lead Machine Learning Engineer: Interview Questions and Answers';
const BUNDLED_SUMMARY = '50 cards in 5 sections';
/** repeat-space/anki-apkg-export's test output: 3 notes, one <img> with anki.png, in a deck "deck-name". */
const PACKAGE = join(REPO_ROOT, 'test', 'fixtures', 'anki', 'anki-apkg-export-output.apkg');
const PACKAGE_DECK = 'deck-name';

const made: string[] = [];
function scratchFile(name: string, contents: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cue-import-ui-'));
  made.push(dir);
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}
test.afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** From home with the i key, as a person with their hands on the keyboard would. */
async function openImport(page: Page): Promise<void> {
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await expect(page).toHaveURL(/#\/import$/);
  await expect(page.getByRole('button', { name: 'Choose file…' })).toBeFocused();
}

async function chooseFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('import-file').setInputFiles(path);
}

/** The preview's "Will add" numbers, in the order the screen shows them. */
async function expectAdded(page: Page, added: Record<string, number>): Promise<void> {
  for (const [key, count] of Object.entries(added)) {
    await expect(page.getByTestId(`add-${key}`), `${key} added`).toHaveText(String(count));
  }
}

function deckRegion(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

test('an Anki package: the preview shows what it holds, and importing it adds its deck', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await openImport(page);
  await chooseFile(page, PACKAGE);

  await expect(page.getByRole('heading', { name: 'Preview of anki-apkg-export-output.apkg' })).toBeVisible();
  await expect(page.getByTestId('import-format')).toContainText('Anki package');
  await expectAdded(page, { decks: 1, sections: 1, notes: 3, cards: 3, reviews: 0, media: 1 });
  await expect(page.getByTestId('update-notes')).toHaveText('0');
  await expect(page.getByTestId('update-cards')).toHaveText('0');
  await expect(page.getByTestId('skipped')).toHaveCount(0);
  // Its Anki options (100 reviews a day, leeches suspended) are not Cue's Default: a preset of their own.
  await expect(page.getByTestId('import-presets')).toContainText(
    'deck-name will use the preset “Default (2)” (made from the package’s options)',
  );
  // A package is not a text file: no columns to map.
  await expect(page.getByTestId('csv-mapping')).toHaveCount(0);

  await page.getByRole('button', { name: 'Import 3 cards' }).click();
  const done = page.getByTestId('import-done');
  await expect(done.getByTestId('import-result')).toHaveText(
    'Imported 1 deck, 1 section, 3 notes, 3 cards and 1 media file.',
  );
  await expect(done.getByRole('link', { name: `Statistics of ${PACKAGE_DECK}` })).toBeVisible();
  await expect(done.getByTestId('import-presets')).toContainText('deck-name uses the preset “Default (2)”');

  await done.getByRole('button', { name: /^Back to decks/ }).click();
  await expect(page).not.toHaveURL(/#\/import/);
  // Two decks now: home lists both, and shows the overview of the one picked there.
  const imported = await showDeck(page, PACKAGE_DECK);
  await expect(imported.getByText('3 cards in 1 section')).toBeVisible();
  await expect(imported.getByTestId('deck-due-new')).toHaveText('3 new');
  await expect((await showDeck(page, BUNDLED)).getByText(BUNDLED_SUMMARY)).toBeVisible();
});

test('a CSV file without headers: its columns are mapped by hand, and the preview follows', async ({ page, cue }) => {
  // Country, capital, region: the question is the capital's country, so the columns need swapping.
  // Line 4 has no country; once column 2 is the question, that line has no question and is skipped.
  const file = scratchFile(
    'capitals.csv',
    'Paris,France,europe\nBerlin,Germany,europe\nTokyo,Japan,asia\nMadrid,,europe\n',
  );
  await openCue(page, cue.host);
  await openImport(page);
  await chooseFile(page, file);

  await expect(page.getByTestId('import-format')).toContainText('CSV/TSV');
  await expect(page.getByTestId('csv-layout')).toContainText('Separator: comma');
  await expect(page.getByTestId('csv-layout')).toContainText('no header lines');
  const mapping = page.getByTestId('csv-mapping');
  await expect(mapping.locator('tbody tr')).toHaveCount(4);
  const column = (n: number) => mapping.getByLabel(`Column ${n}`, { exact: true });
  // Without headers Cue starts from Anki's default: the first two columns are question and answer.
  await expect(column(1)).toHaveValue('question');
  await expect(column(2)).toHaveValue('answer');
  await expect(column(3)).toHaveValue('ignore');
  await expectAdded(page, { decks: 1, notes: 4, cards: 4 });
  await expect(page.getByRole('button', { name: 'Import 4 cards' })).toBeEnabled();

  // Question moves to column 2, which takes it from column 1: no answer column for a moment.
  await column(2).selectOption({ label: 'Question' });
  await expect(column(1)).toHaveValue('ignore');
  await expect(page.getByTestId('mapping-incomplete')).toBeVisible();
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await column(1).selectOption({ label: 'Answer' });
  await column(3).selectOption({ label: 'Tags' });
  await expect(page.getByTestId('mapping-incomplete')).toHaveCount(0);

  await expectAdded(page, { decks: 1, notes: 3, cards: 3 });
  await expect(page.getByTestId('skipped')).toContainText('line 4: the question is empty');
  await expect(page.getByRole('button', { name: 'Import 3 cards' })).toBeEnabled();

  // A deck name of one's own: the preview is asked again, and the button waits for it.
  await page.getByLabel('Import as deck named…').fill('Capitals');
  await expect(page.getByRole('button', { name: 'Import 3 cards' })).toBeEnabled();
  await page.getByRole('button', { name: 'Import 3 cards' }).click();
  await expect(page.getByTestId('import-result')).toHaveText('Imported 1 deck, 1 section, 3 notes and 3 cards.');
  await expect(page.getByTestId('skipped')).toContainText('line 4');

  await page.keyboard.press('Escape');
  const deck = await showDeck(page, 'Capitals');
  await expect(deck.getByText('3 cards in 1 section')).toBeVisible();
  // The mapping took: the first card asks for the country and answers with the capital.
  await deck.getByRole('button', { name: /^Study all/ }).click();
  expect(await questionText(page)).toContain('France');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toContainText('Paris');
});

test('a file dropped anywhere on the Import screen is read like a chosen one', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await openImport(page);
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Q one\tA one\nQ two\tA two\n'], 'dropped.tsv'));
    return transfer;
  });
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByRole('heading', { name: 'Drop the file to import it' })).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByRole('heading', { name: 'Preview of dropped.tsv' })).toBeVisible();
  await expect(page.getByTestId('csv-layout')).toContainText('Separator: tab');
  await expectAdded(page, { decks: 1, notes: 2, cards: 2 });
});

test('a chosen file is streamed to Cue as it is, under its own name', async ({ page, cue }) => {
  const name = 'Hauptstädte & Flüsse #1.csv';
  const file = scratchFile(name, 'Germany,Berlin\nFrance,Paris\nItaly,Rome\n');
  const sent: { type?: string; name?: string }[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/files.upload')) return;
    const headers = request.headers();
    sent.push({ type: headers['content-type'], name: headers['x-cue-file-name'] });
  });
  await openCue(page, cue.host);
  await openImport(page);
  await chooseFile(page, file);
  await expect(page.getByRole('heading', { name: `Preview of ${name}` })).toBeVisible();
  await expectAdded(page, { decks: 1, notes: 3, cards: 3 });
  // the file's own 39 bytes as the body, not base64 in JSON; the size is what the host counted
  expect(sent).toEqual([{ type: 'application/octet-stream', name: encodeURIComponent(name) }]);
  await expect(page.getByTestId('import-format')).toContainText(' · 39 bytes · ');
});

test.describe('a file Cue cannot read', () => {
  // The browser logs the host's 400 answer; the screen shows it instead.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test('is refused with the file named, and the collection stays as it was', async ({ page, cue }) => {
    const file = scratchFile('not-a-zip.apkg', 'this is not a zip');
    await openCue(page, cue.host);
    const bundled = deckRegion(page, BUNDLED);
    const dueBefore = await bundled.getByTestId('deck-due').textContent();
    await openImport(page);
    await chooseFile(page, file);

    const error = page.getByTestId('import-error');
    await expect(error).toBeVisible();
    await expect(error.getByRole('heading')).toHaveText('Cue could not import not-a-zip.apkg');
    await expect(error.getByTestId('import-error-message')).toContainText('not-a-zip.apkg');
    await expect(error.getByTestId('import-error-message')).toContainText(/not a zip/i);
    await expect(error).toContainText('Your collection was not changed.');

    await error.getByRole('button', { name: 'Choose another file' }).click();
    await expect(page.getByTestId('drop-zone')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(bundled.getByText(BUNDLED_SUMMARY)).toBeVisible();
    await expect(bundled.getByTestId('deck-due')).toHaveText(dueBefore ?? '');
    await expect(page.getByRole('button', { name: /^Study all/ })).toHaveCount(1);
  });
});

test('a deck and a section are exported through the dialog as files', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.getByRole('button', { name: `Export deck: ${BUNDLED}` }).click();
  const dialog = page.getByRole('dialog', { name: `Export ${BUNDLED}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /Cue deck \(\.md\)/ })).toBeChecked();
  // Review history goes only into Anki packages.
  await expect(dialog.getByRole('checkbox', { name: /With review history/ })).toBeDisabled();

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('lead-ml-engineer.md');
  const text = readFileSync(await saved.path(), 'utf8');
  expect(text.startsWith('---\ncue-deck: 1')).toBe(true);
  await expect(dialog.getByTestId('export-status')).toContainText('Exported lead-ml-engineer.md (');
  await expect(dialog.getByTestId('export-status')).toContainText('KB)');

  // Escape closes the dialog and leaves the home screen where it was.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Study all/ })).toBeVisible();

  const section = 'Data Structures and Algorithms';
  await page.getByRole('button', { name: `Export this section: ${section}` }).click();
  const sectionDialog = page.getByRole('dialog', { name: `Export ${section}` });
  await sectionDialog.getByRole('radio', { name: /Anki package/ }).check();
  await expect(sectionDialog.getByRole('checkbox', { name: /With review history/ })).toBeEnabled();
  const packageDownload = page.waitForEvent('download');
  await sectionDialog.getByRole('button', { name: 'Export' }).click();
  const pkg = await packageDownload;
  expect(pkg.suggestedFilename()).toBe('lead-ml-engineer-dsa.apkg');
  // A zip file starts with "PK".
  expect(
    readFileSync(await pkg.path())
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  await sectionDialog.getByRole('button', { name: 'Done' }).click();
  await expect(sectionDialog).toHaveCount(0);
});

test('the statistics export what they show, and Escape closes only the dialog', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.keyboard.press('t');
  await page.getByRole('combobox', { name: 'Section' }).selectOption({ label: 'System Design' });
  await expect(page.getByTestId('stats-scope-name')).toHaveText('System Design');
  await page.getByTestId('stats-export').click();
  const dialog = page.getByRole('dialog', { name: 'Export System Design' });
  await dialog.getByRole('radio', { name: /CSV for Anki/ }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  expect((await download).suggestedFilename()).toMatch(/^lead-ml-engineer-[a-z-]+\.txt$/);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('stats-scope-name')).toHaveText('System Design');
});
