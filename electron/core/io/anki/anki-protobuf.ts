/**
 * The few protobuf messages an Anki package reader needs, decoded by hand with protobufjs's reader
 * (field numbers from ankitects/anki proto/anki/import_export.proto, notetypes.proto, decks.proto).
 * Unknown fields are skipped, so newer Anki versions that add fields still read.
 */
import protobuf from 'protobufjs/minimal.js';

type Reader = protobuf.Reader;
type FieldHandler = (reader: Reader, wireType: number) => void;

const VARINT = 0;
const LENGTH_DELIMITED = 2;

/** Walks a message's fields, handing the wanted ones to `handlers`. Throws on malformed input. */
function readMessage(bytes: Uint8Array, handlers: Record<number, FieldHandler>): void {
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 0) throw new Error('field number 0');
    const handler = handlers[field];
    if (handler) handler(reader, wireType);
    else reader.skipType(wireType);
  }
}

function expectWire(field: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${field} has wire type ${actual}, expected ${expected}`);
}

/** `PackageMetadata.version`: 1 legacy (collection.anki2), 2 legacy (anki21), 3 latest (anki21b). */
export function decodePackageMeta(bytes: Uint8Array): { version: number } {
  let version = 0;
  readMessage(bytes, {
    1: (r, w) => {
      expectWire('version', w, VARINT);
      version = r.uint32();
    },
  });
  return { version };
}

export interface MediaEntry {
  name: string;
  size: number;
  sha1: Uint8Array;
  /** Only in maps converted from a legacy package: the zip entry the file is stored under. */
  legacyZipFilename?: number;
}

/** `MediaEntries`: the version-3 media map; entry i is stored in the zip as "i". */
export function decodeMediaEntries(bytes: Uint8Array): MediaEntry[] {
  const entries: MediaEntry[] = [];
  readMessage(bytes, {
    1: (r, w) => {
      expectWire('entries', w, LENGTH_DELIMITED);
      const entry: MediaEntry = { name: '', size: 0, sha1: new Uint8Array(0) };
      readMessage(r.bytes(), {
        1: (e, ew) => {
          expectWire('name', ew, LENGTH_DELIMITED);
          entry.name = e.string();
        },
        2: (e, ew) => {
          expectWire('size', ew, VARINT);
          entry.size = e.uint32();
        },
        3: (e, ew) => {
          expectWire('sha1', ew, LENGTH_DELIMITED);
          entry.sha1 = e.bytes();
        },
        255: (e, ew) => {
          expectWire('legacy_zip_filename', ew, VARINT);
          entry.legacyZipFilename = e.uint32();
        },
      });
      entries.push(entry);
    },
  });
  return entries;
}

/** `Notetype.Config`: kind 0 normal, 1 cloze; original_stock_kind 6 is Image Occlusion. */
export function decodeNotetypeConfig(bytes: Uint8Array): { kind: number; originalStockKind: number } {
  const config = { kind: 0, originalStockKind: 0 };
  readMessage(bytes, {
    1: (r, w) => {
      expectWire('kind', w, VARINT);
      config.kind = r.uint32();
    },
    9: (r, w) => {
      expectWire('original_stock_kind', w, VARINT);
      config.originalStockKind = r.uint32();
    },
  });
  return config;
}

/** `Notetype.Template.Config`: the question and answer formats. */
export function decodeTemplateConfig(bytes: Uint8Array): { qFormat: string; aFormat: string } {
  const config = { qFormat: '', aFormat: '' };
  readMessage(bytes, {
    1: (r, w) => {
      expectWire('q_format', w, LENGTH_DELIMITED);
      config.qFormat = r.string();
    },
    2: (r, w) => {
      expectWire('a_format', w, LENGTH_DELIMITED);
      config.aFormat = r.string();
    },
  });
  return config;
}

/** `Deck.KindContainer`: normal (1, with description 4) or filtered (2). */
export function decodeDeckKind(bytes: Uint8Array): { filtered: boolean; description: string } {
  const kind = { filtered: false, description: '' };
  readMessage(bytes, {
    1: (r, w) => {
      expectWire('normal', w, LENGTH_DELIMITED);
      readMessage(r.bytes(), {
        4: (n, nw) => {
          expectWire('description', nw, LENGTH_DELIMITED);
          kind.description = n.string();
        },
      });
    },
    2: (r, w) => {
      expectWire('filtered', w, LENGTH_DELIMITED);
      r.skipType(w);
      kind.filtered = true;
    },
  });
  return kind;
}
