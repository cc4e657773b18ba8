/**
 * Reads an Anki package (.apkg, .colpkg) into an import bundle. The collection is chosen from the
 * `meta` entry as Anki does (1 collection.anki2, 2 collection.anki21, 3 zstd collection.anki21b;
 * without `meta`, collection.anki21 if present, else collection.anki2), so the "please update
 * Anki" dummy that newer exports also carry is never read. Anki decks "Top::Sub" become Cue deck
 * "Top" with section "Sub"; cards directly in "Top" go to a section named after the deck. Cards are
 * rendered through their note type's templates (core/notes/render-note.ts, shared/note-templates.ts) and only the cards in the
 * package's `cards` table are made.
 */
import { createHash } from 'node:crypto';
import { TemplateSyntaxError } from '../../../../shared/note-templates';
import type { GeneratedCard } from '../../../../shared/notes';
import type { DayBoundary } from '../../days';
import { BUILTIN_NOTE_TYPES } from '../../notes/builtin-note-types';
import { renderNoteCard } from '../../notes/render-note';
import {
  type BundleCard,
  type BundleDeck,
  type BundleMedia,
  type BundleNote,
  type BundleNoteType,
  type BundlePreset,
  type BundleReview,
  IMPORT_LIMITS,
  type ImportBundle,
  ImportError,
} from '../import-bundle';
import {
  type AnkiCard,
  type AnkiCollection,
  type AnkiDeck,
  type AnkiNote,
  type AnkiNotetype,
  type AnkiReview,
  CollectionError,
  readAnkiCollection,
} from './anki-collection';
import { presetOptionsFromAnki } from './anki-deck-options';
import { type MediaMapEntry, MediaMapError, parseLegacyMediaMap, parseMediaEntries } from './anki-media';
import { decodePackageMeta } from './anki-protobuf';
import { creationDay, keptSchedule } from './anki-schedule';
import { errorMessage, formatBytes, type ImportLimits, PackageZip, UnpackCounter } from './anki-zip';
import { isZstd, ZstdLimitError, zstdDecompress } from './anki-zstd';
import { cueFieldsOfAnkiNote } from './cue-markdown-fields';
import { CUE_SOURCE_FIELDS } from './schema11';
import { cardFieldHtml } from './write-package';

export interface ReadAnkiOptions {
  /** Replaces the top deck's name (all cards go into one deck of this name). */
  deckName?: string;
  /** Overrides of IMPORT_LIMITS (tests use small ones). */
  limits?: Partial<ImportLimits>;
  /** The collection's study days, which Anki's due day numbers are turned into; UTC at 4 am if not given. */
  boundary?: DayBoundary;
}

const DEFAULT_BOUNDARY: DayBoundary = { timeZone: 'UTC', rolloverHour: 4 };

const COLLECTION_BY_VERSION: Record<number, string> = {
  1: 'collection.anki2',
  2: 'collection.anki21',
  3: 'collection.anki21b',
};

export interface UnpackedPackage {
  /** Package version: 1 and 2 legacy (schema 11), 3 latest (schema 18, zstd). */
  version: 1 | 2 | 3;
  /** The zip entry the collection was read from. */
  collectionEntry: string;
  collection: AnkiCollection;
  media: BundleMedia[];
  skipped: { item: string; reason: string }[];
}

/** Unzips a package within the limits and reads its collection and media. */
export function unpackAnkiPackage(
  bytes: Uint8Array,
  fileName: string,
  limits: ImportLimits = IMPORT_LIMITS,
): UnpackedPackage {
  const file = fileName;
  const zip = PackageZip.open(bytes, file, limits);
  const counter = new UnpackCounter();
  const version = packageVersion(zip, counter);
  const collectionEntry = COLLECTION_BY_VERSION[version];
  if (!zip.has(collectionEntry)) {
    const any = Object.values(COLLECTION_BY_VERSION).some((name) => zip.has(name));
    throw new ImportError(
      { file },
      any
        ? `has no ${collectionEntry}, which its package version (${version}) calls for`
        : 'has no Anki collection (collection.anki2, collection.anki21 or collection.anki21b): is it an Anki package?',
    );
  }
  let collectionBytes = zip.read([collectionEntry]).get(collectionEntry) ?? new Uint8Array(0);
  if (isZstd(collectionBytes)) {
    collectionBytes = unzstd(collectionBytes, file, collectionEntry, counter.remaining(limits), limits);
  }
  counter.add(collectionBytes.length, file, limits, collectionEntry);
  let collection: AnkiCollection;
  try {
    collection = readAnkiCollection(collectionBytes);
  } catch (error) {
    if (error instanceof CollectionError) throw new ImportError({ file, where: collectionEntry }, error.message);
    throw error;
  }
  const { media, skipped } = readMedia(zip, version, counter, limits);
  return { version, collectionEntry, collection, media, skipped };
}

