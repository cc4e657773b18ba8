import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CueError } from '../../shared/errors';
import { CUE_APPLICATION_ID, checkSchema, inspectHeader, isDamage } from './database-health';
import { latestSchemaVersion, type Migration, migrations } from './migrations';

export type Db = Database.Database;

export { CUE_APPLICATION_ID };

export interface OpenOptions {
  /** Path to the native addon built for the running runtime (Electron has its own ABI). */
  nativeBinding?: string;
  /** Open without changing anything: no migration, no journal-mode change (beside another writer). */
  readonly?: boolean;
  /** Called with the open database before pending migrations run (Cue backs it up there). */
  beforeMigrate?: (db: Db, from: number) => void;
}

/** The file is there but is not a sound database: the caller moves it aside and restores a backup. */
export class DamagedDatabaseError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} is damaged: ${reason}`);
    this.name = 'DamagedDatabaseError';
  }
}

/**
 * Opens (creating if needed) a Cue collection and brings its schema up to date. The header and the
 * schema are checked first through a read-only connection: damage is a DamagedDatabaseError, and a
 * file of another program or of a newer Cue is refused before anything is written to it.
 */
export function openCollectionDatabase(path: string, options: OpenOptions = {}): Db {
  const inMemory = path === ':memory:';
  if (!inMemory) {
    const health = inspectHeader(path);
    if (health.kind === 'damaged') throw new DamagedDatabaseError(path, health.reason);
    if (health.kind === 'missing' && options.readonly) {
      throw new CueError('not_found', `There is no collection at ${path} yet.`, { path });
    }
    if (health.kind === 'sound') inspectSchema(path, options);
    else mkdirSync(dirname(path), { recursive: true });
  }
  const db = new Database(path, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly === true,
    fileMustExist: options.readonly === true,
  });
  try {
    configure(db, options.readonly === true);
    if (options.readonly) assertCurrent(db, path);
    else migrate(db, migrations, options.beforeMigrate);
    return db;
  } catch (error) {
    db.close();
    if (isDamage(error)) throw new DamagedDatabaseError(path, (error as Error).message);
    throw error;
  }
}

function configure(db: Db, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit: an answer survives a crash of the process and of the machine.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Statistics read years of reviews: map the file and keep more pages cached than SQLite's 2 MB default.
  db.pragma('mmap_size = 268435456');
  db.pragma('cache_size = -32768');
  registerFunctions(db);
}

/** Compiled patterns of `re:` searches, by source: a search runs its pattern over every card. */
const patterns = new Map<string, RegExp>();

/**
 * SQL functions Cue's queries call. cue_regexp(pattern, text): whether `text` holds a match of the
 * JavaScript regular expression `pattern`, in any case (the browser's `re:`, as Anki's).
 */
function registerFunctions(db: Db): void {
  db.function('cue_regexp', { deterministic: true }, (pattern: unknown, text: unknown) => {
    if (typeof pattern !== 'string' || typeof text !== 'string') return 0;
    let compiled = patterns.get(pattern);
    if (!compiled) {
      if (patterns.size > 100) patterns.clear();
      compiled = new RegExp(pattern, 'iu');
      patterns.set(pattern, compiled);
    }
    return compiled.test(text) ? 1 : 0;
  });
}

/** Read-only look at an existing file, so a foreign, newer or damaged file is never modified. */
function inspectSchema(path: string, options: OpenOptions): void {
  let db: Db | undefined;
  let health: ReturnType<typeof checkSchema>;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    health = checkSchema(db, path);
  } catch (error) {
    if (error instanceof CueError) throw error;
    if (isDamage(error)) throw new DamagedDatabaseError(path, (error as Error).message);
    throw error;
  } finally {
    db?.close();
  }
  if (health.kind === 'damaged') throw new DamagedDatabaseError(path, health.reason);
}

/** Beside another writer nothing may be migrated: the schema must already be this Cue's. */
function assertCurrent(db: Db, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== latestSchemaVersion) {
    throw new CueError(
      'conflict',
      `${path} has schema ${version}, and this Cue works with ${latestSchemaVersion}; open it for writing once to update it.`,
      { path, schemaVersion: version },
    );
  }
}

/** Applies every pending migration in one transaction, recording the version in user_version. */
export function migrate(
  db: Db,
  target: readonly Migration[] = migrations,
  beforeMigrate?: (db: Db, from: number) => void,
): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = target.length;
  if (current > latest) {
    throw new CueError(
      'database',
      `The collection was written by a newer version of Cue (schema ${current}; this Cue knows up to ${latest}). Update Cue to open it.`,
    );
  }
  if (current === latest) return current;
  if (current > 0) beforeMigrate?.(db, current);
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
