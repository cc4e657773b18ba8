/**
 * The sync folder's layout. Each device writes only under devices/<its id>/, so the file-sync tool never
 * sees two writers of one file and never makes a conflict copy:
 *   devices/<id>/device.json              who the device is (written once, when it joins)
 *   devices/<id>/segments/000000001.cueseg  its changes, one immutable file per write
 *   devices/<id>/snapshots/000000042.cuesnap  the whole collection as of its segment 42 (compaction)
 * A file is written under a temporary name and renamed, and never written again. Names Cue does not know
 * (a sync tool's own temporary files, say) are left alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SYNC_FORMAT } from './sync-event';

export const DEVICE_ID = /^[a-z0-9]{4,64}$/;
const SEGMENT_NAME = /^(\d{9})\.cueseg$/;
const SNAPSHOT_NAME = /^(\d{9})\.cuesnap$/;

export interface DeviceFiles {
  device: string;
  name: string;
  /** Its device.json's format, when it has one. */
  format: number | null;
  /** Segment numbers, ascending. */
  segments: number[];
  snapshots: number[];
}

export function deviceDir(folder: string, device: string): string {
  return join(folder, 'devices', device);
}

export function segmentPath(folder: string, device: string, seq: number): string {
  return join(deviceDir(folder, device), 'segments', `${String(seq).padStart(9, '0')}.cueseg`);
}

export function snapshotPath(folder: string, device: string, seq: number): string {
  return join(deviceDir(folder, device), 'snapshots', `${String(seq).padStart(9, '0')}.cuesnap`);
}

/** A path inside the folder, as the status shows it. */
export function relativeName(folder: string, path: string): string {
  return path.startsWith(folder) ? path.slice(folder.length).replace(/^[\\/]+/, '') : path;
}

function numbered(dir: string, pattern: RegExp): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => pattern.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
}

/** Every device with a subfolder, and its files. */
export function listDevices(folder: string): DeviceFiles[] {
  const root = join(folder, 'devices');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => DEVICE_ID.test(name) && statSync(join(root, name)).isDirectory())
    .sort()
    .map((device) => {
      const dir = join(root, device);
      const info = readDeviceInfo(dir);
      return {
        device,
        name: info.name,
        format: info.format,
        segments: numbered(join(dir, 'segments'), SEGMENT_NAME),
        snapshots: numbered(join(dir, 'snapshots'), SNAPSHOT_NAME),
      };
    });
}

function readDeviceInfo(dir: string): { name: string; format: number | null } {
  try {
    const info = JSON.parse(readFileSync(join(dir, 'device.json'), 'utf8')) as { name?: unknown; format?: unknown };
    return {
      name: typeof info.name === 'string' ? info.name.slice(0, 200) : 'unnamed',
      format: typeof info.format === 'number' ? info.format : null,
    };
  } catch {
    return { name: 'unnamed', format: null };
  }
}

/** Writes `bytes` at `path` whole or not at all: a temporary file in the same folder, then a rename. */
export function writeOnce(path: string, bytes: Buffer | string): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true });
  if (existsSync(path)) throw new Error(`${path} exists already; a sync file is never written twice`);
  const temporary = join(dir, `.${process.pid}-${Date.now()}.cue-partial`);
  writeFileSync(temporary, bytes, { flag: 'wx' });
  renameSync(temporary, path);
}

/** This device's subfolder, with its device.json when it has none yet. */
export function joinFolder(folder: string, device: string, now: number): void {
  const file = join(deviceDir(folder, device), 'device.json');
  if (existsSync(file)) return;
  writeOnce(
    file,
    `${JSON.stringify({ cue: 'sync-device', format: SYNC_FORMAT, device, name: hostname(), joined: now }, null, 2)}\n`,
  );
}
