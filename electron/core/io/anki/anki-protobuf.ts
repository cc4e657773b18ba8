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
export function decodeNotetypeConfig(bytes: Uint8Array): { kind: number; originalStockKind: number; css: string } {
  const config = { kind: 0, originalStockKind: 0, css: '' };
  readMessage(bytes, {
    1: (r, w) => {
      expectWire('kind', w, VARINT);
      config.kind = r.uint32();
    },
    3: (r, w) => {
      expectWire('css', w, LENGTH_DELIMITED);
      config.css = r.string();
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

export interface DeckKind {
  filtered: boolean;
  description: string;
  configId: string;
  /** The deck's own limits over its preset's ("This deck"), when set. */
  reviewLimit: number | null;
  newLimit: number | null;
}

/** `Deck.KindContainer`: normal (1: options preset 1, description 4, own limits 6 and 7) or filtered (2). */
export function decodeDeckKind(bytes: Uint8Array): DeckKind {
  const kind: DeckKind = { filtered: false, description: '', configId: '', reviewLimit: null, newLimit: null };
  readMessage(bytes, {
    1: (r, w) => {
      expectWire('normal', w, LENGTH_DELIMITED);
      readMessage(r.bytes(), {
        1: (n, nw) => {
          expectWire('config_id', nw, VARINT);
          kind.configId = n.int64().toString();
        },
        4: (n, nw) => {
          expectWire('description', nw, LENGTH_DELIMITED);
          kind.description = n.string();
        },
        6: (n, nw) => {
          expectWire('review_limit', nw, VARINT);
          kind.reviewLimit = n.uint32();
        },
        7: (n, nw) => {
          expectWire('new_limit', nw, VARINT);
          kind.newLimit = n.uint32();
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

/**
 * `DeckConfig.Config`, the options of an Anki preset (schema 18's deck_config.config), in Anki's terms;
 * fields the protobuf leaves out are proto3 zeros, as Anki reads them.
 */
export interface AnkiConfigFields {
  /** Minutes, as Anki keeps them. */
  learnSteps: number[];
  relearnSteps: number[];
  fsrsParams4: number[];
  fsrsParams5: number[];
  fsrsParams6: number[];
  newPerDay: number | undefined;
  reviewsPerDay: number | undefined;
  /** Absent (JSON) or 0 where Anki reads 0 as unset: Anki's default. */
  maximumInterval: number | undefined;
  /** 0 due (deck order), 1 random. */
  newInsertOrder: number;
  newGatherPriority: number;
  newSortOrder: number;
  reviewOrder: number;
  /** 0 suspend, 1 tag only. */
  leechAction: number;
  /** Absent (JSON) or 0 where Anki reads 0 as unset: Anki's default. */
  leechThreshold: number | undefined;
  buryNew: boolean;
  buryReviews: boolean;
  /** Absent (JSON) or 0 where Anki reads 0 as unset: Anki's default. */
  desiredRetention: number | undefined;
  /** "Don't play audio automatically" (schema 11's `autoplay`, the other way round). */
  disableAutoplay: boolean;
}

/** Repeated floats, packed (as proto3 writes them) or one at a time. */
function floats(r: Reader, wireType: number, into: number[]): void {
  if (wireType === LENGTH_DELIMITED) {
    const end = r.uint32() + r.pos;
    while (r.pos < end) into.push(r.float());
  } else {
    expectWire('float', wireType, 5);
    into.push(r.float());
  }
}

export function decodeDeckConfig(bytes: Uint8Array): AnkiConfigFields {
  const c: AnkiConfigFields = {
    learnSteps: [],
    relearnSteps: [],
    fsrsParams4: [],
    fsrsParams5: [],
    fsrsParams6: [],
    newPerDay: 0,
    reviewsPerDay: 0,
    maximumInterval: 0,
    newInsertOrder: 0,
    newGatherPriority: 0,
    newSortOrder: 0,
    reviewOrder: 0,
    leechAction: 0,
    leechThreshold: 0,
    buryNew: false,
    buryReviews: false,
    desiredRetention: 0,
    disableAutoplay: false,
  };
  const varint = (name: string, set: (value: number) => void) => (r: Reader, w: number) => {
    expectWire(name, w, VARINT);
    set(r.uint32());
  };
  readMessage(bytes, {
    1: (r, w) => floats(r, w, c.learnSteps),
    2: (r, w) => floats(r, w, c.relearnSteps),
    3: (r, w) => floats(r, w, c.fsrsParams4),
    5: (r, w) => floats(r, w, c.fsrsParams5),
    6: (r, w) => floats(r, w, c.fsrsParams6),
    9: varint('new_per_day', (v) => (c.newPerDay = v)),
    10: varint('reviews_per_day', (v) => (c.reviewsPerDay = v)),
    16: varint('maximum_review_interval', (v) => (c.maximumInterval = v)),
    20: varint('new_card_insert_order', (v) => (c.newInsertOrder = v)),
    21: varint('leech_action', (v) => (c.leechAction = v)),
    22: varint('leech_threshold', (v) => (c.leechThreshold = v)),
    23: varint('disable_autoplay', (v) => (c.disableAutoplay = v !== 0)),
    27: varint('bury_new', (v) => (c.buryNew = v !== 0)),
    28: varint('bury_reviews', (v) => (c.buryReviews = v !== 0)),
    32: varint('new_card_sort_order', (v) => (c.newSortOrder = v)),
    33: varint('review_order', (v) => (c.reviewOrder = v)),
    34: varint('new_card_gather_priority', (v) => (c.newGatherPriority = v)),
    37: (r, w) => {
      expectWire('desired_retention', w, 5);
      c.desiredRetention = r.float();
    },
  });
  return c;
}
