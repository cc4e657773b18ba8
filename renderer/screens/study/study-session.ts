/**
 * One study session: the current card, question/answer side, and the calls behind every action.
 * The screen only renders this state and maps keys and clicks to these functions.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnswerResult, Rating, StudyNext, UndoResult } from '../../../shared/domain';
import { flagName, toggledFlag } from '../../../shared/flags';
import type { PointMatch } from '../../../shared/typed-answer-match';
import { call } from '../../lib/api-client';
import { answerExtras, matchOf, type Ticks, ticksFromMatch, toggled } from '../../lib/checklist';
import { describeError, errorCode } from '../../lib/errors';
import { deleteLabel, stillNewest, takeStep } from '../../lib/history-actions';
import type { CustomStudy, Scope } from '../../lib/study-scope';
import { type ToastMessage, useToast } from '../../lib/toast';

export type Side = 'question' | 'answer';

export interface StudySession {
  next: StudyNext | null;
  side: Side;
  /** Answers given in this session (undo takes one back). */
  done: number;
  /** Bumps whenever a card is (re)loaded, so the same card shown again still counts as a new showing. */
  showing: number;
  error: unknown;
  toast: ToastMessage | null;
  /** Set when the last answer made its card a leech; cleared by the next answer or an undo. */
  leech: AnswerResult['leech'];
  reveal: () => void;
  /** False when the answer was not taken (no card, question side, or a call still running). */
  answer: (rating: Rating) => boolean;
  /** Takes back the newest step of the history (or of a custom session) and shows its card again. */
  undo: () => void;
  /** Makes the newest undone step of the history again. */
  redo: () => void;
  bury: () => void;
  suspend: () => void;
  /** Deletes the card shown; the message that follows offers Undo. */
  deleteCard: () => void;
  /** Sets the card's flag (1 to 7), or takes it off when it has that one already. */
  flag: (flag: number) => void;
  reload: () => void;
  clearToast: () => void;
  /** The screen calls this once the question is painted; the answer time is measured from here. */
  markShown: () => void;
  /** The key points ticked; null until the checklist is used (see checklist.ts). */
  ticks: Ticks;
  /** Ticks or unticks a point of the card shown. */
  toggle: (pointId: string) => void;
  /** The answer typed before the reveal, and what it covers once revealed. */
  typed: string;
  setTyped: (text: string) => void;
  matches: PointMatch[] | null;
}

/** The schema's upper bound; the core caps it further, like Anki's "maximum answer seconds". */
const MAX_DURATION_MS = 24 * 3600 * 1000;

