/**
 * Deck files opened with Cue from the system: named on the command line (Windows and Linux file
 * associations, and a second launch's command line passed on through the single-instance lock), or
 * through macOS's `open-file` event, which can come before the app is ready. Each ends as an upload the
 * renderer's import preview takes (`#/import?upload=…`), exactly as a file chosen in the window would.
 * Plain Node, no Electron: main.ts feeds it the events.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, posix, win32 } from 'node:path';
import { CueError } from '../shared/errors';
import { MAX_UPLOAD_BYTES, type UploadedFile } from '../shared/io';
import type { Uploads } from './core/io/uploads';

/** What Cue imports, by extension (the same list as the import screen's file dialog). */
export const DECK_FILE_EXTENSIONS = ['.apkg', '.colpkg', '.csv', '.tsv', '.txt', '.md'] as const;

/** Cue's own options that take the next argument as their value (`--data-dir DIR`). */
const OPTIONS_WITH_VALUES = new Set(['--data-dir']);

export function isDeckFile(path: string): boolean {
  return (DECK_FILE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

export interface CommandLine {
  argv: readonly string[];
  /** Where the launch ran from: relative paths are relative to it. */
  cwd: string;
  /**
   * A packaged app's argv is [cue, ...args]; a development run's is [electron, app folder, ...args]
   * (Electron's `process.defaultApp`).
   */
  packaged: boolean;
  /** Whose paths these are: Windows paths resolve as Windows paths. */
  platform: NodeJS.Platform;
}

/**
 * The deck files a command line names, as absolute paths: the executable and the app folder, options
 * (Cue's and the ones Chromium adds to a second instance's argv) and their values are skipped, and so is
 * anything that is not a deck file.
 */
export function deckFilesFromArgv({ argv, cwd, packaged, platform }: CommandLine): string[] {
  const paths = platform === 'win32' ? win32 : posix;
  const args = argv.slice(packaged ? 1 : 2);
  const files: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (OPTIONS_WITH_VALUES.has(arg)) {
      index++;
      continue;
    }
    // `--`, `--flag`, `--flag=value`, `-psn_0_123` (old macOS Finder launches)
    if (arg.startsWith('-')) continue;
    if (isDeckFile(arg)) files.push(paths.resolve(cwd, arg));
  }
  return files;
}

/**
 * Holds deck files opened before the window can take them (macOS sends `open-file` before `ready`; a
 * file on the first command line arrives before the page has loaded), then hands each on in order.
 */
export class DeckFileRouter {
  private pending: string[] = [];
  private open: ((path: string) => void) | null = null;

  /** A file the system asked Cue to open; handed on now if the window is ready, else kept for it. */
  offer(path: string): void {
    if (!isDeckFile(path)) return;
    if (this.open) this.open(path);
    else this.pending.push(path);
  }

  offerAll(paths: readonly string[]): void {
    for (const path of paths) this.offer(path);
  }

  /** The window is ready: the files kept so far go first, then each as it comes. */
  ready(open: (path: string) => void): void {
    this.open = open;
    const kept = this.pending;
    this.pending = [];
    for (const path of kept) open(path);
  }

  /** The window is gone (closed to the tray): files wait for the next one. */
  notReady(): void {
    this.open = null;
  }

  get waiting(): readonly string[] {
    return this.pending;
  }
}

/**
 * Reads a deck file from disk into the collection's uploads: the upload the import preview takes. A file
 * that is missing, a folder, unreadable or too large is an invalid_input error naming it.
 */
export function uploadDeckFile(path: string, uploads: Uploads): UploadedFile {
  const name = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CueError('invalid_input', `${path}: is not a file, so Cue cannot import it.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CueError) throw error;
    throw new CueError('invalid_input', `${path}: cannot be opened (${(error as Error).message}).`, { path });
  }
  if (size > MAX_UPLOAD_BYTES) {
    throw new CueError(
      'invalid_input',
      `${path}: is ${Math.round(size / 1024 / 1024)} MB; Cue imports files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
      { path, limit: MAX_UPLOAD_BYTES },
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CueError('invalid_input', `${path}: cannot be read (${(error as Error).message}).`, { path });
  }
  return uploads.add(name, bytes);
}

/** The route of the import preview for an upload (renderer/lib/route-hash.ts reads it). */
export function importPreviewHash(upload: UploadedFile): string {
  return `#/import?${new URLSearchParams({ upload: upload.upload, file: upload.name, size: String(upload.size) })}`;
}
