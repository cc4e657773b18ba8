/**
 * The card browser's state: the search (debounced, remembered while Cue runs), its sort, the pages of
 * rows, the selection and the row in focus, the actions on the selection, and the keys. The screen only
 * renders this; the decisions are pure functions below the hook, tested without a page.
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput } from '../../../shared/api';
import { flagName } from '../../../shared/flags';
import type { CardSearchRow, CardSort, SortColumn } from '../../../shared/search';
import { call } from '../../lib/api-client';
import { describeError, errorCode } from '../../lib/errors';
import { plural } from '../../lib/format';
import { deleteLabel, type HistoryDirection, historyKey, stillNewest, takeStep } from '../../lib/history-actions';
import { type KeyPress, keyPress, withCommand } from '../../lib/keys';
import { useToast } from '../../lib/toast';
import { useBackKey } from '../../lib/use-back-key';
import { type Column, fitColumns, loadColumns, saveColumns } from './browse-table';
import { pagesInView, type Results, rowAt, useDebounced, useSearchPages } from './search-pages';
import { combinedSearch } from './sidebar-queries';

export type BulkChange = ApiInput<'cards.bulk'>['change'];

const ROW_HEIGHT = 37;
const DEBOUNCE_MS = 150;
/** Select all fetches the ids of every matching card, this many at a time. */
const ID_PAGE = 500;

/** The last query and sort, so coming back from the editor shows the same search. */
let lastQuery = '';
let lastSort: CardSort = { column: 'relevance', descending: false };

/** A header's sort button: the same column again reverses the order, a new one starts ascending. */
export function toggledSort(sort: CardSort, column: SortColumn): CardSort {
  return { column, descending: sort.column === column ? !sort.descending : false };
}

/** The selection with `id` added, or taken out if it was in it. */
export function toggled(selected: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Every matching card is selected (the select-all box is ticked; ticking it again clears the selection). */
export function everySelected(selectedCount: number, total: number): boolean {
  return selectedCount > 0 && selectedCount >= total;
}

/** The row in focus after moving to `index`: never above the first row or below the last. */
export function clampRow(index: number, total: number): number {
  return Math.max(0, Math.min(total - 1, index));
}

/** A loaded row of the results by card id (rows not scrolled to yet are not loaded). */
function loadedRow(results: Results | null, cardId: number): CardSearchRow | undefined {
  for (const page of results?.pages.values() ?? []) {
    const row = page.find((candidate) => candidate.id === cardId);
    if (row) return row;
  }
  return undefined;
}

/** What the list shows for a search with an error in it. */
const NO_RESULTS: Results = { query: '', total: 0, pages: new Map() };

/** An error of the query itself (shown under the search field), not of reaching Cue. */
export function queryProblem(error: unknown): unknown {
  return errorCode(error) === 'invalid_input' ? error : null;
}

/**
 * The ids of every card a search matches, a page at a time, in the order the search gives them; it stops
 * early at an empty page (cards deleted since the count).
 */
export async function allMatchingIds(
  search: (offset: number, limit: number) => Promise<{ cards: { id: number }[] }>,
  total: number,
  pageSize = ID_PAGE,
): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; offset < total; offset += pageSize) {
    const page = await search(offset, pageSize);
    ids.push(...page.cards.map((card) => card.id));
    if (page.cards.length === 0) break;
  }
  return ids;
}

/** A browser key's action; `{ flag }` is Anki's Ctrl+1 to Ctrl+7 on the selection. */
export type BrowseKey =
  | 'delete'
  | 'undo'
  | 'redo'
  | 'down'
  | 'up'
  | 'open'
  | 'toggle'
  | 'findReplace'
  | { flag: number };

/**
 * The browser's keys. In the search field the arrows and Enter still move and open (the person types,
 * then picks), but Space and Delete are the field's. Ctrl+Z and Ctrl+Shift+Z outside a field run the
 * collection's history (in the search field they are the field's own text undo).
 */
