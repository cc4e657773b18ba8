/**
 * Reading a package's zip within limits: the central directory is listed first (entry count and
 * declared sizes checked before anything is inflated), then only the wanted entries are inflated.
 * fflate inflates into a buffer of the declared size, so a lying header cannot make an entry larger
 * than it says; an entry that comes out shorter than declared is reported as corrupt.
 */
import { unzipSync } from 'fflate';
import { type IMPORT_LIMITS, ImportError } from '../import-bundle';

export type ImportLimits = typeof IMPORT_LIMITS;

export interface ZipEntryInfo {
  name: string;
  /** Compressed size. */
  size: number;
  /** Declared uncompressed size. */
  originalSize: number;
  compression: number;
}

export class PackageZip {
  private constructor(
    readonly file: string,
    private readonly bytes: Uint8Array,
    readonly entries: Map<string, ZipEntryInfo>,
    private readonly limits: ImportLimits,
  ) {}

  /** Lists the zip, refusing non-zips, too many entries and declared sizes past the limits. */
  static open(bytes: Uint8Array, file: string, limits: ImportLimits): PackageZip {
    if (bytes.length < 22 || !hasEndOfCentralDirectory(bytes)) throw new ImportError({ file }, 'is not a zip file');
    const entries = new Map<string, ZipEntryInfo>();
    let count = 0;
    let declared = 0;
    try {
      unzipSync(bytes, {
        filter: (entry) => {
          count++;
          if (count > limits.maxEntries) {
            throw new ImportError({ file }, `has more than ${limits.maxEntries} entries, over the import limit`);
          }
          declared += entry.originalSize;
          if (declared > limits.maxUnpackedBytes) {
            throw new ImportError(
              { file },
              `unpacks to more than ${formatBytes(limits.maxUnpackedBytes)}, over the import limit (a zip bomb?)`,
            );
          }
          if (entry.compression !== 0 && entry.compression !== 8) {
            throw new ImportError(
              { file, where: entry.name },
              `uses zip compression method ${entry.compression}; only stored and deflated entries are supported`,
            );
          }
          entries.set(entry.name, { ...entry });
          return false;
        },
      });
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError({ file }, `is not a zip file, or is truncated (${errorMessage(error)})`);
    }
    return new PackageZip(file, bytes, entries, limits);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * Inflates the named entries (missing names are left out of the result). `counter`, when given,
   * adds the bytes unpacked to the running total held to `maxUnpackedBytes` (zstd entries are
   * counted after decompression instead).
   */
  read(names: Iterable<string>, counter?: UnpackCounter): Map<string, Uint8Array> {
    const wanted = new Set([...names].filter((name) => this.entries.has(name)));
    const out = new Map<string, Uint8Array>();
    if (!wanted.size) return out;
    let current = '';
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(this.bytes, {
        filter: (entry) => {
          current = entry.name;
          return wanted.has(entry.name);
        },
      });
    } catch (error) {
      throw new ImportError({ file: this.file, where: current }, `is corrupt (${errorMessage(error)})`);
    }
    for (const name of wanted) {
      const data = files[name];
      const info = this.entries.get(name);
      if (!data || !info) continue;
      if (data.length !== info.originalSize) {
        throw new ImportError(
          { file: this.file, where: name },
          `is corrupt: unpacked to ${data.length} bytes, the zip says ${info.originalSize}`,
        );
      }
      counter?.add(data.length, this.file, this.limits, name);
      out.set(name, data);
    }
    return out;
  }
}

/** Actual bytes unpacked so far (zip entries and zstd output), held to `maxUnpackedBytes`. */
export class UnpackCounter {
  total = 0;

  add(bytes: number, file: string, limits: ImportLimits, where?: string): void {
    this.total += bytes;
    if (this.total > limits.maxUnpackedBytes) {
      throw new ImportError(
        { file, where },
        `unpacks to more than ${formatBytes(limits.maxUnpackedBytes)}, over the import limit (a zip bomb?)`,
      );
    }
  }

  remaining(limits: ImportLimits): number {
    return Math.max(0, limits.maxUnpackedBytes - this.total);
  }
}

function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const stop = Math.max(0, bytes.length - 22 - 65535);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return true;
  }
  return false;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GB`;
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
