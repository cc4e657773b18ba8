/**
 * Collections that are damaged, empty, cut short, unreadable or on a disk that refuses writes, at
 * start and while open: each is detected, says what happened in Cue's words, and loses nothing that
 * can be kept (the damaged file is moved aside whole; the newest good backup takes its place).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Collection, DATABASE_FILE } from '../../electron/core/collection';
import { HOLDER_FILE } from '../../electron/core/collection-lock';
import { CUE_APPLICATION_ID, migrate } from '../../electron/core/database';
import { MS_PER_DAY } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { readBackup } from '../../electron/core/io/backup';
import { migrations } from '../../electron/core/migrations';
import { CueError } from '../../shared/errors';
import { databaseDigest } from '../helpers/collection-digest';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { FaultyFileSystem } from '../helpers/faulty-file-system';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 10, 20, 9, 0);

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function answer(collection: Collection, cardId: number, rating: 1 | 2 | 3 | 4 = 3) {
  return collection.handlers['study.answer']({ deckId: 1, cardId, rating, durationMs: 4000 });
}

const caught = (action: () => unknown) => thrown(CueError, action);

/** A collection studied over `days` days, with a daily backup each day, closed cleanly. */
function studiedWithBackups(days: number) {
  const dataDir = tempDir();
  const clock = new TestClock(NOW - days * MS_PER_DAY);
  const collection = openTestCollection(clock, { dataDir });
  for (let day = 0; day < days; day++) {
    answer(collection, day + 1);
    const made = collection.dailyBackup() ?? '';
    // the newest backup is the one with the newest time on disk, as it would be
    utimesSync(made, new Date(clock.time), new Date(clock.time));
    clock.advance(MS_PER_DAY);
  }
  answer(collection, 40);
  const digest = databaseDigest(collection.db);
  collection.close();
  return { dataDir, clock, digest };
}

/** Overwrites whole pages of the file with random bytes, as a failing disk or a stray write would. */
function scramblePages(path: string, pages: number[], pageSize = 4096): void {
  const fd = openSync(path, 'r+');
  try {
    for (const page of pages) writeSync(fd, randomBytes(pageSize), 0, pageSize, page * pageSize);
  } finally {
    closeSync(fd);
  }
}

const backupsIn = (dataDir: string) => readdirSync(join(dataDir, 'backups')).sort();
const damagedFolders = (dataDir: string) => readdirSync(dataDir).filter((name) => name.startsWith('damaged-'));

