/**
 * The card browser's decisions, without a page: sorting, selecting, moving, its keys, and the pages of
 * results. Select-all's paging runs against a real collection's search.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import {
  allMatchingIds,
  browseKeyAction,
  clampRow,
  everySelected,
  queryProblem,
  toggled,
  toggledSort,
} from '../../renderer/screens/browse/browse-session';
import { COLUMNS, type Column, fitColumns, tableMinWidth } from '../../renderer/screens/browse/browse-table';
import {
  PAGE,
  pagesInView,
  pagesToReload,
  rowAt,
  searchKey,
  withPage,
} from '../../renderer/screens/browse/search-pages';
import type { ApiOutput } from '../../shared/api';
import { CueError } from '../../shared/errors';
import type { CardSort } from '../../shared/search';
import { openTestCollection, TestClock } from '../helpers/collections';
import { press } from '../helpers/key-press';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

describe('sorting and selecting', () => {
  it('a header sorts by its column ascending, and again reverses it', () => {
    const relevance: CardSort = { column: 'relevance', descending: false };
    const byDue = toggledSort(relevance, 'due');
    expect(byDue).toEqual({ column: 'due', descending: false });
    expect(toggledSort(byDue, 'due')).toEqual({ column: 'due', descending: true });
    expect(toggledSort(toggledSort(byDue, 'due'), 'due')).toEqual({ column: 'due', descending: false });
    // another column starts ascending whatever the last one was
    expect(toggledSort({ column: 'due', descending: true }, 'lapses')).toEqual({ column: 'lapses', descending: false });
  });

  it('a click selects a card, another takes it out, and the selection before is left as it was', () => {
    const before = new Set([1, 2]);
    const added = toggled(before, 3);
    expect([...added]).toEqual([1, 2, 3]);
    expect([...toggled(added, 2)]).toEqual([1, 3]);
    expect([...before]).toEqual([1, 2]);
  });

  it('select all clears the selection only when every matching card is in it', () => {
    expect(everySelected(0, 0)).toBe(false);
    expect(everySelected(0, 10)).toBe(false);
    expect(everySelected(9, 10)).toBe(false);
    expect(everySelected(10, 10)).toBe(true);
    // cards deleted since the count: a selection larger than the search still counts as all
    expect(everySelected(12, 10)).toBe(true);
  });

  it('the arrows stop at the first and the last row', () => {
    expect(clampRow(-1, 50)).toBe(0);
    expect(clampRow(7, 50)).toBe(7);
    expect(clampRow(50, 50)).toBe(49);
  });

  it('only a refused query is shown under the search field; other failures get the error panel', () => {
    const refused = new CueError('invalid_input', '"color:" is not a filter');
    expect(queryProblem(refused)).toBe(refused);
    expect(queryProblem(new CueError('database', 'disk I/O error'))).toBeNull();
    expect(queryProblem(new TypeError('Failed to fetch'))).toBeNull();
    expect(queryProblem(null)).toBeNull();
  });
});

describe('the browser keys', () => {
  it('move, open and select from the table', () => {
    expect(browseKeyAction(press('ArrowDown'), false)).toBe('down');
    expect(browseKeyAction(press('ArrowUp'), false)).toBe('up');
    expect(browseKeyAction(press('Enter'), false)).toBe('open');
    expect(browseKeyAction(press(' '), false)).toBe('toggle');
    expect(browseKeyAction(press('Delete'), false)).toBe('delete');
    expect(browseKeyAction(press('x'), false)).toBeNull();
  });

  it('in the search field the arrows and Enter still move and open, but Space and Delete are typing', () => {
    const typing = { editable: true };
    expect(browseKeyAction(press('ArrowDown', typing), true)).toBe('down');
    expect(browseKeyAction(press('Enter', typing), true)).toBe('open');
    expect(browseKeyAction(press(' ', typing), true)).toBeNull();
    expect(browseKeyAction(press('Delete', typing), true)).toBeNull();
  });

  it('leave other fields and focused buttons alone', () => {
    // the tags form's field, a due date
    expect(browseKeyAction(press('ArrowDown', { editable: true }), false)).toBeNull();
    expect(browseKeyAction(press('Enter', { activatable: true }), false)).toBeNull();
    expect(browseKeyAction(press(' ', { activatable: true }), false)).toBeNull();
  });

  it('Ctrl+Delete deletes from anywhere; Ctrl+Z undoes and Ctrl+Shift+Z redoes, but not while typing', () => {
    const ctrl = { ctrlKey: true };
    expect(browseKeyAction(press('Delete', { ...ctrl, editable: true }), true)).toBe('delete');
    expect(browseKeyAction(press('Delete', { metaKey: true }), false)).toBe('delete');
    expect(browseKeyAction(press('z', ctrl), false)).toBe('undo');
    expect(browseKeyAction(press('z', { ...ctrl, shiftKey: true }), false)).toBe('redo');
    expect(browseKeyAction(press('Z', { ...ctrl, shiftKey: true }), false)).toBe('redo');
    // in the search field Ctrl+Z is the field's own text undo
    expect(browseKeyAction(press('z', { ...ctrl, editable: true }), true)).toBeNull();
    // other shortcuts are the browser's
    expect(browseKeyAction(press('ArrowDown', ctrl), false)).toBeNull();
    expect(browseKeyAction(press('ArrowDown', { altKey: true }), false)).toBeNull();
  });
});

type SearchAnswer = ApiOutput<'cards.search'>;

describe('pages of results', () => {
  const collection = () => openTestCollection(new TestClock(NOW));
  const search = (c: ReturnType<typeof collection>, offset: number, limit: number) =>
    dispatch(c, 'cards.search', { query: '', limit, offset }) as SearchAnswer;

  it('a page joins the pages of its search, and replaces those of another', () => {
    const c = collection();
    const key = searchKey('', { column: 'relevance', descending: false });
    const first = withPage(null, key, 0, search(c, 0, PAGE));
    expect(first.total).toBe(50);
    expect(rowAt(first, 0)?.id).toBe(search(c, 0, 1).cards[0].id);
    expect(rowAt(first, 49)).toBeDefined();
    expect(rowAt(first, PAGE)).toBeUndefined();
    const second = withPage(first, key, 1, { total: 50, cards: [] });
    expect([...second.pages.keys()]).toEqual([0, 1]);

    const other = searchKey('tag:none', { column: 'due', descending: true });
    expect(other).not.toBe(key);
    const replaced = withPage(second, other, 0, { total: 0, cards: [] });
    expect([...replaced.pages.keys()]).toEqual([0]);
    expect(replaced.query).toBe(other);
    expect(rowAt(null, 0)).toBeUndefined();
  });

  it('the rows in view ask for the pages they fall in, and none when nothing matches', () => {
    expect(pagesInView(0, 30, 5000)).toEqual([0]);
    expect(pagesInView(190, 230, 5000)).toEqual([0, 1]);
    expect(pagesInView(PAGE * 3, PAGE * 3 + 5, 5000)).toEqual([3]);
    expect(pagesInView(0, 0, 0)).toEqual([]);
  });

  it('a reload fetches the pages asked for so far, or the first', () => {
    expect(pagesToReload(new Set([0, 3]))).toEqual([0, 3]);
    expect(pagesToReload(new Set())).toEqual([0]);
  });

  it('select all collects every matching id across pages, in the search order', async () => {
    const c = collection();
    const every = search(c, 0, 100).cards.map((card) => card.id);
    const pages: number[] = [];
    const ids = await allMatchingIds(
      async (offset, limit) => {
        pages.push(offset);
        return search(c, offset, limit);
      },
      50,
      7,
    );
    expect(ids).toEqual(every);
    expect(pages).toEqual([0, 7, 14, 21, 28, 35, 42, 49]);
  });

  it('select all stops at an empty page when cards went away since the count', async () => {
    const c = collection();
    dispatch(c, 'cards.delete', { cardIds: search(c, 0, 30).cards.map((card) => card.id) });
    const asked: number[] = [];
    const ids = await allMatchingIds(
      async (offset, limit) => {
        asked.push(offset);
        return search(c, offset, limit);
      },
      50,
      10,
    );
    expect(ids).toHaveLength(20);
    expect(asked).toEqual([0, 10, 20]);
  });
});

describe('the browser at narrow widths', () => {
  const chosen = COLUMNS.filter((column) => column.shownByDefault);
  const labels = (columns: Column[]) => columns.map((column) => column.label);

  it('shows every chosen column where they fit, and all of them before the width is measured', () => {
    expect(fitColumns(chosen, tableMinWidth(chosen))).toEqual({ shown: chosen, folded: [] });
    expect(fitColumns(chosen, 0)).toEqual({ shown: chosen, folded: [] });
  });

  it('folds the last columns that do not fit into the rows, never the question, and keeps the order', () => {
    // the width of the browser beside its sidebar in a 1024-pixel window
    const { shown, folded } = fitColumns(chosen, 800);
    expect(labels(shown)).toEqual(['Question', 'Deck', 'Section', 'State']);
    expect(labels(folded)).toEqual(['Due', 'Stability', 'Recall', 'Lapses', 'Reviews']);
    const narrow = fitColumns(chosen, 200);
    expect(labels(narrow.shown)).toEqual(['Question']);
    expect(narrow.folded).toHaveLength(chosen.length - 1);
  });

  it('Ctrl+Alt+F is find and replace (Option+F sends ƒ on a Mac); Ctrl+F alone is not', () => {
    expect(browseKeyAction(press('f', { ctrlKey: true, altKey: true }), false)).toBe('findReplace');
    expect(browseKeyAction(press('ƒ', { metaKey: true, altKey: true }), true)).toBe('findReplace');
    expect(browseKeyAction(press('f', { ctrlKey: true }), false)).toBeNull();
  });
});
