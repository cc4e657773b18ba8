/**
 * Whole-collection backups: a consistent copy of the database (VACUUM INTO, safe while Cue runs) and
 * the media folder in one zip. Restoring checks the copy first and keeps the collection it replaces.
 * Cue also backs up the database alone before every migration and every import, kept apart from the
 * daily backups and pruned by age.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { CueError } from '../../../shared/errors';
import { BACKUP_FILE_NAME, BACKUP_KINDS, type BackupInfo, type BackupKind } from '../../../shared/io';
import type { Db } from '../database';
import { CUE_APPLICATION_ID } from '../database-health';
import { type FileSystem, nodeFileSystem, writing } from '../file-system';
import { latestSchemaVersion } from '../migrations';

const MANIFEST = 'cue-backup.json';
const DATABASE_ENTRY = 'collection.sqlite';
/** Like Anki: automatic daily backups, the newest 14 kept. */
export const DAILY_BACKUPS_KEPT = 14;
/** Backups made before a migration or an import are kept this long (the newest of each kind always)… */
export const SAFETY_BACKUP_DAYS = 30;
/** …and no more of each kind than this, so many imports of a large collection do not fill the disk. */
export const SAFETY_BACKUPS_KEPT = 10;
const MS_PER_DAY = 86_400_000;

export interface BackupManifest {
  format: 1;
  createdAt: number;
  schemaVersion: number;
  media: number;
  /** False for the database-only backups made before a migration or an import; absent means true. */
  includesMedia?: boolean;
}

export interface BackupOptions {
  /** Database only: the media folder is left out (and left alone by a restore). */
  databaseOnly?: boolean;
  fs?: FileSystem;
}

export function createBackup(
  db: Db,
  mediaDir: string,
  destination: string,
  now: number,
  options: BackupOptions = {},
): BackupManifest {
  const fs = options.fs ?? nodeFileSystem;
  const work = join(tmpdir(), `cue-backup-${process.pid}-${now}-${Math.random().toString(36).slice(2)}.sqlite`);
  try {
    db.prepare('VACUUM INTO ?').run(work);
    const entries: Record<string, Uint8Array> = { [DATABASE_ENTRY]: readFileSync(work) };
    const mediaFiles =
      !options.databaseOnly && existsSync(mediaDir)
        ? readdirSync(mediaDir).filter((name) => !name.startsWith('.'))
        : [];
    for (const name of mediaFiles) entries[`media/${name}`] = readFileSync(join(mediaDir, name));
    const manifest: BackupManifest = {
      format: 1,
      createdAt: now,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      media: mediaFiles.length,
      ...(options.databaseOnly ? { includesMedia: false } : {}),
    };
    entries[MANIFEST] = strToU8(JSON.stringify(manifest, null, 2));
    const temporary = `${destination}.writing`;
    writing(`the backup ${destination}`, () => {
      try {
        // database-only backups are made before imports, where fast matters more than small: stored,
        // not compressed (compressing a 300 MB collection takes seconds)
        fs.writeFile(temporary, zipSync(entries, { level: options.databaseOnly ? 0 : 6 }));
        fs.rename(temporary, destination);
      } catch (error) {
        fs.remove(temporary);
        throw error;
      }
    });
    return manifest;
  } finally {
    rmSync(work, { force: true });
  }
}

export interface CheckedBackup {
  manifest: BackupManifest;
  database: Uint8Array;
  media: Map<string, Uint8Array>;
}

/** Reads a backup and checks that its database is a sound Cue collection this Cue can open. */
export function readBackup(path: string): CheckedBackup {
  const fail = (reason: string): never => {
    throw new CueError('invalid_input', `${path} is not a usable Cue backup: ${reason}.`, { path });
  };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(readFileSync(path));
  } catch (error) {
    return fail(`it could not be read as a zip file (${(error as Error).message})`);
  }
  const manifestBytes = entries[MANIFEST] ?? fail(`it has no ${MANIFEST}`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes)) as BackupManifest;
  } catch {
    return fail(`its ${MANIFEST} is not valid JSON`);
  }
  const database = entries[DATABASE_ENTRY] ?? fail(`it has no ${DATABASE_ENTRY}`);
  checkDatabase(database, fail);
  const media = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    if (!name.startsWith('media/')) continue;
    const file = name.slice('media/'.length);
    if (!file || file !== basename(file) || file.startsWith('.')) fail(`it holds an unsafe media name "${name}"`);
    media.set(file, data);
  }
  return { manifest, database, media };
}

function checkDatabase(bytes: Uint8Array, fail: (reason: string) => never): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(Buffer.from(bytes));
    if (db.pragma('application_id', { simple: true }) !== CUE_APPLICATION_ID)
      fail('its database is not a Cue collection');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) fail(`it was made by a newer Cue (schema ${version})`);
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') fail(`its database is damaged (${check})`);
  } catch (error) {
    if (error instanceof CueError) throw error;
    fail(`its database cannot be opened (${(error as Error).message})`);
  } finally {
    db?.close();
  }
}