function packageVersion(zip: PackageZip, counter: UnpackCounter): 1 | 2 | 3 {
  if (!zip.has('meta')) {
    if (zip.has('collection.anki21')) return 2;
    // Not something Anki writes, but a lone anki21b can only be read one way.
    if (!zip.has('collection.anki2') && zip.has('collection.anki21b')) return 3;
    return 1;
  }
  const meta = zip.read(['meta'], counter).get('meta') ?? new Uint8Array(0);
  let version: number;
  try {
    version = decodePackageMeta(meta).version;
  } catch (error) {
    throw new ImportError({ file: zip.file, where: 'meta' }, `is corrupt (${errorMessage(error)})`);
  }
  if (version === 1 || version === 2 || version === 3) return version;
  throw new ImportError(
    { file: zip.file, where: 'meta' },
    version === 0
      ? 'is corrupt: it names no package version'
      : `says package version ${version}, which is newer than Cue can read (made by a newer Anki?)`,
  );
}

function unzstd(data: Uint8Array, file: string, where: string, limit: number, limits: ImportLimits): Uint8Array {
  try {
    return zstdDecompress(data, limit);
  } catch (error) {
    if (error instanceof ZstdLimitError) throw tooLarge(file, where, limits);
    throw new ImportError({ file, where }, `is not valid zstd data (${errorMessage(error)})`);
  }
}

function tooLarge(file: string, where: string, limits: ImportLimits): ImportError {
  return new ImportError(
    { file, where },
    `unpacks to more than ${formatBytes(limits.maxUnpackedBytes)}, over the import limit (a zip bomb?)`,
  );
}

function readMedia(
  zip: PackageZip,
  version: 1 | 2 | 3,
  counter: UnpackCounter,
  limits: ImportLimits,
): { media: BundleMedia[]; skipped: { item: string; reason: string }[] } {
  const file = zip.file;
  const media: BundleMedia[] = [];
  const skipped: { item: string; reason: string }[] = [];
  if (!zip.has('media')) return { media, skipped };
  let mapBytes = zip.read(['media'], version === 3 ? undefined : counter).get('media') ?? new Uint8Array(0);
  if (version === 3) {
    try {
      mapBytes = zstdDecompress(mapBytes, counter.remaining(limits));
    } catch (error) {
      if (error instanceof ZstdLimitError) throw tooLarge(file, 'media', limits);
      throw new ImportError(
        { file, where: 'media' },
        `the media map is corrupt: not valid zstd data (${errorMessage(error)})`,
      );
    }
    counter.add(mapBytes.length, file, limits, 'media');
  }
  let entries: MediaMapEntry[];
  try {
    entries = version === 3 ? parseMediaEntries(mapBytes) : parseLegacyMediaMap(mapBytes);
  } catch (error) {
    if (!(error instanceof MediaMapError)) throw error;
    const corrupt = error.unsafeName === undefined ? 'the media map is corrupt: ' : '';
    throw new ImportError({ file, where: error.where ? `media, ${error.where}` : 'media' }, corrupt + error.message);
  }
  const { wanted, twice, missing } = presentEntries(zip, entries);
  // One line per kind of gap, per package, so a map with thousands of holes stays readable.
  if (twice.length > 0) {
    skipped.push({
      item: `media in ${file}`,
      reason: `${plural(twice.length, 'file')} listed twice in the media map, kept the first: ${nameList(twice)}`,
    });
  }
  if (missing.length > 0) {
    skipped.push({
      item: `media in ${file}`,
      reason: `${plural(missing.length, 'file')} named in the media map but missing from the package: ${nameList(missing)}`,
    });
  }
  const small = wanted.filter((entry) => {
    const size = zip.entries.get(entry.zipName)?.originalSize ?? 0;
    if (version === 3 || size <= limits.maxMediaBytes) return true;
    skipped.push({ item: `media ${entry.name}`, reason: `larger than the ${formatBytes(limits.maxMediaBytes)} limit` });
    return false;
  });
  const files = zip.read(
    small.map((e) => e.zipName),
    version === 3 ? undefined : counter,
  );
  for (const entry of small) {
    let data = files.get(entry.zipName);
    if (!data) continue;
    if (version === 3 && isZstd(data)) {
      const remaining = counter.remaining(limits);
      try {
        data = zstdDecompress(data, Math.min(limits.maxMediaBytes, remaining));
      } catch (error) {
        if (error instanceof ZstdLimitError && limits.maxMediaBytes <= remaining) {
          skipped.push({
            item: `media ${entry.name}`,
            reason: `larger than the ${formatBytes(limits.maxMediaBytes)} limit`,
          });
          continue;
        }
        if (error instanceof ZstdLimitError) throw tooLarge(file, entry.zipName, limits);
        throw new ImportError(
          { file, where: entry.zipName },
          `media file ${JSON.stringify(entry.name)} is not valid zstd data (${errorMessage(error)})`,
        );
      }
      counter.add(data.length, file, limits, entry.zipName);
    } else if (version === 3) {
      counter.add(data.length, file, limits, entry.zipName);
    }
    media.push({ name: entry.name, data });
  }
  return { media, skipped };
}