describe('a damaged collection at start', () => {
  it('an empty file: the newest good backup comes back, and the 14 daily backups are all still there', () => {
    const { dataDir } = studiedWithBackups(14);
    writeFileSync(join(dataDir, DATABASE_FILE), '');
    const before = backupsIn(dataDir);
    expect(before.filter((f) => f.startsWith('daily-'))).toHaveLength(14);

    const collection = openTestCollection(new TestClock(NOW), { dataDir });
    const [notice] = collection.recoveries;
    expect(notice).toContain('Cue found its collection damaged: the file is empty (0 bytes).');
    expect(notice).toMatch(/Cue restored the backup of .* \(daily-2026-11-19\.cuebackup\)\./);
    expect(notice).toContain('What changed after it could not be read from the damaged file');
    const [moved] = damagedFolders(dataDir);
    expect(notice).toContain(join(dataDir, moved));
    expect(statSync(join(dataDir, moved, DATABASE_FILE)).size).toBe(0);
    // the restored collection has the answers of the first 14 days
    expect(collection.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(14);
    expect(collection.handlers['collection.info']({}).recoveries).toContain(notice);
    expect(backupsIn(dataDir)).toEqual(before);
  });

  it('a file cut to half its size: detected from its header, with what the backup misses counted', () => {
    const { dataDir } = studiedWithBackups(3);
    const path = join(dataDir, DATABASE_FILE);
    truncateSync(path, Math.floor(statSync(path).size / 2 / 4096) * 4096);
    const collection = openTestCollection(new TestClock(NOW), { dataDir });
    expect(collection.recoveries[0]).toMatch(/it is cut short: it should hold \d+ pages but has \d+/);
    expect(collection.recoveries[0]).toContain('daily-2026-11-19.cuebackup');
    expect(collection.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(3);
  });

  it('a file that is not a database at all, with no backup: moved aside whole, and a new collection', () => {
    const dataDir = tempDir();
    const path = join(dataDir, DATABASE_FILE);
    writeFileSync(path, 'not a database\n'.repeat(500));
    const before = sha256(path);
    const collection = openTestCollection(new TestClock(NOW), { dataDir });
    expect(collection.recoveries[0]).toContain('No backup could be restored, so Cue started a new, empty collection.');
    expect(sha256(join(dataDir, damagedFolders(dataDir)[0], DATABASE_FILE))).toBe(before);
    expect(collection.handlers['decks.list']({})).toHaveLength(1);
  });

  it('passes over a damaged backup for the next older one', () => {
    const { dataDir } = studiedWithBackups(3);
    writeFileSync(join(dataDir, 'backups', 'daily-2026-11-19.cuebackup'), 'garbage');
    writeFileSync(join(dataDir, DATABASE_FILE), '');
    const collection = openTestCollection(new TestClock(NOW), { dataDir });
    expect(collection.recoveries[0]).toContain('(daily-2026-11-18.cuebackup)');
    expect(collection.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(2);
  });

  it('after an unclean shutdown every page is read before the collection is used', () => {
    const { dataDir } = studiedWithBackups(2);
    // the holder file a crashed Cue leaves behind, and damage inside the file
    writeFileSync(join(dataDir, HOLDER_FILE), JSON.stringify({ name: 'cue serve', pid: 1, host: 'x', since: 0 }));
    scramblePages(join(dataDir, DATABASE_FILE), [3, 4]);
    const collection = openTestCollection(new TestClock(NOW), { dataDir, backgroundCheck: false });
    expect(collection.recoveries[0]).toContain('a check after the last session ended abruptly found');
    expect(collection.recoveries[0]).toContain('daily-2026-11-19.cuebackup');
    expect(collection.handlers['decks.list']({})[0].cards).toBe(50);
  });

  it('keeps a file of a newer Cue untouched, and refuses it with its own message', () => {
    const dataDir = tempDir();
    openTestCollection(new TestClock(NOW), { dataDir }).close();
    const path = join(dataDir, DATABASE_FILE);
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    const before = sha256(path);
    expect(caught(() => openTestCollection(new TestClock(NOW), { dataDir })).message).toContain('newer version of Cue');
    expect(sha256(path)).toBe(before);
    expect(damagedFolders(dataDir)).toEqual([]);
  });
});

describe('damage found while the collection is open', () => {
  it('the background check finds scrambled pages; the collection is recovered before more is written into it', async () => {
    const { dataDir } = studiedWithBackups(2);
    scramblePages(join(dataDir, DATABASE_FILE), [3, 4]);
    // the check a collection starts by itself when it opens
    const collection = openTestCollection(new TestClock(NOW), { dataDir, backgroundCheck: true });
    expect(await collection.maintenance()).toBeNull();
    expect(collection.recoveries.at(-1)).toContain('Cue restored the backup of');
    // the restored collection is sound and takes answers
    expect(await collection.checkInBackground(true)).toBeNull();
    expect(answer(collection, 20).reviewId).toBeGreaterThan(0);
  });

  it('the daily backup never copies a collection that fails the check, and keeps the good ones', async () => {
    const { dataDir, clock } = studiedWithBackups(14);
    const before = backupsIn(dataDir).map((file) => sha256(join(dataDir, 'backups', file)));
    scramblePages(join(dataDir, DATABASE_FILE), [3, 4]);
    const collection = openTestCollection(new TestClock(clock.time + MS_PER_DAY), { dataDir });
    expect(await collection.maintenance()).toBeNull();
    const after = backupsIn(dataDir).filter((file) => file.startsWith('daily-'));
    expect(after).toHaveLength(14);
    expect(after.map((file) => sha256(join(dataDir, 'backups', file)))).toEqual(before);
  });

  it('a sound collection gets its daily backup once the check has passed', async () => {
    const dataDir = tempDir();
    const collection = openTestCollection(new TestClock(NOW), { dataDir });
    answer(collection, 1);
    const made = await collection.maintenance();
    expect(made).toBe(join(dataDir, 'backups', 'daily-2026-11-20.cuebackup'));
    expect(await collection.maintenance()).toBeNull();
  });

  it('SQLITE_CORRUPT from a handler recovers the collection and says so instead of writing on', () => {
    const { dataDir } = studiedWithBackups(2);
    scramblePages(join(dataDir, DATABASE_FILE), [2, 3, 4, 5, 6, 7, 8]);
    // no bundled deck to load, so nothing reads the damaged pages before the first call does
    const collection = openTestCollection(new TestClock(NOW), {
      dataDir,
      backgroundCheck: false,
      bundledDeckDir: null,
    });
    let error: CueError | undefined;
    for (const method of ['decks.list', 'stats', 'cards.search'] as const) {
      try {
        const input = method === 'stats' ? { deckId: 1 } : method === 'cards.search' ? { query: 'model' } : {};
        dispatch(collection, method, input);
      } catch (caughtError) {
        error = caughtError as CueError;
        break;
      }
    }
    expect(error?.code).toBe('database');
    expect(error?.message).toContain('Cue found its collection damaged');
    expect(dispatch(collection, 'decks.list', {})).toHaveLength(1);
  });
});

describe('a disk that refuses writes', () => {
  it('a read-only folder is named as such, not as "not a Cue collection", and nothing changes', () => {
    const { dataDir, digest } = studiedWithBackups(1);
    const before = sha256(join(dataDir, DATABASE_FILE));
    const fs = new FaultyFileSystem().failWrites('EROFS');
    const error = caught(() => openTestCollection(new TestClock(NOW), { dataDir, fileSystem: fs }));
    expect(error.code).toBe('storage');
    expect(error.message).toContain(
      `Cue cannot write to its data folder ${dataDir}: the folder or disk is read-only (EROFS)`,
    );
    expect(error.message).not.toContain('not a Cue collection');
    expect(sha256(join(dataDir, DATABASE_FILE))).toBe(before);
    // and a read beside it still works
    const reader = openTestCollection(new TestClock(NOW), { dataDir, readOnly: true });
    expect(databaseDigest(reader.db)).toBe(digest);
  });

  it('a full disk at start says the disk is full', () => {
    const { dataDir } = studiedWithBackups(1);
    const fs = new FaultyFileSystem().failWrites('ENOSPC');
    const error = caught(() => openTestCollection(new TestClock(NOW), { dataDir, fileSystem: fs }));
    expect(error.message).toContain('the disk is full (ENOSPC)');
  });

  it('SQLITE_FULL mid-answer: refused in Cue’s words, the collection exactly as before that answer', () => {
    const collection = openTestCollection(new TestClock(NOW));
    answer(collection, 1);
    const pages = collection.db.pragma('page_count', { simple: true }) as number;
    collection.db.pragma(`max_page_count = ${pages}`);
    let error: CueError | undefined;
    let before = '';
    for (let card = 2; card <= 50 && !error; card++) {
      before = databaseDigest(collection.db);
      try {
        dispatch(collection, 'study.answer', { deckId: 1, cardId: card, rating: 3, durationMs: 1000 });
      } catch (caughtError) {
        error = caughtError as CueError;
      }
    }
    expect(error?.code).toBe('storage');
    expect(error?.message).toContain('the disk is full (SQLITE_FULL)');
    expect(error?.message).toContain('Nothing was changed');
    expect(databaseDigest(collection.db)).toBe(before);
    // with room again, studying goes on
    collection.db.pragma(`max_page_count = ${pages * 100}`);
    expect(dispatch(collection, 'study.next', { deckId: 1 })).toBeTruthy();
  });

  it('a full disk while writing a backup leaves no half-written file', () => {
    const dataDir = tempDir();
    const fs = new FaultyFileSystem();
    const collection = openTestCollection(new TestClock(NOW), { dataDir, fileSystem: fs });
    fs.failWrites('ENOSPC', /backups/);
    const error = caught(() => collection.dailyBackup());
    expect(error.message).toContain('the disk is full');
    expect(existsSync(join(dataDir, 'backups')) ? backupsIn(dataDir) : []).toEqual([]);
  });
});

describe('backups Cue makes before it changes a collection in bulk', () => {
  it('before a migration: the old schema, database only', () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const old = new Database(join(dataDir, DATABASE_FILE));
    old.pragma(`application_id = ${CUE_APPLICATION_ID}`);
    migrate(old, migrations.slice(0, 7));
    old.close();
    openTestCollection(new TestClock(NOW), { dataDir });
    const [backup] = backupsIn(dataDir);
    expect(backup).toMatch(/^before-migration-2026-11-20T09-00-00-000Z\.cuebackup$/);
    expect(readBackup(join(dataDir, 'backups', backup)).manifest).toMatchObject({
      schemaVersion: 7,
      includesMedia: false,
    });
  });
});
