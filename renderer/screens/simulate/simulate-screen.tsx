/**
 * The workload simulation of a deck's preset (#/options/<deck>/simulate): reviews a day, minutes a day
 * and cards remembered at the end, against desired retention from 70 % to 99 %, with the preset's
 * retention and the one that keeps the most cards per minute marked; the same figures as a table.
 * The desired retention is changed (and saved to the preset) here; after a change, rescheduling the
 * cards already studied is offered. Limits can be tried without saving them. Escape goes back.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Simulation, WorkloadRow } from '../../../shared/simulate';
import { ChartFigure } from '../../charts/chart-figure';
import { DataTable } from '../../charts/data-table';
import { RetentionChart, type RetentionMark, retentionPercent } from '../../charts/retention-chart';
import { seriesStyle } from '../../charts/theme';
import { ErrorPanel } from '../../lib/error-panel';
import { plural } from '../../lib/format';
import { RescheduleDialog } from '../../lib/reschedule-dialog';
import { ScreenHeader } from '../../lib/screen-header';
import { Toast, useToast } from '../../lib/toast';
import { useBackKey } from '../../lib/use-back-key';
import { DAY_CHOICES, marksFor, parseRetention, type TriedLimits, useSimulateSession } from './simulate-session';

interface Props {
  deckId: number;
  onBack: () => void;
}

export function SimulateScreen({ deckId, onBack }: Props) {
  const session = useSimulateSession(deckId);
  const { loaded, simulation, error, running } = session;
  const [rescheduling, setRescheduling] = useState(false);
  const { toast, say, clear } = useToast();
  const titleId = useId();
  useBackKey(onBack);
  const preset = loaded?.preset;
  return (
    <main className="page simulate-page" aria-labelledby={titleId} aria-busy={running}>
      <ScreenHeader className="stats-header" backLabel="Deck options" onBack={onBack}>
        <div className="stats-title">
          <p className="stats-deck">{loaded?.deck.name ?? ''}</p>
          <h1 id={titleId}>Workload by desired retention</h1>
          <p className="stats-date" data-testid="simulate-scope">
            {preset && simulation
              ? `Preset “${preset.name}” · ${plural(preset.deckIds.length, 'deck')} · the next ${simulation.days} days`
              : ''}
          </p>
        </div>
      </ScreenHeader>
      {error !== null && <ErrorPanel error={error} onRetry={session.reload} onHome={onBack} />}
      {error === null && !simulation && <p className="muted">Simulating the next year of study…</p>}
      {preset && simulation && error === null && (
        <>
          <RetentionForm
            key={preset.options.desiredRetention}
            saved={preset.options.desiredRetention}
            best={simulation.best}
            saving={session.saving}
            problem={session.problem}
            onProblem={session.setProblem}
            onSave={session.saveRetention}
          />
          {session.changed && (
            <section className="stats-card simulate-reschedule" aria-label="Existing cards">
              <p>
                Cards you studied before are still due when the old retention scheduled them. Rescheduling gives each
                the due date its history gives at {retentionPercent(preset.options.desiredRetention)}.
              </p>
              <button
                type="button"
                className="button"
                onClick={() => setRescheduling(true)}
                data-testid="offer-reschedule"
              >
                Reschedule existing cards…
              </button>
            </section>
          )}
          <WorkloadFigure simulation={simulation} />
          <LimitsForm
            tried={session.tried}
            newPerDay={preset.options.newPerDay}
            reviewsPerDay={preset.options.reviewsPerDay}
            onTry={session.setTried}
          />
        </>
      )}
      {rescheduling && preset && (
        <RescheduleDialog
          presetId={preset.id}
          onRescheduled={(cards) => {
            session.setChanged(false);
            say(`Rescheduled ${plural(cards, 'card')}.`);
          }}
          onClose={() => setRescheduling(false)}
        />
      )}
      <Toast toast={toast} onDone={clear} />
    </main>
  );
}

const percentText = (share: number) => String(Math.round(share * 100));

interface RetentionFormProps {
  saved: number;
  best: number;
  saving: boolean;
  problem: string | null;
  onProblem: (problem: string | null) => void;
  onSave: (retention: number) => void;
}

/**
 * The preset's desired retention, in percent as the deck options show it (0.85 and 85% are read too),
 * or stepped with the arrow keys; saved with Enter.
 */
