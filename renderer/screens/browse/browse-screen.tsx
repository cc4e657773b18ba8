/**
 * The card browser (`#/browse`): a search in Cue's query language over every card, a virtualised table
 * fetched 200 rows at a time as the person scrolls, sortable by any column, and actions on a selection
 * (deleting can be undone with the toast's Undo or Ctrl+Z).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { CardSearchRow, CardSort, SortColumn } from '../../../shared/search';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError, errorCode } from '../../lib/errors';
import { plural } from '../../lib/format';
import { isActivatable, isEditable } from '../../lib/keys';
import { ScreenHeader } from '../../lib/screen-header';
import { Toast, useToast } from '../../lib/toast';
import { useBackKey } from '../../lib/use-back-key';
import { BrowseActions, type BulkChange } from './browse-actions';
import {
  BrowseRow,
  ColumnGroup,
  ColumnPicker,
  HeaderRow,
  loadColumns,
  Spacer,
  saveColumns,
  tableMinWidth,
} from './browse-table';

const PAGE = 200;
const ROW_HEIGHT = 37;
const DEBOUNCE_MS = 150;

/** The last query and sort, so coming back from the editor shows the same search. */
let lastQuery = '';
let lastSort: CardSort = { column: 'relevance', descending: false };

interface Props {
  onHome: () => void;
  onEdit: (cardId: number) => void;
}

