/**
 * Bounded zstd decompression for version-3 Anki packages (collection, media map, media files).
 * fzstd allocates a frame's window (or its declared content size) up front and, without a declared
 * size, grows without bound, so frames are walked first (headers, block sizes, window sizes) and the
 * data is then decompressed as a stream that stops as soon as it passes the limit.
 */
import { Decompress } from 'fzstd';

const ZSTD_MAGIC = 0xfd2fb528;
/** The reference decoder refuses windows over 2^27 bytes unless told otherwise; so do we. */
const MAX_WINDOW = 2 ** 27;

export class ZstdLimitError extends Error {
  constructor(readonly limit: number) {
    super(`decompresses to more than ${limit} bytes`);
    this.name = 'ZstdLimitError';
  }
}

export function isZstd(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === ZSTD_MAGIC;
}

/**
 * Decompresses `bytes` (one or more zstd frames), refusing more than `limit` output bytes with a
 * ZstdLimitError; malformed data throws an Error whose message says what is wrong.
 */
export function zstdDecompress(bytes: Uint8Array, limit: number): Uint8Array {
  checkFrames(bytes, limit);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > limit) throw new ZstdLimitError(limit);
    chunks.push(chunk);
  });
  stream.push(bytes, true);
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Walks every frame and block header: catches truncation, dictionaries, huge windows and declared sizes. */
function checkFrames(bytes: Uint8Array, limit: number): void {
  if (!isZstd(bytes)) throw new Error('not zstd data');
  let pos = 0;
  let declared = 0;
  while (pos < bytes.length) {
    if (pos + 8 > bytes.length) throw new Error('truncated zstd frame');
    const magic = readU32(bytes, pos);
    if ((magic & 0xfffffff0) >>> 0 === 0x184d2a50) {
      pos += 8 + readU32(bytes, pos + 4);
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw new Error(`bad zstd frame magic at byte ${pos}`);
    const descriptor = bytes[pos + 4];
    const sizeFlag = descriptor >> 6;
    const singleSegment = (descriptor >> 5) & 1;
    const hasChecksum = (descriptor >> 2) & 1;
    const dictFlag = descriptor & 3;
    if (descriptor & 8) throw new Error('reserved zstd frame bit set');
    if (dictFlag) throw new Error('zstd frame needs a dictionary');
    let p = pos + 5;
    let window = 0;
    if (!singleSegment) {
      const wd = bytes[p++];
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    const sizeBytes = [singleSegment, 2, 4, 8][sizeFlag];
    let contentSize = -1;
    if (sizeBytes) {
      if (p + sizeBytes > bytes.length) throw new Error('truncated zstd frame header');
      contentSize = 0;
      for (let i = sizeBytes - 1; i >= 0; i--) contentSize = contentSize * 256 + bytes[p + i];
      if (sizeFlag === 1) contentSize += 256;
      p += sizeBytes;
    }
    if (singleSegment) window = contentSize;
    if (contentSize >= 0) {
      declared += contentSize;
      if (declared > limit) throw new ZstdLimitError(limit);
    }
    // A single-segment frame's window is its content size, already held to the limit.
    if (!singleSegment && window > MAX_WINDOW) throw new Error(`zstd window of ${window} bytes is too large`);
    for (let last = 0; !last; ) {
      if (p + 3 > bytes.length) throw new Error('truncated zstd block');
      const header = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16);
      last = header & 1;
      const type = (header >> 1) & 3;
      const size = header >>> 3;
      if (type === 3) throw new Error('reserved zstd block type');
      p += 3 + (type === 1 ? 1 : size);
      if (p > bytes.length) throw new Error('truncated zstd block');
    }
    if (hasChecksum) p += 4;
    if (p > bytes.length) throw new Error('truncated zstd frame');
    pos = p;
  }
}

function readU32(bytes: Uint8Array, pos: number): number {
  return (bytes[pos] | (bytes[pos + 1] << 8) | (bytes[pos + 2] << 16) | (bytes[pos + 3] << 24)) >>> 0;
}
