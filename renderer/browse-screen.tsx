/**
 * The card browser (`#/browse`): a search in Cue's query language over every card, a virtualised table
 * fetched 200 rows at a time as the person scrolls, and bulk actions on a selection.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { CardSearchRow } from '../shared/search';
import { call } from './api-client';
import { ErrorPanel } from './error-panel';
import { describeError, errorCode } from './errors';
import { dayLabel, plural } from './format';
import { KeyHint } from './key-hint';
import { routeHash } from './route';
import { DASH, days, percent, STATE_NAMES } from './stats-format';
import { isActivatable, isEditable } from './study-keys';
import { Toast, type ToastMessage } from './toast';
import { useBackKey } from './use-back-key';

const PAGE = 200;
const ROW_HEIGHT = 37;
const DEBOUNCE_MS = 150;

/** The last query, so coming back from the editor shows the same search. */
let lastQuery = '';

interface Props {
  onHome: () => void;
  onEdit: (cardId: number) => void;
}

type BulkAction = 'suspend' | 'unsuspend' | 'bury';

interface Results {
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
function useSearchPages(query: string) {
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      requested.current.add(page);
      try {
        const result = await call('cards.search', { query, limit: PAGE, offset: page * PAGE });
        if (gen !== generation.current) return;
        setError(null);
        setResults((previous) => {
          const pages = new Map(previous?.query === query ? previous.pages : []);
          pages.set(page, result.cards);
          return { query, total: result.total, pages };
        });
      } catch (reason) {
        if (gen !== generation.current) return;
        requested.current.delete(page);
        setError(reason);
      }
    },
    [query],
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
  return { results: results?.query === query ? results : null, stale: results, error, ensure, refresh };
}

function rowAt(results: Results | null, index: number): CardSearchRow | undefined {
  return results?.pages.get(Math.floor(index / PAGE))?.[index % PAGE];
}

export function BrowseScreen({ onHome, onEdit }: Props) {
  const [query, setQuery] = useState(lastQuery);
  const settled = useDebounced(query, DEBOUNCE_MS);
  useEffect(() => {
    lastQuery = settled;
  }, [settled]);
  const { results: current, stale, error, ensure, refresh } = useSearchPages(settled);
  // While a new search loads, the old results stay on screen, as elsewhere in Cue.
  const results = current ?? stale;
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [active, setActive] = useState(0);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [tagging, setTagging] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useBackKey(onHome);

  const total = results?.total ?? 0;
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

  // A new search starts at the top with nothing selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `settled` is the trigger, not an input.
  useEffect(() => {
    setSelected(new Set());
    setActive(0);
    scrollRef.current?.scrollTo(0, 0);
  }, [settled]);

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  const say = useCallback((text: string) => setToast((t) => ({ id: (t?.id ?? 0) + 1, text })), []);

  const toggle = useCallback((id: number) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
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
    async (change: { action: BulkAction } | { action: 'addTags'; tags: string[] }, done: string) => {
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

  const openAt = useCallback(
    (index: number) => {
      const row = rowAt(results, index);
      if (row) onEdit(row.id);
    },
    [results, onEdit],
  );

  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(total - 1, index));
      setActive(clamped);
      virtualizer.scrollToIndex(clamped);
    },
    [total, virtualizer],
  );

  const onGridKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const inSearch = event.target === searchRef.current;
    if ((!inSearch && isEditable(event.target)) || isActivatable(event.target)) return;
    if (event.key === 'ArrowDown') moveTo(active + 1);
    else if (event.key === 'ArrowUp') moveTo(active - 1);
    else if (event.key === 'Enter') openAt(active);
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
      <header className="browse-header">
        <button type="button" className="button ghost" onClick={onHome} aria-keyshortcuts="Escape">
          <span aria-hidden="true">←</span> Decks <KeyHint>Esc</KeyHint>
        </button>
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
      </header>
      <div className="browse-actions" role="toolbar" aria-label="Selected cards">
        <AddCardLink section={rowAt(results, active)?.sectionId} />
        <span data-testid="selected-count">{selected.size > 0 ? `${selected.size} selected` : 'None selected'}</span>
        <button
          type="button"
          className="button small"
          disabled={selected.size === 0}
          onClick={() => void bulk({ action: 'suspend' }, 'Suspended')}
        >
          Suspend
        </button>
        <button
          type="button"
          className="button small"
          disabled={selected.size === 0}
          onClick={() => void bulk({ action: 'unsuspend' }, 'Unsuspended')}
        >
          Unsuspend
        </button>
        <button
          type="button"
          className="button small"
          disabled={selected.size === 0}
          onClick={() => void bulk({ action: 'bury' }, 'Buried until tomorrow')}
        >
          Bury
        </button>
        {tagging ? (
          <AddTagForm
            onCancel={() => setTagging(false)}
            onAdd={(tags) => {
              setTagging(false);
              void bulk({ action: 'addTags', tags }, `Tagged ${tags.join(' ')}`);
            }}
          />
        ) : (
          <button
            type="button"
            className="button small"
            disabled={selected.size === 0}
            onClick={() => setTagging(true)}
          >
            Add tag…
          </button>
        )}
      </div>
      {error !== null && searchError === null && <ErrorPanel error={error} onRetry={refresh} />}
      <div ref={scrollRef} className="browse-scroll" data-testid="browse-table">
        <table className="data-table browse-table" aria-rowcount={total + 1}>
          <caption className="visually-hidden">Cards matching the search</caption>
          <colgroup>
            <col className="col-check" />
            <col className="col-question" />
            <col className="col-deck" />
            <col className="col-section" />
            <col className="col-state" />
            <col className="col-due" />
            <col className="col-num" />
            <col className="col-num" />
            <col className="col-num" />
            <col className="col-num" />
            <col className="col-tags" />
          </colgroup>
          <thead>
            <tr>
              <td>
                <input
                  type="checkbox"
                  aria-label="Select all matching cards"
                  checked={allSelected}
                  disabled={total === 0}
                  onChange={() => void selectAll()}
                  data-testid="select-all"
                />
              </td>
              <th scope="col">Question</th>
              <th scope="col">Deck</th>
              <th scope="col">Section</th>
              <th scope="col">State</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">
                Stability
              </th>
              <th scope="col" className="num">
                Recall
              </th>
              <th scope="col" className="num">
                Lapses
              </th>
              <th scope="col" className="num">
                Reviews
              </th>
              <th scope="col">Tags</th>
            </tr>
          </thead>
          <tbody>
            {items.length > 0 && items[0].start > 0 && <Spacer height={items[0].start} />}
            {items.map((item) => (
              <BrowseRow
                key={item.key}
                index={item.index}
                row={rowAt(results, item.index)}
                selected={selected}
                active={item.index === active}
                onToggle={toggle}
                onActivate={setActive}
                onOpen={onEdit}
              />
            ))}
            {items.length > 0 && <Spacer height={virtualizer.getTotalSize() - items[items.length - 1].end} />}
          </tbody>
        </table>
        {results && results.total === 0 && <p className="muted browse-empty">No cards match.</p>}
      </div>
      <Toast toast={toast} onDone={() => setToast(null)} />
    </main>
  );
}

