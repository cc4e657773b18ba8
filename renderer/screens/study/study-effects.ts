/** What the study screen does to the page: keys, focus and scroll for each card, and the answer timing. */
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { Rating } from '../../../shared/domain';
import { suggestionOf } from '../../lib/checklist';
import { keyPress } from '../../lib/keys';
import { type ChecklistKeys, type KeySide, type StudyAction, studyKeyAction } from './study-keys';
import type { StudySession } from './study-session';

/** Rating with the performance marks the key-to-card measurement reads (see useCardShown). */
export function useRateWithTiming(session: StudySession): (rating: Rating) => void {
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
export function useCardShown(session: StudySession, scrollRef: RefObject<HTMLElement | null>): void {
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
export function useReloadOnReturn(paused: boolean, reload: () => void): void {
  const wasPaused = useRef(paused);
  useEffect(() => {
    if (wasPaused.current && !paused) reload();
    wasPaused.current = paused;
  }, [paused, reload]);
}

/**
 * `edit` is null while the screen is paused behind the editor: then no key does anything here. `replay`
 * plays the card's sounds again (r).
 */
export function useStudyKeys(
  session: StudySession,
  rate: (rating: Rating) => void,
  onHome: () => void,
  edit: (() => void) | null,
  replay: () => void,
): void {
  // Read at key time, not at subscription time: a key pressed right after a new card paints must see it.
  const latest = useRef({
    side: 'done' as KeySide,
    act: (_action: StudyAction) => {},
    edit: null as (() => void) | null,
    paused: false,
    checklist: undefined as ChecklistKeys | undefined,
  });
  const card = session.next?.card ?? null;
  latest.current = {
    paused: edit === null,
    edit: session.next?.card && session.error === null ? edit : null,
    // Behind an error message or on the done screen only Escape and undo mean something.
    side: session.next?.card && session.error === null ? session.side : 'done',
    checklist: card?.keyPoints.length
      ? { points: card.keyPoints.length, suggested: suggestionOf(card, session.ticks) }
      : undefined,
    act: (action) => {
      if (action.type === 'reveal') session.reveal();
      else if (action.type === 'rate') rate(action.rating);
      else if (action.type === 'undo') session.undo();
      else if (action.type === 'redo') session.redo();
      else if (action.type === 'bury') session.bury();
      else if (action.type === 'suspend') session.suspend();
      else if (action.type === 'delete') session.deleteCard();
      else if (action.type === 'flag') session.flag(action.flag);
      else if (action.type === 'edit') edit?.();
      else if (action.type === 'replay') replay();
      else if (action.type === 'toggle') {
        const point = card?.keyPoints[action.index];
        if (point) session.toggle(point.id);
      } else onHome();
    },
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A modal dialog (a card link's confirmation) takes the keys: '3' there must not rate the card behind.
      if (latest.current.paused || document.querySelector('dialog:modal')) return;
      const { side, edit, checklist } = latest.current;
      const action = studyKeyAction(keyPress(event), side, edit !== null, checklist);
      if (!action) return;
      event.preventDefault();
      latest.current.act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
