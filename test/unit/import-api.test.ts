import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import type { ExportedFile, ImportPreview, ImportSummary, UploadedFile } from '../../shared/io';
import { contentChecksum, FIXTURES, openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 5, 1, 10, 0);

function upload(collection: Collection, name: string, bytes: Uint8Array): string {
  const file = dispatch(collection, 'files.upload', { name, dataBase64: Buffer.from(bytes).toString('base64') });
  return (file as UploadedFile).upload;
}

describe('import and export through the API', () => {
  it('uploads a package, previews it without changing anything, then applies it', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const before = contentChecksum(collection);
    const bytes = readFileSync(join(FIXTURES, 'anki', 'anki-apkg-export-output.apkg'));
    const id = upload(collection, 'C:\\Users\\me\\Downloads\\output.apkg', bytes);
    const preview = dispatch(collection, 'import.preview', { upload: id }) as ImportPreview;
    expect(preview).toMatchObject({ fileName: 'output.apkg', format: 'apkg', csv: null });
    expect(preview.summary).toMatchObject({ decks: 1, cards: 3, media: 1 });
    expect(contentChecksum(collection)).toBe(before);
    const applied = dispatch(collection, 'import.apply', { upload: id, deckName: 'Fruit' }) as ImportSummary;
    expect(applied).toMatchObject({ decks: 1, cards: 3, media: 1 });
    expect(collection.handlers['decks.list']({}).map((d) => d.name)).toContain('Fruit');
    // an applied upload is gone
    expect(() => dispatch(collection, 'import.preview', { upload: id })).toThrow(/no longer there/);
  });

  it('shows a CSV file’s columns so a person can map them', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const id = upload(
      collection,
      'words.csv',
      new TextEncoder().encode('hola,hello,greeting\nadiós,goodbye,greeting\n'),
    );
    const preview = dispatch(collection, 'import.preview', { upload: id }) as ImportPreview;
    expect(preview.csv).toMatchObject({
      separatorName: 'comma',
      columnCount: 3,
      rows: [
        ['hola', 'hello', 'greeting'],
        ['adiós', 'goodbye', 'greeting'],
      ],
    });
    const mapped = dispatch(collection, 'import.preview', {
      upload: id,
      mapping: { question: 2, answer: 1, tags: 3 },
    }) as ImportPreview;
    expect(mapped.summary.cards).toBe(2);
  });

  it('says what is wrong with a bad file, naming it, and changes nothing', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const before = contentChecksum(collection);
    const id = upload(collection, 'broken.apkg', new TextEncoder().encode('not a zip at all'));
    expect(() => dispatch(collection, 'import.apply', { upload: id })).toThrow(/broken\.apkg.*not a zip/i);
    expect(contentChecksum(collection)).toBe(before);
    expect(() => dispatch(collection, 'import.preview', { upload: '../../etc/passwd' })).toThrow(/Invalid input/);
  });

  it('exports a section as a file the importer reads back', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const file = dispatch(collection, 'export.deck', { deckId: 1, sectionId: 2, format: 'cue' }) as ExportedFile;
    expect(file.fileName).toBe('lead-ml-engineer-dsa.md');
    const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    expect(text).toContain('# Data Structures and Algorithms {#dsa}');
    expect(text).not.toContain('# Core Concepts');
    expect(() => dispatch(collection, 'export.deck', { deckId: 1, format: 'docx' })).toThrow(/Invalid input/);
  });
});
