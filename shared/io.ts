/** Import, export and backup types shared by the core, the transports and the renderer. */

export const EXPORT_FORMATS = ['cue', 'csv', 'apkg', 'revlog'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ImportFormat = 'cue' | 'csv' | 'apkg' | 'revlog';

/** A deck an import creates or changes: where the cards went, for a link to it. */
export interface ImportedDeck {
  /** In a preview of a new deck, the id it gets when the import is applied next. */
  id: number;
  key: string;
  /** As the collection names it (a new deck: the file's name for it, or the one given). */
  name: string;
  /** The import makes the deck; otherwise it adds to, updates or brings history to one already there. */
  created: boolean;
  /** Cards the import adds to the deck. */
  cards: number;
}

/** What an import added (plain numbers), updated and skipped, as `cue import --json` prints it. */
export interface ImportSummary {
  /** How many decks it creates (`importedDecks` names these and the ones it changes). */
  decks: number;
  sections: number;
  notes: number;
  cards: number;
  reviews: number;
  media: number;
  updated: { notes: number; cards: number };
  skipped: { item: string; reason: string }[];
  /** The decks it creates or changes, in the file's order. */
  importedDecks: ImportedDeck[];
  /** The deck options it brings (Anki packages): the preset each deck it creates is given. */
  presets: ImportedPreset[];
  /** The note types it brings (Anki packages), and what became of each. */
  noteTypes: ImportedNoteType[];
}

/**
 * A note type of the package, matched with one imported before (by Anki's id): added, unchanged,
 * updated (same fields, new templates or CSS), or added beside the old one because its fields
 * changed (as Anki does), so the notes already imported keep theirs.
 */
export interface ImportedNoteType {
  name: string;
  noteTypeId: number;
  outcome: 'added' | 'unchanged' | 'updated' | 'added-beside';
  /** For 'added-beside': the type it was added beside. */
  beside?: string;
}

/**
 * A preset an import gives a new deck, named as the source's options: made by the import, or one
 * already in the collection with that name and the very same options ("Name (2)" when the name is
 * taken by other options).
 */
export interface ImportedPreset {
  deckId: number;
  deck: string;
  presetId: number;
  name: string;
  created: boolean;
  /** What did not come across as it was (a value clamped into Cue's bounds, parameters left out). */
  notes: string[];
}

/** Which CSV column (1-based) holds what, for text files without Anki's headers. */
export interface ColumnMapping {
  question: number;
  answer: number;
  tags?: number;
  section?: number;
  key?: number;
}

/** What a CSV/TSV file looks like, so a person can map its columns. */
export interface CsvLayout {
  separatorName: string;
  hasHeader: boolean;
  columnCount: number;
  /** The first rows, as parsed. */
  rows: string[][];
  /** The mapping used when none is given; null when the file needs one. */
  mapping: ColumnMapping | null;
}

export interface ImportPreview {
  fileName: string;
  format: ImportFormat;
  /** Exactly what applying would do. */
  summary: ImportSummary;
  csv: CsvLayout | null;
}

/** The largest file Cue takes as a stream (the web host's raw uploads); 400 MiB. */
export const MAX_UPLOAD_BYTES = 400 * 1024 * 1024;
/** The header a streamed upload names its file in, URI-encoded (a header carries only ASCII). */
export const UPLOAD_NAME_HEADER = 'x-cue-file-name';

export interface UploadedFile {
  upload: string;
  name: string;
  size: number;
}

export interface ExportedFile {
  fileName: string;
  dataBase64: string;
  size: number;
}

/**
 * daily and manual backups hold the database and media; Cue makes the other two itself, of the
 * database alone (imports only add media, migrations never touch it), kept apart and pruned by age.
 */
export const BACKUP_KINDS = ['daily', 'manual', 'before-import', 'before-migration'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
/** The names Cue gives backups in the backups folder: kind, then the day or the moment. */
export const BACKUP_FILE_NAME = /^(daily|manual|before-import|before-migration)-[0-9TZ-]+\.cuebackup$/;

export interface BackupInfo {
  /** The backup's file name in the collection's backups folder. */
  file: string;
  kind: BackupKind;
  createdAt: number;
  size: number;
}

export interface RestoreResult {
  restored: string;
  /** Where the collection that was replaced now is (null when there was none). */
  replacedKeptIn: string | null;
}
