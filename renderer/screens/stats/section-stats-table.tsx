/**
 * The per-section table: counts, mastery, recall, true retention, reviews and what is due, one row per
 * section and a whole-deck row, under grouped headers. Fifteen columns: below 1280 px the cells tighten and
 * the longest headers shorten to an <abbr> so the table fits at 1024; where it still cannot (long names,
 * a larger font) it scrolls sideways with the section names kept in view and a visible cue that it does.
 */
import type { DeckStats, RetentionFigure, SectionStats } from '../../../shared/stats';
import { type StatsScope, statsHash } from '../../lib/route-hash';
import { ScrollCue } from '../../lib/scroll-cue';
import { duration, percent, retentionParts } from '../../lib/stats-format';

interface Props {
  stats: DeckStats;
  scope: StatsScope;
}

export function SectionStatsTable({ stats, scope }: Props) {
  // For one section the core's `total` covers that section only, so a whole-deck row would repeat it.
  const single = scope.sectionId !== undefined;
  return (
    <section className="stats-card" aria-labelledby="section-table-title">
      <h2 id="section-table-title">{single ? 'This section' : 'Sections'}</h2>
      <p className="muted stats-note" data-testid="desired-retention-note">
        Reviews are scheduled for a desired retention of {percent(stats.desiredRetention)} (Settings on the home
        screen); true retention is what you actually recalled.
      </p>
      <ScrollCue testId="section-table">
        <table className="data-table stats-table">
          <caption className="visually-hidden">
            Cards, mastery, retention, reviews and due cards {single ? 'of this section' : 'per section'}
          </caption>
          <GroupedHeader />
          <tbody>
            {stats.sections.map((row) => (
              <StatsRow
                key={row.sectionId}
                row={row}
                href={statsHash({ ...scope, sectionId: row.sectionId ?? undefined })}
              />
            ))}
          </tbody>
          {!single && (
            <tfoot>
              <StatsRow
                row={{ ...stats.total, name: 'Whole deck' }}
                href={statsHash({ ...scope, sectionId: undefined })}
              />
            </tfoot>
          )}
        </table>
      </ScrollCue>
    </section>
  );
}

function GroupedHeader() {
  return (
    <thead>
      <tr>
        <th scope="col" rowSpan={2} className="sticky-col">
          Section
        </th>
        <th scope="colgroup" colSpan={4} className="group">
          Cards
        </th>
        <th scope="col" rowSpan={2} className="num">
          Mastered
        </th>
        <th scope="col" rowSpan={2} className="num" title="Average predicted recall now, over cards studied">
          Recall now
        </th>
        <th scope="colgroup" colSpan={3} className="group" title="First review of a card each day; Again is a fail">
          True retention
        </th>
        <th scope="colgroup" colSpan={2} className="group">
          Reviews and time
        </th>
        <th scope="colgroup" colSpan={3} className="group">
          Due
        </th>
      </tr>
      <tr>
        <th scope="col" className="num count-new">
          New
        </th>
        <th scope="col" className="num count-learning">
          <Short full="Learning" short="Learn." />
        </th>
        <th scope="col" className="num count-review">
          Review
        </th>
        <th scope="col" className="num">
          <Short full="Suspended" short="Susp." />
        </th>
        <th scope="col" className="num">
          7 days
        </th>
        <th scope="col" className="num">
          30 days
        </th>
        <th scope="col" className="num">
          365 days
        </th>
        <th scope="col" className="num">
          All time
        </th>
        <th scope="col" className="num">
          30 days
        </th>
        <th scope="col" className="num">
          Today
        </th>
        <th scope="col" className="num">
          <Short full="Tomorrow" short="Tmrw." />
        </th>
        <th scope="col" className="num">
          7 days
        </th>
      </tr>
    </thead>
  );
}

function StatsRow({ row, href }: { row: SectionStats; href: string }) {
  const { cards, trueRetention, reviews, due } = row;
  const total = row.sectionId === null;
  return (
    <tr data-testid={`stats-row-${total ? 'deck' : row.sectionId}`} className={total ? 'total-row' : undefined}>
      <th scope="row" className="sticky-col">
        <a href={href} aria-label={total ? 'Whole deck: all sections' : undefined}>
          {row.name}
        </a>
      </th>
      <Num id="new" value={cards.new} />
      <Num id="learning" value={cards.learning} />
      <Num id="review" value={cards.review} />
      <Num id="suspended" value={cards.suspended} />
      <Num id="mastered" value={row.mastered} sub={`(${percent(row.masteredShare)})`} />
      <Num id="recall" value={percent(row.averageRetrievability)} />
      <Retention id="retention-7" figure={trueRetention.days7} />
      <Retention id="retention-30" figure={trueRetention.days30} />
      <Retention id="retention-365" figure={trueRetention.days365} />
      <Num id="reviews-total" value={reviews.total} sub={reviews.total ? duration(reviews.totalMs) : undefined} />
      <Num
        id="reviews-30"
        value={reviews.last30Days}
        sub={reviews.last30Days ? duration(reviews.last30DaysMs) : undefined}
      />
      <Num id="due-today" value={due.today} />
      <Num id="due-tomorrow" value={due.tomorrow} />
      <Num id="due-7" value={due.next7Days} />
    </tr>
  );
}

/** A header in full where there is room, and as an abbreviation (its full name on hover) where there is not. */
function Short({ full, short }: { full: string; short: string }) {
  return (
    <>
      <span className="header-full">{full}</span>
      <abbr className="header-short" title={full}>
        {short}
      </abbr>
    </>
  );
}

function Num({ id, value, sub }: { id: string; value: number | string; sub?: string }) {
  return (
    <td className={`num${value === 0 ? ' is-zero' : ''}`} data-testid={`cell-${id}`}>
      {value}
      {/* The space keeps "91% (45/49)" one phrase for screen readers and copying. */}
      {sub && <span className="cell-sub"> {sub}</span>}
    </td>
  );
}

/** "91%" with "(45/49)" under it: the count behind the rate, one line lower to keep the table narrow. */
function Retention({ id, figure }: { id: string; figure: RetentionFigure }) {
  const { rate, count } = retentionParts(figure);
  return <Num id={id} value={rate} sub={count} />;
}
