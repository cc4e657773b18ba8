/**
 * The key points most often missed, per section of the deck (or the one shown): each with its card,
 * how often it was missed of the times it was asked, and a link to the card's info.
 */
import type { MissedPointsStats } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { cardHash, type StatsScope } from '../../lib/route-hash';
import { percent } from '../../lib/stats-format';
import { type HeaderCell, TableHead } from '../../lib/table-head';
import { useLoad } from '../../lib/use-load';

const COLUMNS: HeaderCell[] = [
  { label: 'Key point' },
  { label: 'Card' },
  { label: 'Missed', numeric: true },
  { label: 'Of the times asked', numeric: true },
];

export function MissedPoints({ scope }: { scope: StatsScope }) {
  const { data, error, reload } = useLoad(
    () => call('stats.missedPoints', { deckId: scope.deckId, sectionId: scope.sectionId }),
    `${scope.deckId}/${scope.sectionId}`,
  );
  const sections = data?.sections.filter((section) => section.points.length > 0) ?? [];
  return (
    <section className="stats-card" aria-labelledby="missed-points-title" data-testid="missed-points">
      <h2 id="missed-points-title">Key points most often missed</h2>
      <p className="chart-note">
        From the checklist after each reveal: the points left unticked most often, per section. Undone answers do not
        count.
      </p>
      {error !== null && <ErrorPanel error={error} onRetry={reload} />}
      {data && sections.length === 0 && (
        <p className="muted">No key point missed yet: tick the points you recalled after each reveal.</p>
      )}
      {sections.map((section) => (
        <SectionPoints key={section.sectionId} section={section} scope={scope} />
      ))}
    </section>
  );
}

function SectionPoints({ section, scope }: { section: MissedPointsStats['sections'][number]; scope: StatsScope }) {
  return (
    <div className="table-scroll missed-points-section">
      <table className="data-table" data-testid={`missed-points-${section.sectionId}`}>
        <caption>{section.name}</caption>
        <TableHead columns={COLUMNS} />
        <tbody>
          {section.points.map((point) => (
            <tr key={`${point.cardId}/${point.pointId}`}>
              <th scope="row">{point.label}</th>
              <td className="missed-points-question">
                <a href={cardHash(scope, point.cardId)}>{point.question}</a>
              </td>
              <td className="num">{point.missed}</td>
              <td className="num">
                {percent(point.share)} of {point.asked}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
