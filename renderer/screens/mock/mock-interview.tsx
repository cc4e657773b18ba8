/**
 * A mock interview in progress: the question with its countdown, Done (or time running out) ends the
 * answer, then the model answer and the four grades; the summary at the end. Leaving asks first.
 */
import { useEffect, useRef, useState } from 'react';
import type { MockQuestion, MockSessionView } from '../../../shared/mock';
import { call } from '../../lib/api-client';
import { CardContent } from '../../lib/card-content';
import { ErrorPanel } from '../../lib/error-panel';
import { KeyHint } from '../../lib/key-hint';
import { keyPress } from '../../lib/keys';
import { ScreenHeader } from '../../lib/screen-header';
import { Toast } from '../../lib/toast';
import { MockCountdown } from './mock-countdown';
import { MockGradeBar } from './mock-grade-bar';
import { type MockAction, type MockKeySide, mockKeyAction } from './mock-keys';
import { MockLeaveDialog } from './mock-leave-dialog';
import { MockReveal } from './mock-reveal';
import { type MockRun, useMockRun } from './mock-session';
import { MockSummaryView } from './mock-summary';
import { useCountdown } from './use-countdown';

interface Props {
  sessionId: number;
  onHome: () => void;
  /** Back to the deck's setup, for another interview. */
  onAgain: () => void;
}

export function MockInterview({ sessionId, onHome, onAgain }: Props) {
  const run = useMockRun(sessionId);
  const [leaving, setLeaving] = useState(false);
  const { view, summary, error } = run;
  const question = summary ? null : (view?.current ?? null);
  // a session whose questions are all graded ends when its summary is left
  // (ended before moving on, so the setup screen never offers to resume it)
  const finish = (then: () => void) => () => {
    if (!view || view.ended) return then();
    call('mock.end', { sessionId })
      .catch(() => undefined)
      .finally(then);
  };
  const leave = () => (question ? setLeaving(true) : finish(onHome)());

  if (error !== null && !view) return <ErrorPanel error={error} onRetry={run.reload} onHome={onHome} />;
  return (
    <div className="study-layout mock-layout">
      <MockHeader view={view} question={question} run={run} onLeave={leave} />
      {summary ? (
        <main className="study-scroll" tabIndex={-1} aria-label="Mock interview summary">
          <MockSummaryView
            summary={summary}
            canUndo={view?.canUndo ?? false}
            onUndo={run.undo}
            onHome={finish(onHome)}
            onAgain={finish(onAgain)}
          />
        </main>
      ) : question ? (
        <QuestionStage key={question.position} question={question} run={run} onLeave={leave} paused={leaving} />
      ) : (
        <p className="muted loading">Loading…</p>
      )}
      {error !== null && view && <ErrorPanel error={error} onRetry={run.reload} onHome={onHome} />}
      {leaving && (
        <MockLeaveDialog
          onLeave={onHome}
          onEnd={() => {
            setLeaving(false);
            run.end();
          }}
          onClose={() => setLeaving(false)}
        />
      )}
      <Toast toast={run.toast} onDone={run.clearToast} />
    </div>
  );
}

interface HeaderProps {
  view: MockSessionView | null;
  question: MockQuestion | null;
  run: MockRun;
  onLeave: () => void;
}

function MockHeader({ view, question, run, onLeave }: HeaderProps) {
  return (
    <ScreenHeader className="study-header" backLabel="Decks" onBack={onLeave} backClassName="button ghost">
      <div className="study-title">Mock interview{question ? ` · ${question.sectionName}` : ''}</div>
      {view && question && (
        <span className="progress mock-progress" data-testid="mock-progress">
          Question {question.position} of {view.total}
        </span>
      )}
      {question && (
        <div className="study-tools">
          <button
            type="button"
            className="button ghost small"
            onClick={run.undo}
            disabled={!view?.canUndo}
            aria-keyshortcuts="u"
          >
            Undo grade <KeyHint>u</KeyHint>
          </button>
          <button type="button" className="button ghost small" onClick={run.end} data-testid="mock-end">
            End interview
          </button>
        </div>
      )}
    </ScreenHeader>
  );
}

interface StageProps {
  question: MockQuestion;
  run: MockRun;
  onLeave: () => void;
  /** The leave dialog is open: keys are its own. */
  paused: boolean;
}

/** One question, from its countdown to its grade; keyed by position, so each question starts afresh. */
function QuestionStage({ question, run, onLeave, paused }: StageProps) {
  const asking = question.phase === 'asking';
  const answerRef = useRef<HTMLElement>(null);
  const scrollRef = useRef<HTMLElement>(null);
  const countdown = useCountdown(question.limitMs, question.elapsedMs ?? 0, asking, () => run.done(question.limitMs));
  const done = () => run.done(countdown.takenMs());
  useMockKeys(asking ? 'asking' : 'answered', paused, (action) => {
    if (action.type === 'done') done();
    else if (action.type === 'grade') run.grade(action.rating);
    else if (action.type === 'undo') run.undo();
    else onLeave();
  });
  useEffect(() => {
    if (!asking) answerRef.current?.focus({ preventScroll: true });
    else scrollRef.current?.focus({ preventScroll: true });
  }, [asking]);
  const { card } = question;
  return (
    <>
      <main ref={scrollRef} className="study-scroll" tabIndex={-1} aria-label="Mock interview question">
        <article className="card mock-card" aria-label={asking ? 'Question' : 'Question and answer'}>
          <div className="card-meta mock-meta">
            <span className="tag">{question.sectionName}</span>
            {asking ? (
              <MockCountdown leftMs={countdown.leftMs} limitMs={question.limitMs} medianMs={question.medianMs} />
            ) : null}
          </div>
          {card && <CardContent source={card.question} format={card.format} testId="question" className="question" />}
          {!asking && <MockReveal question={question} answerRef={answerRef} />}
        </article>
      </main>
      <MockGradeBar
        phase={asking ? 'asking' : 'answered'}
        previews={card?.previews ?? []}
        onDone={done}
        onGrade={run.grade}
      />
    </>
  );
}

function useMockKeys(side: MockKeySide, paused: boolean, act: (action: MockAction) => void): void {
  const latest = useRef({ side, paused, act });
  latest.current = { side, paused, act };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (latest.current.paused || document.querySelector('dialog:modal')) return;
      const action = mockKeyAction(keyPress(event), latest.current.side);
      if (!action) return;
      event.preventDefault();
      latest.current.act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
