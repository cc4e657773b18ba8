import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { mediaReferences } from '../../electron/core/io/export-collection';
import { addCardImage } from '../../electron/core/media-files';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const OTHER_PNG = Buffer.concat([PNG, Buffer.from([0])]);

describe('images for cards', () => {
  it('keeps an image under its name, reuses the same bytes, and never replaces a different file', () => {
    const media = tempDir();
    expect(addCardImage(media, 'diagram.png', PNG)).toEqual({ name: 'diagram.png' });
    expect(addCardImage(media, 'diagram.png', PNG)).toEqual({ name: 'diagram.png' });
    const other = addCardImage(media, 'diagram.png', OTHER_PNG);
    expect(other.name).toMatch(/^diagram-[0-9a-f]{8}\.png$/);
    expect(readFileSync(join(media, 'diagram.png'))).toEqual(PNG);
    expect(readFileSync(join(media, other.name))).toEqual(OTHER_PNG);
    expect(readdirSync(media).sort()).toEqual(['diagram.png', other.name].sort());
  });

  it('cleans the name the person’s system gave the file', () => {
    const media = tempDir();
    expect(addCardImage(media, 'C:\\Users\\me\\My Photo (1).PNG', PNG).name).toBe('My Photo -1.png');
    expect(addCardImage(media, '../../etc/x.png', PNG).name).toBe('x.png');
    expect(addCardImage(media, '....png', PNG).name).toBe('image.png');
    expect(existsSync(join(media, '..', 'x.png'))).toBe(false);
  });

  it('refuses what is not an image, an empty file, and bad input, writing nothing', () => {
    const media = tempDir();
    expect(() => addCardImage(media, 'notes.pdf', PNG)).toThrow(/notes\.pdf: cards take images/);
    expect(() => addCardImage(media, 'empty.png', Buffer.alloc(0))).toThrow(/empty\.png: the file is empty/);
    expect(existsSync(media) ? readdirSync(media) : []).toEqual([]);
    const collection = openTestCollection(new TestClock(Date.UTC(2026, 2, 2)));
    expect(() => dispatch(collection, 'media.add', { name: 'a.png', dataBase64: 'not base64!' })).toThrow(
      /Invalid input for media.add/,
    );
    const { name } = dispatch(collection, 'media.add', { name: 'a.png', dataBase64: PNG.toString('base64') }) as {
      name: string;
    };
    expect(readFileSync(join(collection.mediaDir, name))).toEqual(PNG);
  });
});

describe('images in exports', () => {
  it('finds Markdown images among a card’s media, and an Anki package carries them', () => {
    expect(
      mediaReferences('![](tree%20diagram.png) and <img src="a.png"> [sound:b.mp3] ![x](https://e.org/c.png)'),
    ).toEqual(['tree diagram.png', 'a.png', 'b.mp3']);
    const collection = openTestCollection(new TestClock(Date.UTC(2026, 2, 2)));
    const { name } = collection.handlers['media.add']({ name: 'tree diagram.png', dataBase64: PNG.toString('base64') });
    collection.handlers['cards.update']({ cardId: 1, answer: `See:\n\n![](${encodeURIComponent(name)})` });
    const file = collection.handlers['export.deck']({
      deckId: 1,
      sectionId: 1,
      format: 'apkg',
      withHistory: false,
      includeRecordings: false,
    });
    const files = unzipSync(Buffer.from(file.dataBase64, 'base64'));
    const map = JSON.parse(strFromU8(files.media)) as Record<string, string>;
    expect(Object.values(map)).toEqual(['tree diagram.png']);
    const [entry] = Object.keys(map);
    expect(Buffer.from(files[entry])).toEqual(PNG);
  });
});
