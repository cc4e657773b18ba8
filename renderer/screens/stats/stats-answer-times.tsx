/**
 * How long answers take in mock interviews: the median per section for each of the last 12 weeks that
 * had any (from each question shown to "done", up to its limit), and over all time. Loads on its own.
 */
import type { AnswerTimes } from '../../../shared/mock';
import { DataTable } from '../../charts/data-table';
import { call } from '../../lib/api-client';
import type { StatsScope } from '../../lib/route-hash';
import { shortDate } from '../../lib/stats-format';
import { useLoad } from '../../lib/use-load';

type Week = AnswerTimes['weeks'][number];

function minutes(ms: number | null): string {
  if (ms === null) return '–';
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function AnswerTimesTable({ scope }: { scope: StatsScope }) {
  const key = `${scope.deckId}/${scope.sectionId}/${scope.at}`;
  const { data } = useLoad(() => call('stats.answerTimes', scope), key);
  if (!data) return null;
  const weeks = data.weeks.filter((w) => w.sections.some((s) => s.answers > 0));
  // a column for each section answered in these weeks
  const answered = data.sections.filter((s) =>
    weeks.some((w) => w.sections.some((f) => f.sectionId === s.sectionId && f.answers > 0)),
  );
  const cell = (week: Week, sectionId: number) => {
    const figure = week.sections.find((s) => s.sectionId === sectionId);
    return figure && figure.answers > 0 ? `${minutes(figure.medianMs)} (${figure.answers})` : '–';
  };
  return (
    <section
      className="stats-card chart-card answer-times"
      aria-labelledby="answer-times-title"
      data-testid="answer-times"
    >
      <header className="chart-head">
        <h2 id="answer-times-title">Mock interview answer times</h2>
      </header>
      {weeks.length === 0 ? (
        <p className="chart-empty">No mock interview answers in the last 12 weeks.</p>
      ) : (
        <>
          <p className="chart-note">
            Median time per answer, by the week ending on the date (answers in brackets); sections without mock answers
            are left out.
          </p>
          <DataTable
            caption="Median mock interview answer time per section and week"
            rowHeader={{ header: 'Week', cell: (w: Week) => shortDate(w.end) }}
            columns={answered.map((s) => ({
              id: String(s.sectionId),
              header: s.name,
              numeric: true,
              cell: (w: Week) => cell(w, s.sectionId),
            }))}
            rows={weeks}
            rowKey={(w) => w.end}
            testId="answer-times-table"
          />
          <p className="chart-note" data-testid="answer-times-overall">
            All time:{' '}
            {data.sections
              .filter((s) => s.answers > 0)
              .map((s) => `${s.name} ${minutes(s.medianMs)}`)
              .join(' · ')}
          </p>
        </>
      )}
    </section>
  );
}
