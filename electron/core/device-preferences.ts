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

function issuesOf(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `it is not JSON (${(error as Error).message})`;
  }
  const parsed = devicePreferences.safeParse({ ...DEFAULT_PREFERENCES, ...(value as object) });
  if (parsed.success) return undefined;
  const first = parsed.error.issues[0];
  return `${first?.path.join('.') || 'the file'}: ${first?.message ?? 'not valid'}`;
}

/** The preferences stored in `dataDir`, the defaults for those never set. */
export function readPreferences(
  dataDir: string,
  now: () => Date = () => new Date(),
  fs: FileSystem = nodeFileSystem,
): PreferencesRead {
  const path = preferencesPath(dataDir);
  if (!existsSync(path)) return { preferences: structuredClone(DEFAULT_PREFERENCES) };
  const text = readFileSync(path, 'utf8');
  const problem = issuesOf(text);
  if (problem === undefined) {
    const stored = JSON.parse(text) as Partial<DevicePreferences>;
    return {
      preferences: devicePreferences.parse({
        ...DEFAULT_PREFERENCES,
        ...stored,
        reminders: { ...DEFAULT_PREFERENCES.reminders, ...stored.reminders },
      }),
    };
  }
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