/**
 * The map's entries whose zip entry is there, first of each name; the names given twice and the ones
 * the zip lacks. Zip entries the map does not name are ignored, as Anki ignores them.
 */
function presentEntries(
  zip: PackageZip,
  entries: MediaMapEntry[],
): { wanted: MediaMapEntry[]; twice: string[]; missing: string[] } {
  const seen = new Set<string>();
  const wanted: MediaMapEntry[] = [];
  const twice: string[] = [];
  const missing: string[] = [];
  for (const entry of entries) {
    if (seen.has(entry.name)) {
      if (!twice.includes(entry.name)) twice.push(entry.name);
      continue;
    }
    seen.add(entry.name);
    if (zip.entries.has(entry.zipName)) wanted.push(entry);
    else missing.push(entry.name);
  }
  return { wanted, twice, missing };
}

const NAMED_AT_MOST = 10;

/** `"a.png", "b.png" and 3 more`: names quoted, since a file name may hold commas. */
export function nameList(names: string[]): string {
  const shown = names.slice(0, NAMED_AT_MOST).map((name) => JSON.stringify(name));
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// Building the bundle
// ----------------------------------------

export function readAnkiPackage(bytes: Uint8Array, fileName: string, options: ReadAnkiOptions = {}): ImportBundle {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...options.limits };
  const unpacked = unpackAnkiPackage(bytes, fileName, limits);
  const skipped = [...unpacked.skipped];
  const { decks, noteTypes, notes } = buildDecks(
    unpacked.collection,
    fileName,
    options.deckName?.trim() || undefined,
    skipped,
    options.boundary ?? DEFAULT_BOUNDARY,
  );
  return {
    source: { file: fileName, format: /\.colpkg$/i.test(fileName) ? 'colpkg' : 'apkg' },
    decks,
    noteTypes,
    notes,
    media: unpacked.media,
    skipped,
  };
}

interface PlacedCard {
  /** The Anki deck's path components. */
  path: string[];
  /** The Anki options preset of the card's deck ('' when its deck names none). */
  configId: string;
  card: BundleCard;
  /** Note id and card ordinal: the order the cards were made in. */
  noteOrder: number;
}

