/** A section's cards, weakest first (lowest predicted recall; new cards last), 20 at a time. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { cardPreview } from '../../../shared/card-preview';
import type { CardStatsRow } from '../../../shared/stats';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { dayLabel } from '../../lib/format';
import { cardHash, type StatsScope } from '../../lib/route-hash';
import { DASH, days, percent, STATE_NAMES } from '../../lib/stats-format';
import { type HeaderCell, TableHead } from '../../lib/table-head';

const PAGE = 20;

const COLUMNS: HeaderCell[] = [
  { label: 'Question' },
  { label: 'State' },
  { label: 'Recall now', numeric: true },
  { label: 'Stability', numeric: true },
  { label: 'Due' },
  { label: 'Lapses', numeric: true },
  { label: 'Reviews', numeric: true },
  { label: 'Mastered' },
];

interface Page {
  total: number;
  cards: CardStatsRow[];
}

function useCardPages(scope: StatsScope) {
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const loaded = useRef(0);

  const more = useCallback(async () => {
    setBusy(true);
    try {
      const next = await call('stats.cards', {
        deckId: scope.deckId,
        sectionId: scope.sectionId,
        limit: PAGE,
        offset: loaded.current,
      });
      loaded.current += next.cards.length;
      setPage((previous) => ({ total: next.total, cards: [...(previous?.cards ?? []), ...next.cards] }));
      setError(null);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }, [scope.deckId, scope.sectionId]);

  useEffect(() => {
    void more();
  }, [more]);
  return { page, error, busy, more };
}

export function CardList({ scope }: { scope: StatsScope }) {
  const { page, error, busy, more } = useCardPages(scope);
  return (
    <section className="stats-card" aria-labelledby="card-list-title" data-testid="card-list" aria-busy={busy}>
      <h2 id="card-list-title">Cards, weakest first</h2>
      <p className="chart-note">
        Lowest predicted recall now first; new cards last. Open a card for its reviews and memory curve.
      </p>
      {error !== null && <ErrorPanel error={error} onRetry={() => void more()} />}
      {page && (
        <div className="table-scroll">
          <table className="data-table card-table">
            <caption className="visually-hidden">Cards of this section, weakest first</caption>
            <TableHead columns={COLUMNS} />
            <tbody>
              {page.cards.map((card) => (
                <CardRow key={card.id} card={card} href={cardHash(scope, card.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.cards.length < page.total && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => void more()} disabled={busy}>
            Show more
          </button>
          <span className="muted list-count">
            {page.cards.length} of {page.total} shown
          </span>
        </div>
      )}
    </section>
  );
}

function CardRow({ card, href }: { card: CardStatsRow; href: string }) {
  const isNew = card.state === 'new';
  return (
    // The whole row is a target for the mouse; the link in it is the one for keyboard and screen readers.
    <tr
      className="clickable"
      data-testid={`card-row-${card.key}`}
      onClick={() => {
        window.location.hash = href;
      }}
    >
      <th scope="row" className="question-cell">
        <a href={href} onClick={(event) => event.stopPropagation()}>
          {cardPreview(card.question, card.format)}
        </a>
      </th>
      <td>
        <span className={`state-badge state-${card.state === 'relearning' ? 'learning' : card.state}`}>
          {STATE_NAMES[card.state]}
        </span>
        {card.suspended && <span className="muted"> (suspended)</span>}
      </td>
      <td className="num" data-testid="card-recall">
        {percent(card.retrievability)}
      </td>
      <td className="num">{isNew ? DASH : days(card.stability)}</td>
      <td>{isNew ? DASH : dayLabel(card.due)}</td>
      <td className="num">{card.lapses}</td>
      <td className="num" data-testid="card-reviews">
        {card.reviews}
      </td>
      <td>{card.mastered ? 'Yes' : 'No'}</td>
    </tr>
  );
}
