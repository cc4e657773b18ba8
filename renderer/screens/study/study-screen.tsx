/** Studying: question, reveal, rate; Anki's keys; the done screen when the queue is empty. */
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { CardState, Rating, StudyCard, StudyNext } from '../../../shared/domain';
import { CardContent } from '../../lib/card-content';
import { ErrorPanel } from '../../lib/error-panel';
import { total } from '../../lib/format';
import { KeyHint } from '../../lib/key-hint';
import { QueueCounts, queueOf } from '../../lib/queue-counts';
import { Toast } from '../../lib/toast';
import { AnswerBar } from './answer-bar';
import { DoneScreen } from './done-screen';
import { isEditable, type KeySide, type StudyAction, studyKeyAction } from './study-keys';
import { type Scope, type StudySession, useStudySession } from './study-session';

interface Props {
  scope: Scope;
  title: string;
  onHome: () => void;
  /** `e`: opens the current card in the editor. */
  onEdit?: (cardId: number) => void;
  /** Hidden behind the editor: keys are off, and the card is loaded again (with its edits) on return. */
  paused?: boolean;
}

const STATE_LABELS: Record<CardState, string> = {
  new: 'New',
  learning: 'Learning',
  review: 'Review',
  relearning: 'Relearning',
};

export function StudyScreen({ scope, title, onHome, onEdit, paused = false }: Props) {
  const session = useStudySession(scope);
  const scrollRef = useRef<HTMLElement>(null);
  const answerRef = useRef<HTMLElement>(null);
  const rate = useRateWithTiming(session);
  useCardShown(session, scrollRef);
  const card = session.next?.card ?? null;
  const edit = useCallback(() => {
    if (card && onEdit) onEdit(card.id);
  }, [card, onEdit]);
  useStudyKeys(session, rate, onHome, paused ? null : edit);
  useReloadOnReturn(paused, session.reload);

  useEffect(() => {
    // The answer takes focus so screen readers read it; the question stays in view above it.
    if (session.side === 'answer') answerRef.current?.focus({ preventScroll: true });
  }, [session.side]);

  return (
    <div className="study-layout" hidden={paused}>
      <StudyHeader
        session={session}
        title={card?.sectionName ?? title}
        onHome={onHome}
        onEdit={onEdit ? edit : undefined}
      />
      <main ref={scrollRef} className="study-scroll" tabIndex={-1} aria-label="Study">
        <StudyBody session={session} scope={scope} answerRef={answerRef} onHome={onHome} />
      </main>
      {card && session.error === null && (
        <AnswerBar side={session.side} previews={card.previews} onReveal={session.reveal} onRate={rate} />
      )}
      <Toast toast={session.toast} onDone={session.clearToast} />
    </div>
  );
}

interface BodyProps {
  session: StudySession;
  scope: Scope;
  answerRef: RefObject<HTMLElement | null>;
  onHome: () => void;
}

function StudyBody({ session, scope, answerRef, onHome }: BodyProps) {
  const { next, error } = session;
  if (error !== null) return <ErrorPanel error={error} onRetry={session.reload} onHome={onHome} />;
  if (next === null) return <p className="muted loading">Loading…</p>;
  if (next.card === null) {
    return (
      <DoneScreen
        next={next}
        scopeKind={scope.sectionId === undefined ? 'deck' : 'section'}
        done={session.done}
        onHome={onHome}
        onUndo={session.undo}
        onRefresh={session.reload}
      />
    );
  }
  return <CardView card={next.card} revealed={session.side === 'answer'} answerRef={answerRef} />;
}

