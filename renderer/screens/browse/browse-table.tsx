/**
 * The browser's table: one column per card property, each header a button that sorts by it (again to
 * reverse), and rows drawn only where the person is looking.
 */
import { memo, type ReactNode } from 'react';
import { flagName } from '../../../shared/flags';
import type { CardSearchRow, CardSort, SortColumn } from '../../../shared/search';
import { dayLabel } from '../../lib/format';
import { withMath } from '../../lib/preview-math';
import { DASH, days, percent, STATE_NAMES } from '../../lib/stats-format';

export interface Column {
  sort: SortColumn;
  label: string;
  /** Shown until the person picks their own columns; the question always is. */
  shownByDefault: boolean;
  /** Width in pixels; the question takes what is left. Numbers align right. */
  width?: number;
  numeric?: boolean;
  /** Text for a cell; the question is drawn separately because it carries the marked matches. */
  cell: (row: CardSearchRow) => ReactNode;
  title?: (row: CardSearchRow) => string;
}

const studied = (row: CardSearchRow) => row.state !== 'new';

/** FSRS difficulty, from 1 to 10, as the card's statistics show it. */
function difficulty(row: CardSearchRow): string {
  return studied(row) ? row.difficulty.toFixed(1) : DASH;
}

function shortDate(ms: number): string {
  return new Date(ms).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' });
}

function StateCell({ row }: { row: CardSearchRow }) {
  return (
    <>
      <span className={`state-badge state-${row.state === 'relearning' ? 'learning' : row.state}`}>
        {STATE_NAMES[row.state]}
      </span>
      {row.suspended && (
        <span className="muted" data-testid="row-suspended">
          {' '}
          suspended
        </span>
      )}
    </>
  );
}

export const COLUMNS: Column[] = [
  { sort: 'question', shownByDefault: true, label: 'Question', cell: () => null },
  { sort: 'deck', shownByDefault: true, label: 'Deck', width: 130, cell: (r) => r.deck, title: (r) => r.deck },
  {
    sort: 'section',
    shownByDefault: true,
    label: 'Section',
    width: 150,
    cell: (r) => r.section,
    title: (r) => r.section,
  },
  { sort: 'state', shownByDefault: true, label: 'State', width: 112, cell: (r) => <StateCell row={r} /> },
  { sort: 'due', shownByDefault: true, label: 'Due', width: 110, cell: (r) => (studied(r) ? dayLabel(r.due) : DASH) },
  {
    sort: 'stability',
    shownByDefault: true,
    label: 'Stability',
    width: 88,
    numeric: true,
    cell: (r) => (studied(r) ? days(r.stability) : DASH),
  },
  { sort: 'difficulty', shownByDefault: false, label: 'Difficulty', width: 88, numeric: true, cell: difficulty },
  {
    sort: 'retrievability',
    shownByDefault: true,
    label: 'Recall',
    width: 88,
    numeric: true,
    cell: (r) => percent(r.retrievability),
  },
  { sort: 'lapses', shownByDefault: true, label: 'Lapses', width: 76, numeric: true, cell: (r) => r.lapses },
  { sort: 'reviews', shownByDefault: true, label: 'Reviews', width: 76, numeric: true, cell: (r) => r.reviews },
  {
    sort: 'tags',
    shownByDefault: false,
    label: 'Tags',
    width: 130,
    cell: (r) => r.tags.join(' '),
    title: (r) => r.tags.join(' '),
  },
  { sort: 'modified', shownByDefault: false, label: 'Modified', width: 110, cell: (r) => shortDate(r.modified) },
];

const CHECK_WIDTH = 40;
/** The button that opens a row's folded columns, beside its checkbox. */
const EXPAND_WIDTH = 28;
const QUESTION_MIN_WIDTH = 300;

/** Below this width the table scrolls sideways rather than squeezing the question. */
export function tableMinWidth(columns: Column[]): number {
  return CHECK_WIDTH + QUESTION_MIN_WIDTH + columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
}

