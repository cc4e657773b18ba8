/**
 * Media through the sync folder: each image or sound in the collection's media folder is copied once
 * into this device's subfolder under the SHA-256 of its bytes (devices/<id>/media/<hash>), and a media
 * event names it; a device merging the event copies the file into its own media folder under the name
 * the cards use, once its bytes have arrived and match their hash. A name already taken here by other
 * bytes is left as it is (the card showing it is this device's).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cachedStatement, type Db } from '../database';
import { unsafeMediaNameReason } from '../io/anki/anki-media';
import type { Outbox } from './export-events';
import type { MediaEvent } from './sync-event';
import { deviceDir } from './sync-folder';

export function mediaPath(folder: string, device: string, hash: string): string {
  return join(deviceDir(folder, device), 'media', hash);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Files of the media folder the sync folder does not have yet (new, or changed since): copied and named. */
export function exportMedia(db: Db, mediaDir: string, folder: string, outbox: Outbox): void {
  if (!existsSync(mediaDir)) return;
  const known = cachedStatement(db, 'SELECT hash, size, mtime FROM sync_media WHERE name = ?');
  const record = cachedStatement(
    db,
    'INSERT INTO sync_media (name, hash, size, mtime) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hash = excluded.hash, size = excluded.size, mtime = excluded.mtime',
  );
  for (const name of readdirSync(mediaDir).sort()) {
    if (name.startsWith('.') || unsafeMediaNameReason(name) !== null) continue;
    const path = join(mediaDir, name);
    const stat = statSync(path);
    if (!stat.isFile()) continue;
    const before = known.get(name) as { hash: string; size: number; mtime: number } | undefined;
    if (before && before.size === stat.size && before.mtime === Math.floor(stat.mtimeMs)) continue;
    const bytes = readFileSync(path);
    const hash = sha256(bytes);
    record.run(name, hash, stat.size, Math.floor(stat.mtimeMs));
    if (before?.hash === hash) continue;
    const target = mediaPath(folder, outbox.device, hash);
    if (!existsSync(target)) {
      mkdirSync(join(target, '..'), { recursive: true });
      const temporary = `${target}.${process.pid}.cue-partial`;
      copyFileSync(path, temporary);
      renameSync(temporary, target);
    }
    const { id, hlc } = outbox.stamp();
    outbox.push({ type: 'media', id, hlc, name, hash, bytes: stat.size });
  }
}

/**
 * The file a media event names, into the media folder: from the writer's subfolder, checked against
 * its hash. Undefined while its bytes have not arrived (the event waits); a reason when it never can.
 */
export function importMedia(db: Db, mediaDir: string, folder: string, event: MediaEvent): 'done' | 'waiting' {
  const target = join(mediaDir, event.name);
  if (unsafeMediaNameReason(event.name) !== null) return 'done';
  if (existsSync(target)) return 'done';
  const writer = event.id.slice(0, event.id.indexOf('.'));
  const source = mediaPath(folder, writer, event.hash);
  if (!existsSync(source)) return 'waiting';
  const bytes = readFileSync(source);
  if (bytes.length !== event.bytes || sha256(bytes) !== event.hash) return 'waiting';
  mkdirSync(mediaDir, { recursive: true });
  const temporary = join(mediaDir, `.${event.hash.slice(0, 12)}.syncing`);
  copyFileSync(source, temporary);
  renameSync(temporary, target);
  const stat = statSync(target);
  cachedStatement(
    db,
    'INSERT INTO sync_media (name, hash, size, mtime) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hash = excluded.hash, size = excluded.size, mtime = excluded.mtime',
  ).run(event.name, event.hash, stat.size, Math.floor(stat.mtimeMs));
  return 'done';
}

/** Every media file as events of `device`, its bytes put in its subfolder if they are not there (a snapshot). */
export function snapshotMedia(
  db: Db,
  mediaDir: string,
  folder: string,
  device: string,
  push: (event: Omit<MediaEvent, 'id'>) => void,
  hlc: string,
): void {
  const rows = db.prepare('SELECT name, hash, size FROM sync_media ORDER BY name').all() as {
    name: string;
    hash: string;
    size: number;
  }[];
  for (const row of rows) {
    const source = join(mediaDir, row.name);
    const target = mediaPath(folder, device, row.hash);
    if (!existsSync(source)) continue;
    if (!existsSync(target)) {
      mkdirSync(join(target, '..'), { recursive: true });
      const temporary = `${target}.${process.pid}.cue-partial`;
      copyFileSync(source, temporary);
      renameSync(temporary, target);
    }
    push({ type: 'media', hlc, name: row.name, hash: row.hash, bytes: row.size });
  }
}
