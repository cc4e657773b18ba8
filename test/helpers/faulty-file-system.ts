/**
 * A file system that fails the way a disk does: read-only (EROFS) or full (ENOSPC), for the writes
 * a test chooses. Where tests run as root a chmod'ed folder stays writable and mounting a tmpfs may
 * be refused, so the failure comes through Cue's file-system seam; everything else is the real disk.
 */
import { type FileSystem, nodeFileSystem } from '../../electron/core/file-system';

export type Fault = 'EROFS' | 'ENOSPC' | 'EIO';
type Operation = 'writeFile' | 'rename' | 'mkdir' | 'remove';

export class FaultyFileSystem implements FileSystem {
  /** Writes seen so far, by path; a test can ask where Cue tried to write. */
  readonly attempts: { operation: Operation; path: string }[] = [];
  private rule: ((operation: Operation, path: string) => Fault | null) | null = null;
  /** What freeBytes reports; the real figure when unset. */
  free: number | null = null;

  /** Every write whose path matches fails with `fault`, from now on. */
  failWrites(fault: Fault, matching: RegExp = /./): this {
    this.rule = (operation, path) => (operation !== 'remove' && matching.test(path) ? fault : null);
    return this;
  }

  /** The nth matching file written from now (1-based) fails with `fault`; the others succeed. */
  failNthWrite(n: number, fault: Fault, matching: RegExp = /./): this {
    let seen = 0;
    this.rule = (operation, path) => {
      if (operation !== 'writeFile' || !matching.test(path)) return null;
      seen++;
      return seen === n ? fault : null;
    };
    return this;
  }

  heal(): this {
    this.rule = null;
    this.free = null;
    return this;
  }

  private run<T>(operation: Operation, path: string, action: () => T): T {
    this.attempts.push({ operation, path });
    const fault = this.rule?.(operation, path);
    if (fault) {
      const messages = { EROFS: 'read-only file system', ENOSPC: 'no space left on device', EIO: 'i/o error' };
      throw Object.assign(new Error(`${fault}: ${messages[fault]}, ${operation} '${path}'`), { code: fault, path });
    }
    return action();
  }

  writeFile(path: string, data: Uint8Array | string, options?: { mode?: number; flush?: boolean }): void {
    this.run('writeFile', path, () => nodeFileSystem.writeFile(path, data, options));
  }
  rename(from: string, to: string): void {
    this.run('rename', to, () => nodeFileSystem.rename(from, to));
  }
  remove(path: string, options?: { recursive?: boolean }): void {
    this.run('remove', path, () => nodeFileSystem.remove(path, options));
  }
  mkdir(path: string): void {
    this.run('mkdir', path, () => nodeFileSystem.mkdir(path));
  }
  freeBytes(path: string): number {
    return this.free ?? nodeFileSystem.freeBytes(path);
  }
}
