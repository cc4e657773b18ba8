/**
 * This installation's sync identity, kept beside the collection (sync.json in the data folder), never
 * inside it: a restored backup keeps the device's id, and a collection file copied to another computer
 * does not bring one along. A data folder copied whole brings sync.json, but it names the computer and
 * the folder it was made for; anywhere else, a new device id is made, so two computers never write one
 * subfolder of the sync folder.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export interface DeviceIdentity {
  device: string;
  /** The sync folder chosen on this computer, or null. */
  folder: string | null;
}

interface StoredIdentity extends DeviceIdentity {
  host: string;
  dataDir: string;
}

export const SYNC_FILE = 'sync.json';

function newDeviceId(): string {
  // 60 bits, in lowercase base32: short enough to read, long enough never to repeat
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(12)].map((byte) => alphabet[byte % 32]).join('');
}

export function readIdentity(dataDir: string): DeviceIdentity {
  const here = { host: hostname(), dataDir: resolve(dataDir) };
  let stored: Partial<StoredIdentity> = {};
  try {
    stored = JSON.parse(readFileSync(join(dataDir, SYNC_FILE), 'utf8')) as Partial<StoredIdentity>;
  } catch {
    // none yet, or unreadable: a new identity
  }
  if (
    typeof stored.device === 'string' &&
    /^[a-z0-9]{4,64}$/.test(stored.device) &&
    stored.host === here.host &&
    stored.dataDir === here.dataDir
  ) {
    return { device: stored.device, folder: typeof stored.folder === 'string' ? stored.folder : null };
  }
  const identity = { device: newDeviceId(), folder: typeof stored.folder === 'string' ? stored.folder : null };
  writeIdentity(dataDir, identity);
  return identity;
}

export function writeIdentity(dataDir: string, identity: DeviceIdentity): void {
  const stored: StoredIdentity = { ...identity, host: hostname(), dataDir: resolve(dataDir) };
  const file = join(dataDir, SYNC_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(stored, null, 2)}\n`);
  renameSync(temporary, file);
}
