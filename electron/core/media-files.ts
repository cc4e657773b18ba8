/**
 * The collection's media folder: images and sounds cards refer to by bare file name (Anki's
 * convention). A file keeps its name when it is free; the same bytes under a taken name reuse the file
 * there; different bytes get the name with a short hash of their content, so no card's picture ever
 * changes under it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { CueError } from '../../shared/errors';
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

/** Where `data`, offered as `name`, goes in the media folder. */
export function placeMedia(mediaDir: string, name: string, data: Uint8Array): MediaPlacement {
  const target = join(mediaDir, name);
  if (!existsSync(target)) return { name, present: false };
  if (Buffer.from(readFileSync(target)).equals(Buffer.from(data))) return { name, present: true };
  const hash = createHash('sha1').update(data).digest('hex').slice(0, 8);
  const extension = extname(name);
  const renamed = `${name.slice(0, name.length - extension.length)}-${hash}${extension}`;
  return { name: renamed, present: existsSync(join(mediaDir, renamed)) };
}

/** Writes through a temporary name, so a crash never leaves half a file under the real one. */
export function writeMediaFile(mediaDir: string, name: string, data: Uint8Array): void {
  mkdirSync(mediaDir, { recursive: true });
  const temporary = join(mediaDir, `.${name}.writing`);
  writeFileSync(temporary, data);
  renameSync(temporary, join(mediaDir, name));
  rmSync(temporary, { force: true });
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
export function addCardImage(mediaDir: string, offeredName: string, data: Uint8Array): { name: string } {
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
  if (!placed.present) writeMediaFile(mediaDir, placed.name, data);
  return { name: placed.name };
}