export interface FittedColumns {
  /** The columns drawn, question first. */
  shown: Column[];
  /** The chosen columns that did not fit: their values open beneath each row instead. */
  folded: Column[];
}

/**
 * The chosen columns that fit in `width` pixels beside a question of at least its minimum width, in the
 * table's order; the rest (the last ones) fold into each row's details, so the table never scrolls
 * sideways. A width not measured yet (0) shows them all.
 */
export function fitColumns(columns: Column[], width: number): FittedColumns {
  if (width <= 0 || tableMinWidth(columns) <= width) return { shown: columns, folded: [] };
  let used = CHECK_WIDTH + EXPAND_WIDTH + QUESTION_MIN_WIDTH;
  const shown: Column[] = [];
  const folded: Column[] = [];
  for (const column of columns) {
    const needed = column.width ?? 0;
    if (column.sort === 'question' || (folded.length === 0 && used + needed <= width)) {
      shown.push(column);
      used += needed;
    } else {
      folded.push(column);
    }
  }
  return { shown, folded };
}

export function ColumnGroup({ columns, folding }: { columns: Column[]; folding: boolean }) {
  return (
    <colgroup>
      <col style={{ width: CHECK_WIDTH + (folding ? EXPAND_WIDTH : 0) }} />
      {columns.map((column) => (
        <col key={column.sort} style={column.width ? { width: column.width } : undefined} />
      ))}
    </colgroup>
  );
}

interface HeaderProps {
  columns: Column[];
  /** Relevance and deck order mark no column. */
  sort: CardSort;
  onSort: (column: SortColumn) => void;
  selectAll: ReactNode;
}

export function HeaderRow({ columns, sort, onSort, selectAll }: HeaderProps) {
  return (
    <tr>
      <td className="check-cell">{selectAll}</td>
      {columns.map((column) => {
        const active = sort.column === column.sort;
        const direction = sort.descending ? 'descending' : 'ascending';
        return (
          <th
            key={column.sort}
            scope="col"
            className={column.numeric ? 'num' : undefined}
            aria-sort={active ? direction : undefined}
          >
            <button
              type="button"
              className="sort-button"
              onClick={() => onSort(column.sort)}
              data-testid={`sort-${column.sort}`}
            >
              {column.label}
              <span className="sort-mark" aria-hidden="true">
                {active ? (sort.descending ? '▼' : '▲') : ''}
              </span>
            </button>
          </th>
        );
      })}
    </tr>
  );
}

interface RowProps {
  columns: Column[];
  /** Columns that did not fit: a button beside the checkbox opens their values beneath the question. */
  folded: Column[];
  expanded: boolean;
  onExpand: (id: number) => void;
  /** Lets the list measure the row (an opened one is taller). */
  measure: (element: HTMLTableRowElement | null) => void;
  index: number;
  row: CardSearchRow | undefined;
  selected: boolean;
  active: boolean;
  onToggle: (id: number) => void;
  onActivate: (index: number) => void;
  onOpen: (id: number) => void;
}

/**
 * One row; drawn again only when its own props change, not on every key typed in the search (the
 * search's state lives in the same session as the rows).
 */