/** The files that make up a collection on disk: the database with its write-ahead log. */
export function databaseFiles(database: string): string[] {
  return [database, `${database}-wal`, `${database}-shm`];
}

/**
 * Puts a checked backup in place of the collection in `dataDir` (which must be closed). The replaced
 * collection and media are kept beside it, named after the moment, so a restore loses nothing; the
 * folder they were moved to is returned (null when there was nothing to replace). A database-only
 * backup leaves the media folder as it is.
 */
export function restoreBackup(
  backup: CheckedBackup,
  dataDir: string,
  databaseFile: string,
  now: number,
  fs: FileSystem = nodeFileSystem,
): string | null {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const database = join(dataDir, databaseFile);
  const mediaDir = join(dataDir, 'media');
  const withMedia = backup.manifest.includesMedia !== false;
  const existing = [...databaseFiles(database), ...(withMedia ? [mediaDir] : [])].filter((path) => existsSync(path));
  const kept = existing.length ? unusedPath(join(dataDir, `replaced-${stamp}`)) : null;
  return writing(`the restored collection in ${dataDir}`, () => {
    if (kept) {
      fs.mkdir(kept);
      for (const path of existing) fs.rename(path, join(kept, basename(path)));
    }
    fs.mkdir(dataDir);
    fs.writeFile(database, backup.database);
    fs.mkdir(mediaDir);
    for (const [name, data] of backup.media) {
      if (withMedia || !existsSync(join(mediaDir, name))) fs.writeFile(join(mediaDir, name), data);
    }
    return kept;
  });
}

/** `path`, or `path-2`, `path-3`… when it is taken: two restores in one millisecond keep both collections. */
export function unusedPath(path: string): string {
  let candidate = path;
  for (let n = 2; existsSync(candidate); n++) candidate = `${path}-${n}`;
  return candidate;
}

/** The backups in a folder, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => BACKUP_FILE_NAME.test(file))
    .map((file) => {
      const stat = statSync(join(dir, file));
      return { file, kind: kindOf(file), createdAt: stat.mtimeMs, size: stat.size };
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

function kindOf(file: string): BackupKind {
  return BACKUP_KINDS.find((kind) => file.startsWith(`${kind}-`)) ?? 'manual';
}

/** A backup's file name for a moment: `manual-2026-12-01T10-00-00-000Z.cuebackup`. */
export function backupName(kind: Exclude<BackupKind, 'daily'>, now: number): string {
  return `${kind}-${new Date(now).toISOString().replace(/[:.]/g, '-')}.cuebackup`;
}

/**
 * Today's automatic backup, if there is none yet. The copy is checked before it counts: a backup that
 * fails the check is removed and nothing is pruned, so the newest 14 kept are all good ones.
 */
export function dailyBackup(
  db: Db,
  dataDir: string,
  mediaDir: string,
  now: number,
  today: string,
  fs: FileSystem = nodeFileSystem,
): string | null {
  const dir = join(dataDir, 'backups');
  writing(`the backups folder ${dir}`, () => fs.mkdir(dir));
  const path = join(dir, `daily-${today}.cuebackup`);
  if (existsSync(path)) return null;
  createBackup(db, mediaDir, path, now, { fs });
  try {
    readBackup(path);
  } catch (error) {
    fs.remove(path);
    throw new CueError('database', `Today's backup was not kept: ${(error as Error).message}`);
  }
  const daily = readdirSync(dir)
    .filter((file) => /^daily-\d{4}-\d{2}-\d{2}\.cuebackup$/.test(file))
    .sort()
    .reverse();
  for (const old of daily.slice(DAILY_BACKUPS_KEPT)) fs.remove(join(dir, old));
  return path;
}

/**
 * The database alone, before Cue changes it in bulk (a migration, an import), in `backups/`; older
 * ones of the kind are pruned by age and number, the newest always kept.
 */
export function safetyBackup(
  db: Db,
  dataDir: string,
  kind: 'before-import' | 'before-migration',
  now: number,
  fs: FileSystem = nodeFileSystem,
): string {
  const dir = join(dataDir, 'backups');
  writing(`the backups folder ${dir}`, () => fs.mkdir(dir));
  const path = join(dir, backupName(kind, now));
  createBackup(db, join(dataDir, 'media'), path, now, { databaseOnly: true, fs });
  const older = listBackups(dir)
    .filter((b) => b.kind === kind && b.file !== basename(path))
    .sort((a, b) => stampOf(b.file, b.createdAt) - stampOf(a.file, a.createdAt));
  older.forEach((backup, index) => {
    const tooOld = now - stampOf(backup.file, backup.createdAt) > SAFETY_BACKUP_DAYS * MS_PER_DAY;
    if (tooOld || index >= SAFETY_BACKUPS_KEPT - 1) fs.remove(join(dir, backup.file));
  });
  return path;
}

/** The moment in a backup's name (mtime when the name has none). */
function stampOf(file: string, fallback: number): number {
  const match = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(file);
  if (!match) return fallback;
  const [, day, h, m, s, ms] = match;
  return Date.parse(`${day}T${h}:${m}:${s}.${ms}Z`);
}