function buildDecks(
  collection: AnkiCollection,
  file: string,
  deckName: string | undefined,
  skipped: { item: string; reason: string }[],
  boundary: DayBoundary,
): { decks: BundleDeck[]; noteTypes: BundleNoteType[]; notes: BundleNote[] } {
  const notes = new Map(collection.notes.map((note) => [note.id, note]));
  const day0 = creationDay(collection.createdSecs, collection.creationOffset, boundary);
  const reviews = reviewsByCard(collection.revlog, skipped);
  const placed: PlacedCard[] = [];
  const usedCardKeys = new Set<string>();
  const notesWithCards = new Set<string>();
  const badNotetypes = new Set<string>();
  const noteTypes = new Map<string, BundleNoteType>();
  const bundleNotes = new Map<string, BundleNote>();
  /** Which note holds each guid: two notes of one package never share one. */
  const guidOwners = new Map<string, string>();

  for (const card of collection.cards) {
    const note = notes.get(card.noteId);
    if (!note) {
      skipped.push({ item: `card ${card.id}`, reason: `its note ${card.noteId} is missing from ${file}` });
      continue;
    }
    notesWithCards.add(note.id);
    const notetype = collection.notetypes.get(note.notetypeId);
    if (!notetype) {
      if (!badNotetypes.has(note.id)) {
        badNotetypes.add(note.id);
        skipped.push({ item: `note ${note.id}`, reason: `its note type ${note.notetypeId} is missing from ${file}` });
      }
      continue;
    }
    const item = `note ${note.id}, card ${card.ord + 1}`;
    const template =
      notetype.kind === 'cloze' ? notetype.templates[0] : notetype.templates.find((t) => t.ord === card.ord);
    if (!template) {
      skipped.push({ item, reason: `note type "${notetype.name}" has no template ${card.ord + 1}` });
      continue;
    }

    const deck = collection.decks.get(card.originalDeckId !== '0' ? card.originalDeckId : card.deckId) ??
      collection.decks.get(card.deckId) ?? { name: 'Default', description: '', configId: '' };
    const ankiDeckName = deck.name || 'Default';
    const guid = noteGuid(note, guidOwners, skipped);
    const made = makeCard(note, notetype, card, ankiDeckName, noteTypes);
    if (made instanceof TemplateSyntaxError) {
      skipped.push({ item, reason: `template "${template.name}" of note type "${notetype.name}": ${made.message}` });
      continue;
    }
    if (!made) {
      skipped.push({
        item,
        reason:
          notetype.kind === 'cloze'
            ? `its text has no cloze c${card.ord + 1} (Anki shows it as blank)`
            : 'its front is empty (Anki shows it as blank)',
      });
      continue;
    }
    if (!bundleNotes.has(note.id)) {
      const createdAt = plausibleTime(note.id);
      bundleNotes.set(note.id, {
        guid,
        ...made.note,
        tags: [...new Set(note.tags)],
        ...(createdAt !== undefined ? { createdAt } : {}),
      });
    }
    let key = cardKey(note, card.ord);
    if (usedCardKeys.has(key)) key = `n${note.id}-${card.ord}`;
    for (let i = 2; usedCardKeys.has(key); i++) key = `n${note.id}-${card.ord}-${i}`;
    usedCardKeys.add(key);
    const bundleCard: BundleCard = {
      key,
      question: made.card.question,
      answer: made.card.answer,
      format: made.card.format,
      tags: [...new Set(note.tags)],
      noteKey: guid,
      note: { guid, ord: card.ord, answerAlone: made.card.answerAlone, typeAnswer: made.card.typeAnswer },
    };
    if (card.queue === -1) bundleCard.suspended = true;
    // Anki keeps the flag in the low three bits of `flags`
    if ((card.flags & 7) !== 0) bundleCard.flag = card.flags & 7;
    const createdAt = plausibleTime(card.id) ?? plausibleTime(note.id);
    if (createdAt !== undefined) bundleCard.createdAt = createdAt;
    const history = reviews.get(card.id);
    if (history?.length) bundleCard.reviews = history;
    const memory = memoryState(card);
    if (memory) bundleCard.memory = memory;
    bundleCard.schedule = keptSchedule(card, day0, history, boundary);
    placed.push({
      path: splitDeckName(ankiDeckName),
      configId: deck.configId,
      card: bundleCard,
      noteOrder: Number(note.id) * 100 + card.ord,
    });
  }

  for (const note of collection.notes) {
    if (!notesWithCards.has(note.id)) skipped.push({ item: `note ${note.id}`, reason: 'has no cards in the package' });
  }
  // first-made notes first: that order decides the order of sections
  placed.sort((a, b) => a.noteOrder - b.noteOrder);
  for (const problem of collection.configProblems) skipped.push({ item: 'deck options', reason: problem });
  return {
    decks: groupIntoDecks(placed, collection, deckName, skipped),
    noteTypes: [...noteTypes.values()],
    notes: [...bundleNotes.values()],
  };
}

/**
 * The card as its note type renders it (core/notes/render-note.ts, the renderer edits use too), and
 * the note it belongs to; a note Cue exported comes back as its Markdown.
 */
