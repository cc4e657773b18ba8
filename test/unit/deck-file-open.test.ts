/**
 * Deck files opened with Cue from the system (electron/deck-file-open.ts): picked from a command line
 * (Windows and Linux file associations, a second launch's argv), held when they come before the window
 * (macOS open-file before ready), and read into an upload the import preview takes, which previews as a
 * chosen file does.
 */
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Collection } from '../../electron/core/collection';
import { Uploads } from '../../electron/core/io/uploads';
import {
  DeckFileRouter,
  deckFilesFromArgv,
  importPreviewHash,
  isDeckFile,
  uploadDeckFile,
} from '../../electron/deck-file-open';
import { parseRoute } from '../../renderer/lib/route-hash';
import { CueError } from '../../shared/errors';
import { MAX_UPLOAD_BYTES } from '../../shared/io';
import { FIXTURES, tempDir } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

describe('deck files on a command line', () => {
  it('a packaged app: the executable is skipped, the files kept, relative ones made absolute', () => {
    const argv = ['/opt/Cue/cue', 'Spanish.apkg', '/home/me/notes.TSV', 'backup.colpkg', 'deck.md'];
    expect(deckFilesFromArgv({ argv, cwd: '/home/me/Downloads', packaged: true, platform: 'linux' })).toEqual([
      '/home/me/Downloads/Spanish.apkg',
      '/home/me/notes.TSV',
      '/home/me/Downloads/backup.colpkg',
      '/home/me/Downloads/deck.md',
    ]);
  });

  it('a development run: electron and the app folder are skipped', () => {
    const argv = ['/repo/node_modules/electron/dist/electron', '/repo', '/tmp/words.csv'];
    expect(deckFilesFromArgv({ argv, cwd: '/repo', packaged: false, platform: 'linux' })).toEqual(['/tmp/words.csv']);
    // the app folder itself is never taken for a file, even when it ends like one
    expect(
      deckFilesFromArgv({ argv: ['electron', 'app.md'], cwd: '/repo', packaged: false, platform: 'linux' }),
    ).toEqual([]);
  });

  it("skips options, Chromium's too, and the value of --data-dir", () => {
    const argv = [
      'C:\\Program Files\\Cue\\Cue.exe',
      '--data-dir',
      'D:\\decks.csv',
      '--allow-file-access-from-files',
      '--original-process-start-time=13345',
      '-psn_0_1234',
      '--',
      'Desktop\\kanji.apkg',
    ];
    expect(deckFilesFromArgv({ argv, cwd: 'C:\\Users\\me', packaged: true, platform: 'win32' })).toEqual([
      'C:\\Users\\me\\Desktop\\kanji.apkg',
    ]);
  });

  it('ignores what Cue does not import, and a plain launch names nothing', () => {
    expect(
      deckFilesFromArgv({
        argv: ['/opt/Cue/cue', 'photo.png', 'x.pdf', 'deck'],
        cwd: '/',
        packaged: true,
        platform: 'darwin',
      }),
    ).toEqual([]);
    expect(deckFilesFromArgv({ argv: ['/opt/Cue/cue'], cwd: '/', packaged: true, platform: 'darwin' })).toEqual([]);
    expect(['a.apkg', 'a.COLPKG', 'a.csv', 'a.tsv', 'a.txt', 'a.md'].every(isDeckFile)).toBe(true);
    expect(['a.cuebackup', 'a.apkg.part', 'apkg', 'a.json'].some(isDeckFile)).toBe(false);
  });
});

describe('routing opened files to the window', () => {
  it('keeps files opened before the window is ready (macOS open-file before ready) and hands them on in order', () => {
    const router = new DeckFileRouter();
    router.offer('/Users/me/one.apkg');
    router.offer('/Users/me/two.csv');
    router.offer('/Users/me/photo.png');
    expect(router.waiting).toEqual(['/Users/me/one.apkg', '/Users/me/two.csv']);
    const opened: string[] = [];
    router.ready((path) => opened.push(path));
    expect(opened).toEqual(['/Users/me/one.apkg', '/Users/me/two.csv']);
    expect(router.waiting).toEqual([]);
    // once ready, a file goes straight through (a second instance's argv, a later open-file)
    router.offerAll(['/Users/me/three.md']);
    expect(opened.at(-1)).toBe('/Users/me/three.md');
  });

  it('waits again while there is no window (closed to the tray)', () => {
    const router = new DeckFileRouter();
    const opened: string[] = [];
    router.ready((path) => opened.push(path));
    router.notReady();
    router.offer('/home/me/later.tsv');
    expect(opened).toEqual([]);
    router.ready((path) => opened.push(`new window: ${path}`));
    expect(opened).toEqual(['new window: /home/me/later.tsv']);
  });
});

describe('an opened file becomes an upload the import preview takes', () => {
  it('reads the file into the uploads, under its own name, and previews it like a chosen file', () => {
    const dataDir = tempDir();
    const collection = new Collection({ dataDir, bundledDeckDir: null, backgroundCheck: false });
    try {
      const path = join(FIXTURES, 'csv', 'anki-notes-basic.txt');
      const upload = uploadDeckFile(path, collection.uploads);
      expect(upload).toMatchObject({ name: 'anki-notes-basic.txt', size: readFileSync(path).length });
      const route = parseRoute(importPreviewHash(upload));
      expect(route).toEqual({ name: 'import', opened: upload });
      const preview = collection.handlers['import.preview']({ upload: upload.upload });
      expect(preview.fileName).toBe('anki-notes-basic.txt');
      expect(preview.summary.cards).toBeGreaterThan(0);
    } finally {
      collection.close();
    }
  });

  it('refuses a missing file, a folder and a file that is too large, naming it', () => {
    const dir = tempDir();
    const uploads = new Uploads(tempDir());
    const missing = join(dir, 'gone.apkg');
    expect(thrown(CueError, () => uploadDeckFile(missing, uploads))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(`${missing}: cannot be opened`),
    });
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder);
    expect(thrown(CueError, () => uploadDeckFile(folder, uploads)).message).toBe(
      `${folder}: is not a file, so Cue cannot import it.`,
    );
    // sparse: as large as it says, refused before a byte is read
    const huge = join(dir, 'huge.apkg');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_UPLOAD_BYTES + 1);
    expect(thrown(CueError, () => uploadDeckFile(huge, uploads)).message).toBe(
      `${huge}: is 400 MB; Cue imports files up to 400 MB.`,
    );
    const small = join(dir, 'ok.tsv');
    writeFileSync(small, 'front\tback\n');
    expect(uploadDeckFile(small, uploads).size).toBe(11);
  });
});