export function browseKeyAction(press: KeyPress, inSearch: boolean): BrowseKey | null {
  const command = withCommand(press);
  if (command && press.key === 'Delete') return 'delete';
  const history = command ? historyKey(press) : null;
  if (history) return history;
  // no text field of the browser takes Ctrl+digit: from the search field or a row's box alike
  if (command && /^[1-7]$/.test(press.key) && !press.altKey) {
    return { flag: Number(press.key) };
  }
  // Anki's find and replace; Option+F on a Mac sends "ƒ"
  if (command && press.altKey && /^[fFƒ]$/.test(press.key)) return 'findReplace';
  if (command || press.altKey) return null;
  if ((!inSearch && press.editable) || press.activatable) return null;
  if (press.key === 'Delete' && !inSearch) return 'delete';
  if (press.key === 'ArrowDown') return 'down';
  if (press.key === 'ArrowUp') return 'up';
  if (press.key === 'Enter') return 'open';
  if (press.key === ' ' && !inSearch) return 'toggle';
  return null;
}

interface Options {
  onHome: () => void;
  onEdit: (cardId: number) => void;
  /** Ctrl+Alt+F with cards selected. */
  onFindReplace: () => void;
}

export function useBrowseSession({ onHome, onEdit, onFindReplace }: Options) {
  const [query, setQuery] = useState(lastQuery);
  const [sort, setSort] = useState(lastSort);
  const settled = useDebounced(query, DEBOUNCE_MS);
  useEffect(() => {
    lastQuery = settled;
    lastSort = sort;
  }, [settled, sort]);
  const { results: current, stale, error, ensure, refresh } = useSearchPages(settled, sort);
  const searchError = queryProblem(error);
  // While a new search loads, the old results stay on screen, as elsewhere in Cue; a search Cue cannot
  // read matches nothing, so the list empties instead of showing the last good search's rows as its own
  const results = searchError !== null ? NO_RESULTS : (current ?? stale);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [active, setActive] = useState(0);
  const { toast, say, clear: clearToast } = useToast();
  const [columns, setColumns] = useState(loadColumns);

  const scrollRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useBackKey(onHome);

  // the scrolling element as state too, so its width is measured whenever it appears
  const [scrollElement, setScrollElement] = useState<HTMLElement | null>(null);
  const attachScroll = useCallback((element: HTMLElement | null) => {
    scrollRef.current = element;
    setScrollElement(element);
  }, []);
  const width = useElementWidth(scrollElement);
  const fitted = fitColumns(columns, width);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const expand = useCallback((id: number) => setExpanded((previous) => toggled(previous, id)), []);

  const total = results?.total ?? 0;
  const firstSectionId = useFirstSectionId(results);
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
    for (const page of pagesInView(first, last, total)) ensure(page);
  }, [first, last, total, ensure]);

  // A new search or sort starts at the top with nothing selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `settled` and `sort` are triggers, not inputs.
  useEffect(() => {
    setSelected(new Set());
    setExpanded(new Set());
    setActive(0);
    scrollRef.current?.scrollTo(0, 0);
  }, [settled, sort]);

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  const toggle = useCallback((id: number) => setSelected((previous) => toggled(previous, id)), []);
  const sortBy = useCallback((column: SortColumn) => setSort((previous) => toggledSort(previous, column)), []);

  const { selectAll, bulk, flagSelected, deleteSelected, takeHistoryStep } = useSelectionActions({
    results,
    query: settled,
    selected,
    setSelected,
    say,
    refresh,
  });

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
      const clamped = clampRow(index, total);
      setActive(clamped);
      virtualizer.scrollToIndex(clamped);
    },
    [total, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // a dialog's fields and buttons are its own (Ctrl+1 there flags nothing)
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    const inSearch = event.target === searchRef.current;
    const action = browseKeyAction(keyPress(event), inSearch);
    if (action === null) return;
    if (typeof action === 'object') void flagSelected(action.flag);
    else if (action === 'findReplace') {
      if (selected.size > 0) onFindReplace();
      else say('Select the cards to find and replace in first.');
    } else if (action === 'delete') void deleteSelected();
    else if (action === 'undo' || action === 'redo') void takeHistoryStep(action);
    else if (action === 'down') moveTo(active + 1);
    else if (action === 'up') moveTo(active - 1);
    else if (action === 'open') setOpenPending(true);
    else if (action === 'toggle') {
      const row = rowAt(results, active);
      if (row) toggle(row.id);
    }
    event.preventDefault();
  };

  const chooseColumns = useCallback((next: Column[]) => {
    setColumns(next);
    saveColumns(next);
  }, []);

  /** A sidebar item's search: in place of the search, or joined to it (Ctrl/Cmd-click). */
  const runSearch = useCallback(
    (item: string, and: boolean) => setQuery((previous) => combinedSearch(previous, item, and)),
    [],
  );

  return {
    query,
    setQuery,
    runSearch,
    sort,
    sortBy,
    results,
    /** The search as it stands has no rows yet (the previous one's may still show). */
    searching: current === null && searchError === null,
    total,
    error,
    searchError,
    refresh,
    selected,
    toggle,
    allSelected: total > 0 && selected.size >= total,
    selectAll: () => void selectAll(),
    active,
    setActive,
    activeRow: rowAt(results, active),
    rowAt: (index: number) => rowAt(results, index),
    firstSectionId,
    columns,
    /** The columns drawn, and those folded into each row's details because the window is narrow. */
    shownColumns: fitted.shown,
    foldedColumns: fitted.folded,
    expanded,
    expand,
    measureRow: virtualizer.measureElement,
    chooseColumns,
    bulk,
    say,
    deleteSelected: () => void deleteSelected(),
    toast,
    clearToast,
    onKeyDown,
    scrollRef,
    /** The ref for the scrolling element (it is measured to fit the columns). */
    attachScroll,
    searchRef,
    rows: items,
    /** Heights of the rows not drawn above and below the visible ones. */
    spaceAbove: items.length > 0 ? items[0].start : 0,
    spaceBelow: items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0,
  };
}