function makeCard(
  note: AnkiNote,
  notetype: AnkiNotetype,
  card: AnkiCard,
  ankiDeckName: string,
  noteTypes: Map<string, BundleNoteType>,
): { card: GeneratedCard; note: Pick<BundleNote, 'noteType' | 'fields'> } | TemplateSyntaxError | null {
  const legacy = cueMarkdown(note, notetype);
  if (legacy && card.ord === 0) {
    return {
      card: { ...legacy, ord: 0, name: 'Card 1', answerAlone: false, typeAnswer: null, format: 'markdown' },
      note: { noteType: { builtin: 'basic' }, fields: [legacy.question, legacy.answer] },
    };
  }
  const markdown = cueFieldsOfAnkiNote(notetype.fields, note.fields);
  const path = splitDeckName(ankiDeckName);
  const place = { deckName: path[0], sectionName: path.length > 1 ? path.slice(1).join('::') : null };
  const builtin = markdown && markdown.editedInAnki.length === 0 ? builtinTypeOf(notetype, markdown.names) : undefined;
  if (markdown && builtin) {
    const generated = renderNoteCard(builtin, { fields: markdown.values, tags: note.tags }, place, card.ord);
    if (!generated || generated instanceof TemplateSyntaxError) return generated;
    return { card: generated, note: { noteType: { builtin: builtin.key }, fields: markdown.values } };
  }
  let type = noteTypes.get(notetype.id);
  if (!type) {
    type = bundleNoteType(notetype, note, markdown?.names);
    noteTypes.set(notetype.id, type);
  }
  // a Cue Markdown note comes back as its Markdown; one edited in Anki as the HTML Anki shows
  const fields =
    markdown && type.format === 'markdown' ? markdown.values : type.fields.map((_, i) => note.fields[i] ?? '');
  const generated = renderNoteCard({ ...type, key: '' }, { fields, tags: note.tags }, place, card.ord);
  if (!generated || generated instanceof TemplateSyntaxError) return generated;
  return { card: generated, note: { noteType: { ankiId: notetype.id }, fields } };
}

/** The built-in type a model Cue exported was made from, when its fields and templates are still that type's. */
function builtinTypeOf(notetype: AnkiNotetype, fields: string[]): (typeof BUILTIN_NOTE_TYPES)[number] | undefined {
  const type = BUILTIN_NOTE_TYPES.find((t) => (notetype.cueKey ? t.key === notetype.cueKey : t.name === notetype.name));
  if (type?.format !== 'markdown' || type.fields.join('\x1f') !== fields.join('\x1f')) return undefined;
  const same =
    type.templates.length === notetype.templates.length &&
    type.templates.every(
      (t, i) => t.question === notetype.templates[i].qfmt && t.answer === notetype.templates[i].afmt,
    );
  return same ? type : undefined;
}

/** The note's guid; a second note with a guid already taken in the package gets its own, said once. */
function noteGuid(note: AnkiNote, owners: Map<string, string>, skipped: { item: string; reason: string }[]): string {
  const guid = note.guid || `anki-note-${note.id}`;
  const owner = owners.get(guid);
  if (owner === undefined) {
    owners.set(guid, note.id);
    return guid;
  }
  if (owner === note.id) return guid;
  const own = `anki-note-${note.id}`;
  if (!owners.has(own)) {
    owners.set(own, note.id);
    skipped.push({
      item: `note ${note.id}`,
      reason: `shares its guid with note ${owner}; it comes in as a note of its own`,
    });
  }
  return own;
}

/** Anki's OriginalStockKind for Image Occlusion (proto anki.notetypes). */
const IMAGE_OCCLUSION_STOCK_KIND = 6;

/**
 * The package's note type in Cue's terms. `markdownFields` names a Cue Markdown model's own fields
 * (without their hidden sources): it comes back as a Markdown type, unless its notes were edited in Anki.
 */
