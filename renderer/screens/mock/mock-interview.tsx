/**
 * A mock interview in progress: the question with its countdown, Done (or time running out) ends the
 * answer, then the model answer and the four grades; the summary at the end. Leaving asks first.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Rating, UndoneAnswer } from '../../../shared/domain';
import type { MockQuestion, MockSessionView } from '../../../shared/mock';
import { AnswerBar } from '../../lib/answer-bar';
import { AnswerLive } from '../../lib/answer-live';
import { call } from '../../lib/api-client';
import { CardContent } from '../../lib/card-content';
import { answerExtras, matchOf, suggestionOf, type Ticks, ticksFromMatch, toggled } from '../../lib/checklist';
import { ErrorPanel } from '../../lib/error-panel';
import { KeyHint } from '../../lib/key-hint';
import { KeyPointChecklist } from '../../lib/key-point-checklist';
import { keyPress } from '../../lib/keys';
import { ScreenHeader } from '../../lib/screen-header';
import { Toast } from '../../lib/toast';
import { TypedAnswerBox, TypedAnswerPanel } from '../../lib/typed-answer';
import { useCardSounds } from '../../lib/use-card-sounds';
import { MockCountdown } from './mock-countdown';
import { type MockAction, type MockChecklist, type MockKeySide, mockKeyAction } from './mock-keys';
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
        <QuestionStage
          key={question.position}
          question={question}
          restored={view?.undone ?? null}
          run={run}
          onLeave={leave}
          paused={leaving}
        />
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
      <h1 className="study-title">Mock interview{question ? ` · ${question.sectionName}` : ''}</h1>
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
  /** The ticks and typed text of a grade just undone, shown again. */
  restored: UndoneAnswer | null;
  run: MockRun;
  onLeave: () => void;
  /** The leave dialog is open: keys are its own. */
  paused: boolean;
}

/** One question, from its countdown to its grade; keyed by position, so each question starts afresh. */
function QuestionStage({ question, restored, run, onLeave, paused }: StageProps) {
  const asking = question.phase === 'asking';
  const questionRef = useRef<HTMLDivElement>(null);
  const answerRef = useRef<HTMLElement>(null);
  const scrollRef = useRef<HTMLElement>(null);
  const answer = useAnswerState(question, restored);
  const countdown = useCountdown(question.limitMs, question.elapsedMs ?? 0, asking, () => run.done(question.limitMs));
  const done = () => run.done(countdown.takenMs());
  const grade = (rating: Rating) => run.grade(rating, answer.extras);
  const { card } = question;
  // the stage is keyed by the question's position, so each question is a showing of its own
  const replay = useCardSounds({
    questionRef,
    answerRef,
    side: card ? (asking ? 'question' : 'answer') : null,
    showing: question.position,
    autoplay: card?.autoplayAudio ?? false,
  });
  const checklist =
    card && card.keyPoints.length > 0 ? { points: card.keyPoints.length, suggested: answer.suggested } : undefined;
  useMockKeys(asking ? 'asking' : 'answered', paused, checklist, (action) => {
    if (action.type === 'done') done();
    else if (action.type === 'grade') grade(action.rating);
    else if (action.type === 'toggle') answer.toggleAt(action.index);
    else if (action.type === 'undo') run.undo();
    else if (action.type === 'replay') replay();
    else onLeave();
  });
  useEffect(() => {
    if (!asking) answerRef.current?.focus({ preventScroll: true });
    else if (!answer.typing) scrollRef.current?.focus({ preventScroll: true });
  }, [asking, answer.typing]);
  return (
    <>
      <main ref={scrollRef} className="study-scroll" tabIndex={-1} aria-label="Mock interview question">
        <article className="study-card mock-card" aria-label={asking ? 'Question' : 'Question and answer'}>
          <div className="card-meta mock-meta">
            <span className="tag">{question.sectionName}</span>
            {asking ? (
              <MockCountdown leftMs={countdown.leftMs} limitMs={question.limitMs} medianMs={question.medianMs} />
            ) : null}
          </div>
          {card && !(card.answerAlone && !asking) && (
            <CardContent
              source={card.question}
              format={card.format}
              css={card.css}
              testId="question"
              className="question"
              contentRef={questionRef}
            />
          )}
          {asking && answer.typing && <TypedAnswerBox value={answer.typed} onChange={answer.setTyped} />}
          <AnswerLive>
            {!asking && (
              <MockReveal question={question} answerRef={answerRef} typed={answer.typed}>
                {card && answer.typed.trim() !== '' && (
                  <TypedAnswerPanel card={card} typed={answer.typed} matches={answer.matches} />
                )}
                {card && card.keyPoints.length > 0 && (
                  <KeyPointChecklist
                    card={card}
                    ticks={answer.ticks}
                    matches={answer.matches}
                    suggested={answer.suggested}
                    onToggle={answer.toggle}
                  />
                )}
              </MockReveal>
            )}
          </AnswerLive>
        </article>
      </main>
      <AnswerBar
        side={asking ? 'question' : 'answer'}
        previews={card?.previews ?? []}
        suggested={answer.suggested}
        typing={answer.typing}
        revealLabel="Done"
        revealTestId="mock-done"
        onReveal={done}
        onRate={grade}
      />
    </>
  );
}

/**
 * What the person gives beside the grade, as in study: the text typed while answering (when the deck's
 * preset asks for typed answers), and the key points ticked on the reveal, starting from what the typed
 * text covers; a grade undone brings its own back.
 */
function useAnswerState(question: MockQuestion, restored: UndoneAnswer | null) {
  const { card } = question;
  const [typed, setTyped] = useState(restored?.typedText ?? '');
  const [ticks, setTicks] = useState<Ticks>(restored?.recalled ? new Set(restored.recalled) : null);
  const revealed = question.phase !== 'asking';
  const matches = useMemo(() => (card && revealed ? matchOf(card, typed) : null), [card, revealed, typed]);
  useEffect(() => {
    if (matches) setTicks((current) => current ?? ticksFromMatch(matches));
  }, [matches]);
  const toggle = (id: string) => setTicks((current) => toggled(current, id));
  return {
    typing: card?.answering.typedAnswer ?? false,
    typed,
    setTyped,
    ticks,
    matches,
    suggested: card ? suggestionOf(card, ticks) : null,
    toggle,
    toggleAt: (index: number) => {
      const point = card?.keyPoints[index];
      if (point) toggle(point.id);
    },
    extras: card ? answerExtras(card, ticks, typed) : {},
  };
}

function useMockKeys(
  side: MockKeySide,
  paused: boolean,
  checklist: MockChecklist | undefined,
  act: (action: MockAction) => void,
): void {
  const latest = useRef({ side, paused, checklist, act });
  latest.current = { side, paused, checklist, act };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (latest.current.paused || document.querySelector('dialog:modal')) return;
      const action = mockKeyAction(keyPress(event), latest.current.side, latest.current.checklist);
      if (!action) return;
      event.preventDefault();
      latest.current.act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
