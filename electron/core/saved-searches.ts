/**
 * Searches the person saved by name, shown in the browser's sidebar as Anki's are. They belong to the
 * collection (a backup carries them), so they are kept in its settings table, as one JSON list under
 * one key: no migration, and the list is read and written whole (a hundred at most).
 */
import { CueError } from '../../shared/errors';
import { MAX_SAVED_SEARCHES, type SavedSearch } from '../../shared/search';
import { cachedStatement, type Db } from './database';
import { parseQuery } from './search/query-language';

export const SAVED_SEARCHES_KEY = 'savedSearches';

/** The saved searches, by name (any case). A damaged value reads as none rather than failing the browser. */
export function listSavedSearches(db: Db): SavedSearch[] {
  const raw = cachedStatement(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(SAVED_SEARCHES_KEY) as
    | string
    | undefined;
  if (raw === undefined) return [];
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(stored)) return [];
  return stored.filter(isSavedSearch);
}

function isSavedSearch(value: unknown): value is SavedSearch {
  if (typeof value !== 'object' || value === null) return false;
  const { name, query } = value as Record<string, unknown>;
  return typeof name === 'string' && name.length > 0 && typeof query === 'string';
}

function write(db: Db, searches: SavedSearch[]): SavedSearch[] {
  const sorted = [...searches].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  cachedStatement(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value',
  ).run(SAVED_SEARCHES_KEY, JSON.stringify(sorted));
  return sorted;
}

const sameName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;

/**
 * Saves `query` as `name`, replacing a search of that name (in any case). The query must parse: a
 * search that cannot run is refused with the parser's message (what is wrong, at which character).
 */
export function saveSearch(db: Db, name: string, query: string): SavedSearch[] {
  parseQuery(query);
  return db.transaction(() => {
    const others = listSavedSearches(db).filter((search) => !sameName(search.name, name));
    if (others.length >= MAX_SAVED_SEARCHES) {
      throw new CueError(
        'invalid_input',
        `There are already ${MAX_SAVED_SEARCHES} saved searches; delete one before saving "${name}".`,
        { name },
      );
    }
    return write(db, [...others, { name, query }]);
  })();
}

/** Deletes the saved search called `name` (in any case). */
export function deleteSavedSearch(db: Db, name: string): SavedSearch[] {
  return db.transaction(() => {
    const searches = listSavedSearches(db);
    const kept = searches.filter((search) => !sameName(search.name, name));
    if (kept.length === searches.length) {
      throw new CueError('not_found', `No saved search is called "${name}".`, { name });
    }
    return write(db, kept);
  })();
}
