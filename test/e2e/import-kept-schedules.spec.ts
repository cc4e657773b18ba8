/**
 * The import preview's "Reschedule from history" choice, as a person uses it: off by default, so an Anki
 * package's review cards keep the due dates Anki gave them; on, and the cards are scheduled by replaying
 * their reviews. The package is built like a real export: ten review cards due 2025-08-28 to 2025-09-01.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage, CollectionBuilder, STOCK } from '../helpers/anki-packages';
import { callHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

test.use({ hostEnv: { CUE_NOW: '2025-08-20T10:00:00Z', TZ: 'UTC' } });

const DAY = 86_400_000;
const made: string[] = [];
test.afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The study days (4 am UTC) the cards fall due on in Anki. */
const ANKI_DUE = Array.from({ length: 10 }, (_, i) => Date.UTC(2025, 7, 28 + Math.floor(i / 2), 4));

function japanesePackage(): string {
  const b = new CollectionBuilder();
  b.spec.crt = Date.UTC(2024, 0, 1, 4) / 1000;
  const deck = b.deck('Japanese');
  ANKI_DUE.forEach((dueAt, i) => {
    const ivl = 20 + i * 3;
    const due = (dueAt - Date.UTC(2024, 0, 1, 4)) / DAY;
    const { cardIds } = b.note(STOCK.basic(), [`word ${i}`, `meaning ${i}`], {
      deck,
      card: () => ({ type: 2, queue: 2, due, ivl, factor: 2500, reps: 4 }),
    });
    const last = dueAt - ivl * DAY + 5 * 3_600_000;
    b.review(cardIds[0], last - 90 * DAY, 3, { type: 0 });
    b.review(cardIds[0], last - 90 * DAY + 600_000, 3, { type: 0 });
    b.review(cardIds[0], last - 86 * DAY, 3);
    b.review(cardIds[0], last, 3);
  });
  const dir = mkdtempSync(join(tmpdir(), 'cue-kept-'));
  made.push(dir);
  const path = join(dir, 'japanese.apkg');
  writeFileSync(path, buildPackage({ layout: 'latest', collection: b.spec }));
  return path;
}

test('an Anki package keeps its due dates unless "Reschedule from history" is chosen', async ({ page, cue }) => {
  const file = japanesePackage();
  await openCue(page, cue.host);
  await page.keyboard.press('i');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByRole('heading', { name: 'Preview of japanese.apkg' })).toBeVisible();
  const choice = page.getByRole('checkbox', { name: 'Reschedule from history' });
  await expect(choice).not.toBeChecked();
  await expect(page.getByText('Off: every card keeps the due date and interval Anki gave it.')).toBeVisible();
  await page.getByRole('button', { name: 'Import 10 cards' }).click();
  await expect(page.getByTestId('import-result')).toContainText('10 cards');

  const dues = async (deck: string) => {
    const found = await callHost<{ cards: { due: number; question: string }[] }>(cue.host, 'cards.search', {
      query: `deck:"${deck}"`,
      limit: 50,
    });
    return found.cards.sort((a, b) => a.question.localeCompare(b.question)).map((c) => c.due);
  };
  expect(await dues('Japanese')).toEqual(ANKI_DUE);

  // the same package again, rescheduled, into a deck of its own
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByRole('textbox', { name: 'Import as deck named…' }).fill('Japanese rescheduled');
  await page.getByRole('checkbox', { name: 'Reschedule from history' }).check();
  await page.getByRole('button', { name: 'Import 10 cards' }).click();
  await expect(page.getByTestId('import-result')).toContainText('10 cards');
  const rescheduled = await dues('Japanese rescheduled');
  expect(rescheduled).toHaveLength(10);
  expect(rescheduled).not.toEqual(ANKI_DUE);
});
