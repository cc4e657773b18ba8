/** How the Sync screen says things: moments, what joining does, devices (a kept conflict: lib/conflict-words.ts). */
import type { SyncDevice, SyncJoinPreview } from '../../../shared/sync';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A moment in the user's locale, e.g. "Tue, 2 Jun 2026, 10:00:12": the exact time, for a title. */
export function exactTime(ms: number): string {
  return new Date(ms).toLocaleString([], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

function ago(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}

/**
 * "just now", "2 minutes ago", "3 hours ago", "yesterday", "5 days ago"; after four weeks, the day. Another
 * device's clock may run a little ahead of this one's: a moment up to a minute ahead is "just now", one
 * further ahead is given as it is, since "in 3 hours" would read as a promise.
 */
export function relativeTime(ms: number, now: number): string {
  const elapsed = now - ms;
  if (elapsed < -MINUTE) return exactTime(ms);
  if (elapsed < 45_000) return 'just now';
  if (elapsed < HOUR) return ago(Math.max(1, Math.round(elapsed / MINUTE)), 'minute');
  if (elapsed < DAY) return ago(Math.round(elapsed / HOUR), 'hour');
  const days = Math.round(elapsed / DAY);
  if (days === 1) return 'yesterday';
  if (days < 28) return ago(days, 'day');
  return new Date(ms).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' });
}

export const MODE_TITLES: Record<SyncJoinPreview['mode'], string> = {
  start: 'Start a synced collection',
  adopt: 'Take the collection in the folder',
  merge: 'Merge with the collection in the folder',
};

/** This computer first, then the others by name (the folder lists them by id, which means nothing to a person). */
export function devicesInOrder(devices: SyncDevice[]): SyncDevice[] {
  return [...devices].sort(
    (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.device.localeCompare(b.device),
  );
}

/**
 * A device's newest change in words: none yet for this computer (or a device with no files), and "not read
 * yet" for another device whose files are there but not merged (a preview, or files still unreadable).
 */
export function lastChangeWords(device: SyncDevice): string | null {
  if (device.lastChange !== null) return null;
  return device.self || device.segments === 0 ? 'None yet' : 'Not read yet';
}

/** "3 files" as the devices table counts a device's segment files. */
export function fileCount(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'file' : 'files'}`;
}
