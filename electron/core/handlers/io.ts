/** Files in and out: uploads, import (preview and apply) and export of a deck or section. */
import { readFileSync } from 'node:fs';
import { csvLayout } from '../io/csv-layout';
import { detectImportFormat } from '../io/file-formats';
import { feature, type HandlerContext } from './context';

export type IoContext = Pick<HandlerContext, 'uploads' | 'importFile' | 'exportFile'>;

export function ioHandlers(core: IoContext) {
  return feature({
    'files.upload': ({ name, dataBase64 }) => core.uploads.add(name, Buffer.from(dataBase64, 'base64')),
    'import.preview': ({ upload, deckName, mapping, rescheduleFromHistory }) => {
      const file = core.uploads.get(upload);
      const bytes = readFileSync(file.path);
      const summary = core.importFile(file.name, bytes, { dryRun: true, deckName, mapping, rescheduleFromHistory });
      const format = detectImportFormat(file.name, bytes);
      return { fileName: file.name, format, summary, csv: format === 'csv' ? csvLayout(bytes, file.name) : null };
    },
    'import.apply': ({ upload, deckName, mapping, rescheduleFromHistory }) => {
      const file = core.uploads.get(upload);
      const options = { dryRun: false, deckName, mapping, rescheduleFromHistory };
      const summary = core.importFile(file.name, readFileSync(file.path), options);
      core.uploads.remove(upload);
      return summary;
    },
    'export.deck': (query) => {
      const { fileName, data } = core.exportFile(query);
      return { fileName, dataBase64: Buffer.from(data).toString('base64'), size: data.length };
    },
  });
}
