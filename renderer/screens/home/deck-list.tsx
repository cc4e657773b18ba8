/**
 * The home screen's list of decks when there are several, as Anki's deck list: a tree of decks with
 * their sections, each row with what is due (new, learning, review) and how much is mastered, and a
 * filter by name. It is an ARIA treegrid: arrows move between rows, Right and Left open and close a
 * deck, Enter studies the row; focusing a deck's row (or one of its sections) shows that deck's overview.
 */
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { DeckSummary, QueueCounts } from '../../../shared/domain';
import { routeHash } from '../../lib/route-hash';
import type { StudyTarget } from '../../lib/study-scope';
import { useCollapsedDecks } from './collapsed-decks';
import { deckTarget, sectionTarget } from './deck-overview';
import { deckMastered, deckRowKey, filterDecks, type TreeMove, type TreeRow, treeStep, visibleRows } from './deck-tree';

const MOVES: Record<string, TreeMove> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  Home: 'home',
  End: 'end',
};

interface Props {
  decks: DeckSummary[];
  /** The deck whose overview shows beside the list. */
  selectedId: number;
  onSelect: (deck: DeckSummary) => void;
  onStudy: (target: StudyTarget) => void;
}

export function DeckList({ decks, selectedId, onSelect, onStudy }: Props) {
  const headingId = useId();
  const [query, setQuery] = useState('');
  const { isCollapsed, setCollapsed } = useCollapsedDecks(decks.length);
  const rows = useMemo(() => visibleRows(filterDecks(decks, query), isCollapsed), [decks, query, isCollapsed]);
  const [active, setActive] = useState(() => deckRowKey(decks.find((deck) => deck.id === selectedId) ?? decks[0]));
  const body = useRef<HTMLTableSectionElement>(null);
  const wantFocus = useRef(false);
  // The row Tab reaches: the active one while it shows, else the first (a filter or a collapse hid it).
  const tabRow = rows.some((row) => row.key === active) ? active : rows[0]?.key;

  useEffect(() => {
    if (!wantFocus.current || tabRow === undefined) return;
    wantFocus.current = false;
    body.current?.querySelector<HTMLElement>(`[data-row-key="${tabRow}"]`)?.focus();
  }, [tabRow]);

  const focusRow = (key: string) => {
    wantFocus.current = true;
    setActive(key);
    // Already the active row (focus was in the filter): the effect will not run again, so focus it now.
    if (key === tabRow) body.current?.querySelector<HTMLElement>(`[data-row-key="${key}"]`)?.focus();
  };

  const onRowKey = (event: KeyboardEvent<HTMLElement>, row: TreeRow) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      // The home screen's own Enter would study the selected deck; this row may be one of its sections.
      event.stopPropagation();
      onStudy(row.kind === 'deck' ? deckTarget(row.deck) : sectionTarget(row.deck, row.section));
      return;
    }
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const step = treeStep(rows, row.key, move);
    if (step === null) return;
    if ('focus' in step) focusRow(step.focus);
    else if ('expand' in step) setCollapsed(step.expand, false);
    else setCollapsed(step.collapse, true);
  };

  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowDown' || tabRow === undefined) return;
    event.preventDefault();
    focusRow(tabRow);
  };

  const noMatch = rows.length === 0 && query.trim() !== '';
  return (
    <section className="deck-list" aria-labelledby={headingId}>
      <div className="deck-list-head">
        <h2 id={headingId}>Decks</h2>
        <input
          type="search"
          className="field deck-filter"
          placeholder="Filter decks and sections"
          aria-label="Filter decks and sections by name"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onFilterKey}
          data-testid="deck-filter"
        />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a treegrid is a table whose rows take focus (the ARIA treegrid pattern) */}
      <table className="deck-tree" role="treegrid" aria-labelledby={headingId} hidden={rows.length === 0}>
        <colgroup>
          <col />
          <col className="tree-count-col" />
          <col className="tree-count-col" />
          <col className="tree-count-col" />
          <col className="tree-mastery-col" />
          <col className="tree-action-col" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Deck</th>
            <th scope="col" className="num count-new">
              New
            </th>
            <th scope="col" className="num count-learning">
              Learning
            </th>
            <th scope="col" className="num count-review">
              Review
            </th>
            <th scope="col" className="num">
              Mastered
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.map((row) => (
            <TreeRowView
              key={row.key}
              row={row}
              tabbable={row.key === tabRow}
              selected={row.kind === 'deck' && row.deck.id === selectedId}
              onFocus={() => {
                setActive(row.key);
                if (row.deck.id !== selectedId) onSelect(row.deck);
              }}
              onKeyDown={(event) => onRowKey(event, row)}
              onToggle={(collapsed) => setCollapsed(row.deck, collapsed)}
              onStudy={onStudy}
            />
          ))}
        </tbody>
      </table>
      <p className="deck-list-status" role="status" data-testid="deck-filter-status">
        {noMatch ? `No deck or section matches “${query.trim()}”.` : ''}
      </p>
    </section>
  );
}

