/**
 * The optimisation screen (#/options/<deck>/optimize): fits FSRS-6's parameters to the review history
 * of the decks that share the deck's preset, with a progress bar and Cancel while it runs, then how
 * well the current and the fitted parameters predict that history (log loss, RMSE), both sets of
 * parameters side by side, and a choice: use the new ones or keep the current. Enter starts and
 * accepts, Escape cancels a running fit or goes back.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { OptimizeResult } from '../../../shared/optimize';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { KeyHint } from '../../lib/key-hint';
import { ScreenHeader } from '../../lib/screen-header';
import { useBackKey } from '../../lib/use-back-key';
import { offersChange, percentDone, type Stage, tooLittleHistory, useOptimizeSession } from './optimize-session';

// The dialog draws a chart (Recharts): loaded when first opened.
const RescheduleDialog = lazy(() =>
  import('../../lib/reschedule-dialog').then((module) => ({ default: module.RescheduleDialog })),
);

interface Props {
  deckId: number;
  onBack: () => void;
}

export function OptimizeScreen({ deckId, onBack }: Props) {
  const { loaded, stage, start, cancel, accept, keep } = useOptimizeSession(deckId);
  const running = stage.name === 'running';
  useBackKey(running ? () => void cancel() : onBack);
  const data = loaded.data;
  const refusal = data ? tooLittleHistory(data.history) : null;
  return (
    <main className="page optimize-page" aria-labelledby="optimize-title" aria-busy={loaded.loading || running}>
      <ScreenHeader backLabel="Deck options" onBack={onBack} title="Optimise FSRS" titleId="optimize-title" />
      {loaded.error !== null && !data && <ErrorPanel error={loaded.error} onRetry={loaded.reload} onHome={onBack} />}
      {!data && loaded.error === null && <p className="muted">Loading the preset…</p>}
      {data && (
        <>
          <section className="optimize-panel" aria-label="History">
            <p className="optimize-preset">
              Preset <strong data-testid="preset-name">{data.preset.name}</strong>
              <span className="muted">
                {' '}
                · used by {data.preset.deckIds.length === 1 ? '1 deck' : `${data.preset.deckIds.length} decks`}
              </span>
            </p>
            <p data-testid="history-counts">
              {data.history.reviews.toLocaleString('en')} reviews of {data.history.cards.toLocaleString('en')} cards
            </p>
            <p className="muted">
              Optimising fits the 21 parameters FSRS schedules with to how you remembered these cards, and tells you how
              well the current and the new parameters predict that history. Nothing changes until you choose to use the
              new ones.
            </p>
            {refusal && (
              <p className="optimize-refusal" role="status" data-testid="optimize-refusal">
                {refusal}
              </p>
            )}
            {!running && <StartButton onStart={start} disabled={refusal !== null} again={stage.name !== 'idle'} />}
          </section>
          <StageView stage={stage} onCancel={cancel} onAccept={accept} onKeep={keep} />
        </>
      )}
    </main>
  );
}

function StartButton({ onStart, disabled, again }: { onStart: () => void; disabled: boolean; again: boolean }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!again) ref.current?.focus();
  }, [again]);
  return (
    <div className="button-row">
      <button
        ref={ref}
        type="button"
        className={again ? 'button' : 'button primary'}
        onClick={onStart}
        disabled={disabled}
        data-testid="optimize-start"
      >
        {again ? 'Optimise again' : 'Optimise'} {!again && !disabled && <KeyHint>Enter</KeyHint>}
      </button>
    </div>
  );
}

interface StageProps {
  stage: Stage;
  onCancel: () => void;
  onAccept: () => void;
  onKeep: () => void;
}

function StageView({ stage, onCancel, onAccept, onKeep }: StageProps) {
  switch (stage.name) {
    case 'idle':
      return null;
    case 'running':
      return <Running percent={percentDone(stage.progress)} cancelling={stage.cancelling} onCancel={onCancel} />;
    case 'result':
      return <ResultView result={stage.result} onAccept={onAccept} onKeep={onKeep} />;
    case 'accepted':
      return (
        <ResultView result={stage.result}>
          <p className="optimize-outcome" role="status" data-testid="optimize-outcome">
            The preset “{stage.preset.name}” now schedules with the new parameters, from the next answer.
          </p>
          <RescheduleOffer presetId={stage.preset.id} />
        </ResultView>
      );
    case 'kept':
      return (
        <ResultView result={stage.result}>
          <p className="optimize-outcome" role="status" data-testid="optimize-outcome">
            Kept the current parameters.
          </p>
        </ResultView>
      );
    case 'cancelled':
      return (
        <p className="optimize-outcome" role="status" data-testid="optimize-outcome">
          Cancelled: nothing changed.
        </p>
      );
    case 'failed':
      return <Failure error={stage.error} />;
  }
}

/** Cards studied before keep their dates unless the person reschedules them with the new parameters. */
function RescheduleOffer({ presetId }: { presetId: number }) {
  const [state, setState] = useState<'offered' | 'open' | 'done'>('offered');
  const [cards, setCards] = useState(0);
  if (state === 'done') {
    return (
      <p className="muted" role="status" data-testid="rescheduled">
        Rescheduled {cards === 1 ? '1 card' : `${cards.toLocaleString('en')} cards`}.
      </p>
    );
  }
  return (
    <>
      <p className="muted">
        Cards you studied before keep the dates the old parameters gave them; rescheduling gives each the date its
        history gives with the new ones.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => setState('open')} data-testid="offer-reschedule">
          Reschedule existing cards…
        </button>
      </div>
      {state === 'open' && (
        <Suspense fallback={null}>
          <RescheduleDialog
            presetId={presetId}
            onRescheduled={(count) => {
              setCards(count);
              setState('done');
            }}
            onClose={() => setState((current) => (current === 'open' ? 'offered' : current))}
          />
        </Suspense>
      )}
    </>
  );
}

