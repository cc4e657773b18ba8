/**
 * Digests that prove a failed operation changed nothing: every row of every table of the collection
 * (the search index's shadow tables included), and every byte of a folder (the media folder).
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../electron/core/database';

/** A hash of the whole database: each table's rows in rowid (or key) order, tables by name. */
export function databaseDigest(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    hash.update(`table ${table}\n`);
    // virtual tables answer through their shadow tables, which are listed themselves
    const virtual = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string;
    if (/^CREATE VIRTUAL TABLE/i.test(virtual)) continue;
    // in the order of the first two columns (a table of one column has only the one)
    const columns = db.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(table) as number;
    const order = columns > 1 ? '1, 2' : '1';
    const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().iterate() as Iterable<unknown[]>;
    for (const row of rows) hashRow(hash, row);
  }
  hash.update(`user_version ${db.pragma('user_version', { simple: true })}`);
  return hash.digest('hex');
}

/** One row as JSON; blobs as their own bytes, tagged with their length (quicker than hex in JSON). */
function hashRow(hash: Hash, row: unknown[]): void {
  if (!row.some((value) => Buffer.isBuffer(value))) {
    hash.update(`${JSON.stringify(row)}\n`);
    return;
  }
  for (const value of row) {
    if (Buffer.isBuffer(value)) {
      hash.update(`b${value.length}:`);
      hash.update(value);
    } else hash.update(`${JSON.stringify(value)},`);
  }
  hash.update('\n');
}

/** A hash of a folder's files (names, sizes and bytes), recursively; an absent folder hashes as empty. */
export function folderDigest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (folder: string, prefix: string) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else hash.update(`${prefix}${name}\0${readFileSync(path).toString('base64')}\n`);
    }
  };
  walk(dir, '');
  return hash.digest('hex');
}