export const BrowseRow = memo(function BrowseRow({
  columns,
  folded,
  expanded,
  onExpand,
  measure,
  index,
  row,
  selected,
  active,
  onToggle,
  onActivate,
  onOpen,
}: RowProps) {
  if (!row) {
    return (
      <tr className="browse-row" aria-rowindex={index + 2} ref={measure} data-index={index}>
        <td colSpan={columns.length + 1} className="muted">
          Loading…
        </td>
      </tr>
    );
  }
  return (
    <tr
      className={`browse-row clickable${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}${row.flag ? ` flagged flag-${row.flag}` : ''}${expanded && folded.length > 0 ? ' is-expanded' : ''}`}
      aria-rowindex={index + 2}
      ref={measure}
      data-index={index}
      aria-selected={selected}
      data-testid="browse-row"
      data-card-id={row.id}
      onClick={() => {
        onActivate(index);
        onToggle(row.id);
      }}
      onDoubleClick={() => onOpen(row.id)}
    >
      <td className="check-cell">
        <input
          type="checkbox"
          aria-label="Select this card"
          checked={selected}
          onClick={(event) => event.stopPropagation()}
          onChange={() => {
            onActivate(index);
            onToggle(row.id);
          }}
        />
        {folded.length > 0 && (
          <button
            type="button"
            className="row-expand"
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Hide' : 'Show'} ${folded.map((c) => c.label.toLowerCase()).join(', ')}`}
            onClick={(event) => {
              event.stopPropagation();
              onExpand(row.id);
            }}
            data-testid="row-expand"
          >
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
          </button>
        )}
      </td>
      <th scope="row" className="question-cell">
        <span
          className="question-text"
          title={row.flag ? `${flagName(row.flag)} flag. ${row.preview}` : row.preview}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the core escapes the question and adds only <mark>; the math is KaTeX's own markup.
          dangerouslySetInnerHTML={{ __html: withMath(row.questionHighlighted) }}
          data-testid="row-question"
        />
        {expanded && folded.length > 0 && <FoldedValues columns={folded} row={row} />}
      </th>
      {columns.slice(1).map((column) => (
        <td
          key={column.sort}
          className={column.numeric ? 'num' : undefined}
          title={column.title?.(row)}
          data-testid={`cell-${column.sort}`}
        >
          {column.cell(row)}
        </td>
      ))}
    </tr>
  );
});

/** A row's folded columns, each its name and value, beneath the question. */
function FoldedValues({ columns, row }: { columns: Column[]; row: CardSearchRow }) {
  return (
    <dl className="row-details" data-testid="row-details">
      {columns.map((column) => (
        <div key={column.sort} data-testid={`detail-${column.sort}`}>
          <dt>{column.label}</dt>
          <dd>{column.cell(row)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Stands in for the rows above or below the visible ones, so the scrollbar matches the whole result. */
export function Spacer({ height, span }: { height: number; span: number }) {
  if (height <= 0) return null;
  return (
    <tr className="spacer">
      <td colSpan={span} style={{ height }} />
    </tr>
  );
}

const COLUMNS_KEY = 'cue.browse.columns';

/** The columns the person chose (kept in this window's storage), in the table's order, question first. */
export function loadColumns(): Column[] {
  let chosen: unknown = null;
  try {
    chosen = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null');
  } catch {
    // a damaged setting falls back to the default columns
  }
  const names = Array.isArray(chosen) ? new Set(chosen) : null;
  return COLUMNS.filter((c) => c.sort === 'question' || (names ? names.has(c.sort) : c.shownByDefault));
}

export function saveColumns(columns: Column[]): void {
  localStorage.setItem(COLUMNS_KEY, JSON.stringify(columns.map((c) => c.sort)));
}

/** A menu of checkboxes, one per column the question aside. */
export function ColumnPicker({ columns, onChange }: { columns: Column[]; onChange: (columns: Column[]) => void }) {
  const shown = new Set(columns.map((c) => c.sort));
  return (
    <details className="column-picker">
      <summary className="button small">Columns</summary>
      <fieldset className="column-picker-menu">
        <legend className="visually-hidden">Columns to show</legend>
        {COLUMNS.slice(1).map((column) => (
          <label key={column.sort}>
            <input
              type="checkbox"
              checked={shown.has(column.sort)}
              onChange={() => {
                const next = new Set(shown);
                if (next.has(column.sort)) next.delete(column.sort);
                else next.add(column.sort);
                onChange(COLUMNS.filter((c) => c.sort === 'question' || next.has(c.sort)));
              }}
              data-testid={`column-${column.sort}`}
            />{' '}
            {column.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