/** Stands in for the rows above or below the visible ones, so the scrollbar matches the whole result. */
function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr className="spacer">
      <td colSpan={11} style={{ height }} />
    </tr>
  );
}

interface RowProps {
  index: number;
  row: CardSearchRow | undefined;
  selected: Set<number>;
  active: boolean;
  onToggle: (id: number) => void;
  onActivate: (index: number) => void;
  onOpen: (id: number) => void;
}

function BrowseRow({ index, row, selected, active, onToggle, onActivate, onOpen }: RowProps) {
  if (!row) {
    return (
      <tr className="browse-row" aria-rowindex={index + 2}>
        <td colSpan={11} className="muted">
          Loading…
        </td>
      </tr>
    );
  }
  const isSelected = selected.has(row.id);
  const isNew = row.state === 'new';
  return (
    <tr
      className={`browse-row clickable${isSelected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      data-testid="browse-row"
      onClick={() => {
        onActivate(index);
        onToggle(row.id);
      }}
      onDoubleClick={() => onOpen(row.id)}
    >
      <td>
        <input
          type="checkbox"
          aria-label="Select this card"
          checked={isSelected}
          onClick={(event) => event.stopPropagation()}
          onChange={() => {
            onActivate(index);
            onToggle(row.id);
          }}
        />
      </td>
      <th
        scope="row"
        className="question-cell"
        title={row.question}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the core escapes the question and adds only <mark>.
        dangerouslySetInnerHTML={{ __html: row.questionHighlighted }}
        data-testid="row-question"
      />
      <td title={row.deck}>{row.deck}</td>
      <td title={row.section}>{row.section}</td>
      <td>
        <span className={`state-badge state-${row.state === 'relearning' ? 'learning' : row.state}`}>
          {STATE_NAMES[row.state]}
        </span>
        {row.suspended && (
          <span className="muted" data-testid="row-suspended">
            {' '}
            suspended
          </span>
        )}
      </td>
      <td>{isNew ? DASH : dayLabel(row.due)}</td>
      <td className="num">{isNew ? DASH : days(row.stability)}</td>
      <td className="num">{percent(row.retrievability)}</td>
      <td className="num">{row.lapses}</td>
      <td className="num">{row.reviews}</td>
      <td title={row.tags.join(' ')}>{row.tags.join(' ')}</td>
    </tr>
  );
}

function AddTagForm({ onAdd, onCancel }: { onAdd: (tags: string[]) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  return (
    <form
      className="add-tag"
      onSubmit={(event) => {
        event.preventDefault();
        const tags = [...new Set(text.split(/\s+/).filter(Boolean))];
        if (tags.length > 0) onAdd(tags);
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onCancel();
      }}
    >
      <input
        className="field"
        aria-label="Tags to add, separated by spaces"
        value={text}
        onChange={(event) => setText(event.target.value)}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to type a tag.
        autoFocus
      />
      <button type="submit" className="button small primary">
        Add
      </button>
      <button type="button" className="button small ghost" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

/** New cards go into the section of the card in focus; the editor lets the person pick another. */
function AddCardLink({ section }: { section: number | undefined }) {
  if (section === undefined) return null;
  return (
    <a className="button small primary" href={routeHash({ name: 'add', sectionId: section, from: 'browse' })}>
      Add card
    </a>
  );
}