interface Results {
  /** The query and sort the pages belong to. */
  query: string;
  total: number;
  /** Rows by page index; a page absent here is not loaded yet. */
  pages: Map<number, CardSearchRow[]>;
}

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Pages of search results, loaded on demand; `refresh` reloads what is loaded (after a bulk action). */
function useSearchPages(query: string, sort: CardSort) {
  const key = `${sort.column}:${sort.descending}:${query}`;
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
        setResults((previous) => {
          const pages = new Map(previous?.query === key ? previous.pages : []);
          pages.set(page, result.cards);
          return { query: key, total: result.total, pages };
        });
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
      for (const page of keep.length > 0 ? keep : [0]) void fetchPage(page, generation.current);
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

function rowAt(results: Results | null, index: number): CardSearchRow | undefined {
  return results?.pages.get(Math.floor(index / PAGE))?.[index % PAGE];
}

export function BrowseScreen({ onHome, onEdit }: Props) {
  const [query, setQuery] = useState(lastQuery);
  const [sort, setSort] = useState(lastSort);
  const settled = useDebounced(query, DEBOUNCE_MS);
  useEffect(() => {
    lastQuery = settled;
    lastSort = sort;
  }, [settled, sort]);
  const { results: current, stale, error, ensure, refresh } = useSearchPages(settled, sort);
  // While a new search loads, the old results stay on screen, as elsewhere in Cue.
  const results = current ?? stale;
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [active, setActive] = useState(0);
  const { toast, say, clear: clearToast } = useToast();
  const [lastDelete, setLastDelete] = useState<number | null>(null);
  const [columns, setColumns] = useState(loadColumns);

  const scrollRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useBackKey(onHome);

  const total = results?.total ?? 0;
  // Add card goes to the section of the card in focus; only a search with no card needs another place,
  // so the deck list (slow on a large collection) is asked for then, not on every opening.
  const [firstSectionId, setFirstSectionId] = useState<number>();
  const empty = results !== null && results.total === 0;
  useEffect(() => {
    if (!empty || firstSectionId !== undefined) return;
    call('decks.list', {}).then(
      (decks) => setFirstSectionId(decks.flatMap((d) => d.sections)[0]?.id),
      () => {}, // then Add card waits for a card in focus; the search shows any failure
    );
  }, [empty, firstSectionId]);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  // Load the pages the visible rows fall in.
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total === 0) return;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) ensure(page);
  }, [first, last, total, ensure]);

  // A new search or sort starts at the top with nothing selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `settled` and `sort` are triggers, not inputs.
  useEffect(() => {
    setSelected(new Set());
    setActive(0);
    scrollRef.current?.scrollTo(0, 0);
  }, [settled, sort]);

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  const toggle = useCallback((id: number) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const sortBy = useCallback((column: SortColumn) => {
    setSort((previous) => ({ column, descending: previous.column === column ? !previous.descending : false }));
  }, []);

  const selectAll = useCallback(async () => {
    if (!results) return;
    if (selected.size > 0 && selected.size >= results.total) {
      setSelected(new Set());
      return;
    }
    const ids: number[] = [];
    try {
      for (let offset = 0; offset < results.total; offset += 500) {
        const page = await call('cards.search', { query: settled, limit: 500, offset });
        ids.push(...page.cards.map((card) => card.id));
        if (page.cards.length === 0) break;
      }
      setSelected(new Set(ids));
    } catch (reason) {
      say(describeError(reason).message);
    }
  }, [results, selected, settled, say]);

  const bulk = useCallback(
    async (change: BulkChange, done: string) => {
      if (selected.size === 0) return;
      try {
        const { changed } = await call('cards.bulk', { cardIds: [...selected], change });
        say(`${done}: ${plural(changed, 'card')}.`);
        refresh();
      } catch (reason) {
        say(describeError(reason).message);
      }
    },
    [selected, say, refresh],
  );

  const undoDelete = useCallback(
    async (batch: number) => {
      try {
        const { restored } = await call('cards.restore', { batch });
        setLastDelete(null);
        say(`Restored ${plural(restored, 'card')}.`);
        refresh();
      } catch (reason) {
        say(describeError(reason).message);
      }
    },
    [say, refresh],
  );

  const deleteSelected = useCallback(async () => {
    if (selected.size === 0) return;
    try {
      const { deleted, batch } = await call('cards.delete', { cardIds: [...selected] });
      setSelected(new Set());
      setLastDelete(batch);
      say(`Deleted ${plural(deleted, 'card')} and their history.`, {
        label: 'Undo',
        run: () => void undoDelete(batch),
      });
      refresh();
    } catch (reason) {
      say(describeError(reason).message);
    }
  }, [selected, say, refresh, undoDelete]);

  // Enter right after typing opens a row of the search as typed, once it has arrived, never one of the last.
  const [openPending, setOpenPending] = useState(false);
  const ready = current !== null && settled === query;
  useEffect(() => {
    if (!openPending || !ready) return;
    setOpenPending(false);
    const row = rowAt(current, active);
    if (row) onEdit(row.id);
  }, [openPending, ready, current, active, onEdit]);

  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(total - 1, index));
      setActive(clamped);
      virtualizer.scrollToIndex(clamped);
    },
    [total, virtualizer],
  );

  const onGridKey = (event: KeyboardEvent<HTMLElement>) => {
    const inSearch = event.target === searchRef.current;
    const typing = isEditable(event.target);
    const command = event.ctrlKey || event.metaKey;
    if (command && event.key === 'Delete') void deleteSelected();
    else if (command && event.key === 'z' && !typing && lastDelete !== null) void undoDelete(lastDelete);
    else if (command || event.altKey) return;
    else if ((!inSearch && typing) || isActivatable(event.target)) return;
    else if (event.key === 'Delete' && !inSearch) void deleteSelected();
    else if (event.key === 'ArrowDown') moveTo(active + 1);
    else if (event.key === 'ArrowUp') moveTo(active - 1);
    else if (event.key === 'Enter') setOpenPending(true);
    else if (event.key === ' ' && !inSearch) {
      const row = rowAt(results, active);
      if (row) toggle(row.id);
    } else return;
    event.preventDefault();
  };

  const searchError = errorCode(error) === 'invalid_input' ? error : null;
  const allSelected = total > 0 && selected.size >= total;

  return (
    <main className="browse-layout" aria-label="Browse cards" onKeyDown={onGridKey}>
      <ScreenHeader className="browse-header" backLabel="Decks" onBack={onHome} backClassName="button ghost">
        <div className="browse-search">
          <input
            ref={searchRef}
            type="search"
            className="field search-field"
            aria-label="Search cards"
            aria-describedby="search-help"
            aria-invalid={searchError !== null}
            placeholder='Search: cache  tag:python  section:core  is:due  lapses>2  "exact phrase"'
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            data-testid="search"
          />
          {searchError !== null ? (
            <p id="search-help" className="search-error" role="alert" data-testid="search-error">
              {describeError(searchError).message}
            </p>
          ) : (
            <p id="search-help" className="visually-hidden">
              Arrow keys move through the cards, Enter opens one, Space selects it.
            </p>
          )}
        </div>
        <span className="muted browse-count" data-testid="result-count" aria-live="polite">
          {results ? plural(results.total, 'card') : 'Searching…'}
        </span>
        <ColumnPicker
          columns={columns}
          onChange={(next) => {
            setColumns(next);
            saveColumns(next);
          }}
        />
      </ScreenHeader>
      <BrowseActions
        selectedCount={selected.size}
        active={rowAt(results, active)}
        firstSectionId={firstSectionId}
        onBulk={(change, done) => void bulk(change, done)}
        onDelete={() => void deleteSelected()}
      />
      {error !== null && searchError === null && <ErrorPanel error={error} onRetry={refresh} />}
      {/* Focusable, so that after a click on a row the browser's keys (arrows, Space, Ctrl+Delete) still reach it. */}
      <section
        ref={scrollRef}
        className="browse-scroll"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is reached by keyboard too.
        tabIndex={0}
        aria-label="Cards"
        aria-busy={current === null}
        data-testid="browse-table"
      >
        <table
          className="data-table browse-table"
          aria-rowcount={total + 1}
          style={{ minWidth: tableMinWidth(columns) }}
        >
          <caption className="visually-hidden">Cards matching the search</caption>
          <ColumnGroup columns={columns} />
          <thead>
            <HeaderRow
              columns={columns}
              sort={sort}
              onSort={sortBy}
              selectAll={
                <input
                  type="checkbox"
                  aria-label="Select all matching cards"
                  checked={allSelected}
                  disabled={total === 0}
                  onChange={() => void selectAll()}
                  data-testid="select-all"
                />
              }
            />
          </thead>
          <tbody>
            {items.length > 0 && items[0].start > 0 && <Spacer height={items[0].start} span={columns.length + 1} />}
            {items.map((item) => {
              const row = rowAt(results, item.index);
              return (
                <BrowseRow
                  key={item.key}
                  columns={columns}
                  index={item.index}
                  row={row}
                  selected={row !== undefined && selected.has(row.id)}
                  active={item.index === active}
                  onToggle={toggle}
                  onActivate={setActive}
                  onOpen={onEdit}
                />
              );
            })}
            {items.length > 0 && (
              <Spacer height={virtualizer.getTotalSize() - items[items.length - 1].end} span={columns.length + 1} />
            )}
          </tbody>
        </table>
        {results && results.total === 0 && <p className="muted browse-empty">No cards match.</p>}
      </section>
      <Toast toast={toast} onDone={clearToast} />
    </main>
  );
}
