/**
 * This computer's preferences (shared/preferences.ts), one small JSON file in the data folder beside the
 * collection. Written whole to a temporary name and renamed over the old one, so a crash mid-write
 * leaves the previous preferences. A file that does not parse, or holds what this version does not
 * know, is set aside under a dated name (never silently overwritten) and the defaults apply, with a
 * warning that says where it went.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_PREFERENCES,
  type DevicePreferences,
  type DevicePreferencesChange,
  devicePreferences,
} from '../../shared/preferences';
import { describeStorageError, type FileSystem, nodeFileSystem } from './file-system';

export const PREFERENCES_FILE = 'preferences.json';

export interface PreferencesRead {
  preferences: DevicePreferences;
  /** Set when a damaged file was moved aside. */
  warning?: string;
}

export function preferencesPath(dataDir: string): string {
  return join(dataDir, PREFERENCES_FILE);
}

/** The stored preferences with the defaults filled in where a field (or a reminder's field) is missing. */
function withDefaults(stored: Record<string, unknown>): unknown {
  const reminders = stored.reminders;
  return {
    ...DEFAULT_PREFERENCES,
    ...stored,
    reminders:
      reminders !== null && typeof reminders === 'object' && !Array.isArray(reminders)
        ? { ...DEFAULT_PREFERENCES.reminders, ...reminders }
        : (reminders ?? DEFAULT_PREFERENCES.reminders),
  };
}

/** The file's preferences, or what is wrong with it. */
function parsePreferences(text: string): { preferences: DevicePreferences } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `it is not JSON (${(error as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { problem: 'it is not a JSON object' };
  const parsed = devicePreferences.safeParse(withDefaults(value as Record<string, unknown>));
  if (parsed.success) return { preferences: parsed.data };
  const first = parsed.error.issues[0];
  return { problem: `${first?.path.join('.') || 'the file'}: ${first?.message ?? 'not valid'}` };
}

/** The preferences stored in `dataDir`, the defaults for those never set. */
export function readPreferences(
  dataDir: string,
  now: () => Date = () => new Date(),
  fs: FileSystem = nodeFileSystem,
): PreferencesRead {
  const path = preferencesPath(dataDir);
  if (!existsSync(path)) return { preferences: structuredClone(DEFAULT_PREFERENCES) };
  const read = parsePreferences(readFileSync(path, 'utf8'));
  if ('preferences' in read) return { preferences: read.preferences };
  const problem = read.problem;
  const aside = `${path}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`;
  fs.rename(path, aside);
  return {
    preferences: structuredClone(DEFAULT_PREFERENCES),
    warning: `This computer's preferences in ${path} could not be read (${problem}); they were moved to ${aside} and the defaults apply.`,
  };
}

/** The preferences `change` makes of `current` (validated: a bad value throws, nothing is written). */
export function changedPreferences(current: DevicePreferences, change: DevicePreferencesChange): DevicePreferences {
  return devicePreferences.parse({
    ...current,
    ...(change.theme === undefined ? {} : { theme: change.theme }),
    reminders: { ...current.reminders, ...definedOnly(change.reminders ?? {}) },
  });
}

/** `{ a: undefined }` changes nothing, as a field left out does. */
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Writes the whole file: to a temporary name, then renamed over the old one. */
export function writePreferences(
  dataDir: string,
  preferences: DevicePreferences,
  fs: FileSystem = nodeFileSystem,
): void {
  const path = preferencesPath(dataDir);
  const temporary = `${path}.writing`;
  try {
    fs.writeFile(temporary, `${JSON.stringify(preferences, null, 2)}\n`);
    fs.rename(temporary, path);
  } catch (error) {
    throw describeStorageError(error, `this computer's preferences in ${path}`) ?? error;
  }
}
