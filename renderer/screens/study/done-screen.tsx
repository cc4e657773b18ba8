/** Nothing left to study right now: say so, say what comes next, and look again when it is due. */
import { useEffect } from 'react';
import type { StudyNext } from '../../../shared/domain';
import { clockTime, dayLabel, plural } from '../../lib/format';
import { KeyHint } from '../../lib/key-hint';
import { routeHash } from '../../lib/route-hash';
import type { CustomStudy, Scope } from '../../lib/study-scope';

interface Props {
  next: StudyNext;
  scope: Scope;
  done: number;
  onHome: () => void;
  onUndo: () => void;
  onRefresh: () => void;
}

/**
 * Checking once a minute covers both the learning card's return (the core shows it up to 20 minutes
 * early) and the day rollover, and costs one local call.
 */
const RECHECK_MS = 60_000;

function useRecheck(next: StudyNext, onRefresh: () => void): void {
  useEffect(() => {
    const untilDue = next.nextLearningDue === null ? RECHECK_MS : next.nextLearningDue - Date.now();
    const timer = window.setTimeout(onRefresh, Math.min(RECHECK_MS, Math.max(1000, untilDue)));
    return () => window.clearTimeout(timer);
  }, [next, onRefresh]);
}

export function DoneScreen({ next, scope, done, onHome, onUndo, onRefresh }: Props) {
  useRecheck(next, onRefresh);
  const waiting = next.nextLearningDue !== null;
  const scopeKind = scope.sectionId === undefined ? 'deck' : 'section';
  const { reviewLimitReached, newLimitReached } = next.limits;
  return (
    <section className="done" aria-labelledby="done-title" data-testid="done">
      <h2 id="done-title">{waiting ? 'Done for now' : 'Done for today'}</h2>
      <p className="done-lead">Congratulations! You have finished this {scopeKind} for now.</p>
      {done > 0 && <p className="muted">You answered {plural(done, 'card')} in this session.</p>}
      <ul className="done-facts">
        {waiting && <li data-testid="next-learning">{learningText(next)}</li>}
        {reviewLimitReached && (
          <li data-testid="review-limit">
            <strong>Today’s review limit is reached.</strong> More reviews are due than the deck’s{' '}
            <em>Maximum reviews a day</em> allows. <RaiseLimit scope={scope} onLeave={onHome} what="review" />
          </li>
        )}
        <li data-testid="due-tomorrow">{dueText(next)}</li>
        <li data-testid="new-left">
          {newCardsText(next, scopeKind)}
          {newLimitReached && (
            <>
              {' '}
              <RaiseLimit scope={scope} onLeave={onHome} what="new card" />
            </>
          )}
        </li>
      </ul>
      <DoneButtons canUndo={next.canUndo} onHome={onHome} onUndo={onUndo} />
    </section>
  );
}

/** The way out of a finished session, and undo of its last answer. */
function DoneButtons({ canUndo, onHome, onUndo }: { canUndo: boolean; onHome: () => void; onUndo: () => void }) {
  return (
    <div className="button-row">
      <button type="button" className="button primary" onClick={onHome} aria-keyshortcuts="Escape">
        Back to decks <KeyHint>Esc</KeyHint>
      </button>
      {canUndo && (
        <button type="button" className="button" onClick={onUndo} aria-keyshortcuts="u">
          Undo last answer <KeyHint>u</KeyHint>
        </button>
      )}
    </div>
  );
}

function learningText(next: StudyNext): string {
  const at = clockTime(next.nextLearningDue ?? 0);
  const count = Math.max(1, next.counts.learning);
  return count === 1
    ? `1 learning card comes back at ${at}.`
    : `${count} learning cards come back later today; the next at ${at}.`;
}

/** How to study more today: custom study's "increase today's limit", or the deck's options for every day. */
function RaiseLimit({ scope, onLeave, what }: { scope: Scope; onLeave: () => void; what: 'review' | 'new card' }) {
  const custom = routeHash({ name: 'custom', deckId: scope.deckId, sectionId: scope.sectionId });
  const options = routeHash({ name: 'options', deckId: scope.deckId });
  return (
    <>
      To study more today, choose{' '}
      <a href={custom} onClick={onLeave}>
        Custom study
      </a>{' '}
      and increase today’s {what} limit; to change it for every day, open the{' '}
      <a href={options} onClick={onLeave}>
        deck options
      </a>
      .
    </>
  );
}

function newCardsText(next: StudyNext, scopeKind: 'deck' | 'section'): string {
  if (next.limits.newLimitReached) return 'You have reached today’s limit of new cards; more tomorrow.';
  if (next.newLeftToday === 0 && next.limits.reviewLimitReached) {
    return 'New cards are waiting too, but they count against the review limit.';
  }
  if (next.newLeftToday === 0) return 'You have reached today’s limit of new cards; more tomorrow.';
  if (scopeKind === 'section') {
    return `No new cards are waiting in this section. The deck can still introduce ${plural(next.newLeftToday, 'new card')} today from other sections.`;
  }
  return 'No new cards are waiting in this deck.';
}

function dueText(next: StudyNext): string {
  if (next.dueTomorrow > 0) return `${plural(next.dueTomorrow, 'card')} due tomorrow.`;
  if (next.nextDue === null) return 'Nothing is due tomorrow yet.';
  return `Nothing is due tomorrow; the next review is on ${dayLabel(next.nextDue)}.`;
}

interface CustomDoneProps {
  next: StudyNext;
  custom: CustomStudy;
  done: number;
  onHome: () => void;
  onUndo: () => void;
  onRefresh: () => void;
}

/** The end of a custom session: what it did to the schedule, and the way back. */
export function CustomDone({ next, custom, done, onHome, onUndo, onRefresh }: CustomDoneProps) {
  // a relearning card of the session comes back later: look again when it is due
  useRecheck(next, onRefresh);
  const waiting = next.nextLearningDue !== null;
  return (
    <section className="done" aria-labelledby="done-title" data-testid="done">
      <h2 id="done-title">{waiting ? 'Custom session: done for now' : 'Custom session finished'}</h2>
      <p className="done-lead">{custom.label}</p>
      <ul className="done-facts">
        <li data-testid="custom-answered">You answered {plural(done, 'card')} in this session.</li>
        {waiting && <li data-testid="next-learning">{learningText(next)}</li>}
        <li data-testid="custom-effect">
          {custom.reschedules
            ? 'Your answers rescheduled the cards, as in ordinary study.'
            : 'The schedule did not change: these answers were practice only.'}
        </li>
      </ul>
      <DoneButtons canUndo={next.canUndo} onHome={onHome} onUndo={onUndo} />
    </section>
  );
}
