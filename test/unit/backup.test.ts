import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import {
  createBackup,
  DAILY_BACKUPS_KEPT,
  dailyBackup,
  readBackup,
  restoreBackup,
} from '../../electron/core/io/backup';
import { latestSchemaVersion } from '../../electron/core/migrations';
import type { HistoryList } from '../../shared/history';
import type { BackupInfo, RestoreResult } from '../../shared/io';
import { contentChecksum, openTestCollection, TestClock, tempDir } from '../helpers/collections';

const NOW = Date.UTC(2026, 5, 1, 10, 0);

function studiedCollection(dataDir = tempDir()) {
  const clock = new TestClock(NOW);
  const collection = openTestCollection(clock, { dataDir });
  collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 5000 });
  collection.handlers['study.answer']({ deckId: 1, cardId: 2, rating: 4, durationMs: 5000 });
  mkdirSync(collection.mediaDir, { recursive: true });
  writeFileSync(join(collection.mediaDir, 'diagram.png'), Buffer.from([137, 80, 78, 71]));
  return { collection, clock, dataDir };
}

describe('backups', () => {
  it('copy the database and media while the collection is open, and restore them into another folder', () => {
    const { collection } = studiedCollection();
    const file = join(tempDir(), 'cue.cuebackup');
    expect(createBackup(collection.db, collection.mediaDir, file, NOW)).toMatchObject({
      format: 1,
      media: 1,
      schemaVersion: latestSchemaVersion,
    });
    const target = tempDir();
    expect(restoreBackup(readBackup(file), target, DATABASE_FILE, NOW)).toBeNull();
    const restored = openTestCollection(new TestClock(NOW), { dataDir: target });
    expect(contentChecksum(restored)).toBe(contentChecksum(collection));
    expect(readFileSync(join(restored.mediaDir, 'diagram.png'))).toEqual(Buffer.from([137, 80, 78, 71]));
  });

  it('keep the collection they replace, beside the restored one', () => {
    const { collection, dataDir } = studiedCollection();
    const file = join(tempDir(), 'before.cuebackup');
    createBackup(collection.db, collection.mediaDir, file, NOW);
    collection.handlers['study.answer']({ deckId: 1, cardId: 3, rating: 3, durationMs: 1000 });
    const later = contentChecksum(collection);
    collection.close();
    const kept = restoreBackup(readBackup(file), dataDir, DATABASE_FILE, NOW + 1000) ?? '';
    expect(existsSync(join(kept, DATABASE_FILE))).toBe(true);
    expect(existsSync(join(kept, 'media', 'diagram.png'))).toBe(true);
    const replaced = openTestCollection(new TestClock(NOW), { dataDir: kept, bundledDeckDir: null });
    expect(contentChecksum(replaced)).toBe(later);
  });

  it('refuse a file that is not a sound Cue backup, saying why', () => {
    const dir = tempDir();
    const write = (name: string, entries: Record<string, Uint8Array>) => {
      const path = join(dir, name);
      writeFileSync(path, zipSync(entries));
      return path;
    };
    const notZip = join(dir, 'notes.txt');
    writeFileSync(notZip, 'hello');
    expect(() => readBackup(notZip)).toThrow(
      /notes\.txt is not a usable Cue backup: it could not be read as a zip file/,
    );
    const manifest = strToU8(JSON.stringify({ format: 1 }));
    expect(() => readBackup(write('empty.cuebackup', { 'cue-backup.json': manifest }))).toThrow(
      /has no collection\.sqlite/,
    );
    expect(() =>
      readBackup(
        write('junk.cuebackup', { 'cue-backup.json': manifest, 'collection.sqlite': strToU8('junk'.repeat(300)) }),
      ),
    ).toThrow(/database cannot be opened|not a Cue collection/);
    const foreign = new Database(':memory:');
    foreign.exec('CREATE TABLE t (x)');
    expect(() =>
      readBackup(write('foreign.cuebackup', { 'cue-backup.json': manifest, 'collection.sqlite': foreign.serialize() })),
    ).toThrow(/its database is not a Cue collection/);
    const { collection } = studiedCollection();
    const good = join(dir, 'good.cuebackup');
    createBackup(collection.db, collection.mediaDir, good, NOW);
    const entries = unzipSync(readFileSync(good));
    entries['media/../evil.sh'] = strToU8('rm -rf /');
    expect(() => readBackup(write('evil.cuebackup', entries))).toThrow(/unsafe media name/);
  });

  it('are made once a day and only the newest 14 are kept', () => {
    const { collection, dataDir } = studiedCollection();
    const days = Array.from({ length: 16 }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`);
    for (const day of days) dailyBackup(collection.db, dataDir, collection.mediaDir, NOW, day);
    expect(dailyBackup(collection.db, dataDir, collection.mediaDir, NOW, '2026-06-16')).toBeNull();
    const kept = readdirSync(join(dataDir, 'backups')).sort();
    expect(kept).toHaveLength(DAILY_BACKUPS_KEPT);
    expect(kept[0]).toBe('daily-2026-06-03.cuebackup');
  });
});

describe('backups through the API', () => {
  it('lists, creates and restores, with the restored collection open again at once', () => {
    const { collection, clock } = studiedCollection();
    expect(dispatch(collection, 'backups.list', {})).toEqual([]);
    const made = dispatch(collection, 'backups.create', {}) as BackupInfo;
    expect(made).toMatchObject({ kind: 'manual', file: 'manual-2026-06-01T10-00-00-000Z.cuebackup' });
    const atBackup = contentChecksum(collection);
    clock.advance(60_000);
    collection.handlers['study.answer']({ deckId: 1, cardId: 3, rating: 3, durationMs: 1000 });
    expect(contentChecksum(collection)).not.toBe(atBackup);
    const result = dispatch(collection, 'backups.restore', { file: made.file }) as RestoreResult;
    expect(result.replacedKeptIn).toMatch(/replaced-/);
    expect(contentChecksum(collection)).toBe(atBackup);
    // the reopened collection works as before
    expect(collection.handlers['study.next']({ deckId: 1 }).card).not.toBeNull();
    // the restored file brings its own history: the answer made after the backup is not in it
    const history = dispatch(collection, 'history.list', {}) as HistoryList;
    expect(history.undo.map((step) => step.cardIds)).not.toContainEqual([3]);
    expect(history.undo.length).toBeGreaterThan(0);
    expect((dispatch(collection, 'backups.list', {}) as BackupInfo[]).map((b) => b.file)).toEqual([made.file]);
  });

  it('refuses a name that is not a backup in the folder, and a damaged backup, changing nothing', () => {
    const { collection } = studiedCollection();
    expect(() => dispatch(collection, 'backups.restore', { file: '../collection.sqlite' })).toThrow(/Invalid input/);
    const made = dispatch(collection, 'backups.create', {}) as BackupInfo;
    writeFileSync(join(collection.dataDir, 'backups', made.file), 'broken');
    const before = contentChecksum(collection);
    expect(() => dispatch(collection, 'backups.restore', { file: made.file })).toThrow(/not a usable Cue backup/);
    expect(contentChecksum(collection)).toBe(before);
    expect(collection.handlers['decks.list']({})[0].cards).toBe(50);
  });
});
