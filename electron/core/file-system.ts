/**
 * The few file operations Cue makes on its own files (media, backups, the lock, moving a damaged
 * collection aside), behind one small interface so tests can make the disk fail: a read-only folder
 * or a full disk cannot be produced for real where tests run as root. SQLite's own writes do not pass
 * here; their failures arrive as SQLITE_FULL, SQLITE_READONLY or SQLITE_IOERR and are described by
 * `describeStorageError` too.
 */
import { mkdirSync, renameSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { CueError } from '../../shared/errors';

export interface FileSystem {
  /** Writes the whole file and flushes it to the disk before returning, unless `flush` is false. */
  writeFile(path: string, data: Uint8Array | string, options?: { mode?: number; flush?: boolean }): void;
  rename(from: string, to: string): void;
  remove(path: string, options?: { recursive?: boolean }): void;
  mkdir(path: string): void;
  /** Bytes free for this user on the disk holding `path`. */
  freeBytes(path: string): number;
}

export const nodeFileSystem: FileSystem = {
  writeFile: (path, data, options) => writeFileSync(path, data, { flush: options?.flush ?? true, mode: options?.mode }),
  rename: (from, to) => renameSync(from, to),
  remove: (path, options) => rmSync(path, { force: true, recursive: options?.recursive ?? false }),
  mkdir: (path) => {
    mkdirSync(path, { recursive: true });
  },
  freeBytes: (path) => {
    const stats = statfsSync(path);
    return Number(stats.bavail) * Number(stats.bsize);
  },
};

const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);
const FULL = new Set(['ENOSPC', 'EDQUOT']);

/**
 * Cue's own words for a disk that refused a write, or null when `error` is something else.
 * `what` says what was being written ("the collection in /x", "media file a.png").
 */
export function describeStorageError(error: unknown, what: string): CueError | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return null;
  if (READ_ONLY.has(code) || code.startsWith('SQLITE_READONLY')) {
    return new CueError(
      'storage',
      `Cue cannot write ${what}: the folder or disk is read-only (${code}). Nothing was changed. Make it writable, or choose another data folder with --data-dir.`,
      { reason: 'read_only', errno: code },
    );
  }
  if (FULL.has(code) || code === 'SQLITE_FULL') {
    return new CueError(
      'storage',
      `Cue cannot write ${what}: the disk is full (${code}). Nothing was changed: the collection is as it was. Free some space and try again.`,
      { reason: 'disk_full', errno: code },
    );
  }
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) {
    return new CueError(
      'storage',
      `Cue cannot write ${what}: the disk reported an input/output error (${code}). The last change was not saved. Check the disk, then try again.`,
      { reason: 'io_error', errno: code },
    );
  }
  if (code === 'ENAMETOOLONG') {
    return new CueError('storage', `Cue cannot write ${what}: the file name is too long for this disk.`, {
      reason: 'name_too_long',
      errno: code,
    });
  }
  return null;
}

/** Runs a write and turns a refusing disk into Cue's own error naming what was written. */
export function writing<T>(what: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw describeStorageError(error, what) ?? error;
  }
}
