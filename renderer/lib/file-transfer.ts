/**
 * Files between the person's disk and Cue. Up, a browser streams a chosen or dropped File to the web host
 * as it is read; the desktop app carries it as base64 in one call, encoded in slices so a large package
 * never freezes the window. Down, an export becomes a Blob saved through `<a download>` (a save dialog in
 * Electron, a download in a browser).
 */

import { CueError } from '../../shared/errors';
import { type ExportedFile, MAX_UPLOAD_BYTES, type UploadedFile } from '../../shared/io';
import { call, sendFile } from './api-client';

/** What the Import screen's file dialog offers: every format Cue reads. */
export const IMPORT_ACCEPT = '.apkg,.colpkg,.md,.csv,.tsv,.txt';

/** files.upload takes at most 400 MiB of base64, so the file itself may be 3/4 of that, less room for the rest. */
const MAX_UPLOAD_BASE64 = 400 * 1024 * 1024 - 64 * 1024;
const MAX_BASE64_UPLOAD_BYTES = Math.floor(MAX_UPLOAD_BASE64 / 4) * 3;
/** The largest file this window can hand to Cue: streamed (a browser) or as base64 (the desktop app). */
export const MAX_FILE_BYTES = sendFile ? MAX_UPLOAD_BYTES : MAX_BASE64_UPLOAD_BYTES;

/** A multiple of 3, so the base64 of each slice joins with the next without padding in between. */
const SLICE_BYTES = 3 * 1024 * 1024;
/** Small enough to pass as arguments to String.fromCharCode. */
const CHAR_RUN = 0x8000;

/** Lets the browser paint and handle input between two slices of work. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, 0));
}

/**
 * The built-in base64 of typed arrays (Chromium 140 and later: Electron's and current browsers), about eight
 * times faster than btoa over strings; not yet in TypeScript's library.
 */
type NativeBase64 = {
  toBase64?: (this: Uint8Array) => string;
};
type NativeBase64Constructor = {
  fromBase64?: (base64: string) => Uint8Array<ArrayBuffer>;
};

function sliceToBase64(slice: Uint8Array): string {
  const native = (slice as NativeBase64).toBase64;
  if (native) return native.call(slice);
  let binary = '';
  for (let at = 0; at < slice.length; at += CHAR_RUN) {
    binary += String.fromCharCode(...slice.subarray(at, at + CHAR_RUN));
  }
  return btoa(binary);
}

/** Base64 of `bytes`, a slice at a time; `onProgress` gets the share done, 0 to 1. */
export async function encodeBase64(bytes: Uint8Array, onProgress?: (fraction: number) => void): Promise<string> {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
    const slice = bytes.subarray(start, start + SLICE_BYTES);
    parts.push(sliceToBase64(slice));
    onProgress?.(Math.min(1, (start + slice.length) / bytes.length));
    await nextTask();
  }
  return parts.join('');
}

export function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as NativeBase64Constructor).fromBase64;
  if (native) return native.call(Uint8Array, base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Hands a File to Cue; `onProgress` gets the share read so far. Too large a file is refused here, before it is read, with the same kind of error
 * (invalid_input, file named) that the core gives for a bad file.
 */
export async function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<UploadedFile> {
  if (file.size > MAX_FILE_BYTES) {
    throw new CueError(
      'invalid_input',
      `${file.name}: is ${fileSize(file.size)}; Cue imports files up to ${fileSize(MAX_FILE_BYTES)}.`,
    );
  }
  if (sendFile) return sendFile(file, onProgress);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const dataBase64 = await encodeBase64(bytes, onProgress);
  return call('files.upload', { name: file.name, dataBase64 });
}

/**
 * Chromium fetches the blob after click() returns; revoking the URL at once can cancel a large download,
 * so it is released a little later.
 */
const REVOKE_AFTER_MS = 60_000;

/** Saves an exported file: the browser's download, or Electron's save dialog. */
export function saveFile(file: ExportedFile): void {
  const blob = new Blob([decodeBase64(file.dataBase64)], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

const sizeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** "812 bytes", "21.1 KB", "3.4 MB" (1 KB = 1024 bytes, as file managers on Windows and Linux count). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${sizeFormat.format(value)} ${units[unit]}`;
}
