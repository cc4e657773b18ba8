/** Searches saved by name, for the browser's sidebar. */
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../saved-searches';
import { feature, type HandlerContext } from './context';

export type SearchesContext = Pick<HandlerContext, 'db'>;

export function searchHandlers(core: SearchesContext) {
  return feature({
    'searches.list': () => listSavedSearches(core.db),
    'searches.save': ({ name, query }) => saveSearch(core.db, name, query),
    'searches.delete': ({ name }) => deleteSavedSearch(core.db, name),
  });
}
