/**
 * Recordings of spoken answers through the API table, on real collections and a real media folder: a
 * real WebM/Opus file recorded by Chromium (test/fixtures/recordings/answer.webm) is saved, listed and
 * deleted; bad ones are refused changing nothing; they ride along a card's delete and undo; and exports
 * leave them out unless asked.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import { type FileSystem, nodeFileSystem } from '../../electron/core/file-system';
import { CueError } from '../../shared/errors';
import type { ExportedFile, UploadedFile } from '../../shared/io';
import { MAX_RECORDING_BYTES, type Recording, type RecordingDeleted } from '../../shared/recordings';
import { databaseDigest, folderDigest } from '../helpers/collection-digest';
import { FIXTURES, openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 5, 1, 9, 30);
const WEBM = readFileSync(join(FIXTURES, 'recordings', 'answer.webm'));

function upload(collection: Collection, bytes: Uint8Array, name = 'recording.webm'): string {
  const file = dispatch(collection, 'files.upload', {
    name,
    dataBase64: Buffer.from(bytes).toString('base64'),
  }) as UploadedFile;
  return file.upload;
}

function save(collection: Collection, cardId: number, bytes: Uint8Array = WEBM, durationMs = 1200): Recording {
  const input = { cardId, upload: upload(collection, bytes), mimeType: 'audio/webm', durationMs };
  return dispatch(collection, 'recordings.save', input) as Recording;
}

const list = (collection: Collection, cardId: number) =>
  dispatch(collection, 'recordings.list', { cardId }) as Recording[];

function refusal(action: () => unknown): CueError {
  try {
    action();
  } catch (error) {
    if (error instanceof CueError) return error;
    throw error;
  }
  throw new Error('the call was not refused');
}

describe('saving a recording', () => {
  it('keeps the file in the media folder under a recognisable name, and lists it with its card', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    const saved = save(collection, 3);
    expect(saved).toEqual({
      id: expect.any(Number),
      cardId: 3,
      fileName: `cue-recording-3-${NOW}.webm`,
      mimeType: 'audio/webm',
      durationMs: 1200,
      size: WEBM.length,
      createdAt: NOW,
    });
    expect(readFileSync(join(collection.mediaDir, saved.fileName))).toEqual(WEBM);
    clock.advance(60_000);
    const later = save(collection, 3, WEBM, 900);
    // newest first; another card's list is its own
    expect(list(collection, 3).map((r) => r.id)).toEqual([later.id, saved.id]);
    expect(list(collection, 4)).toEqual([]);
  });

  it('uses the upload up, so the same upload cannot be saved twice', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const id = upload(collection, WEBM);
    dispatch(collection, 'recordings.save', { cardId: 1, upload: id, mimeType: 'audio/webm', durationMs: 10 });
    const again = refusal(() =>
      dispatch(collection, 'recordings.save', { cardId: 1, upload: id, mimeType: 'audio/webm', durationMs: 10 }),
    );
    expect(again.code).toBe('not_found');
    expect(list(collection, 1)).toHaveLength(1);
  });

  it('gives two recordings of one card in the same millisecond different names', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const names = [save(collection, 5), save(collection, 5)].map((r) => r.fileName);
    expect(names).toEqual([`cue-recording-5-${NOW}.webm`, `cue-recording-5-${NOW}-2.webm`]);
  });
});

describe('a recording Cue refuses', () => {
  const cases: { what: string; input: (c: Collection) => unknown; message: RegExp }[] = [
    {
      what: 'a type other than WebM or Ogg audio',
      input: (c) => ({ cardId: 1, upload: upload(c, WEBM, 'a.mp3'), mimeType: 'audio/mpeg', durationMs: 1 }),
      message: /A recording is audio\/webm or audio\/ogg/,
    },
    {
      what: 'bytes that are not the format named',
      input: (c) => ({
        cardId: 1,
        upload: upload(c, Buffer.from('RIFF....WAVE')),
        mimeType: 'audio/webm',
        durationMs: 1,
      }),
      message: /The recording is not audio\/webm/,
    },
    {
      what: 'an Ogg file that is WebM',
      input: (c) => ({ cardId: 1, upload: upload(c, WEBM), mimeType: 'audio/ogg', durationMs: 1 }),
      message: /The recording is not audio\/ogg/,
    },
    {
      what: 'an empty file',
      input: (c) => ({ cardId: 1, upload: upload(c, new Uint8Array()), mimeType: 'audio/webm', durationMs: 0 }),
      message: /The recording is empty/,
    },
    {
      what: 'a file over the cap',
      input: (c) => ({
        cardId: 1,
        upload: upload(c, Buffer.concat([WEBM, Buffer.alloc(MAX_RECORDING_BYTES)])),
        mimeType: 'audio/webm',
        durationMs: 1000,
      }),
      message: /A recording may be up to 20 MB/,
    },
    {
      what: 'a recording longer than ten minutes',
      input: (c) => ({ cardId: 1, upload: upload(c, WEBM), mimeType: 'audio/webm', durationMs: 10 * 60_000 + 1 }),
      message: /up to 10 minutes long/,
    },
    {
      what: 'a card that is not there',
      input: (c) => ({ cardId: 9999, upload: upload(c, WEBM), mimeType: 'audio/webm', durationMs: 1 }),
      message: /There is no card 9999/,
    },
  ];

  for (const { what, input, message } of cases) {
    it(`is ${what}, with a clear message and nothing changed`, () => {
      const collection = openTestCollection(new TestClock(NOW));
      const call = input(collection);
      const before = { db: databaseDigest(collection.db), media: folderDigest(collection.mediaDir) };
      const error = refusal(() => dispatch(collection, 'recordings.save', call));
      expect(['invalid_input', 'not_found']).toContain(error.code);
      expect(error.message).toMatch(message);
      expect({ db: databaseDigest(collection.db), media: folderDigest(collection.mediaDir) }).toEqual(before);
    });
  }

  it('leaves no file behind when the database refuses the row', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const id = upload(collection, WEBM);
    collection.db.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON recordings BEGIN SELECT RAISE(ABORT, 'refused for the test'); END",
    );
    expect(() =>
      dispatch(collection, 'recordings.save', { cardId: 1, upload: id, mimeType: 'audio/webm', durationMs: 1 }),
    ).toThrow(/refused for the test/);
    expect(readdirSync(collection.mediaDir).filter((name) => name.includes('recording'))).toEqual([]);
  });
});

describe('deleting a recording', () => {
  it('removes its file and its row in one step', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const kept = save(collection, 2);
    const gone = save(collection, 2, WEBM, 500);
    const result = dispatch(collection, 'recordings.delete', { recordingId: gone.id }) as RecordingDeleted;
    expect(result).toEqual({ recordingId: gone.id, fileMissing: false });
    expect(existsSync(join(collection.mediaDir, gone.fileName))).toBe(false);
    expect(existsSync(join(collection.mediaDir, kept.fileName))).toBe(true);
    expect(list(collection, 2).map((r) => r.id)).toEqual([kept.id]);
    expect(refusal(() => dispatch(collection, 'recordings.delete', { recordingId: gone.id })).code).toBe('not_found');
  });

  it('says so when the file had already gone, and removes the row all the same', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const saved = save(collection, 2);
    rmSync(join(collection.mediaDir, saved.fileName));
    expect(dispatch(collection, 'recordings.delete', { recordingId: saved.id })).toEqual({
      recordingId: saved.id,
      fileMissing: true,
    });
    expect(list(collection, 2)).toEqual([]);
  });

  it('keeps the row when the disk refuses to remove the file', () => {
    const readOnlyRemove: FileSystem = {
      ...nodeFileSystem,
      remove: (path, options) => {
        if (!path.includes('cue-recording-')) return nodeFileSystem.remove(path, options);
        throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      },
    };
    const collection = openTestCollection(new TestClock(NOW), { fileSystem: readOnlyRemove });
    const saved = save(collection, 2);
    const error = refusal(() => dispatch(collection, 'recordings.delete', { recordingId: saved.id }));
    expect(error.code).toBe('storage');
    expect(list(collection, 2)).toEqual([saved]);
    expect(existsSync(join(collection.mediaDir, saved.fileName))).toBe(true);
  });
});

describe('a card with recordings', () => {
  it('keeps them through a delete and its undo', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const saved = [save(collection, 7), save(collection, 7, WEBM, 300)];
    const { batch } = dispatch(collection, 'cards.delete', { cardIds: [7] }) as { batch: number };
    // the card is gone, its recordings' files are not
    expect(refusal(() => list(collection, 7)).code).toBe('not_found');
    expect(collection.db.prepare('SELECT count(*) FROM recordings').pluck().get()).toBe(0);
    for (const recording of saved) expect(existsSync(join(collection.mediaDir, recording.fileName))).toBe(true);
    const { cardIds } = dispatch(collection, 'cards.restore', { batch }) as { cardIds: number[] };
    expect(cardIds).toEqual([7]);
    expect(list(collection, 7).toSorted((a, b) => a.id - b.id)).toEqual(saved);
  });

  it('goes with its recordings when its row is deleted for good', () => {
    const collection = openTestCollection(new TestClock(NOW));
    save(collection, 8);
    collection.db.prepare('DELETE FROM cards WHERE id = 8').run();
    expect(collection.db.prepare('SELECT count(*) FROM recordings').pluck().get()).toBe(0);
  });
});

describe('exports', () => {
  const exportDeck = (collection: Collection, input: Record<string, unknown>) =>
    dispatch(collection, 'export.deck', { deckId: 1, sectionId: 1, ...input }) as ExportedFile;

  function packageOf(file: ExportedFile) {
    const files = unzipSync(Buffer.from(file.dataBase64, 'base64'));
    const map = JSON.parse(strFromU8(files.media)) as Record<string, string>;
    return { files, names: Object.values(map) };
  }

  it('leave recordings out of an Anki package unless asked', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const recording = save(collection, 1);
    const without = packageOf(exportDeck(collection, { format: 'apkg' }));
    expect(without.names).toEqual([]);
    const withThem = packageOf(exportDeck(collection, { format: 'apkg', includeRecordings: true }));
    expect(withThem.names).toEqual([recording.fileName]);
    const index = Object.entries(JSON.parse(strFromU8(withThem.files.media)) as Record<string, string>)[0][0];
    expect(Buffer.from(withThem.files[index])).toEqual(WEBM);
    // Anki plays it on the card's back: the sound tag is in the collection's notes
    expect(Buffer.from(withThem.files['collection.anki21']).includes(`[sound:${recording.fileName}]`)).toBe(true);
    expect(Buffer.from(without.files['collection.anki21']).includes('cue-recording-')).toBe(false);
  });

  it('of a text format refuse to take recordings along, and leave them out otherwise', () => {
    const collection = openTestCollection(new TestClock(NOW));
    save(collection, 1);
    for (const format of ['cue', 'csv', 'revlog']) {
      const error = refusal(() => exportDeck(collection, { format, includeRecordings: true }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/Recordings travel only in an Anki package/);
      const text = Buffer.from(exportDeck(collection, { format }).dataBase64, 'base64').toString();
      expect(text).not.toContain('cue-recording-');
    }
  });
});

describe('arming the microphone outside the desktop app', () => {
  it('arms nothing: the browser asks the person itself', () => {
    const collection = openTestCollection(new TestClock(NOW));
    expect(dispatch(collection, 'recordings.arm', {})).toEqual({ armed: false, expiresInMs: 0 });
    expect(dispatch(collection, 'recordings.disarm', {})).toEqual({ armed: false, expiresInMs: 0 });
  });
});
