/**
 * Statistics for a deck or one section, as of a study day: how ready am I, section by section?
 * Top to bottom: the per-section table, the graphs over a chosen period, mastery over weeks, the review
 * calendar, the forecast, answer buttons, the hourly breakdown and, for a section, its cards weakest first.
 */
import { useState } from 'react';
import { ChartPatterns } from '../../charts/patterns';
import { ErrorPanel } from '../../lib/error-panel';
import type { StatsScope } from '../../lib/route-hash';
import { useBackKey } from '../../lib/use-back-key';
import { useLoad } from '../../lib/use-load';
import { knownToday, type LoadedStats, loadStats } from './load-stats';
import { SectionStatsTable } from './section-stats-table';
import { AnswerTimesTable } from './stats-answer-times';
import { AnswerButtonsChart } from './stats-answers';
import { CalendarChart } from './stats-calendar';
import { CardList } from './stats-card-list';
import { ForecastChart } from './stats-forecast';
import { GraphsSection } from './stats-graphs';
import { StatsHeader } from './stats-header';
import { HourlyBreakdown } from './stats-hourly';
import { MasteryChart } from './stats-mastery';
import { MissedPoints } from './stats-missed-points';
import { ReadinessOverTime } from './stats-readiness';

interface Props {
  scope: StatsScope;
  onHome: () => void;
  onScope: (scope: StatsScope) => void;
}

export function StatsScreen({ scope, onHome, onScope }: Props) {
  const [allTime, setAllTime] = useState(false);
  const key = `${scope.deckId}/${scope.sectionId}/${scope.at}/${allTime}`;
  const { data, error, loading, reload } = useLoad(() => loadStats(scope, allTime), key);
  useBackKey(onHome);

  return (
    <main className="page stats-page" aria-busy={loading} aria-label="Statistics">
      <ChartPatterns />
      <StatsHeader scope={scope} loaded={data} today={knownToday()} onHome={onHome} onScope={onScope} />
      {error !== null && <ErrorPanel error={error} onRetry={reload} onHome={onHome} />}
      {!data && error === null && <p className="muted">Loading statistics…</p>}
      {data && error === null && <StatsBody loaded={data} scope={scope} allTime={allTime} onAllTime={setAllTime} />}
    </main>
  );
}

interface BodyProps {
  loaded: LoadedStats;
  scope: StatsScope;
  allTime: boolean;
  onAllTime: (allTime: boolean) => void;
}

function StatsBody({ loaded, scope, allTime, onAllTime }: BodyProps) {
  const { stats, deck } = loaded;
  const names = new Map(deck.sections.map((s) => [s.id, s.name]));
  return (
    <>
      <SectionStatsTable stats={stats} scope={scope} />
      <GraphsSection scope={scope} />
      <MasteryChart stats={stats} names={names} allTime={allTime && loaded.allTime} onAllTime={onAllTime} />
      <ReadinessOverTime deckId={scope.deckId} />
      <CalendarChart calendar={stats.calendar} today={stats.date} />
      <ForecastChart forecast={stats.forecast} names={names} />
      <div className="stats-pair">
        <AnswerButtonsChart answers={stats.answerButtons} />
        <HourlyBreakdown hours={stats.hourly} />
      </div>
      <AnswerTimesTable scope={scope} />
      {scope.sectionId !== undefined && <CardList key={`${scope.deckId}/${scope.sectionId}`} scope={scope} />}
      <MissedPoints scope={scope} />
    </>
  );
}