function Failure({ error }: { error: unknown }) {
  const { message } = describeError(error);
  return (
    <p className="optimize-refusal" role="alert" data-testid="optimize-error">
      {message}
    </p>
  );
}

function Running({ percent, cancelling, onCancel }: { percent: number; cancelling: boolean; onCancel: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="optimize-panel optimize-running" aria-label="Optimising">
      <p>{cancelling ? 'Cancelling…' : 'Optimising: fitting the parameters to your reviews…'}</p>
      <div
        className="meter"
        role="progressbar"
        aria-label="Optimisation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="optimize-progress"
      >
        <div className="meter-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="muted">{percent}% · Cue stays usable meanwhile</p>
      <div className="button-row">
        <button ref={ref} type="button" className="button" onClick={onCancel} aria-disabled={cancelling}>
          Cancel <KeyHint>Esc</KeyHint>
        </button>
      </div>
    </section>
  );
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

interface ResultProps {
  result: OptimizeResult;
  onAccept?: () => void;
  onKeep?: () => void;
  children?: React.ReactNode;
}

function ResultView({ result, onAccept, onKeep, children }: ResultProps) {
  const changed = offersChange(result);
  const acceptRef = useRef<HTMLButtonElement>(null);
  const choosing = onAccept !== undefined;
  useEffect(() => {
    if (choosing) acceptRef.current?.focus();
  }, [choosing]);
  return (
    <section
      className="optimize-panel optimize-result"
      aria-labelledby="optimize-result-title"
      data-testid="optimize-result"
    >
      <h2 id="optimize-result-title">
        {changed ? 'New parameters fit your history better' : 'The current parameters already fit best'}
      </h2>
      <p className="muted">
        On the same {result.reviews.toLocaleString('en')} reviews of {result.cards.toLocaleString('en')} cards; lower is
        better for both.
      </p>
      <table className="data-table optimize-evaluation" data-testid="optimize-evaluation">
        <caption className="visually-hidden">How well each set of parameters predicts the history</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">
              Current
            </th>
            <th scope="col" className="num">
              {changed ? 'New' : 'Fitted'}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Log loss</th>
            <td className="num">{fixed(result.before.logLoss, 4)}</td>
            <td className="num">{fixed(result.after.logLoss, 4)}</td>
          </tr>
          <tr>
            <th scope="row">RMSE (bins)</th>
            <td className="num">{fixed(result.before.rmseBins * 100, 2)}%</td>
            <td className="num">{fixed(result.after.rmseBins * 100, 2)}%</td>
          </tr>
        </tbody>
      </table>
      {choosing && changed && (
        <div className="button-row">
          <button ref={acceptRef} type="button" className="button primary" onClick={onAccept} data-testid="accept">
            Use these parameters <KeyHint>Enter</KeyHint>
          </button>
          <button type="button" className="button" onClick={onKeep} data-testid="keep">
            Keep current
          </button>
        </div>
      )}
      {children}
      <details className="optimize-parameters" open={changed}>
        <summary className="optimize-toggle">The 21 parameters</summary>
        <div className="optimize-parameter-tables" data-testid="optimize-parameters">
          {/* two halves side by side where there is room: 21 rows in one column are a long scroll */}
          <ParameterTable result={result} from={0} to={11} />
          <ParameterTable result={result} from={11} to={21} />
        </div>
      </details>
    </section>
  );
}

function ParameterTable({ result, from, to }: { result: OptimizeResult; from: number; to: number }) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">{`FSRS parameters w${from} to w${to - 1}, current and new`}</caption>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col" className="num">
            Current
          </th>
          <th scope="col" className="num">
            New
          </th>
        </tr>
      </thead>
      <tbody>
        {result.params
          .map((value, index) => ({ name: `w${index}`, value, current: result.current[index] }))
          .slice(from, to)
          .map((parameter) => (
            <tr key={parameter.name}>
              <th scope="row">{parameter.name}</th>
              <td className="num">{fixed(parameter.current, 4)}</td>
              <td className="num">{fixed(parameter.value, 4)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