/** `custom`: a custom study session, whose cards come from custom.next and whose answers go to custom.answer. */
export function useStudySession(scope: Scope, custom?: CustomStudy): StudySession {
  const [next, setNext] = useState<StudyNext | null>(null);
  const [side, setSide] = useState<Side>('question');
  const [done, setDone] = useState(0);
  const [showing, setShowing] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [leech, setLeech] = useState<AnswerResult['leech']>(null);
  const [ticks, setTicks] = useState<Ticks>(null);
  const [typed, setTyped] = useState('');
  const [matches, setMatches] = useState<PointMatch[] | null>(null);
  const { toast, say, clear: clearToast } = useToast();
  const busy = useRef(false);
  const shownAt = useRef(performance.now());
  const scopeRef = useRef(scope);
  const sessionRef = useRef(custom?.sessionId);

  /** Runs one action at a time: a key pressed while a call is in flight is dropped, not queued. */
  const run = useCallback((action: () => Promise<void>): boolean => {
    if (busy.current) return false;
    busy.current = true;
    action()
      .catch((reason: unknown) => setError(reason))
      .finally(() => {
        busy.current = false;
      });
    return true;
  }, []);

  /** `alongside` runs with the new card's state updates, so the screen never shows a count ahead of its card. */
  const show = useCallback((result: StudyNext, alongside?: () => void) => {
    // a new showing starts with a clean checklist and box; an undo's `alongside` puts its own back
    setTicks(null);
    setTyped('');
    setMatches(null);
    alongside?.();
    setNext(result);
    setSide('question');
    setError(null);
    setShowing((n) => n + 1);
  }, []);

  const loadNext = useCallback(
    async (alongside?: () => void) => {
      const sessionId = sessionRef.current;
      show(await (sessionId ? call('custom.next', { sessionId }) : call('study.next', scopeRef.current)), alongside);
    },
    [show],
  );

  const reload = useCallback(() => void run(() => loadNext()), [run, loadNext]);

  useEffect(() => {
    reload();
  }, [reload]);

  const card = next?.card ?? null;

  const reveal = useCallback(() => {
    if (!card) return;
    const matched = matchOf(card, typed);
    setMatches(matched);
    // the ticks start from what the typed text covers; ticks an undo gave back win
    if (matched) setTicks((current) => current ?? ticksFromMatch(matched));
    setSide('answer');
  }, [card, typed]);

  const toggle = useCallback(
    (pointId: string) => {
      if (card && side === 'answer') setTicks((current) => toggled(current, pointId));
    },
    [card, side],
  );

  const answer = useCallback(
    (rating: Rating) => {
      if (!card || side !== 'answer') return false;
      const durationMs = Math.min(MAX_DURATION_MS, Math.max(0, Math.round(performance.now() - shownAt.current)));
      return run(async () => {
        // one request: the answer comes back with the card to show next
        const sessionId = sessionRef.current;
        const answered = { cardId: card.id, rating, durationMs };
        // a custom session that only practises logs no review, so it keeps no ticks either
        const extras = answerExtras(card, ticks, typed);
        const result = await (sessionId
          ? call('custom.answer', { sessionId, ...answered, ...extras })
          : call('study.answer', { ...scopeRef.current, ...answered, ...extras }));
        show(result.next, () => {
          setDone((n) => n + 1);
          setLeech(result.leech ?? null);
        });
      });
    },
    [card, side, run, show, ticks, typed],
  );

  const undo = useCallback(() => {
    void run(async () => {
      let result: UndoResult;
      try {
        const sessionId = sessionRef.current;
        result = await (sessionId ? call('custom.undo', { sessionId }) : call('study.undo', scopeRef.current));
      } catch (reason) {
        const code = errorCode(reason);
        if (code !== 'nothing_to_undo' && code !== 'conflict') throw reason;
        say(code === 'conflict' ? describeError(reason).message : 'Nothing to undo.');
        return;
      }
      const undoneAnswer = result.step === undefined || result.answer !== undefined;
      // The undone card comes back on its question side, whatever else is due.
      show(result.next, () => {
        if (undoneAnswer) setDone((n) => Math.max(0, n - 1));
        setLeech(null);
        // undo takes the ticks back too: they and the typed text are there again for the next reveal
        const taken = result.answer;
        if (taken?.recalled) setTicks(new Set(taken.recalled));
        if (taken?.typedText) setTyped(taken.typedText);
        say(result.step ? `Undone: ${result.step.label}.` : 'Answer undone.');
      });
    });
  }, [run, show, say]);

  const setAside = useCallback(
    (method: 'cards.bury' | 'cards.suspend', message: string) => {
      if (!card) return;
      void run(async () => {
        await call(method, { cardId: card.id });
        await loadNext(() => say(message));
      });
    },
    [card, run, loadNext, say],
  );

  const bury = useCallback(() => setAside('cards.bury', 'Card buried until tomorrow.'), [setAside]);
  const suspend = useCallback(
    () => setAside('cards.suspend', 'Card suspended; it will not be shown until you unsuspend it.'),
    [setAside],
  );
  const redo = useCallback(() => {
    void run(async () => {
      let label = '';
      await takeStep('redo', (text) => {
        label = text;
      });
      await loadNext(() => say(label));
    });
  }, [run, loadNext, say]);
  const deleteCard = useCallback(() => {
    if (!card) return;
    void run(async () => {
      await call('cards.delete', { cardIds: [card.id] });
      // the toast's Undo is the history's: the delete is its newest step
      const undoDelete = () =>
        void stillNewest(deleteLabel(1), say).then((newest) => {
          if (newest) undo();
        });
      await loadNext(() => say('Card deleted, with its history.', { label: 'Undo', run: undoDelete }));
    });
  }, [card, run, loadNext, say, undo]);
  const flag = useCallback(
    (pressed: number) => {
      if (!card) return;
      const chosen = toggledFlag(card.flag, pressed);
      void run(async () => {
        await call('cards.bulk', { cardIds: [card.id], change: { action: 'setFlag', flag: chosen } });
        // the card stays where it is, on the same side: only its flag changed
        setNext((shown) => (shown?.card?.id === card.id ? { ...shown, card: { ...shown.card, flag: chosen } } : shown));
        say(chosen === 0 ? 'Flag taken off.' : `Flagged ${flagName(chosen)?.toLowerCase()}.`);
      });
    },
    [card, run, say],
  );
  const markShown = useCallback(() => {
    shownAt.current = performance.now();
  }, []);

  return {
    next,
    side,
    done,
    showing,
    error,
    toast,
    leech,
    reveal,
    answer,
    undo,
    redo,
    bury,
    suspend,
    deleteCard,
    flag,
    reload,
    clearToast,
    markShown,
    ticks,
    toggle,
    typed,
    setTyped,
    matches,
  };
}
