/**
 * Files handed to Cue for import (dropped or chosen in the app), kept in a private temporary folder
 * under random ids until they are imported or Cue closes. Calls then refer to them by id, never by path.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CueError } from '../../../shared/errors';
import type { UploadedFile } from '../../../shared/io';

export class Uploads {
  private dir: string | undefined;
  private readonly files = new Map<string, { name: string; path: string; size: number }>();

  add(name: string, bytes: Uint8Array): UploadedFile {
    this.dir ??= mkdtempSync(join(tmpdir(), 'cue-uploads-'));
    const upload = randomBytes(18).toString('base64url');
    const path = join(this.dir, upload);
    writeFileSync(path, bytes, { mode: 0o600 });
    const safeName = basename(name.replace(/\\/g, '/'));
    this.files.set(upload, { name: safeName, path, size: bytes.length });
    return { upload, name: safeName, size: bytes.length };
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
}
