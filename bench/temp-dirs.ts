/**
 * Removing a bench's copy of a collection. A background page check of a collection just closed may
 * still be closing its read-only connection (and its -shm) in the folder, so the removal retries
 * rather than failing with ENOTEMPTY.
 */
import { rmSync } from 'node:fs';

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
}
