/** One deck on the home screen: what is due, its actions, and a row per section with its own. */
import type { DeckSummary, SectionSummary } from '../../../shared/domain';
import type { ExportTarget } from '../../lib/export-dialog';
import { plural, total } from '../../lib/format';
import { KeyHint } from '../../lib/key-hint';
import { QueueCounts } from '../../lib/queue-counts';
import { routeHash, statsHash } from '../../lib/route-hash';
import type { StudyTarget } from '../../lib/study-scope';
import { type HeaderCell, TableHead } from '../../lib/table-head';
import { MasteryBar } from './mastery-bar';
import { type Place, type PlaceAction, PlaceMenu } from './place-actions';

export function deckTarget(deck: DeckSummary): StudyTarget {
  return { scope: { deckId: deck.id }, title: deck.name };
}

const SECTION_COLUMNS: HeaderCell[] = [
  { label: 'Section' },
  { label: 'New', numeric: true, className: 'count-new' },
  { label: 'Learning', numeric: true, className: 'count-learning' },
  { label: 'Review', numeric: true, className: 'count-review' },
  { label: 'Mastered', className: 'mastery-col' },
  { label: 'Actions', hidden: true },
];

interface DeckProps {
  deck: DeckSummary;
  /** The deck Enter studies. */
  isDefault: boolean;
  onStudy: (target: StudyTarget) => void;
  onExport: (target: ExportTarget) => void;
  onPlaceAction: (action: PlaceAction) => void;
}

function deckPlace(deck: DeckSummary): Place {
  return {
    kind: 'deck',
    id: deck.id,
    name: deck.name,
    cards: deck.cards,
    sections: deck.sections.length,
  };
}

export function DeckOverview({ deck, isDefault, onStudy, onExport, onPlaceAction }: DeckProps) {
  const headingId = `deck-${deck.id}`;
  const dueNow = total(deck.due);
  return (
    <section className="deck" aria-labelledby={headingId}>
      <div className="deck-heading">
        <h2 id={headingId}>{deck.name}</h2>
        <div className="deck-heading-actions">
          <a
            className="button ghost small"
            href={routeHash({ name: 'custom', deckId: deck.id })}
            aria-keyshortcuts={isDefault ? 'c' : undefined}
            aria-label={`Custom study: ${deck.name}`}
            data-testid="deck-custom"
          >
            <CustomIcon /> Custom study
            {isDefault && <KeyHint>c</KeyHint>}
          </a>
          <a
            className="button ghost small"
            href={routeHash({ name: 'mock', deckId: deck.id })}
            aria-keyshortcuts={isDefault ? 'm' : undefined}
            aria-label={`Mock interview: ${deck.name}`}
            data-testid="deck-mock"
          >
            Mock interview
            {isDefault && <KeyHint>m</KeyHint>}
          </a>
          <a
            className="button ghost small"
            href={routeHash({ name: 'readiness', deckId: deck.id })}
            aria-keyshortcuts={isDefault ? 'r' : undefined}
            aria-label={`Readiness for a target date: ${deck.name}`}
            data-testid="deck-readiness"
          >
            Readiness{isDefault && <KeyHint>r</KeyHint>}
          </a>
          <a
            className="button ghost small"
            href={routeHash({ name: 'options', deckId: deck.id })}
            aria-keyshortcuts={isDefault ? 'o' : undefined}
            aria-label={`Options of ${deck.name}`}
            data-testid="deck-options"
          >
            Options…{isDefault && <KeyHint>o</KeyHint>}
          </a>
          <button
            type="button"
            className="button ghost small"
            onClick={() => onExport({ deckId: deck.id, name: deck.name })}
            aria-label={`Export deck: ${deck.name}`}
            data-testid="deck-export"
          >
            <ExportIcon /> Export deck…
          </button>
          <PlaceMenu place={deckPlace(deck)} onAction={onPlaceAction} />
        </div>
      </div>
      {deck.description && <p className="deck-description">{deck.description}</p>}
      <div className="deck-summary">
        <div>
          <div className="summary-label">Due today</div>
          <div className="summary-counts" data-testid="deck-due">
            <QueueCounts counts={deck.due} testIdPrefix="deck-due" />
          </div>
          <div className="summary-meta">
            <span data-testid="reviewed-today">Reviewed today: {deck.reviewedToday}</span>
            <span>
              {plural(deck.cards, 'card')} in {plural(deck.sections.length, 'section')}
            </span>
            {deck.target && <TargetLine deckId={deck.id} target={deck.target} />}
          </div>
        </div>
        <div className="deck-actions">
          <a
            className="button large"
            href={statsHash({ deckId: deck.id })}
            aria-keyshortcuts={isDefault ? 't' : undefined}
            data-testid="deck-stats"
          >
            Statistics
            {isDefault && <KeyHint>t</KeyHint>}
          </a>
          <button
            type="button"
            className="button primary large"
            onClick={() => onStudy(deckTarget(deck))}
            aria-keyshortcuts={isDefault ? 'Enter s' : undefined}
          >
            {dueNow > 0 ? 'Study all' : 'Study all (nothing due)'}
            {isDefault && <KeyHint>Enter</KeyHint>}
          </button>
        </div>
      </div>
      <SectionTable deck={deck} onStudy={onStudy} onExport={onExport} onPlaceAction={onPlaceAction} />
    </section>
  );
}

