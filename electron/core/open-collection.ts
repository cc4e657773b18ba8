/**
 * Opening a collection's files, in the order that keeps them safe: the folder must take writes, one
 * writer holds the lock, the database is checked (header and schema always; every page after an
 * unclean shutdown) and, when damaged, moved aside for the newest good backup; a migration is
 * preceded by a backup.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CueError } from '../../shared/errors';
import { CollectionLock } from './collection-lock';
import { DamagedDatabaseError, type Db, openCollectionDatabase } from './database';
import { findDamage } from './database-health';
import { describeStorageError, type FileSystem } from './file-system';
import { listBackups, safetyBackup } from './io/backup';
import { recoverDamagedCollection } from './recovery';

export interface OpenContext {
  dataDir: string;
  databasePath: string;
  fs: FileSystem;
  now: number;
  timeZone: string;
  /** Who opens it, for the message a second writer gets. */
  holder: string;
  nativeBinding?: string;
}

export interface OpenedCollection {
  db: Db;
  lock: CollectionLock;
  /** What the person should be told: a restore from a backup, a missing collection. */
  notices: string[];
  /** True when every page was read at open (after an unclean shutdown): no background check needed. */
  checked: boolean;
}

const PROBE_FILE = '.cue-write-check';

/** Opens the collection to change it. */
export function openForWriting(ctx: OpenContext): OpenedCollection {
  prepareDataDir(ctx);
  const lock = CollectionLock.acquire(ctx.dataDir, ctx.holder, ctx.fs, ctx.now, ctx.nativeBinding);
  try {
    const notices: string[] = [];
    const missing = !existsSync(ctx.databasePath);
    let db = openOrRecover(ctx, notices);
    const unclean = lock.leftBehind !== null;
    if (unclean) {
      const damage = findDamage(db);
      if (damage) {
        db.close();
        notices.push(recover(ctx, `a check after the last session ended abruptly found: ${damage}`));
        db = openCollectionDatabase(ctx.databasePath, openOptions(ctx));
      }
    }
    const earlier = missing ? listBackups(join(ctx.dataDir, 'backups')) : [];
    if (earlier.length > 0) {
      notices.push(
        `There was no collection in ${ctx.dataDir}, so Cue started a new one. Backups of an earlier collection are in its backups folder (the newest is ${earlier[0].file}): restore one from Backups to bring it back.`,
      );
    }
    return { db, lock, notices, checked: unclean };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Opens the collection only to read it, beside a writer that holds the lock. */
export function openForReading(ctx: OpenContext): Db {
  try {
    return openCollectionDatabase(ctx.databasePath, { readonly: true, nativeBinding: ctx.nativeBinding });
  } catch (error) {
    if (error instanceof DamagedDatabaseError) {
      throw new CueError(
        'database',
        `The collection in ${ctx.dataDir} is damaged (${error.reason}). Close the program that has it open, then open it in Cue to restore a backup.`,
      );
    }
    throw error;
  }
}

/** The folder exists and takes a write: a read-only disk or a full one is named before anything else. */
function prepareDataDir(ctx: OpenContext): void {
  const probe = join(ctx.dataDir, PROBE_FILE);
  try {
    ctx.fs.mkdir(ctx.dataDir);
    // a probe that is removed at once need not reach the disk: the write alone says whether it can
    ctx.fs.writeFile(probe, 'cue', { flush: false });
    ctx.fs.remove(probe);
  } catch (error) {
    throw describeStorageError(error, `to its data folder ${ctx.dataDir}`) ?? error;
  }
}

function openOptions(ctx: OpenContext) {
  return {
    nativeBinding: ctx.nativeBinding,
    beforeMigrate: (db: Db) => {
      safetyBackup(db, ctx.dataDir, 'before-migration', ctx.now, ctx.fs);
    },
  };
}

function openOrRecover(ctx: OpenContext, notices: string[]): Db {
  try {
    return openCollectionDatabase(ctx.databasePath, openOptions(ctx));
  } catch (error) {
    if (!(error instanceof DamagedDatabaseError)) throw error;
    notices.push(recover(ctx, error.reason));
    return openCollectionDatabase(ctx.databasePath, openOptions(ctx));
  }
}

export function recover(ctx: OpenContext, reason: string): string {
  return recoverDamagedCollection({ ...ctx, reason }).notice;
}
