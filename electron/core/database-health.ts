/**
 * Is a collection file sound? The header and the schema are checked at every open (cheap, and they
 * catch an empty, truncated or overwritten file); `PRAGMA quick_check` reads every page and runs after
 * an unclean shutdown, or in a worker thread once the collection is open, so a large collection still
 * opens at once; `PRAGMA integrity_check` also checks every index against its table, on demand.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CueError } from '../../shared/errors';
import { latestSchemaVersion } from './migrations';

/** PRAGMA application_id of a Cue collection: "Cue1". */
export const CUE_APPLICATION_ID = 0x43756531;

const SQLITE_MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;

export type FileHealth = { kind: 'missing' } | { kind: 'sound' } | { kind: 'damaged'; reason: string };

/** What the first 100 bytes and the size of the file say, without opening it as a database. */
export function inspectHeader(path: string): FileHealth {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (size === 0) return { kind: 'damaged', reason: 'the file is empty (0 bytes)' };
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (size < HEADER_BYTES || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    return { kind: 'damaged', reason: 'the file does not start with an SQLite header' };
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    return { kind: 'damaged', reason: `its header names an impossible page size (${rawPageSize})` };
  }
  if (size % pageSize !== 0) {
    return {
      kind: 'damaged',
      reason: `it is cut short: ${size} bytes is not a whole number of ${pageSize}-byte pages`,
    };
  }
  // the page count in the header is meaningful when the change counter matches "version-valid-for"
  const pages = header.readUInt32BE(28);
  if (header.readUInt32BE(24) === header.readUInt32BE(92) && pages * pageSize > size) {
    return { kind: 'damaged', reason: `it is cut short: it should hold ${pages} pages but has ${size / pageSize}` };
  }
  return { kind: 'sound' };
}

/** The tables every Cue collection of a schema version has; one missing means the schema is damaged. */
function requiredTables(version: number): string[] {
  if (version === 0) return [];
  return ['decks', 'sections', 'cards', version >= 8 ? 'review_log' : 'reviews'];
}

export interface SchemaFacts {
  applicationId: number;
  version: number;
  tables: number;
}

/**
 * Reads the schema through an open connection: Cue's application id, a version this Cue knows and
 * the tables that version has. A foreign or newer file is refused (it is not damaged, only not ours);
 * an unreadable schema is damage.
 */
export function checkSchema(db: Database.Database, path: string): FileHealth {
  let facts: SchemaFacts;
  let names: Set<string>;
  try {
    facts = {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      version: db.pragma('user_version', { simple: true }) as number,
      tables: db.prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").pluck().get() as number,
    };
    names = new Set(
      db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')").pluck().all() as string[],
    );
  } catch (error) {
    if (isDamage(error)) return { kind: 'damaged', reason: `its schema cannot be read (${(error as Error).message})` };
    throw error;
  }
  if (facts.applicationId !== CUE_APPLICATION_ID && (facts.version !== 0 || facts.tables > 0)) {
    throw new CueError(
      'database',
      `${path} is not a Cue collection (it is an SQLite database of another program). Cue left it untouched; move it away or choose another data folder.`,
      { path },
    );
  }
  if (facts.version > latestSchemaVersion) {
    throw new CueError(
      'database',
      `${path} was written by a newer version of Cue (schema ${facts.version}; this Cue knows up to ${latestSchemaVersion}). Update Cue to open it. The file was not changed.`,
      { path, schemaVersion: facts.version, supported: latestSchemaVersion },
    );
  }
  const missing = requiredTables(facts.version).filter((table) => !names.has(table));
  if (missing.length) return { kind: 'damaged', reason: `its schema has lost tables (${missing.join(', ')})` };
  return { kind: 'sound' };
}

/** SQLite's ways of saying the file is not a sound database. */
export function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_INDEX';
}

/** `PRAGMA quick_check` (every page) or `integrity_check` (also indexes against tables): null when sound. */
export function findDamage(db: Database.Database, thorough = false): string | null {
  try {
    const rows = db.pragma(`${thorough ? 'integrity_check' : 'quick_check'}(5)`, { simple: false }) as Record<
      string,
      string
    >[];
    const messages = rows.map((row) => Object.values(row)[0]);
    return messages.length === 1 && messages[0] === 'ok' ? null : messages.join('; ');
  } catch (error) {
    if (isDamage(error)) return (error as Error).message;
    throw error;
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.module);
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  const rows = db.pragma((workerData.thorough ? 'integrity_check' : 'quick_check') + '(5)');
  const messages = rows.map((row) => Object.values(row)[0]);
  parentPort.postMessage({ damage: messages.length === 1 && messages[0] === 'ok' ? null : messages.join('; ') });
} catch (error) {
  const damage = ['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX'].includes(error.code);
  parentPort.postMessage(damage ? { damage: error.message } : { failed: String(error && error.message) });
} finally {
  if (db) db.close();
}
`;

const stopped = () =>
  new CueError('conflict', 'The check stopped before it finished: the collection was closed or replaced meanwhile.');

export interface BackgroundCheck {
  /** null when sound, else what is damaged; rejects only when the check itself could not run. */
  result: Promise<string | null>;
  cancel(): void;
}

/**
 * Runs the check in a worker thread on its own read-only connection: the collection stays usable
 * while every page is read. Where a worker cannot load the addon, the check runs here instead.
 */
export function checkInWorker(
  path: string,
  options: {
    thorough?: boolean;
    nativeBinding?: string;
    /** The addon the worker loads; tests name one it cannot load, to see the check run here instead. */
    workerModule?: string;
  } = {},
): BackgroundCheck {
  let worker: Worker | undefined;
  const inline = () => {
    const db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    try {
      return findDamage(db, options.thorough);
    } finally {
      db.close();
    }
  };
  let cancelled = false;
  let settleStopped: (() => void) | undefined;
  const result = new Promise<string | null>((resolve, reject) => {
    settleStopped = () => reject(stopped());
    // where a worker cannot start or load the addon (a packaged app may not let it), the check runs here
    let fallingBack = false;
    const here = () => {
      fallingBack = true;
      setImmediate(() => {
        if (cancelled) return reject(stopped());
        try {
          resolve(inline());
        } catch (error) {
          reject(error);
        }
      });
    };
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          module: options.workerModule ?? require.resolve('better-sqlite3'),
          path,
          thorough: options.thorough,
          nativeBinding: options.nativeBinding,
        },
      });
    } catch {
      here();
      return;
    }
    worker.once('message', (message: { damage?: string | null; failed?: string }) => {
      if (message.failed !== undefined) here();
      else resolve(message.damage ?? null);
    });
    worker.once('error', here);
    worker.once('exit', (code) => {
      if (code === 0 || fallingBack) return;
      reject(cancelled ? stopped() : new Error(`the check stopped (exit ${code})`));
    });
  });
  return {
    result,
    // Not terminated: a worker stopped while better-sqlite3 raises an error (the file just removed,
    // say) takes the whole process down (v8 ToLocalChecked). Read-only, it finishes on its own and
    // closes its connection; unref'd, it never holds the process open, and nobody hears its answer.
    cancel: () => {
      cancelled = true;
      worker?.unref();
      settleStopped?.();
    },
  };
}