export type BrowseSession = ReturnType<typeof useBrowseSession>;

/** The element's inner width as it changes (0 until measured), for fitting the columns. */
function useElementWidth(element: HTMLElement | null): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/**
 * Add card goes to the section of the card in focus; only a search with no card needs another place,
 * so the deck list (slow on a large collection) is asked for then, not on every opening.
 */
function useFirstSectionId(results: Results | null): number | undefined {
  const [firstSectionId, setFirstSectionId] = useState<number>();
  const empty = results !== null && results.total === 0;
  useEffect(() => {
    if (!empty || firstSectionId !== undefined) return;
    call('decks.list', {}).then(
      (decks) => setFirstSectionId(decks.flatMap((d) => d.sections)[0]?.id),
      () => {}, // then Add card waits for a card in focus; the search shows any failure
    );
  }, [empty, firstSectionId]);
  return firstSectionId;
}

interface SelectionOptions {
  results: Results | null;
  /** The search as sent (debounced). */
  query: string;
  selected: Set<number>;
  setSelected: (selected: Set<number>) => void;
  say: ReturnType<typeof useToast>['say'];
  /** Reloads the rows on screen after a change to the cards. */
  refresh: () => void;
}

/** What the toolbar, the select-all box and the keys do to the selected cards; a delete can be undone. */
function useSelectionActions({ results, query, selected, setSelected, say, refresh }: SelectionOptions) {
  const [lastDelete, setLastDelete] = useState<number | null>(null);

  const selectAll = useCallback(async () => {
    if (!results) return;
    if (everySelected(selected.size, results.total)) {
      setSelected(new Set());
      return;
    }
    try {
      const search = (offset: number, limit: number) => call('cards.search', { query, limit, offset });
      setSelected(new Set(await allMatchingIds(search, results.total)));
    } catch (reason) {
      say(describeError(reason).message);
    }
  }, [results, selected, setSelected, query, say]);

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

  /** As Anki: the flag goes on the selection, or comes off when every selected card has it already. */
  const flagSelected = useCallback(
    async (pressed: number) => {
      const rows = [...selected].map((id) => loadedRow(results, id));
      const all = rows.length > 0 && rows.every((row) => row?.flag === pressed);
      const chosen = all ? 0 : pressed;
      await bulk(
        { action: 'setFlag', flag: chosen },
        chosen === 0 ? 'Flag taken off' : `Flagged ${flagName(chosen)?.toLowerCase()}`,
      );
    },
    [selected, results, bulk],
  );

  /** Undo or redo of the history's newest step (a delete made here, a find and replace, a flag...). */
  const takeHistoryStep = useCallback(
    async (direction: HistoryDirection) => {
      if (await takeStep(direction, say)) refresh();
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
        run: () =>
          void stillNewest(deleteLabel(deleted), say).then((newest) => {
            if (newest) void takeHistoryStep('undo');
          }),
      });
      refresh();
    } catch (reason) {
      say(describeError(reason).message);
    }
  }, [selected, setSelected, say, refresh, takeHistoryStep]);

  return { selectAll, bulk, flagSelected, deleteSelected, takeHistoryStep };
}