function CardView({
  card,
  revealed,
  answerRef,
}: {
  card: StudyCard;
  revealed: boolean;
  answerRef: BodyProps['answerRef'];
}) {
  return (
    <article className="card" aria-label={revealed ? 'Question and answer' : 'Question'}>
      <div className="card-meta">
        <span className={`state-badge state-${queueOf(card.state)}`} data-testid="card-state">
          {STATE_LABELS[card.state]}
        </span>
        {card.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </div>
      <CardContent source={card.question} format={card.format} testId="question" className="question" />
      {revealed && (
        <section ref={answerRef} className="answer-region" tabIndex={-1} aria-label="Answer">
          <hr className="answer-divider" />
          <CardContent source={card.answer} format={card.format} testId="answer" className="answer" />
        </section>
      )}
    </article>
  );
}

interface HeaderProps {
  session: StudySession;
  title: string;
  onHome: () => void;
  onEdit?: () => void;
}

function StudyHeader({ session, title, onHome, onEdit }: HeaderProps) {
  const { next } = session;
  const card = next?.card ?? null;
  return (
    <header className="study-header">
      <button type="button" className="button ghost" onClick={onHome} aria-keyshortcuts="Escape">
        <span aria-hidden="true">←</span> Decks <KeyHint>Esc</KeyHint>
      </button>
      <div className="study-title" title={title}>
        {title}
      </div>
      {next && <SessionProgress next={next} done={session.done} current={card ? queueOf(card.state) : undefined} />}
      <div className="study-tools">
        <button
          type="button"
          className="button ghost small"
          onClick={session.undo}
          disabled={!next?.canUndo}
          aria-keyshortcuts="u"
        >
          Undo <KeyHint>u</KeyHint>
        </button>
        <button
          type="button"
          className="button ghost small"
          onClick={session.bury}
          disabled={!card}
          aria-keyshortcuts="-"
        >
          Bury <KeyHint>-</KeyHint>
        </button>
        <button
          type="button"
          className="button ghost small"
          onClick={session.suspend}
          disabled={!card}
          aria-keyshortcuts="@"
        >
          Suspend <KeyHint>@</KeyHint>
        </button>
        <button
          type="button"
          className="button ghost small"
          onClick={session.deleteCard}
          disabled={!card}
          aria-keyshortcuts="Control+Delete"
          data-testid="study-delete"
        >
          Delete <KeyHint>Ctrl+Del</KeyHint>
        </button>
        {onEdit && (
          <button type="button" className="button ghost small" onClick={onEdit} disabled={!card} aria-keyshortcuts="e">
            Edit <KeyHint>e</KeyHint>
          </button>
        )}
      </div>
    </header>
  );
}

function SessionProgress({
  next,
  done,
  current,
}: {
  next: StudyNext;
  done: number;
  current?: ReturnType<typeof queueOf>;
}) {
  return (
    <div className="session-progress">
      <span className="progress" data-testid="progress" aria-live="polite" aria-atomic="true">
        done {done} · left {total(next.counts)}
      </span>
      <QueueCounts counts={next.counts} current={current} testIdPrefix="left" />
    </div>
  );
}

/** Rating with the performance marks the key-to-card measurement reads (see useCardShown). */
function useRateWithTiming(session: StudySession): (rating: Rating) => void {
  const { answer } = session;
  return useCallback(
    (rating: Rating) => {
      performance.mark('cue:answer-key');
      if (!answer(rating)) performance.clearMarks('cue:answer-key');
    },
    [answer],
  );
}

/** After each new card (or the done screen) reaches the DOM: reset scroll and focus, start the answer clock. */
function useCardShown(session: StudySession, scrollRef: RefObject<HTMLElement | null>): void {
  const { showing, markShown } = session;
  useLayoutEffect(() => {
    if (showing === 0) return;
    const scroller = scrollRef.current;
    scroller?.scrollTo(0, 0);
    // Keys must keep working and arrows must scroll the card, so focus never stays lost on <body>.
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) scroller?.focus({ preventScroll: true });
    // The callback runs just before the frame that paints the new card.
    const frame = requestAnimationFrame(() => {
      markShown();
      performance.mark('cue:card-shown');
      if (performance.getEntriesByName('cue:answer-key', 'mark').length > 0) {
        performance.measure('cue:key-to-card', 'cue:answer-key', 'cue:card-shown');
        performance.clearMarks('cue:answer-key');
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [showing, markShown, scrollRef]);
}

/** Back from the editor: the same card again, as edited; the session (and its done count) carries on. */
function useReloadOnReturn(paused: boolean, reload: () => void): void {
  const wasPaused = useRef(paused);
  useEffect(() => {
    if (wasPaused.current && !paused) reload();
    wasPaused.current = paused;
  }, [paused, reload]);
}

/** `edit` is null while the screen is paused behind the editor: then no key does anything here. */
function useStudyKeys(
  session: StudySession,
  rate: (rating: Rating) => void,
  onHome: () => void,
  edit: (() => void) | null,
): void {
  // Read at key time, not at subscription time: a key pressed right after a new card paints must see it.
  const latest = useRef({
    side: 'done' as KeySide,
    act: (_action: StudyAction) => {},
    edit: null as (() => void) | null,
    paused: false,
  });
  latest.current = {
    paused: edit === null,
    edit: session.next?.card && session.error === null ? edit : null,
    // Behind an error message or on the done screen only Escape and undo mean something.
    side: session.next?.card && session.error === null ? session.side : 'done',
    act: (action) => {
      if (action.type === 'reveal') session.reveal();
      else if (action.type === 'rate') rate(action.rating);
      else if (action.type === 'undo') session.undo();
      else if (action.type === 'bury') session.bury();
      else if (action.type === 'suspend') session.suspend();
      else if (action.type === 'delete') session.deleteCard();
      else onHome();
    },
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A modal dialog (a card link's confirmation) takes the keys: '3' there must not rate the card behind.
      if (latest.current.paused || document.querySelector('dialog:modal')) return;
      const { edit } = latest.current;
      if (event.key === 'e' && edit && !event.repeat && !event.ctrlKey && !event.metaKey && !event.altKey) {
        if (isEditable(event.target)) return;
        event.preventDefault();
        edit();
        return;
      }
      const action = studyKeyAction(event, latest.current.side);
      if (!action) return;
      event.preventDefault();
      latest.current.act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
