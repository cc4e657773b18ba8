/** Readiness per section and per card: predicted recall on the date if you stop now and on schedule, at-risk cards. */
import { useState } from 'react';
import { cardPreview } from '../../../shared/card-preview';
import type { Readiness, ReadinessCard, ReadinessGroup } from '../../../shared/readiness';
import { cardHash } from '../../lib/route-hash';
import { percent } from '../../lib/stats-format';

export function ReadinessSummary({ readiness }: { readiness: Readiness }) {
  const { deck, daysLeft } = readiness;
  const left = daysLeft === 0 ? 'Today' : daysLeft === 1 ? '1 day left' : `${daysLeft} days left`;
  return (
    <section
      className="stats-card readiness-summary"
      aria-label="Readiness of the deck"
      data-testid="readiness-summary"
    >
      <div className="readiness-figure">
        <span className="readiness-number" data-testid="days-left">
          {left}
        </span>
        <span className="muted">until {readiness.date}</span>
      </div>
      <div className="readiness-figure">
        <span className="readiness-number" data-testid="deck-stopped">
          {percent(deck.recallIfStopped, 1)}
        </span>
        <span className="muted">recalled on the date if you stop now</span>
      </div>
      <div className="readiness-figure">
        <span className="readiness-number" data-testid="deck-on-schedule">
          {percent(deck.recallOnSchedule, 1)}
        </span>
        <span className="muted">if you keep to the schedule{readiness.deadlineMode ? ' (deadline mode)' : ''}</span>
      </div>
      <div className="readiness-figure">
        <span className={`readiness-number${deck.atRisk ? ' at-risk' : ''}`} data-testid="deck-at-risk">
          {deck.atRisk}
        </span>
        <span className="muted">cards at risk: below {percent(readiness.desiredRetention)} on schedule</span>
      </div>
    </section>
  );
}

export function SectionReadiness({ readiness }: { readiness: Readiness }) {
  return (
    <section className="stats-card" aria-labelledby="readiness-sections">
      <h2 id="readiness-sections">Sections</h2>
      <div className="table-scroll">
        <table className="data-table readiness-table" data-testid="readiness-sections">
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col" className="num">
                Cards
              </th>
              <th scope="col" className="num">
                If you stop now
              </th>
              <th scope="col" className="num">
                On schedule
              </th>
              <th scope="col" className="num">
                At risk
              </th>
            </tr>
          </thead>
          <tbody>
            {readiness.sections.map((group) => (
              <GroupRow key={group.id} group={group} />
            ))}
          </tbody>
          <tfoot>
            <GroupRow group={{ ...readiness.deck, name: 'Whole deck' }} />
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function GroupRow({ group }: { group: ReadinessGroup }) {
  return (
    <tr>
      <th scope="row">{group.name}</th>
      <td className="num">{group.cards}</td>
      <td className="num">{percent(group.recallIfStopped, 1)}</td>
      <td className="num">{percent(group.recallOnSchedule, 1)}</td>
      <td className={`num${group.atRisk ? ' at-risk' : ''}`}>{group.atRisk}</td>
    </tr>
  );
}

/** How many card rows are drawn at first; a large deck shows more on request. */
const SHOWN = 100;

export function CardReadiness({ readiness }: { readiness: Readiness }) {
  const [atRiskOnly, setAtRiskOnly] = useState(false);
  const [all, setAll] = useState(false);
  const names = new Map(readiness.sections.map((s) => [s.id, s.name]));
  const cards = atRiskOnly ? readiness.cards.filter((c) => c.atRisk) : readiness.cards;
  const shown = all ? cards : cards.slice(0, SHOWN);
  return (
    <section className="stats-card" aria-labelledby="readiness-cards">
      <header className="chart-head">
        <h2 id="readiness-cards">Cards, weakest on schedule first</h2>
        <button
          type="button"
          className="button small toggle"
          aria-pressed={atRiskOnly}
          onClick={() => setAtRiskOnly((v) => !v)}
          data-testid="at-risk-only"
        >
          At risk only
        </button>
      </header>
      {cards.length === 0 && <p className="muted">No card is at risk.</p>}
      {cards.length > 0 && (
        <div className="table-scroll">
          <table className="data-table readiness-table" data-testid="readiness-cards">
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Section</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Stop now
                </th>
                <th scope="col" className="num">
                  On schedule
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((card) => (
                <CardRow
                  key={card.id}
                  card={card}
                  section={names.get(card.sectionId) ?? ''}
                  href={cardHash({ deckId: readiness.deckId, sectionId: card.sectionId }, card.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!all && cards.length > SHOWN && (
        <button type="button" className="button small" onClick={() => setAll(true)}>
          Show all {cards.length}
        </button>
      )}
    </section>
  );
}

/** A card's row; its question opens the card's statistics (its review log and recall over time). */
function CardRow({ card, section, href }: { card: ReadinessCard; section: string; href: string }) {
  return (
    <tr className={card.atRisk ? 'at-risk-row' : undefined} data-testid="readiness-card">
      <th scope="row" className="readiness-question">
        <a href={href}>{cardPreview(card.question, card.format)}</a>
        {card.atRisk && <span className="risk-badge">at risk</span>}
      </th>
      <td className="readiness-section">{section}</td>
      <td>{card.state}</td>
      <td className="num">{percent(card.recallIfStopped, 1)}</td>
      <td className="num">{percent(card.recallOnSchedule, 1)}</td>
    </tr>
  );
}
