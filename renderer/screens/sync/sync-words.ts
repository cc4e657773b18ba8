/** How the Sync screen says things: moments, what joining does, a kept conflict's field, value and reason. */
import type { SyncConflict, SyncDevice, SyncJoinPreview } from '../../../shared/sync';

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

const ENTITY_LABELS: Record<string, string> = {
  card: 'Card',
  note: 'Note',
  deck: 'Deck',
  section: 'Section',
  note_type: 'Note type',
  preset: 'Deck options',
  setting: 'Setting',
};

/** "Note · front": what was edited, and which of its fields. */
export function conflictField(conflict: Pick<SyncConflict, 'entity' | 'field'>): string {
  const entity = ENTITY_LABELS[conflict.entity] ?? conflict.entity;
  return `${entity} · ${conflict.field.replaceAll('_', ' ')}`;
}

export const REASON_LABELS: Record<SyncConflict['reason'], string> = {
  'later-edit': 'A later edit on another device won',
  deleted: 'Deleted on another device meanwhile',
};

/** A note's fields are a list of texts (kept as the JSON of one): read as the texts, not as JSON. */
function textList(value: unknown): string[] | null {
  let list = value;
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      list = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === 'string') ? list : null;
}

/**
 * A losing value as one line of at most `max` characters: text as it is (its runs of white space made one
 * space), anything else as JSON; longer ones cut at a word where one is near, with an ellipsis.
 */
export function shortValue(value: unknown, max = 120): string {
  const texts = textList(value);
  const text =
    texts !== null
      ? texts.join(' · ')
      : typeof value === 'string'
        ? value
        : value === undefined
          ? ''
          : JSON.stringify(value);
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return typeof value === 'string' ? '(empty)' : String(value);
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

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
