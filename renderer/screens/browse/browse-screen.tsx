/**
 * The card browser (`#/browse`): a search in Cue's query language over every card, a virtualised table
 * fetched 200 rows at a time as the person scrolls, sortable by any column, and actions on a selection
 * (deleting can be undone with the toast's Undo or Ctrl+Z). The state and the keys are browse-session's.
 */
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { plural } from '../../lib/format';
import { ScreenHeader } from '../../lib/screen-header';
import { Toast } from '../../lib/toast';
import { BrowseActions } from './browse-actions';
import { type BrowseSession, useBrowseSession } from './browse-session';
import { BrowseRow, ColumnGroup, ColumnPicker, HeaderRow, Spacer, tableMinWidth } from './browse-table';

interface Props {
  onHome: () => void;
  onEdit: (cardId: number) => void;
}

export function BrowseScreen({ onHome, onEdit }: Props) {
  const session = useBrowseSession({ onHome, onEdit });
  const { results, error, searchError } = session;
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
        <SearchField session={session} />
        <span className="muted browse-count" data-testid="result-count" aria-live="polite">
          {results ? plural(results.total, 'card') : 'Searching…'}
        </span>
        <ColumnPicker columns={session.columns} onChange={session.chooseColumns} />
      </ScreenHeader>
      <BrowseActions
        selectedCount={session.selected.size}
        active={session.activeRow}
        firstSectionId={session.firstSectionId}
        onBulk={session.bulk}
        onDelete={session.deleteSelected}
      />
      {error !== null && searchError === null && <ErrorPanel error={error} onRetry={session.refresh} />}
      {/* Focusable, so that after a click on a row the browser's keys (arrows, Space, Ctrl+Delete) still reach it. */}
      <section
        ref={session.scrollRef}
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
      <Toast toast={session.toast} onDone={session.clearToast} />
    </main>
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
  const { columns, total, rows } = session;
  return (
    <table className="data-table browse-table" aria-rowcount={total + 1} style={{ minWidth: tableMinWidth(columns) }}>
      <caption className="visually-hidden">Cards matching the search</caption>
      <ColumnGroup columns={columns} />
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
