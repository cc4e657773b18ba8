/**
 * An import's summary names the decks it creates or changes (id, key, name, whether it made them,
 * how many cards it added), so the import screen can link to the deck without asking for the list
 * of decks before and after. The preview names them exactly as the apply does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import type { ImportPreview, ImportSummary, UploadedFile } from '../../shared/io';
import { FIXTURES, openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 5, 1, 10, 0);
const BUNDLED = {
  id: 1,
  key: 'lead-ml-engineer',
  name: 'Lead Machine Learning Engineer: Interview Questions and Answers',
};

/** Preview, then apply, through the API as the import screen does; the two must agree. */
function importThroughApi(collection: Collection, name: string, bytes: Uint8Array, deckName?: string): ImportSummary {
  const { upload } = dispatch(collection, 'files.upload', {
    name,
    dataBase64: Buffer.from(bytes).toString('base64'),
  }) as UploadedFile;
  const preview = dispatch(collection, 'import.preview', { upload, deckName }) as ImportPreview;
  const applied = dispatch(collection, 'import.apply', { upload, deckName }) as ImportSummary;
  expect(applied.importedDecks, `the preview of ${name}`).toEqual(preview.summary.importedDecks);
  return applied;
}

const exportedBundledDeck = (collection: Collection) =>
  new TextDecoder().decode(collection.exportFile({ deckId: 1, format: 'cue', withHistory: false }).data);

const encode = (text: string) => new TextEncoder().encode(text);

describe('the decks an import names', () => {
  it('names a new deck by the id it gets, under the name given for it', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const bytes = readFileSync(join(FIXTURES, 'anki', 'anki-apkg-export-output.apkg'));
    const summary = importThroughApi(collection, 'output.apkg', bytes, 'Fruit');
    const made = collection.handlers['decks.list']({}).find((deck) => deck.name === 'Fruit');
    const key = collection.db.prepare('SELECT key FROM decks WHERE id = ?').pluck().get(made?.id);
    expect(summary.importedDecks).toEqual([{ id: made?.id, key, name: 'Fruit', created: true, cards: 3 }]);
    expect(summary.decks).toBe(1);
  });

  it('names a deck already there that the file updates, by the name the person gave it', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const file = exportedBundledDeck(collection).replace('Key Components of a Production', 'Key parts of a production');
    collection.handlers['decks.rename']({ deckId: 1, name: 'My interview deck' });
    const summary = importThroughApi(collection, 'deck.md', encode(file));
    expect(summary).toMatchObject({ decks: 0, cards: 0, updated: { cards: 1 } });
    expect(summary.importedDecks).toEqual([{ ...BUNDLED, name: 'My interview deck', created: false, cards: 0 }]);
  });

  it('counts the cards a file adds to a deck already there', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const file = `${exportedBundledDeck(collection).trimEnd()}\n\n## A question added by hand {#added-01}\n\nIts answer.\n`;
    const summary = importThroughApi(collection, 'deck.md', encode(file));
    expect(summary.cards).toBe(1);
    expect(summary.importedDecks).toEqual([{ ...BUNDLED, created: false, cards: 1 }]);
  });

  it('names no deck when the file changes nothing', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const summary = importThroughApi(collection, 'deck.md', encode(exportedBundledDeck(collection)));
    expect(summary).toMatchObject({ decks: 0, cards: 0, updated: { cards: 0 } });
    expect(summary.importedDecks).toEqual([]);
  });

  it('names the deck a review history goes into', () => {
    const clock = new TestClock(NOW);
    const studied = openTestCollection(clock);
    for (const cardId of [1, 2, 3])
      studied.handlers['study.answer']({ deckId: 1, cardId, rating: 3, durationMs: 3000 });
    const history = studied.exportFile({ deckId: 1, format: 'revlog', withHistory: true }).data;
    const other = openTestCollection(clock);
    const summary = importThroughApi(other, 'revlog.csv', history);
    expect(summary.reviews).toBe(3);
    expect(summary.importedDecks).toEqual([{ ...BUNDLED, created: false, cards: 0 }]);
  });
});
