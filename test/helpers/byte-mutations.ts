/**
 * Byte-level mutations of a file, as data (so fast-check prints a failing case as a recipe and shrinks
 * it): flips, truncations, insertions, deletions, overwrites and duplicated ranges. Positions are plain
 * numbers taken modulo the length at the time they apply, so any recipe applies to any file.
 */
import fc from 'fast-check';

export type ByteMutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'overwrite'; at: number; byte: number; length: number }
  | { kind: 'duplicate'; from: number; length: number; to: number };

/** Bytes that mean something to parsers: NUL, quote, separators, line ends, UTF-8 and zip/zstd magic. */
const MEANINGFUL_BYTES = [0x00, 0x22, 0x2c, 0x09, 0x0a, 0x0d, 0x23, 0x3a, 0x7f, 0x80, 0xc3, 0xef, 0xff, 0x50, 0x4b];

const position = fc.nat({ max: 1 << 30 });
const byte = fc.oneof(fc.constantFrom(...MEANINGFUL_BYTES), fc.integer({ min: 0, max: 255 }));

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('flip'), at: position, xor: fc.integer({ min: 1, max: 255 }) }),
    weight: 4,
  },
  fc.record({ kind: fc.constant('truncate'), at: position }),
  fc.record({ kind: fc.constant('insert'), at: position, bytes: fc.array(byte, { minLength: 1, maxLength: 32 }) }),
  fc.record({ kind: fc.constant('delete'), at: position, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant('overwrite'), at: position, byte, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant('duplicate'),
    from: position,
    length: fc.integer({ min: 1, max: 4096 }),
    to: position,
  }),
) as fc.Arbitrary<ByteMutation>;

export const byteMutations = fc.array(byteMutation, { minLength: 1, maxLength: 4 });

export function applyByteMutation(input: Uint8Array, mutation: ByteMutation): Uint8Array {
  const n = input.length;
  const at = (value: number, room = n) => (room === 0 ? 0 : value % (room + 1));
  const join = (...parts: ArrayLike<number>[]) => {
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  };
  switch (mutation.kind) {
    case 'flip': {
      if (n === 0) return input;
      const out = new Uint8Array(input);
      out[mutation.at % n] ^= mutation.xor;
      return out;
    }
    case 'truncate':
      return input.slice(0, at(mutation.at, Math.max(0, n - 1)));
    case 'insert': {
      const i = at(mutation.at);
      return join(input.subarray(0, i), mutation.bytes, input.subarray(i));
    }
    case 'delete': {
      const i = at(mutation.at);
      return join(input.subarray(0, i), input.subarray(i + mutation.length));
    }
    case 'overwrite': {
      const out = new Uint8Array(input);
      const i = at(mutation.at);
      out.fill(mutation.byte, i, Math.min(n, i + mutation.length));
      return out;
    }
    case 'duplicate': {
      const from = at(mutation.from);
      const range = input.subarray(from, from + mutation.length);
      const to = at(mutation.to);
      return join(input.subarray(0, to), range, input.subarray(to));
    }
  }
}

export function applyByteMutations(input: Uint8Array, mutations: ByteMutation[]): Uint8Array {
  return mutations.reduce(applyByteMutation, input);
}