function bundleNoteType(notetype: AnkiNotetype, note: AnkiNote, markdownFields?: string[]): BundleNoteType {
  // a type copied from the stock one may have lost its stock kind; its first field still holds the masks
  const occlusion =
    notetype.kind === 'cloze' &&
    (notetype.originalStockKind === IMAGE_OCCLUSION_STOCK_KIND ||
      /\{\{c\d+::image-occlusion:/.test(note.fields[0] ?? ''));
  return {
    ankiId: notetype.id,
    name: notetype.name.trim().slice(0, 100) || 'Anki note type',
    kind: occlusion ? 'image_occlusion' : notetype.kind,
    format:
      markdownFields && cueFieldsOfAnkiNote(notetype.fields, note.fields)?.editedInAnki.length === 0
        ? 'markdown'
        : 'html',
    fields: markdownFields ?? notetype.fields,
    templates: notetype.templates.map((t) => ({ name: t.name, question: t.qfmt, answer: t.afmt })),
    css: notetype.css,
  };
}

/**
 * A note Cue exported carries its Markdown source (see CUE_SOURCE_FIELDS): the card comes back as that
 * Markdown, unless someone changed Front or Back in Anki, whose edit then wins as HTML.
 */
function cueMarkdown(
  note: AnkiNote,
  notetype: AnkiNotetype,
): Pick<BundleCard, 'question' | 'answer' | 'format'> | undefined {
  const at = (name: string) => notetype.fields.indexOf(name);
  const [questionAt, answerAt] = CUE_SOURCE_FIELDS.map(at);
  if (questionAt < 0 || answerAt < 0) return undefined;
  const question = note.fields[questionAt] ?? '';
  const answer = note.fields[answerAt] ?? '';
  if (!question) return undefined;
  const unchanged =
    cardFieldHtml(question, 'markdown') === note.fields[at('Front')] &&
    cardFieldHtml(answer, 'markdown') === note.fields[at('Back')];
  return unchanged ? { question, answer, format: 'markdown' } : undefined;
}

/**
 * Answers from the review log, oldest first. Left out, as Anki's FSRS leaves them out: manual
 * entries (type 4 "set due date"/forget, type 5 rescheduled), entries without a button (ease 0) and
 * cram reviews in filtered decks that did not reschedule (type 3 with factor 0). Also left out:
 * entries Anki never writes, whose button or kind is no whole number or whose id (the moment of the
 * answer, in ms) is no moment between 1970 and 2200; replaying them would feed the scheduler nonsense.
 */
function reviewsByCard(revlog: AnkiReview[], skipped: { item: string; reason: string }[]): Map<string, BundleReview[]> {
  const byCard = new Map<string, BundleReview[]>();
  let manual = 0;
  let cram = 0;
  let broken = 0;
  for (const entry of revlog) {
    const at = Number(entry.id);
    if (!Number.isInteger(entry.ease) || !Number.isInteger(entry.type) || !(at > 0 && at < YEAR_2200)) {
      broken++;
      continue;
    }
    if (entry.type >= 4 || entry.ease < 1 || entry.ease > 4) {
      manual++;
      continue;
    }
    if (entry.type === 3 && entry.factor === 0) {
      cram++;
      continue;
    }
    let list = byCard.get(entry.cardId);
    if (!list) {
      list = [];
      byCard.set(entry.cardId, list);
    }
    const durationMs = Number.isFinite(entry.timeMs) ? Math.max(0, entry.timeMs) : 0;
    list.push({ at, rating: entry.ease as 1 | 2 | 3 | 4, durationMs });
  }
  for (const list of byCard.values()) list.sort((a, b) => a.at - b.at);
  if (manual) {
    skipped.push({
      item: `${manual} review-log ${manual === 1 ? 'entry' : 'entries'}`,
      reason: 'manual changes (set due date, forget, reschedule), not answers',
    });
  }
  if (cram) {
    skipped.push({
      item: `${cram} review-log ${cram === 1 ? 'entry' : 'entries'}`,
      reason: 'reviews in a filtered deck that did not reschedule the card',
    });
  }
  if (broken) {
    skipped.push({
      item: `${broken} review-log ${broken === 1 ? 'entry' : 'entries'}`,
      reason: 'not readable as answers: no button 1-4 or no real moment in time',
    });
  }
  return byCard;
}

/** Anki's FSRS memory state from `cards.data` (`{"s":12.1,"d":5.61,"dr":0.9}`), when present. */
function memoryState(card: AnkiCard): BundleCard['memory'] {
  if (!card.data.startsWith('{')) return undefined;
  try {
    const data = JSON.parse(card.data) as { s?: unknown; d?: unknown };
    const stability = Number(data.s);
    const difficulty = Number(data.d);
    if (typeof data.s !== 'number' || typeof data.d !== 'number') return undefined;
    if (!(stability > 0) || !Number.isFinite(stability) || !(difficulty > 0) || !Number.isFinite(difficulty)) {
      return undefined;
    }
    return { stability, difficulty };
  } catch {
    return undefined;
  }
}

const YEAR_2000 = 946_684_800_000;
const YEAR_2200 = 7_258_118_400_000;

/** Anki ids are creation times in ms; tools that make up ids are ignored. */
function plausibleTime(id: string): number | undefined {
  const ms = Number(id);
  return ms >= YEAR_2000 && ms < YEAR_2200 ? ms : undefined;
}

function splitDeckName(name: string): string[] {
  const parts = name
    .split('::')
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length ? parts : ['Default'];
}

// Decks, sections and keys
// ----------------------------------------

function groupIntoDecks(
  placed: PlacedCard[],
  collection: AnkiCollection,
  deckName: string | undefined,
  skipped: { item: string; reason: string }[],
): BundleDeck[] {
  const descriptions = new Map<string, string>();
  for (const deck of collection.decks.values()) {
    descriptions.set(splitDeckName(deck.name).join('::'), deck.description.trim());
  }
  const tops = [...new Set(placed.map((p) => p.path[0]))];
  const merge = deckName !== undefined && tops.length > 1;

  interface SectionDraft {
    name: string;
    description: string;
    root: boolean;
    cards: BundleCard[];
  }
  interface DeckDraft {
    name: string;
    description: string;
    sections: Map<string, SectionDraft>;
    /** Cards by the Anki options preset they were studied with. */
    configs: Map<string, number>;
    /** The Anki deck it is made from (none when several are merged under one name). */
    top: AnkiDeck | undefined;
  }
  const drafts = new Map<string, DeckDraft>();
  for (const { path, configId, card } of placed) {
    const top = merge ? (deckName as string) : path[0];
    let draft = drafts.get(top);
    if (!draft) {
      draft = {
        name: deckName ?? top,
        description: merge ? '' : (descriptions.get(path[0]) ?? ''),
        sections: new Map(),
        configs: new Map(),
        top: merge ? undefined : [...collection.decks.values()].find((d) => splitDeckName(d.name).join('::') === top),
      };
      drafts.set(top, draft);
    }
    draft.configs.set(configId, (draft.configs.get(configId) ?? 0) + 1);
    const relative = merge ? path : path.slice(1);
    const root = relative.length === 0;
    const sectionName = root ? draft.name : relative.join('::');
    let section = draft.sections.get(sectionName);
    if (!section) {
      section = {
        name: sectionName,
        description: root ? '' : (descriptions.get(path.join('::')) ?? ''),
        root,
        cards: [],
      };
      draft.sections.set(sectionName, section);
    }
    section.cards.push(card);
  }

  const deckKeys = new Set<string>();
  return [...drafts.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((draft) => {
      const sectionKeys = new Set<string>();
      // Anki keeps no order of subdecks; the order their first notes were made in is the deck's order
      const sections = [...draft.sections.values()]
        .sort((a, b) => Number(b.root) - Number(a.root))
        .map((section) => ({
          key: uniqueKey(slugOrHash(section.name), sectionKeys, section.name),
          name: section.name,
          ...(section.description ? { description: section.description } : {}),
          cards: inNewCardOrder(section.cards),
        }));
      // a deck Cue exported comes back as itself, unless it is imported under a new name
      const cueKey = deckName === undefined ? cueDeckKey(sections) : undefined;
      return {
        key:
          cueKey && !deckKeys.has(cueKey)
            ? uniqueKey(cueKey, deckKeys, cueKey)
            : uniqueKey(`anki-${slugOrHash(draft.name)}`, deckKeys, draft.name),
        name: draft.name,
        ...(draft.description ? { description: draft.description } : {}),
        sections,
        ...deckPreset(draft.name, draft.configs, collection, skipped, draft.top),
      };
    });
}

/**
 * The section's cards in note order, its new cards in the order Anki would show them (their due is a
 * position): the new cards trade places among themselves, the others stay where they are.
 */
function inNewCardOrder(cards: BundleCard[]): BundleCard[] {
  const isNew = (card: BundleCard) => card.schedule?.newPosition !== undefined;
  const ordered = cards.filter(isNew).sort((a, b) => (a.schedule?.newPosition ?? 0) - (b.schedule?.newPosition ?? 0));
  let next = 0;
  return cards.map((card) => (isNew(card) ? ordered[next++] : card));
}

/**
 * The deck's options: those of the Anki preset most of its cards were studied with (Anki gives each
 * subdeck its own; a Cue deck has one preset), under that preset's name.
 */
function deckPreset(
  deck: string,
  configs: Map<string, number>,
  collection: AnkiCollection,
  skipped: { item: string; reason: string }[],
  ankiDeck: AnkiDeck | undefined,
): { preset?: BundlePreset } {
  const ranked = [...configs].sort((a, b) => b[1] - a[1]);
  const [top] = ranked;
  if (!top || top[0] === '') return {};
  const config = collection.deckConfigs.get(top[0]);
  if (!config) {
    skipped.push({
      item: `options of deck ${deck}`,
      reason: `its Anki options preset ${top[0]} is not in the package; the deck uses Cue's Default preset`,
    });
    return {};
  }
  const { options, notes } = presetOptionsFromAnki(config);
  const name = config.name.trim().slice(0, 100) || 'Anki options';
  const others = ranked.slice(1).map(([id]) => collection.deckConfigs.get(id)?.name.trim() || id);
  if (others.length) {
    notes.push(
      `its Anki subdecks also used ${others.map((n) => `“${n}”`).join(', ')}; Cue took “${name}”, which most of its cards were studied with`,
    );
  }
  const own = ankiDeck && (ankiDeck.newLimit !== null || ankiDeck.reviewLimit !== null);
  const limits = ankiDeck && own ? ownLimits(ankiDeck, notes) : undefined;
  return { preset: { name, options, notes, ...(limits ? { deckLimits: limits } : {}) } };
}

/** Anki's "This deck" limits, within Cue's bounds (a note says when one was not). */
function ownLimits(deck: AnkiDeck, notes: string[]): { newLimit: number | null; reviewLimit: number | null } {
  const bounded = (label: string, value: number | null, max: number) => {
    if (value === null || value <= max) return value;
    notes.push(`This deck's ${label} ${value} is over Cue's ${max}: ${max} instead`);
    return max;
  };
  const limits = {
    newLimit: bounded('new cards a day', deck.newLimit, 9999),
    reviewLimit: bounded('maximum reviews a day', deck.reviewLimit, 99_999),
  };
  const said = [
    limits.newLimit === null ? '' : `${limits.newLimit} new cards`,
    limits.reviewLimit === null ? '' : `${limits.reviewLimit} reviews`,
  ].filter(Boolean);
  notes.push(`this deck's own limits in Anki came too: ${said.join(' and ')} a day`);
  return limits;
}

/** Notes Cue exported carry `cue:<deck id>/<card id>` guids (see write-package.ts): ids come back. */
const CUE_GUID = /^cue:([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)$/;

/** The Cue deck id all of a deck's cards came from, if they all came from one. */
function cueDeckKey(sections: { cards: BundleCard[] }[]): string | undefined {
  const keys = new Set(sections.flatMap((s) => s.cards.map((c) => CUE_GUID.exec(c.noteKey ?? '')?.[1] ?? '')));
  const [only] = keys;
  return keys.size === 1 && only ? only : undefined;
}

function slug(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

function shortHash(text: string, length = 8): string {
  return createHash('sha1').update(text).digest('hex').slice(0, length);
}

/** A key from a name: its slug, or a hash of it when it has no Latin letters or digits. */
function slugOrHash(name: string): string {
  return slug(name) || shortHash(name);
}

function uniqueKey(base: string, taken: Set<string>, seed: string): string {
  let key = base;
  if (taken.has(key)) key = `${base}-${shortHash(seed, 6)}`;
  for (let i = 2; taken.has(key); i++) key = `${base}-${shortHash(seed, 6)}-${i}`;
  taken.add(key);
  return key;
}

/**
 * `n` + the note's guid + `-` + the card's ordinal. A guid of lowercase letters and digits is used
 * as it is; any other (Anki's are base91, mixed case) becomes its letters and digits lowercased
 * plus a hash of the exact guid, so guids differing only in case or symbols stay apart.
 */
export function cardKey(note: Pick<AnkiNote, 'id' | 'guid'>, ord: number): string {
  const guid = note.guid;
  const cue = CUE_GUID.exec(guid);
  if (cue) return ord === 0 ? cue[2] : `${cue[2]}-${ord}`;
  let part: string;
  if (/^[a-z0-9]+$/.test(guid)) part = guid;
  else if (guid) {
    const letters = guid.toLowerCase().replace(/[^a-z0-9]/g, '');
    part = letters ? `${letters}-${shortHash(guid, 6)}` : shortHash(guid, 10);
  } else part = note.id;
  return `n${part}-${ord}`;
}
