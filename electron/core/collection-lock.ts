/**
 * One writer per collection. Whoever opens a collection to change it (the desktop app, the web host,
 * a CLI command that writes) holds an exclusive SQLite lock on `collection.lock` beside it; the
 * operating system releases it when that process ends, however it ends, so a crash never leaves a
 * stale lock. Who holds it is written to `collection.lock.json`, for the message a second writer
 * gets; that file is removed on a clean close, so finding it when taking the lock means the last
 * writer did not close cleanly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CueError } from '../../shared/errors';
import type { FileSystem } from './file-system';

export const LOCK_FILE = 'collection.lock';
export const HOLDER_FILE = 'collection.lock.json';

export interface LockHolder {
  /** What holds it, in words: "the Cue desktop app", "cue serve". */
  name: string;
  pid: number;
  host: string;
  since: number;
}

export class CollectionLock {
  private constructor(
    private readonly db: Database.Database,
    private readonly holderPath: string,
    private readonly fs: FileSystem,
    /** The holder file a previous writer left behind: it did not close the collection cleanly. */
    readonly leftBehind: LockHolder | null,
  ) {}

  /** Takes the lock or throws a conflict naming who holds it. */
  static acquire(dataDir: string, name: string, fs: FileSystem, now: number, nativeBinding?: string): CollectionLock {
    const holderPath = join(dataDir, HOLDER_FILE);
    const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0, nativeBinding });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (held INTEGER); COMMIT;');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      throw heldBy(dataDir, readHolder(holderPath));
    }
    const leftBehind = readHolder(holderPath);
    const holder: LockHolder = { name, pid: process.pid, host: hostname(), since: now };
    try {
      fs.writeFile(holderPath, `${JSON.stringify(holder, null, 2)}\n`);
    } catch (error) {
      db.close();
      throw error;
    }
    return new CollectionLock(db, holderPath, fs, leftBehind);
  }

  /** Lets go: the holder file goes first, so a crash between the two still reads as unclean. */
  release(): void {
    if (!this.db.open) return;
    try {
      this.fs.remove(this.holderPath);
    } finally {
      this.db.close();
    }
  }
}

function readHolder(path: string): LockHolder | null {
  if (!existsSync(path)) return null;
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof holder.name === 'string' && typeof holder.pid === 'number' ? holder : null;
  } catch {
    // a holder file cut short by a crash still says the last close was not clean
    return { name: 'an earlier Cue', pid: 0, host: '', since: 0 };
  }
}

function heldBy(dataDir: string, holder: LockHolder | null): CueError {
  const who = holder
    ? `${holder.name} (process ${holder.pid}${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ''}, since ${new Date(holder.since).toISOString().slice(0, 16).replace('T', ' ')} UTC)`
    : 'another Cue process';
  return new CueError(
    'conflict',
    `The collection in ${dataDir} is open in ${who}. One program at a time may change a collection: close it there first. Read-only commands (cue decks, stats, search, card, export, backup) work beside it.`,
    { dataDir, holder },
  );
}
