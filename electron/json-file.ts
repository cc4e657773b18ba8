/**
 * The desktop shell's small state files in the data folder (where the window was, the day a reminder
 * was settled): written whole to a temporary name and renamed over the old one, so a crash mid-write
 * leaves the previous state; a file that is missing is no state, and one that is damaged is ignored
 * with a warning (it only ever holds what Cue can work out again).
 */
import { existsSync, readFileSync } from 'node:fs';
import { type FileSystem, nodeFileSystem } from './core/file-system';

/** The value in `path` if `valid` accepts it; undefined (and a warning when the file was there but bad). */
export function readJsonFile<T>(
  path: string,
  valid: (value: unknown) => value is T,
  warn: (message: string) => void = console.warn,
): T | undefined {
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    warn(`Ignoring ${path}: it could not be read (${(error as Error).message}).`);
    return undefined;
  }
  if (valid(value)) return value;
  warn(`Ignoring ${path}: it does not hold what Cue expects there.`);
  return undefined;
}

export function writeJsonFile(path: string, value: unknown, fs: FileSystem = nodeFileSystem): void {
  const temporary = `${path}.writing`;
  fs.writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`);
  fs.rename(temporary, path);
}