function RetentionForm({ saved, best, saving, problem, onProblem, onSave }: RetentionFormProps) {
  const [draft, setDraft] = useState(percentText(saved));
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const noteId = useId();
  useEffect(() => field.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseRetention(draft);
    if (typeof parsed !== 'number') onProblem(parsed.error);
    else onSave(parsed);
  };
  return (
    // noValidate: out-of-range values get Cue's own message, which says the range
    <form className="stats-card simulate-retention" onSubmit={submit} aria-label="Desired retention" noValidate>
      <div className="simulate-retention-row">
        <label htmlFor={fieldId}>Desired retention</label>
        <input
          id={fieldId}
          ref={field}
          className="field retention-field"
          type="number"
          inputMode="decimal"
          min={70}
          max={99}
          step={1}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            onProblem(null);
          }}
          aria-describedby={noteId}
          data-testid="retention-input"
        />
        <span className="muted" aria-hidden="true">
          %
        </span>
        <button type="submit" className="button primary" aria-disabled={saving} data-testid="retention-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        {best !== saved && (
          <button type="button" className="button" onClick={() => setDraft(percentText(best))}>
            Use the best, {retentionPercent(best)}
          </button>
        )}
      </div>
      <p id={noteId} className="format-note">
        The share of cards you want to still recall when they come due, from 70% to 99%. The preset has{' '}
        <strong data-testid="saved-retention">{retentionPercent(saved)}</strong>; a change applies from the next answer.
      </p>
      {problem && (
        <p className="import-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

const MEASURES: {
  key: keyof Omit<WorkloadRow, 'retention'>;
  title: string;
  format: (value: number) => string;
}[] = [
  { key: 'reviewsPerDay', title: 'Reviews a day', format: (v) => (v < 10 ? v.toFixed(1) : String(Math.round(v))) },
  { key: 'minutesPerDay', title: 'Minutes a day', format: (v) => (v < 10 ? v.toFixed(1) : String(Math.round(v))) },
  { key: 'remembered', title: 'Cards remembered at the end', format: (v) => String(Math.round(v)) },
];

function markStyles(simulation: Simulation, chart: string): RetentionMark[] {
  return marksFor(simulation.current, simulation.best).map((mark) => ({
    ...mark,
    color: mark.kind === 'current' ? 'var(--text)' : 'var(--series-3)',
    dash: mark.kind === 'current' ? undefined : '6 3',
    testId: `${mark.kind}-marker-${chart}`,
  }));
}

function rowAt(simulation: Simulation, retention: number): WorkloadRow | undefined {
  return simulation.rows.find((row) => Math.abs(row.retention - retention) < 1e-9);
}

function summaryOf(simulation: Simulation): string {
  const current = rowAt(simulation, simulation.current);
  const best = rowAt(simulation, simulation.best);
  const at = (row: WorkloadRow | undefined) =>
    row
      ? `about ${Math.round(row.reviewsPerDay)} reviews and ${Math.round(row.minutesPerDay)} minutes a day, ${Math.round(row.remembered)} cards remembered`
      : 'not simulated';
  return (
    `Over the next ${simulation.days} days, at the current ${retentionPercent(simulation.current)}: ${at(current)}. ` +
    `The most cards remembered per minute at ${retentionPercent(simulation.best)}: ${at(best)}.`
  );
}

function WorkloadFigure({ simulation }: { simulation: Simulation }) {
  const nothing = simulation.rows.every((row) => row.reviewsPerDay === 0);
  return (
    <ChartFigure
      title="Workload and memory by desired retention"
      testId="simulation-chart"
      summary={summaryOf(simulation)}
      empty={nothing ? 'There is nothing to study in these decks: no cards to simulate.' : undefined}
      intro={
        <p className="chart-note">
          Means over the next {simulation.days} days, simulated from your cards and how long your answers take. The
          solid rule is the preset's retention; the dashed one keeps the most cards remembered per minute of study.
        </p>
      }
      chart={
        <div className="simulate-charts">
          {MEASURES.map((measure, i) => (
            <div key={measure.key} className="simulate-chart" data-testid={`chart-${measure.key}`}>
              <h3 className="simulate-chart-title">{measure.title}</h3>
              <RetentionChart
                rows={simulation.rows.map((row) => ({ retention: row.retention, value: row[measure.key] }))}
                name={measure.title}
                style={seriesStyle(i)}
                marks={markStyles(simulation, measure.key)}
                height={190}
                format={measure.format}
              />
            </div>
          ))}
        </div>
      }
      table={
        <DataTable
          caption="Reviews a day, minutes a day and cards remembered at the end, by desired retention"
          rowHeader={{ header: 'Desired retention', cell: (row) => retentionCell(simulation, row.retention) }}
          columns={MEASURES.map((measure) => ({
            header: measure.title,
            numeric: true,
            cell: (row: WorkloadRow) => measure.format(row[measure.key]),
          }))}
          rows={simulation.rows}
          rowKey={(row) => row.retention.toFixed(2)}
          testId="simulation-table"
        />
      }
    />
  );
}

function retentionCell(simulation: Simulation, retention: number): string {
  const notes = [
    retention === simulation.current ? 'current' : '',
    retention === simulation.best ? 'best per minute' : '',
  ].filter(Boolean);
  return `${retentionPercent(retention)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

interface LimitsProps {
  tried: TriedLimits;
  newPerDay: number;
  reviewsPerDay: number;
  onTry: (tried: TriedLimits) => void;
}

/** Other limits and another period, simulated without changing the preset. */
function LimitsForm({ tried, newPerDay, reviewsPerDay, onTry }: LimitsProps) {
  const [newCards, setNewCards] = useState(String(tried.newPerDay ?? newPerDay));
  const [reviews, setReviews] = useState(String(tried.reviewsPerDay ?? reviewsPerDay));
  const [days, setDays] = useState(tried.days);
  const whole = (text: string, fallback: number) => (/^\d+$/.test(text.trim()) ? Number(text) : fallback);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onTry({ days, newPerDay: whole(newCards, newPerDay), reviewsPerDay: whole(reviews, reviewsPerDay) });
  };
  return (
    <form className="stats-card simulate-limits" onSubmit={submit} aria-labelledby="simulate-limits-title" noValidate>
      <h2 id="simulate-limits-title">Try other limits</h2>
      <p className="chart-note">Simulated only: the preset keeps its own limits.</p>
      <div className="simulate-limits-row">
        <label className="option-field limit-option">
          <span>New cards a day</span>
          <input
            className="field limit-input"
            type="number"
            min={0}
            max={9999}
            value={newCards}
            onChange={(e) => setNewCards(e.target.value)}
          />
        </label>
        <label className="option-field limit-option">
          <span>Maximum reviews a day</span>
          <input
            className="field limit-input"
            type="number"
            min={0}
            max={99999}
            value={reviews}
            onChange={(e) => setReviews(e.target.value)}
          />
        </label>
        <label className="option-field limit-option">
          <span>Days</span>
          <select className="field limit-input" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {DAY_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          Simulate
        </button>
      </div>
    </form>
  );
}
