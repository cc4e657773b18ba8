/**
 * An import that fails changes nothing: the collection and the media folder are byte for byte as they
 * were, whether it fails reading the file, checking it, writing its media or committing its cards.
 * A preview that passes means the apply will.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { MAX_MEDIA_NAME_BYTES } from '../../electron/core/media-files';
import { CueError } from '../../shared/errors';
import { buildPackage, CollectionBuilder, STOCK } from '../helpers/anki-packages';
import { databaseDigest, folderDigest } from '../helpers/collection-digest';
import { FIXTURES, openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { FaultyFileSystem } from '../helpers/faulty-file-system';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 10, 20, 9, 0);
const PACKAGE = 'anki-apkg-export-output.apkg';
const original = () => readFileSync(join(FIXTURES, 'anki', PACKAGE));

/** The fixture with its collection edited by `sql` and its media map replaced, as a stranger might. */
function edited(sql: string | null, mediaMap?: Record<string, string>): Uint8Array {
  const entries = unzipSync(original());
  if (sql) {
    const dir = mkdtempSync(join(tmpdir(), 'cue-apkg-'));
    try {
      const path = join(dir, 'collection.anki2');
      writeFileSync(path, entries['collection.anki2']);
      const db = new Database(path);
      db.exec(sql);
      db.close();
      entries['collection.anki2'] = readFileSync(path);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (mediaMap) entries.media = new TextEncoder().encode(JSON.stringify(mediaMap));
  return zipSync(entries);
}

const CHANGED = "UPDATE notes SET flds = 'CHANGED-' || replace(flds, char(31), char(31) || 'CHANGED-')";

function snapshot(collection: Collection) {
  return { database: databaseDigest(collection.db), media: folderDigest(collection.mediaDir) };
}

const failure = (action: () => unknown) => thrown(CueError, action);

const questions = (collection: Collection) =>
  collection.db.prepare("SELECT question FROM cards WHERE key LIKE 'n%' ORDER BY id").pluck().all() as string[];

describe('the import the probe broke', () => {
  it('a media name of 5,000 characters: the preview and the apply agree, and the file is kept under a short name', () => {
    const collection = openTestCollection(new TestClock(NOW));
    collection.importFile(PACKAGE, original(), { dryRun: false });
    collection.importFile(PACKAGE, edited(CHANGED), { dryRun: false });
    expect(questions(collection).every((q) => q.startsWith('CHANGED-'))).toBe(true);

    const hostile = edited(null, { '0': `${'a'.repeat(5000)}.png` });
    const preview = collection.importFile(PACKAGE, hostile, { dryRun: true });
    const applied = collection.importFile(PACKAGE, hostile, { dryRun: false });
    expect(applied).toEqual(preview);
    expect(applied).toMatchObject({ media: 1, updated: { cards: 3 } });
    const [kept] = readdirSync(collection.mediaDir).filter((name) => name.startsWith('aaa'));
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(MAX_MEDIA_NAME_BYTES);
    expect(kept).toMatch(/^a+-[0-9a-f]{8}\.png$/);
    expect(questions(collection).some((q) => q.startsWith('CHANGED-'))).toBe(false);
  });
});

describe('an import that fails part way', () => {
  /** A collection that has imported the package once and then studied, with the changed package at hand. */
  function prepared(fs = new FaultyFileSystem(), fillers = 0) {
    const dataDir = tempDir();
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock, { dataDir, fileSystem: fs });
    collection.importFile(PACKAGE, original(), { dryRun: false });
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 2000 });
    const b = new CollectionBuilder();
    const deck = b.deck('Pictures');
    for (let i = 0; i < 3; i++) b.note(STOCK.basic(), [`<img src="p${i}.png">`, `picture ${i}`], { deck });
    for (let i = 0; i < fillers; i++) b.note(STOCK.basic(), [`note ${i}`, 'words '.repeat(300)], { deck });
    const media = [0, 1, 2].map((i) => ({ name: `p${i}.png`, data: new Uint8Array(1000 + i).fill(i + 1) }));
    clock.advance(60_000);
    return { collection, fs, clock, pictures: buildPackage({ layout: 'legacy1', collection: b.spec, media }) };
  }

  it('the disk fills up at the second media file: no file stays, no card comes in', () => {
    const { collection, fs, pictures } = prepared();
    const before = snapshot(collection);
    fs.failNthWrite(2, 'ENOSPC', /media/);
    const error = failure(() => collection.importFile('pictures.apkg', pictures, { dryRun: false }));
    expect(error.code).toBe('storage');
    expect(error.message).toMatch(/Cue cannot write the media file p1\.png into .*media: the disk is full \(ENOSPC\)/);
    expect(snapshot(collection)).toEqual(before);
  });

  it('the database fills up in the transaction, after the media were written: those go again', () => {
    // enough notes that the transaction must grow the file
    const { collection, pictures } = prepared(new FaultyFileSystem(), 200);
    const before = snapshot(collection);
    const pages = collection.db.pragma('page_count', { simple: true }) as number;
    collection.db.pragma(`max_page_count = ${pages}`);
    const error = failure(() => collection.importFile('pictures.apkg', pictures, { dryRun: false }));
    expect(error.code).toBe('storage');
    collection.db.pragma(`max_page_count = ${pages * 100}`);
    expect(snapshot(collection)).toEqual(before);
    expect(readdirSync(collection.mediaDir).some((name) => /^p\d\.png$/.test(name))).toBe(false);
  });

  it('too little free space is found by the preview already, with the sizes named', () => {
    const { collection, fs, pictures } = prepared();
    const before = snapshot(collection);
    fs.free = 1024 * 1024;
    for (const dryRun of [true, false]) {
      const error = failure(() => collection.importFile('pictures.apkg', pictures, { dryRun }));
      expect(error.message).toMatch(
        /The import needs about 17 MB for its 3 media files, and the disk holding .* has 1 MB free/,
      );
    }
    expect(snapshot(collection)).toEqual(before);
  });

  it('a read-only media folder: the same, in its own words', () => {
    const { collection, fs, pictures } = prepared();
    const before = snapshot(collection);
    fs.failWrites('EROFS', /media/);
    const error = failure(() => collection.importFile('pictures.apkg', pictures, { dryRun: false }));
    expect(error.message).toContain('the folder or disk is read-only (EROFS)');
    expect(snapshot(collection)).toEqual(before);
  });

  it('a package that cannot be read changes nothing and makes no backup', () => {
    const { collection, pictures } = prepared();
    const before = snapshot(collection);
    const backups = readdirSync(join(collection.dataDir, 'backups'));
    const error = failure(() => collection.importFile('pictures.apkg', pictures.slice(0, 200), { dryRun: false }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('pictures.apkg');
    expect(snapshot(collection)).toEqual(before);
    expect(readdirSync(join(collection.dataDir, 'backups'))).toEqual(backups);
  });

  it('an import that succeeds was preceded by a database backup; a preview makes none', () => {
    const { collection, pictures, clock } = prepared();
    const backupsDir = join(collection.dataDir, 'backups');
    const count = () => readdirSync(backupsDir).filter((f) => f.startsWith('before-import-')).length;
    const first = count();
    expect(first).toBe(1);
    collection.importFile('pictures.apkg', pictures, { dryRun: true });
    expect(count()).toBe(first);
    collection.importFile('pictures.apkg', pictures, { dryRun: false });
    expect(existsSync(join(collection.mediaDir, 'p2.png'))).toBe(true);
    expect(count()).toBe(2);
    // one older than 30 days goes when the next is made; the newest always stays
    clock.advance(31 * 86_400_000);
    collection.importFile(PACKAGE, original(), { dryRun: false });
    expect(count()).toBe(1);
  });
});

describe('backups made before imports', () => {
  it('are kept at most ten, the newest ones', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    for (let i = 0; i < 12; i++) {
      clock.advance(60_000);
      collection.importFile(PACKAGE, original(), { dryRun: false });
    }
    const kept = readdirSync(join(collection.dataDir, 'backups')).filter((f) => f.startsWith('before-import-'));
    expect(kept).toHaveLength(10);
    expect(kept.sort()[0]).toBe('before-import-2026-11-20T09-03-00-000Z.cuebackup');
  });
});
