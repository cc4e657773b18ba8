/**
 * A package's media map: which zip entry holds which file. Legacy packages (versions 1 and 2) store
 * JSON `{"0": "foo.wav"}`; version 3 stores zstd-compressed protobuf `MediaEntries`, entry i in zip
 * entry "i", each file zstd-compressed too. Names are checked the way Anki's `filename_is_safe` does
 * (one plain path component) plus NUL/control characters and Windows drive prefixes.
 */
import { decodeMediaEntries } from './anki-protobuf';

export interface MediaMapEntry {
  /** The zip entry that holds the file. */
  zipName: string;
  /** The name cards refer to. */
  name: string;
}

export class MediaMapError extends Error {
  constructor(
    message: string,
    /** e.g. `media entry "3"`: where in the map the problem is. */
    readonly where?: string,
    /** Set when the problem is an unsafe file name rather than a malformed map. */
    readonly unsafeName?: string,
  ) {
    super(message);
    this.name = 'MediaMapError';
  }
}

/** Why `name` may not be used as a media file name, or null when it is safe. */
export function unsafeMediaNameReason(name: string): string | null {
  if (name === '') return 'is empty';
  if (name.includes('\0')) return 'contains a NUL character';
  if (/^[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) return 'is an absolute path';
  if (name.split(/[/\\]/).includes('..')) return 'climbs out of the media folder ("..")';
  if (name.includes('/') || name.includes('\\')) return 'contains a path separator';
  if (name === '.') return 'is not a file name';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains a control character';
  return null;
}

function checkName(name: string, where: string): void {
  const reason = unsafeMediaNameReason(name);
  if (reason) throw new MediaMapError(`unsafe media file name ${JSON.stringify(name)}: ${reason}`, where, name);
}

/** Parses a legacy JSON media map. */
export function parseLegacyMediaMap(bytes: Uint8Array): MediaMapEntry[] {
  let map: unknown;
  try {
    map = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new MediaMapError(`not valid JSON (${error instanceof Error ? error.message : error})`);
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new MediaMapError('not a JSON object of numbered entries');
  }
  const entries: MediaMapEntry[] = [];
  for (const [zipName, name] of Object.entries(map)) {
    const where = `media entry ${JSON.stringify(zipName)}`;
    if (!/^\d+$/.test(zipName)) throw new MediaMapError('an entry key is not a number', where);
    if (typeof name !== 'string') throw new MediaMapError('a file name is not a string', where);
    checkName(name, where);
    entries.push({ zipName, name });
  }
  return entries;
}

/** Parses a version-3 media map (already decompressed). */
export function parseMediaEntries(bytes: Uint8Array): MediaMapEntry[] {
  let decoded: ReturnType<typeof decodeMediaEntries>;
  try {
    decoded = decodeMediaEntries(bytes);
  } catch (error) {
    throw new MediaMapError(`not a valid MediaEntries message (${error instanceof Error ? error.message : error})`);
  }
  return decoded.map((entry, index) => {
    const where = `media entry ${index}`;
    checkName(entry.name, where);
    return { zipName: String(index), name: entry.name };
  });
}
