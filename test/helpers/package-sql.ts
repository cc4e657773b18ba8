/**
 * Opens the collection inside an Anki package with plain SQL, as Anki itself would read it, so tests
 * check what a package holds without Cue's reader: the collection named by `meta` (else anki21, else
 * anki2), zstd undone, the WAL header switched off, Anki's `unicase` collation stood in by NOCASE.
 */
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { decompress } from 'fzstd';
import { setCollation } from './anki-packages';

const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

export function openPackageCollection(bytes: Uint8Array): Database.Database {
  const entries = unzipSync(bytes);
  const version = entries.meta ? entries.meta[1] : undefined;
  const name =
    version === 3 || (!entries['collection.anki21'] && !entries['collection.anki2'])
      ? 'collection.anki21b'
      : version === 2 || entries['collection.anki21']
        ? 'collection.anki21'
        : 'collection.anki2';
  let data: Uint8Array = entries[name];
  if (!data) throw new Error(`the package has no ${name}`);
  if (ZSTD.every((b, i) => data[i] === b)) data = new Uint8Array(decompress(data));
  const copy = new Uint8Array(data);
  copy[18] = 1;
  copy[19] = 1;
  const db = new Database(Buffer.from(copy));
  const unicase = db.prepare("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%unicase%'").pluck().get() as number;
  if (unicase) setCollation(db, /COLLATE unicase/gi, 'COLLATE NOCASE');
  return db;
}

export interface PackageNoteType {
  id: string;
  name: string;
  kind: 'normal' | 'cloze';
  fields: string[];
  templates: { name: string; qfmt: string; afmt: string }[];
  css: string;
}

/** The package's note types by id, from the col row's JSON (schema 11) or the notetypes tables (18). */
export function packageNoteTypes(db: Database.Database): Map<string, PackageNoteType> {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const types = new Map<string, PackageNoteType>();
  if (!tables.has('notetypes')) {
    const models = JSON.parse(db.prepare('SELECT models FROM col').pluck().get() as string) as Record<
      string,
      {
        name: string;
        type: number;
        css?: string;
        flds: { name: string; ord: number }[];
        tmpls: { name: string; ord: number; qfmt: string; afmt: string }[];
      }
    >;
    for (const [id, m] of Object.entries(models)) {
      types.set(id, {
        id,
        name: m.name,
        kind: m.type === 1 ? 'cloze' : 'normal',
        fields: [...m.flds].sort((a, b) => a.ord - b.ord).map((f) => f.name),
        templates: [...m.tmpls].sort((a, b) => a.ord - b.ord).map(({ name, qfmt, afmt }) => ({ name, qfmt, afmt })),
        css: m.css ?? '',
      });
    }
    return types;
  }
  throw new Error('schema-18 note types: read them with the protobuf configs (not needed by these tests yet)');
}

/** The package's notes: guid, note type id, fields and tags, by note id. */
export function packageNotes(db: Database.Database) {
  return db
    .prepare('SELECT CAST(id AS TEXT) AS id, guid, CAST(mid AS TEXT) AS mid, flds, tags FROM notes ORDER BY id')
    .all()
    .map((row) => {
      const r = row as { id: string; guid: string; mid: string; flds: string; tags: string };
      return {
        id: r.id,
        guid: r.guid,
        noteTypeId: r.mid,
        fields: r.flds.split('\x1f'),
        tags: r.tags.trim().split(/\s+/).filter(Boolean),
      };
    });
}

/** The package's cards: note id and ordinal, by card id. */
export function packageCards(db: Database.Database) {
  return db.prepare('SELECT CAST(id AS TEXT) AS id, CAST(nid AS TEXT) AS noteId, ord FROM cards ORDER BY id').all() as {
    id: string;
    noteId: string;
    ord: number;
  }[];
}
