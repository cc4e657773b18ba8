/**
 * Which reader or writer a file goes through: Cue deck files (.md), CSV/TSV text (.csv, .tsv, .txt),
 * Anki packages (.apkg, .colpkg) and review histories in the FSRS optimizer's CSV format.
 */
import { extname } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat, type ImportFormat } from '../../../shared/io';
import type { DayBoundary } from '../days';
import { readAnkiPackage } from './anki/read-package';
import { writeAnkiPackage } from './anki/write-package';
import { type ColumnMapping, decodeText, readCsv, writeCsv } from './csv-format';
import { readCueDeck, writeCueDeck } from './cue-deck-io';
import type { ExportDeck } from './export-data';
import { type ImportBundle, ImportError } from './import-bundle';
import { readRevlogCsv, writeRevlogCsv } from './revlog-format';

export type { ExportFormat, ImportFormat };
export { EXPORT_FORMATS };

/** The revlog CSV's header, which tells it apart from a deck in CSV. */
const REVLOG_HEADER = 'card_id,review_time,review_rating';

export function detectImportFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.apkg' || extension === '.colpkg') return 'apkg';
  if (extension === '.md' || extension === '.markdown') return 'cue';
  if (extension === '.csv' || extension === '.tsv' || extension === '.txt') {
    const start = new TextDecoder().decode(bytes.subarray(0, 200)).replace(/^\uFEFF/, '');
    return start.startsWith(REVLOG_HEADER) ? 'revlog' : 'csv';
  }
  // no telling extension: a zip is a package, text starting with Cue's header a deck
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'apkg';
  if (new TextDecoder().decode(bytes.subarray(0, 20)).startsWith('---\ncue-deck:')) return 'cue';
  throw new ImportError(
    { file: fileName },
    'is not a file Cue can import (Cue decks .md, CSV/TSV .csv .tsv .txt, Anki packages .apkg .colpkg)',
  );
}

export interface ReadOptions {
  deckName?: string;
  mapping?: ColumnMapping;
  /** The collection's study days (Anki packages count due dates in days). */
  boundary?: DayBoundary;
  /** For review histories: the collection's cards by their Cue id. */
  cardsById?: Map<string, { deckKey: string; sectionKey: string; key: string }>;
}

export function readImportFile(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): ImportBundle {
  const format = detectImportFormat(fileName, bytes);
  if (format === 'apkg')
    return readAnkiPackage(bytes, fileName, { deckName: options.deckName, boundary: options.boundary });
  if (format === 'csv') return readCsv(bytes, fileName, { mapping: options.mapping, deckName: options.deckName });
  const text = decodeText(bytes, fileName);
  if (format === 'revlog') return readRevlogCsv(text, fileName, options.cardsById ?? new Map());
  const bundle = readCueDeck(text, fileName);
  if (options.deckName) for (const deck of bundle.decks) deck.name = options.deckName;
  return bundle;
}

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  cue: '.md',
  csv: '.txt',
  apkg: '.apkg',
  revlog: '.csv',
};

export function writeExportFile(
  format: ExportFormat,
  deck: ExportDeck,
  options: { withHistory: boolean; now: number },
): Uint8Array {
  if (format === 'apkg') return writeAnkiPackage(deck, options);
  const text = format === 'cue' ? writeCueDeck(deck) : format === 'csv' ? writeCsv(deck) : writeRevlogCsv([deck]);
  return new TextEncoder().encode(text);
}
