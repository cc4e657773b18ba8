/**
 * The card browser (`#/browse`): a search in Cue's query language over every card, a virtualised table
 * fetched 200 rows at a time as the person scrolls, sortable by any column, and actions on a selection
 * (deleting can be undone with the toast's Undo or Ctrl+Z). A sidebar (which can be hidden) runs saved
 * searches, decks, tags and flags. The state and the keys are browse-session's.
 */
import { useState } from 'react';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { plural } from '../../lib/format';
import { ScreenHeader } from '../../lib/screen-header';
import { Toast } from '../../lib/toast';
import { BrowseActions } from './browse-actions';
import { type BrowseSession, useBrowseSession } from './browse-session';
import { BrowseSidebar } from './browse-sidebar';
import { BrowseRow, ColumnGroup, ColumnPicker, HeaderRow, Spacer, tableMinWidth } from './browse-table';
import { FindReplaceDialog } from './find-replace-dialog';
import { tagSearch } from './sidebar-queries';

const SIDEBAR_KEY = 'cue.browse.sidebar';
const SIDEBAR_ID = 'browse-sidebar';

/** Whether the sidebar shows (kept in this window's storage; shown unless the person hid it). */
function useSidebarShown(): [boolean, () => void] {
  const [shown, setShown] = useState(() => localStorage.getItem(SIDEBAR_KEY) !== 'hidden');
  const toggle = () => {
    localStorage.setItem(SIDEBAR_KEY, shown ? 'hidden' : 'shown');
    setShown(!shown);
  };
  return [shown, toggle];
}

interface Props {
  onHome: () => void;
  onEdit: (cardId: number) => void;
}

export function BrowseScreen({ onHome, onEdit }: Props) {
  const [findReplace, setFindReplace] = useState<number[] | null>(null);
  const session = useBrowseSession({ onHome, onEdit, onFindReplace: () => setFindReplace([...session.selected]) });
  const { results, error, searchError } = session;
  const [sidebarShown, toggleSidebar] = useSidebarShown();
  // the sidebar's tags load again after a change that may have touched them
  const [tagsVersion, setTagsVersion] = useState(0);
  const tagsChanged = () => setTagsVersion((n) => n + 1);
  return (
    <main className="browse-layout" aria-label="Browse cards" onKeyDown={session.onKeyDown}>
      <ScreenHeader
        className="browse-header"
        backLabel="Decks"
        onBack={onHome}
        backClassName="button ghost"
        title="Browse"
        titleClassName="browse-title"
      >
        <button
          type="button"
          className="button small ghost sidebar-toggle"
          aria-expanded={sidebarShown}
          aria-controls={SIDEBAR_ID}
          onClick={toggleSidebar}
          data-testid="sidebar-toggle"
        >
          {sidebarShown ? 'Hide sidebar' : 'Sidebar'}
        </button>
        <SearchField session={session} />
        <span className="muted browse-count" data-testid="result-count" aria-live="polite">
          {results ? plural(results.total, 'card') : 'Searching…'}
        </span>
        <ColumnPicker columns={session.columns} onChange={session.chooseColumns} />
      </ScreenHeader>
      <div className="browse-body">
        {sidebarShown && (
          <BrowseSidebar
            id={SIDEBAR_ID}
            query={session.query}
            onRun={session.runSearch}
            say={session.say}
            tagsVersion={tagsVersion}
            onTagsChanged={({ from, to }) => {
              // a search for the renamed tag follows it; the rows show tags, so they load again
              if (to !== null && session.query.trim() === tagSearch(from)) session.setQuery(tagSearch(to));
              session.refresh();
            }}
          />
        )}
        <div className="browse-main">
          <BrowseActions
            selectedCount={session.selected.size}
            active={session.activeRow}
            firstSectionId={session.firstSectionId}
            onBulk={(change, done) =>
              void session.bulk(change, done).then(() => {
                if (change.action === 'addTags' || change.action === 'removeTags') tagsChanged();
              })
            }
            onDelete={session.deleteSelected}
            onFindReplace={() => setFindReplace([...session.selected])}
          />
          {error !== null && searchError === null && <ErrorPanel error={error} onRetry={session.refresh} />}
          <FoldedCue session={session} />
          {/* Focusable, so that after a click on a row the browser's keys (arrows, Space, Ctrl+Delete) still reach it. */}
          <section
            ref={session.attachScroll}
            className="browse-scroll"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is reached by keyboard too.
            tabIndex={0}
            aria-label="Cards"
            aria-busy={session.searching}
            data-testid="browse-table"
          >
            <CardTable session={session} onEdit={onEdit} />
            {results && results.total === 0 && searchError === null && (
              <p className="muted browse-empty">No cards match.</p>
            )}
          </section>
        </div>
      </div>
      {findReplace && (
        <FindReplaceDialog
          cardIds={findReplace}
          onClose={() => setFindReplace(null)}
          onApplied={(result) => {
            session.say(`Find and replace changed ${plural(result.notes, 'note')} (${plural(result.cards, 'card')}).`);
            session.refresh();
            tagsChanged();
          }}
        />
      )}
      <Toast toast={session.toast} onDone={session.clearToast} />
    </main>
  );
}

