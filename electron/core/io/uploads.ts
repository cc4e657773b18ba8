/**
 * Files handed to Cue for import (dropped or chosen in the app), kept in a private temporary folder
 * under random ids until they are imported or Cue closes. Calls then refer to them by id, never by path.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CueError } from '../../../shared/errors';
import { MAX_UPLOAD_BYTES, type UploadedFile } from '../../../shared/io';

export class Uploads {
  private dir: string | undefined;
  private readonly files = new Map<string, { name: string; path: string; size: number }>();

  /** `root` is where the private folder is made (the system's temporary folder unless a test says). */
  constructor(private readonly root = tmpdir()) {}

  add(name: string, bytes: Uint8Array): UploadedFile {
    const { upload, path } = this.newFile();
    writeFileSync(path, bytes, { mode: 0o600 });
    return this.keep(upload, name, path, bytes.length);
  }

  /**
   * Writes a file that arrives in pieces (the web host's streamed uploads) straight to disk, so it is
   * never whole in memory. It is kept only once complete: if the source fails, is cut off or passes
   * `maxBytes`, the partial file is removed and the error passed on.
   */
  async receive(name: string, source: AsyncIterable<Uint8Array>, maxBytes = MAX_UPLOAD_BYTES): Promise<UploadedFile> {
    const { upload, path } = this.newFile();
    let size = 0;
    async function* capped(chunks: AsyncIterable<Uint8Array>) {
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > maxBytes) {
          throw new CueError('invalid_input', `${basename(name)}: is larger than ${maxBytes / 1024 / 1024} MB.`, {
            limit: maxBytes,
          });
        }
        yield chunk;
      }
    }
    try {
      await pipeline(source, capped, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
    return this.keep(upload, name, path, size);
  }

  get(upload: string): { name: string; path: string; size: number } {
    const file = this.files.get(upload);
    if (!file) throw new CueError('not_found', 'That file is no longer there; choose it again.', { upload });
    return file;
  }

  remove(upload: string): void {
    const file = this.files.get(upload);
    if (file) rmSync(file.path, { force: true });
    this.files.delete(upload);
  }

  clear(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.files.clear();
  }

  private newFile(): { upload: string; path: string } {
    this.dir ??= mkdtempSync(join(this.root, 'cue-uploads-'));
    const upload = randomBytes(18).toString('base64url');
    return { upload, path: join(this.dir, upload) };
  }

  private keep(upload: string, name: string, path: string, size: number): UploadedFile {
    const safeName = basename(name.replace(/\\/g, '/'));
    this.files.set(upload, { name: safeName, path, size });
    return { upload, name: safeName, size };
  }
}
