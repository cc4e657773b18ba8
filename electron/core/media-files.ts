/**
 * The collection's media folder: images and sounds cards refer to by bare file name (Anki's
 * convention). A file keeps its name when it is free; the same bytes under a taken name reuse the file
 * there; different bytes get the name with a short hash of their content, so no card's picture ever
 * changes under it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { CueError } from '../../shared/errors';
import { type FileSystem, nodeFileSystem, writing } from './file-system';
import { unsafeMediaNameReason } from './io/anki/anki-media';

/** Images a person can paste or drop into a card (what Chromium shows in an <img>). */
export const CARD_IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.bmp'] as const;
export const MAX_CARD_IMAGE_BYTES = 20 * 1024 * 1024;

export interface MediaPlacement {
  /** The name the file has (or will have) in the media folder. */
  name: string;
  /** True when a file with these bytes is already there under that name. */
  present: boolean;
}

/** Like Anki: names stay short enough for every disk and path, with room for the folders above them. */
export const MAX_MEDIA_NAME_BYTES = 120;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

const shortHash = (data: Uint8Array | string) => createHash('sha1').update(data).digest('hex').slice(0, 8);

/**
 * A name every system can store, for a media file called `name` (already a single safe path
 * component): NFC, no characters Windows refuses, no trailing dots or spaces, not a device name, and
 * at most MAX_MEDIA_NAME_BYTES bytes (the stem is cut and tagged with a hash of the whole name, so
 * two long names that share a beginning stay apart). Cards refer to the file by the new name.
 */
export function portableMediaName(name: string): string {
  let clean = name
    .normalize('NFC')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/[. ]+$/, '');
  if (!clean) clean = 'media';
  if (WINDOWS_DEVICE.test(clean)) clean = `_${clean}`;
  if (Buffer.byteLength(clean) <= MAX_MEDIA_NAME_BYTES) return clean;
  let extension = extname(clean);
  if (Buffer.byteLength(extension) > 16) extension = '';
  const tag = `-${shortHash(name)}${extension}`;
  let stem = clean.slice(0, clean.length - extname(clean).length);
  while (Buffer.byteLength(stem) + tag.length > MAX_MEDIA_NAME_BYTES) stem = [...stem].slice(0, -1).join('');
  return `${stem}${tag}`;
}

/**
 * Where `data`, offered as `name`, goes in the media folder; `planned` holds names already given to
 * other files of the same import.
 */
export function placeMedia(
  mediaDir: string,
  name: string,
  data: Uint8Array,
  planned: ReadonlyMap<string, Uint8Array> = new Map(),
): MediaPlacement {
  const same = (other: Uint8Array) => Buffer.from(other).equals(Buffer.from(data));
  const taken = (candidate: string): 'free' | 'same' | 'different' => {
    const other = planned.get(candidate);
    if (other) return same(other) ? 'same' : 'different';
    const target = join(mediaDir, candidate);
    if (!existsSync(target)) return 'free';
    return same(readFileSync(target)) ? 'same' : 'different';
  };
  const first = taken(name);
  if (first !== 'different') return { name, present: first === 'same' };
  const extension = extname(name);
  const renamed = `${name.slice(0, name.length - extension.length)}-${shortHash(data)}${extension}`;
  return { name: renamed, present: taken(renamed) === 'same' };
}

/**
 * Writes through a temporary name and flushes before the rename, so a crash never leaves half a file
 * under the real name, and a card committed after this call never points at a file not yet on disk.
 */
export function writeMediaFile(
  mediaDir: string,
  name: string,
  data: Uint8Array,
  fs: FileSystem = nodeFileSystem,
): void {
  fs.mkdir(mediaDir);
  const temporary = join(mediaDir, `.${shortHash(name)}.writing`);
  try {
    fs.writeFile(temporary, data);
    fs.rename(temporary, join(mediaDir, name));
  } catch (error) {
    fs.remove(temporary);
    throw error;
  }
}

/** A plain, portable file name from what the person's system called the file. */
function cleanName(offered: string): string {
  const base = offered.split(/[/\\]/).pop() ?? '';
  const extension = extname(base).toLowerCase();
  const stem = base
    .slice(0, base.length - extname(base).length)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '-')
    .replace(/^[.\s-]+|[\s-]+$/g, '')
    .slice(0, 80);
  return `${stem || 'image'}${extension}`;
}

/** Adds an image for a card (pasted, dropped or chosen in the editor); returns the name to refer to. */
export function addCardImage(
  mediaDir: string,
  offeredName: string,
  data: Uint8Array,
  fs: FileSystem = nodeFileSystem,
): { name: string } {
  const name = cleanName(offeredName);
  const extension = extname(name);
  if (!(CARD_IMAGE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new CueError(
      'invalid_input',
      `${offeredName}: cards take images (${CARD_IMAGE_EXTENSIONS.join(' ')}), and this is not one.`,
      { name: offeredName },
    );
  }
  if (data.length === 0) throw new CueError('invalid_input', `${offeredName}: the file is empty.`);
  if (data.length > MAX_CARD_IMAGE_BYTES) {
    throw new CueError('invalid_input', `${offeredName}: images in cards may be up to 20 MB.`);
  }
  const reason = unsafeMediaNameReason(name);
  if (reason) throw new CueError('invalid_input', `${offeredName}: the name ${reason}.`);
  const placed = placeMedia(mediaDir, name, data);
  if (!placed.present) {
    writing(`the image ${placed.name} into ${mediaDir}`, () => writeMediaFile(mediaDir, placed.name, data, fs));
  }
  return { name: placed.name };
}
