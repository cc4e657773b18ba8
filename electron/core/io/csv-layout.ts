/** A CSV/TSV file's shape as the import screen shows it, for mapping its columns. */
import type { CsvLayout } from '../../../shared/io';
import { previewCsv } from './csv-format';
import { ImportError } from './import-bundle';

export function csvLayout(bytes: Uint8Array, fileName: string): CsvLayout | null {
  try {
    const preview = previewCsv(bytes, fileName);
    return {
      separatorName: preview.separatorName,
      hasHeader: preview.hasHeader,
      columnCount: preview.columnCount,
      rows: preview.rows,
      mapping: preview.mapping,
    };
  } catch (error) {
    if (error instanceof ImportError) return null;
    throw error;
  }
}