/** Says which columns did not fit the window, and how to see them (the table does not scroll sideways). */
function FoldedCue({ session }: { session: BrowseSession }) {
  const folded = session.foldedColumns;
  if (folded.length === 0) return null;
  return (
    <p className="browse-folded muted" data-testid="columns-folded">
      Not shown at this width: {folded.map((c) => c.label).join(', ')}. <span aria-hidden="true">▸</span> on a row shows
      them.
    </p>
  );
}

function SearchField({ session }: { session: BrowseSession }) {
  const { searchError } = session;
  return (
    <div className="browse-search">
      <input
        ref={session.searchRef}
        type="search"
        className="field search-field"
        aria-label="Search cards"
        aria-describedby="search-help"
        aria-invalid={searchError !== null}
        placeholder='Search: cache  deck:Lead*  tag:python  is:due  rated:7  prop:ivl>30  "exact phrase"'
        value={session.query}
        onChange={(event) => session.setQuery(event.target.value)}
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
  );
}

function CardTable({ session, onEdit }: { session: BrowseSession; onEdit: (cardId: number) => void }) {
  const { shownColumns: columns, foldedColumns: folded, total, rows } = session;
  return (
    <table className="data-table browse-table" aria-rowcount={total + 1} style={{ minWidth: tableMinWidth(columns) }}>
      <caption className="visually-hidden">Cards matching the search</caption>
      <ColumnGroup columns={columns} folding={folded.length > 0} />
      <thead>
        <HeaderRow
          columns={columns}
          sort={session.sort}
          onSort={session.sortBy}
          selectAll={
            <input
              type="checkbox"
              aria-label="Select all matching cards"
              checked={session.allSelected}
              disabled={total === 0}
              onChange={session.selectAll}
              data-testid="select-all"
            />
          }
        />
      </thead>
      <tbody>
        <Spacer height={session.spaceAbove} span={columns.length + 1} />
        {rows.map((item) => {
          const row = session.rowAt(item.index);
          return (
            <BrowseRow
              key={item.key}
              columns={columns}
              folded={folded}
              expanded={row !== undefined && session.expanded.has(row.id)}
              onExpand={session.expand}
              measure={session.measureRow}
              index={item.index}
              row={row}
              selected={row !== undefined && session.selected.has(row.id)}
              active={item.index === session.active}
              onToggle={session.toggle}
              onActivate={session.setActive}
              onOpen={onEdit}
            />
          );
        })}
        <Spacer height={session.spaceBelow} span={columns.length + 1} />
      </tbody>
    </table>
  );
}
