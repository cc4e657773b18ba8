import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CueError } from '../../shared/errors';
import { latestSchemaVersion, type Migration, migrations } from './migrations';

export type Db = Database.Database;

/** PRAGMA application_id of a Cue collection: "Cue1". */
export const CUE_APPLICATION_ID = 0x43756531;

export interface OpenOptions {
  /** Path to the native addon built for the running runtime (Electron has its own ABI). */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) a Cue collection and brings its schema up to date.
 * A file that is not a Cue collection, or one written by a newer Cue, is refused before anything is
 * written to it.
 */
export function openCollectionDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:' && existsSync(path)) inspectExisting(path, options);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { nativeBinding: options.nativeBinding });
  try {
    configure(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit: an answer survives a crash of the process and of the machine.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Statistics read years of reviews: map the file and keep more pages cached than SQLite's 2 MB default.
  db.pragma('mmap_size = 268435456');
  db.pragma('cache_size = -32768');
}

/** Read-only look at an existing file, so a foreign or newer file is never modified. */
function inspectExisting(path: string, options: OpenOptions): void {
  let db: Db | undefined;
  try {
    db = new Database(path, {
      readonly: true,
      fileMustExist: true,
      nativeBinding: options.nativeBinding,
    });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as {
      n: number;
    };
    if (applicationId !== CUE_APPLICATION_ID && (version !== 0 || tables.n > 0)) {
      throw notCue(path, 'it is an SQLite database of another program');
    }
    if (version > latestSchemaVersion) {
      throw new CueError(
        'database',
        `${path} was written by a newer version of Cue (schema ${version}; this Cue knows up to ${latestSchemaVersion}). Update Cue to open it. The file was not changed.`,
        { path, schemaVersion: version, supported: latestSchemaVersion },
      );
    }
  } catch (error) {
    if (error instanceof CueError) throw error;
    const reason = (error as Error).message;
    throw notCue(path, /not a database|file is encrypted/i.test(reason) ? 'it is not an SQLite database' : reason);
  } finally {
    db?.close();
  }
}

function notCue(path: string, reason: string): CueError {
  return new CueError(
    'database',
    `${path} is not a Cue collection (${reason}). Cue left it untouched; move it away or choose another data directory.`,
    { path },
  );
}

/** Applies every pending migration in one transaction, recording the version in user_version. */
export function migrate(db: Db, target: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = target.length;
  if (current > latest) {
    throw new CueError(
      'database',
      `The collection was written by a newer version of Cue (schema ${current}; this Cue knows up to ${latest}). Update Cue to open it.`,
    );
  }
  if (current === latest) return current;
  db.transaction(() => {
    for (const migration of target.slice(current)) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.pragma(`application_id = ${CUE_APPLICATION_ID}`);
  })();
  return latest;
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection: for paths that run thousands of times. */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
