/**
 * The pixel size of a PNG, GIF, JPEG or WebP from its first bytes, without decoding it: Image Occlusion
 * notes from before Anki stored fractions give their masks in pixels of the image (image-occlusion.ts).
 */
import type { ImageSize } from './image-occlusion';

/** The image's width and height, or null when the bytes are not one of those formats or are cut short. */
export function imageSizeOf(bytes: Uint8Array): ImageSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
  let size: ImageSize | null = null;
  if (bytes.length >= 24 && ascii(1, 3) === 'PNG' && ascii(12, 4) === 'IHDR') {
    size = { width: view.getUint32(16), height: view.getUint32(20) };
  } else if (bytes.length >= 10 && ascii(0, 4) === 'GIF8') {
    size = { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  } else if (bytes.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    size = webpSize(view, ascii(12, 4));
  } else if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    size = jpegSize(view);
  }
  return size && size.width > 0 && size.height > 0 ? size : null;
}

function webpSize(view: DataView, chunk: string): ImageSize | null {
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const uint24 = (at: number) => view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getUint8(at + 2) << 16);
    return { width: uint24(24) + 1, height: uint24(27) + 1 };
  }
  return null;
}

/** Walks the JPEG's segments to its first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(view: DataView): ImageSize | null {
  let at = 2;
  while (at + 9 <= view.byteLength) {
    if (view.getUint8(at) !== 0xff) return null;
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at++;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}
