/**
 * Whole-collection backups: a consistent copy of the database (VACUUM INTO, safe while Cue runs) and
 * the media folder in one zip. Restoring checks the copy first and keeps the collection it replaces.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { CueError } from '../../../shared/errors';
import { CUE_APPLICATION_ID, type Db } from '../database';
import { latestSchemaVersion } from '../migrations';

const MANIFEST = 'cue-backup.json';
const DATABASE_ENTRY = 'collection.sqlite';
/** Like Anki: automatic daily backups, the newest 14 kept. */
export const DAILY_BACKUPS_KEPT = 14;

export interface BackupManifest {
  format: 1;
  createdAt: number;
  schemaVersion: number;
  media: number;
}

export function createBackup(db: Db, mediaDir: string, destination: string, now: number): BackupManifest {
  const work = join(tmpdir(), `cue-backup-${process.pid}-${now}.sqlite`);
  rmSync(work, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(work);
    const entries: Record<string, Uint8Array> = { [DATABASE_ENTRY]: readFileSync(work) };
    const mediaFiles = existsSync(mediaDir) ? readdirSync(mediaDir).filter((name) => !name.startsWith('.')) : [];
    for (const name of mediaFiles) entries[`media/${name}`] = readFileSync(join(mediaDir, name));
    const manifest: BackupManifest = {
      format: 1,
      createdAt: now,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      media: mediaFiles.length,
    };
    entries[MANIFEST] = strToU8(JSON.stringify(manifest, null, 2));
    const temporary = `${destination}.writing`;
    writeFileSync(temporary, zipSync(entries, { level: 6 }));
    renameSync(temporary, destination);
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

/**
 * Puts a checked backup in place of the collection in `dataDir` (which must be closed). The replaced
 * collection and media are kept beside it, named after the moment, so a restore loses nothing; the
 * folder they were moved to is returned (null when there was nothing to replace).
 */
export function restoreBackup(
  backup: CheckedBackup,
  dataDir: string,
  databaseFile: string,
  now: number,
): string | null {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const database = join(dataDir, databaseFile);
  const mediaDir = join(dataDir, 'media');
  const existing = [database, `${database}-wal`, `${database}-shm`, mediaDir].filter((path) => existsSync(path));
  const kept = existing.length ? join(dataDir, `replaced-${stamp}`) : null;
  if (kept) {
    mkdirSync(kept, { recursive: true });
    for (const path of existing) renameSync(path, join(kept, basename(path)));
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(database, backup.database);
  mkdirSync(mediaDir, { recursive: true });
  for (const [name, data] of backup.media) writeFileSync(join(mediaDir, name), data);
  return kept;
}

/** Makes today's automatic backup if there is none yet, and keeps only the newest ones. */
export function dailyBackup(db: Db, dataDir: string, mediaDir: string, now: number, today: string): string | null {
  const dir = join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const name = `daily-${today}.cuebackup`;
  const path = join(dir, name);
  if (existsSync(path)) return null;
  createBackup(db, mediaDir, path, now);
  const daily = readdirSync(dir)
    .filter((file) => /^daily-\d{4}-\d{2}-\d{2}\.cuebackup$/.test(file))
    .sort()
    .reverse();
  for (const old of daily.slice(DAILY_BACKUPS_KEPT)) rmSync(join(dir, old), { force: true });
  return path;
}
