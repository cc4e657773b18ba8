/**
 * One Cue per data folder. Electron's single-instance lock lives in the userData folder, so making the
 * data folder the userData folder makes the lock the data folder's: a second launch on the same folder
 * finds the first and hands it its command line (and focus); a launch on another folder (`--data-dir`,
 * CUE_DATA_DIR) runs beside it. Chromium's own files (caches, storage) then go to a folder of their own
 * inside, so they never mix with the collection's. Plain Node, no Electron.
 */
import { join, resolve } from 'node:path';

export interface InstancePaths {
  /** The collection's folder, absolute. */
  dataDir: string;
  /** Electron's userData: the key of the single-instance lock. */
  userData: string;
  /** Electron's sessionData: Chromium's caches and storage. */
  sessionData: string;
}

/** The folder Chromium's session files get inside a data folder that is not Electron's default. */
export const SESSION_FOLDER = 'electron-session';

/** `requested`: `--data-dir` or CUE_DATA_DIR, if given; `defaultUserData`: Electron's own userData. */
export function instancePaths(requested: string | undefined, defaultUserData: string, cwd: string): InstancePaths {
  const dataDir = resolve(cwd, requested || defaultUserData);
  if (dataDir === resolve(defaultUserData)) return { dataDir, userData: dataDir, sessionData: dataDir };
  return { dataDir, userData: dataDir, sessionData: join(dataDir, SESSION_FOLDER) };
}

/** `--data-dir DIR` or `--data-dir=DIR` on a command line. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  return optionFromArgv(argv, 'data-dir');
}

/** `--sync-dir DIR` or `--sync-dir=DIR`: the folder to sync through, chosen at launch. */
export function syncDirFromArgv(argv: readonly string[]): string | undefined {
  return optionFromArgv(argv, 'sync-dir');
}

function optionFromArgv(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
}

/** What a second launch passes the first (Electron's additionalData), and how the first reads it. */
export interface SecondLaunch {
  dataDir: string;
}

/**
 * Whether a second launch's message is for this instance: Electron only joins launches that share the
 * lock, so this holds; it is checked anyway, since acting on another folder's files would import into
 * the wrong collection.
 */
export function isForThisInstance(data: unknown, dataDir: string): boolean {
  const other = (data as Partial<SecondLaunch> | null)?.dataDir;
  return typeof other !== 'string' || resolve(other) === resolve(dataDir);
}