interface RowProps {
  row: TreeRow;
  tabbable: boolean;
  selected: boolean;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  onToggle: (collapsed: boolean) => void;
  onStudy: (target: StudyTarget) => void;
}

function TreeRowView({ row, tabbable, selected, onFocus, onKeyDown, onToggle, onStudy }: RowProps) {
  const { deck } = row;
  const name = row.kind === 'deck' ? deck.name : row.section.name;
  const due = row.kind === 'deck' ? deck.due : row.section.due;
  const cards = row.kind === 'deck' ? deck.cards : row.section.cards;
  const mastered = row.kind === 'deck' ? deckMastered(deck) : row.section.mastered;
  const target = row.kind === 'deck' ? deckTarget(deck) : sectionTarget(deck, row.section);
  return (
    <tr
      className={`tree-row is-${row.kind}${selected ? ' is-selected' : ''}`}
      aria-level={row.kind === 'deck' ? 1 : 2}
      aria-expanded={row.kind === 'deck' && row.expandable ? row.expanded : undefined}
      aria-selected={row.kind === 'deck' ? selected : undefined}
      tabIndex={tabbable ? 0 : -1}
      data-row-key={row.key}
      data-testid={row.kind === 'deck' ? `tree-deck-${deck.key}` : `tree-section-${deck.key}-${row.section.key}`}
      // A click anywhere on the row focuses it, which shows the deck's overview.
      onClick={(event) => event.currentTarget.focus()}
      onFocus={(event) => event.target === event.currentTarget && onFocus()}
      onKeyDown={(event) => event.target === event.currentTarget && onKeyDown(event)}
    >
      <th scope="row" className="tree-name-cell">
        {row.kind === 'deck' && row.expandable ? (
          <button
            type="button"
            className="tree-toggle"
            tabIndex={-1}
            aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${name}`}
            onClick={() => onToggle(row.expanded)}
          >
            <span aria-hidden="true">{row.expanded ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="tree-toggle-space" />
        )}
        <span className="tree-name" title={name} data-testid="tree-name">
          {name}
        </span>
      </th>
      <CountCell counts={due} queue="new" />
      <CountCell counts={due} queue="learning" />
      <CountCell counts={due} queue="review" />
      <td className="num tree-mastery" title={`${mastered} of ${cards} cards mastered`}>
        <span className="mastery-track" aria-hidden="true">
          <span
            className="mastery-fill"
            style={{ width: `${cards > 0 ? Math.round((mastered / cards) * 100) : 0}%` }}
          />
        </span>
        <span className="tree-mastered" data-testid="tree-mastered">
          {mastered}/{cards}
        </span>
      </td>
      <td className="tree-actions">
        {row.kind === 'deck' && (
          <a
            className="button ghost icon-button"
            href={routeHash({ name: 'options', deckId: deck.id })}
            tabIndex={-1}
            aria-label={`Deck options: ${name}`}
            title="Options…"
            data-testid="tree-options"
          >
            <GearIcon />
          </a>
        )}
        <button
          type="button"
          className="button small"
          tabIndex={-1}
          aria-label={`Study ${name}`}
          onClick={() => onStudy(target)}
          data-testid="tree-study"
        >
          Study
        </button>
      </td>
    </tr>
  );
}

function CountCell({ counts, queue }: { counts: QueueCounts; queue: keyof QueueCounts }) {
  const value = counts[queue];
  return (
    <td className={`num count count-${queue}${value === 0 ? ' is-zero' : ''}`} data-testid={`tree-due-${queue}`}>
      {value}
    </td>
  );
}

/** A cog: the deck's options, the one setting a row offers directly. */
function GearIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2.5v3m0 13v3M2.5 12h3m13 0h3M5.3 5.3l2.1 2.1m9.2 9.2 2.1 2.1M5.3 18.7l2.1-2.1m9.2-9.2 2.1-2.1" />
    </svg>
  );
}
