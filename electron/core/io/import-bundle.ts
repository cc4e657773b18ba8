/**
 * What every importer produces and the one apply step consumes: decks with sections and cards in
 * Cue's terms, their review history and media, plus what was skipped and why. Readers never touch
 * the collection; `applyImport` writes a bundle in one transaction.
 */
import type { NoteTypeDefinition } from '../../../shared/notes';
import type { PresetOptions } from '../../../shared/presets';

/** Where in the source an item came from, for error messages and "skipped" reasons. */
export interface SourceRef {
  file: string;
  /** 1-based line (text formats) or an id inside a package (e.g. "note 1390442"). */
  where?: string;
}

export class ImportError extends Error {
  constructor(
    readonly source: SourceRef,
    readonly reason: string,
  ) {
    super(`${source.file}${source.where ? ` (${source.where})` : ''}: ${reason}`);
    this.name = 'ImportError';
  }
}

export type ContentFormat = 'markdown' | 'html';

/** One answer from the source's history. Ratings are FSRS's 1-4 (Again..Easy). */
export interface BundleReview {
  at: number;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
}

export interface BundleCard {
  /** Stable within its deck: a Cue card id, or derived from the source (Anki note guid + card ordinal). */
  key: string;
  question: string;
  answer: string;
  /** Anki content is HTML (sanitised when shown); Cue's own is Markdown. */
  format: ContentFormat;
  tags: string[];
  suspended?: boolean;
  /** Anki's flag colours, 1 to 7 (none when absent). */
  flag?: number;
  createdAt?: number;
  /** History, oldest first; replayed through Cue's scheduler to rebuild the card's state. */
  reviews?: BundleReview[];
  /** A memory state the source computed itself (Anki's FSRS), preferred over the replay's. */
  memory?: { stability: number; difficulty: number };
  /** The schedule the source gave the card (Anki packages): kept as it is, unless the import reschedules. */
  schedule?: BundleSchedule;
  /** Cards made from one note share it (Anki's siblings). */
  noteKey?: string;
  /** The note it is made from (by guid, in the bundle's `notes`) and its template or cloze index. */
  note?: { guid: string; ord: number; answerAlone: boolean; typeAnswer: string | null };
}

/**
 * A note type the source carries (an Anki note type), matched on import by `ankiId`: kept when
 * unchanged, updated when its fields are the same, else imported as a new type beside the old one.
 */
export interface BundleNoteType extends Omit<NoteTypeDefinition, 'key'> {
  ankiId: string;
}

export interface BundleNote {
  guid: string;
  /** A note type of the bundle (by `ankiId`), or one of Cue's built-in types (by key). */
  noteType: { ankiId: string } | { builtin: string };
  fields: string[];
  tags: string[];
  createdAt?: number;
}

/**
 * A card's schedule as the source had it, in Cue's terms: the state, when it is due and its interval,
 * what the import keeps. The memory state is not here: it is the source's own (`memory`), else the replay's.
 */
export interface BundleSchedule {
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  state: 0 | 1 | 2 | 3;
  /** When it is due, ms (a review card: the start of its study day); unused for new cards. */
  due: number;
  /** The interval in days (review and relearning cards). */
  scheduledDays: number;
  reps: number;
  lapses: number;
  /** Learning or relearning steps still to go, the current one included; 0 outside learning. */
  stepsLeft: number;
  /** The last answer: the history's, else the day the interval began; null when neither says. */
  lastReview: number | null;
  /** SM-2's ease (2.5 = 250%), for a memory state when neither the source nor the history gives one. */
  ease: number | null;
  /** New cards: where the source would show it among new cards (lower first). */
  newPosition?: number;
  /** Buried in the source, last changed at this moment: it stays buried for the rest of that day only. */
  buriedAt?: number;
}

export interface BundleSection {
  key: string;
  name: string;
  description?: string;
  cards: BundleCard[];
}

/** Deck options the source carries (an Anki options preset), for a preset of the same name. */
export interface BundlePreset {
  name: string;
  options: PresetOptions;
  /** What did not come across as it was (values clamped into Cue's bounds, parameters left out). */
  notes: string[];
  /** The deck's own daily limits over the preset's (Anki's "This deck"), when the source set any. */
  deckLimits?: { newLimit: number | null; reviewLimit: number | null };
}

export interface BundleDeck {
  /** Stable deck id: the Cue deck id, or derived from the source. */
  key: string;
  name: string;
  description?: string;
  sections: BundleSection[];
  preset?: BundlePreset;
}

export interface BundleMedia {
  /** The name the cards refer to; made safe (no folders, no "..") by the reader. */
  name: string;
  data: Uint8Array;
}

export interface ImportBundle {
  source: SourceRef & { format: 'cue' | 'csv' | 'apkg' | 'colpkg' | 'revlog' };
  decks: BundleDeck[];
  media: BundleMedia[];
  /** The note types and notes the cards are made from (formats that have them: Anki packages). */
  noteTypes?: BundleNoteType[];
  notes?: BundleNote[];
  /** Items left out, with the reason: shown in the preview and in `cue import --json`. */
  skipped: { item: string; reason: string }[];
}

/** Limits that keep a hostile file from exhausting memory or disk. */
export const IMPORT_LIMITS = {
  /** Total uncompressed size of a package's entries. */
  maxUnpackedBytes: 2 * 1024 ** 3,
  /** One media file. */
  maxMediaBytes: 200 * 1024 ** 2,
  /** Entries in a zip. */
  maxEntries: 200_000,
};