function SectionTable({
  deck,
  onStudy,
  onExport,
  onPlaceAction,
}: Pick<DeckProps, 'deck' | 'onStudy' | 'onExport' | 'onPlaceAction'>) {
  return (
    <table className="sections">
      <caption className="visually-hidden">Sections of {deck.name}</caption>
      <TableHead columns={SECTION_COLUMNS} />
      <tbody>
        {deck.sections.map((section) => (
          <SectionRow
            key={section.id}
            section={section}
            statsHref={statsHash({ deckId: deck.id, sectionId: section.id })}
            customHref={routeHash({ name: 'custom', deckId: deck.id, sectionId: section.id })}
            onStudy={() => onStudy(sectionTarget(deck, section))}
            onExport={() => onExport({ deckId: deck.id, sectionId: section.id, name: section.name })}
            onPlaceAction={onPlaceAction}
          />
        ))}
      </tbody>
    </table>
  );
}

export function sectionTarget(deck: DeckSummary, section: SectionSummary): StudyTarget {
  return { scope: { deckId: deck.id, sectionId: section.id }, title: section.name };
}

interface RowProps {
  section: SectionSummary;
  statsHref: string;
  customHref: string;
  onStudy: () => void;
  onExport: () => void;
  onPlaceAction: (action: PlaceAction) => void;
}

function SectionRow({ section, statsHref, customHref, onStudy, onExport, onPlaceAction }: RowProps) {
  const { due } = section;
  const aside = [
    plural(section.cards, 'card'),
    section.suspended > 0 ? `${section.suspended} suspended` : '',
    section.buried > 0 ? `${section.buried} buried` : '',
  ].filter(Boolean);
  return (
    <tr data-testid={`section-${section.key}`}>
      <th scope="row">
        <span className="section-name">{section.name}</span>
        <span className="section-meta">{aside.join(' · ')}</span>
      </th>
      <CountCell value={due.new} queue="new" />
      <CountCell value={due.learning} queue="learning" />
      <CountCell value={due.review} queue="review" />
      <td className="mastery-col">
        <MasteryBar mastered={section.mastered} cards={section.cards} name={section.name} href={statsHref} />
      </td>
      <td className="action">
        <div className="row-actions">
          <button
            type="button"
            className="button ghost icon-button"
            aria-label={`Export this section: ${section.name}`}
            title="Export this section…"
            onClick={onExport}
          >
            <ExportIcon />
          </button>
          <a
            className="button ghost icon-button"
            href={customHref}
            aria-label={`Custom study of this section: ${section.name}`}
            title="Custom study of this section…"
          >
            <CustomIcon />
          </a>
          <PlaceMenu
            place={{ kind: 'section', id: section.id, name: section.name, cards: section.cards }}
            onAction={onPlaceAction}
          />
          <button type="button" className="button" aria-label={`Study this section: ${section.name}`} onClick={onStudy}>
            Study
          </button>
        </div>
      </td>
    </tr>
  );
}

function CountCell({ value, queue }: { value: number; queue: string }) {
  return (
    <td className={`num count count-${queue}${value === 0 ? ' is-zero' : ''}`} data-testid={`due-${queue}`}>
      {value}
    </td>
  );
}

/** An arrow leaving a tray: export, small enough to sit beside each section's Study button. */
function ExportIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 15V3m0 0L7.5 7.5M12 3l4.5 4.5M4 14v4.5A2.5 2.5 0 0 0 6.5 21h11a2.5 2.5 0 0 0 2.5-2.5V14" />
    </svg>
  );
}

/** Sliders: studying on one's own terms (custom study), beside the export arrow. */
function CustomIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M4 6h9m4 0h3M4 12h3m4 0h9M4 18h11m4 0h1M15 4v4M9 10v4M17 16v4" />
    </svg>
  );
}

/** The interview date, a link to the readiness for it. */
function TargetLine({ deckId, target }: { deckId: number; target: NonNullable<DeckSummary['target']> }) {
  const when = target.daysLeft === 0 ? 'today' : `in ${plural(target.daysLeft, 'day')}`;
  return (
    <a href={routeHash({ name: 'readiness', deckId })} data-testid="deck-target">
      Interview {when} ({target.date})
    </a>
  );
}
