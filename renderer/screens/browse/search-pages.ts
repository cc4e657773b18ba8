/**
 * The browser's search results, a page of 200 rows at a time: fetched as the person scrolls to them,
 * kept per query and sort, and reloaded after a change to the cards. Answers that belong to an earlier
 * search are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiOutput } from '../../../shared/api';
import type { CardSearchRow, CardSort } from '../../../shared/search';
import { call } from '../../lib/api-client';

export const PAGE = 200;

export interface Results {
  /** The query and sort the pages belong to (`searchKey`). */
  query: string;
  total: number;
  /** Rows by page index; a page absent here is not loaded yet. */
  pages: Map<number, CardSearchRow[]>;
}

export function searchKey(query: string, sort: CardSort): string {
  return `${sort.column}:${sort.descending}:${query}`;
}

/** The results with one more page of the search `key`; pages of another search are dropped. */
export function withPage(
  previous: Results | null,
  key: string,
  page: number,
  answer: ApiOutput<'cards.search'>,
): Results {
  const pages = new Map(previous?.query === key ? previous.pages : []);
  pages.set(page, answer.cards);
  return { query: key, total: answer.total, pages };
}

export function rowAt(results: Results | null, index: number): CardSearchRow | undefined {
  return results?.pages.get(Math.floor(index / PAGE))?.[index % PAGE];
}

/** The pages rows `first` to `last` (the visible ones) fall in. */
export function pagesInView(first: number, last: number, total: number): number[] {
  if (total === 0) return [];
  const pages: number[] = [];
  for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) pages.push(page);
  return pages;
}

/** What a reload fetches again: the pages asked for so far, or the first when none was. */
export function pagesToReload(requested: Iterable<number>): number[] {
  const pages = [...requested];
  return pages.length > 0 ? pages : [0];
}

export function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Pages of search results, loaded on demand; `refresh` reloads what is loaded (after a bulk action). */
export function useSearchPages(query: string, sort: CardSort) {
  const key = searchKey(query, sort);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      requested.current.add(page);
      try {
        const result = await call('cards.search', { query, sort, limit: PAGE, offset: page * PAGE });
        if (gen !== generation.current) return;
        setError(null);
        setResults((previous) => withPage(previous, key, page, result));
      } catch (reason) {
        if (gen !== generation.current) return;
        requested.current.delete(page);
        setError(reason);
      }
    },
    [query, sort, key],
  );

  const reset = useCallback(
    (keep: number[]) => {
      generation.current += 1;
      requested.current = new Set();
      for (const page of pagesToReload(keep)) void fetchPage(page, generation.current);
    },
    [fetchPage],
  );

  useEffect(() => {
    reset([]);
  }, [reset]);

  const ensure = useCallback(
    (page: number) => {
      if (!requested.current.has(page)) void fetchPage(page, generation.current);
    },
    [fetchPage],
  );
  const refresh = useCallback(() => reset([...requested.current]), [reset]);
  return { results: results?.query === key ? results : null, stale: results, error, ensure, refresh };
}
