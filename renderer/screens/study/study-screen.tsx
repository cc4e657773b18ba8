/** Studying: question, reveal, rate; Anki's keys; the done screen when the queue is empty. */
import { type ReactNode, type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { AnswerBar } from '../../lib/answer-bar';
import { hasSounds } from '../../lib/card-sounds';
import { suggestionOf } from '../../lib/checklist';
import { ErrorPanel } from '../../lib/error-panel';
import { KeyPointChecklist } from '../../lib/key-point-checklist';
import type { CustomStudy, Scope } from '../../lib/study-scope';
import { Toast } from '../../lib/toast';
import { TypedAnswerBox, TypedAnswerPanel } from '../../lib/typed-answer';
import { useCardSounds } from '../../lib/use-card-sounds';
import { useSpokenAnswer } from './answer-recorder';
import { CardView } from './card-view';
import { CustomDone, DoneScreen } from './done-screen';
import { MissedHint } from './missed-hint';
import { useCardShown, useRateWithTiming, useReloadOnReturn, useStudyKeys } from './study-effects';
import { StudyHeader } from './study-header';
import { type StudySession, useStudySession } from './study-session';

interface Props {
  scope: Scope;
  title: string;
  /** A custom study session instead of the day's queue. */
  custom?: CustomStudy;
  onHome: () => void;
  /** `e`: opens the current card in the editor. */
  onEdit?: (cardId: number) => void;
  /** Hidden behind the editor: keys are off, and the card is loaded again (with its edits) on return. */
  paused?: boolean;
}

export function StudyScreen({ scope, title, custom, onHome, onEdit, paused = false }: Props) {
  const session = useStudySession(scope, custom);
  const scrollRef = useRef<HTMLElement>(null);
  const questionRef = useRef<HTMLDivElement>(null);
  const answerRef = useRef<HTMLElement>(null);
  const rate = useRateWithTiming(session);
  useCardShown(session, scrollRef);
  const card = session.next?.card ?? null;
  const edit = useCallback(() => {
    if (card && onEdit) onEdit(card.id);
  }, [card, onEdit]);
  const replay = useCardSounds({
    questionRef,
    answerRef,
    side: card && session.error === null && !paused ? session.side : null,
    showing: session.showing,
    autoplay: card?.autoplayAudio ?? false,
  });
  useStudyKeys(session, rate, onHome, paused ? null : edit, replay);
  useReloadOnReturn(paused, session.reload);
  // the typed-answer box as the preset says, until the person turns it on or off for this session
  const [typingChoice, setTypingChoice] = useState<boolean | null>(null);
  const typing = typingChoice ?? card?.answering.typedAnswer ?? false;
  const { setTyped } = session;
  const toggleTyping = useCallback(() => {
    setTypingChoice(!typing);
    if (typing) setTyped('');
  }, [typing, setTyped]);
  const shownCard = session.error === null ? (card?.id ?? null) : null;
  const voice = useSpokenAnswer(shownCard, session.showing, session.side === 'answer', paused);

  useEffect(() => {
    // The answer takes focus so screen readers read it; the question stays in view above it.
    if (session.side === 'answer') answerRef.current?.focus({ preventScroll: true });
  }, [session.side]);

  return (
    <div className="study-layout" hidden={paused}>
      <StudyHeader
        session={session}
        title={card?.sectionName ?? title}
        custom={custom}
        onHome={onHome}
        onEdit={onEdit ? edit : undefined}
        typing={typing}
        onToggleTyping={toggleTyping}
        onReplay={card && hasSounds(card) ? replay : undefined}
      />
      <main ref={scrollRef} className="study-scroll" tabIndex={-1} aria-label="Study">
        <LeechNotice leech={session.leech} />
        <StudyBody
          session={session}
          scope={scope}
          custom={custom}
          questionRef={questionRef}
          answerRef={answerRef}
          onHome={onHome}
          typing={typing}
          voice={voice}
        />
      </main>
      {card && session.error === null && (
        <AnswerBar
          side={session.side}
          previews={card.previews}
          suggested={suggestionOf(card, session.ticks)}
          typing={typing}
          onReveal={session.reveal}
          onRate={rate}
        />
      )}
      <Toast toast={session.toast} onDone={session.clearToast} />
    </div>
  );
}

/** Said at the moment a card becomes a leech; a live region, so a screen reader says it too. */
function LeechNotice({ leech }: { leech: StudySession['leech'] }) {
  return (
    <div role="status" aria-live="polite" className="leech-region">
      {leech && (
        <p className="leech-notice" data-testid="leech-notice">
          <strong>That card is a leech:</strong> you have forgotten it often enough to reach the deck’s leech threshold.
          It is tagged <code>leech</code>
          {leech.suspended ? ' and suspended, so it will not come back until you unsuspend it' : ''}. Rewording or
          splitting it usually helps; the browser finds leeches with <code>tag:leech</code>, and <kbd>u</kbd> undoes the
          answer.
        </p>
      )}
    </div>
  );
}

interface BodyProps {
  session: StudySession;
  scope: Scope;
  custom?: CustomStudy;
  questionRef: RefObject<HTMLDivElement | null>;
  answerRef: RefObject<HTMLElement | null>;
  onHome: () => void;
  /** The typed-answer box is on. */
  typing: boolean;
  /** The spoken answer's recorder or player, for the side shown. */
  voice: ReactNode;
}

function StudyBody({ session, scope, custom, questionRef, answerRef, onHome, typing, voice }: BodyProps) {
  const { next, error } = session;
  if (error !== null) return <ErrorPanel error={error} onRetry={session.reload} onHome={onHome} />;
  if (next === null) return <p className="muted loading">Loading…</p>;
  if (next.card === null && custom) {
    return (
      <CustomDone
        next={next}
        custom={custom}
        done={session.done}
        onHome={onHome}
        onUndo={session.undo}
        onRefresh={session.reload}
      />
    );
  }
  if (next.card === null) {
    return (
      <DoneScreen
        next={next}
        scope={scope}
        done={session.done}
        onHome={onHome}
        onUndo={session.undo}
        onRefresh={session.reload}
      />
    );
  }
  return (
    <StudiedCard session={session} questionRef={questionRef} answerRef={answerRef} typing={typing} voice={voice} />
  );
}

/** The card with what answering adds: the hint and box under the question, the typed text and checklist. */
function StudiedCard({
  session,
  questionRef,
  answerRef,
  typing,
  voice,
}: Pick<BodyProps, 'session' | 'questionRef' | 'answerRef' | 'typing' | 'voice'>) {
  const card = session.next?.card;
  if (!card) return null;
  const revealed = session.side === 'answer';
  // a card with its own box (Anki's {{type:}}) takes the typing there, compared on the answer side
  const ownBox = card.typeAnswer !== null;
  const typedShown = revealed && !ownBox && session.typed.trim() !== '';
  return (
    <CardView
      card={card}
      revealed={revealed}
      questionRef={questionRef}
      answerRef={answerRef}
      voice={voice}
      typeIn={{ value: session.typed, onChange: session.setTyped, onSubmit: session.reveal }}
      underQuestion={
        <>
          <MissedHint card={card} />
          {typing && !ownBox && !revealed && (
            <TypedAnswerBox key={session.showing} value={session.typed} onChange={session.setTyped} />
          )}
        </>
      }
      besideAnswer={
        typedShown ? <TypedAnswerPanel card={card} typed={session.typed} matches={session.matches} /> : undefined
      }
      underAnswer={
        card.keyPoints.length > 0 ? (
          <KeyPointChecklist
            card={card}
            ticks={session.ticks}
            matches={session.matches}
            suggested={suggestionOf(card, session.ticks)}
            onToggle={session.toggle}
          />
        ) : undefined
      }
    />
  );
}
