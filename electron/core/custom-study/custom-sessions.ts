/**
 * Custom study sessions, held in memory while Cue runs, like the undo stack. A session is its cards in
 * the order to show them; nothing about it is in the collection file. A rescheduling session (ahead,
 * forgotten, or preview and cram with `reschedule`) answers through the review log as study does, so
 * its answers are in the log, undoable and replayed exactly. A practice session (preview and cram
 * without it) never writes: Again shows the card again a few cards later, Hard a few more cards later,
 * Good and Easy finish it, so schedules and the review log stay exactly as they were.
 *
 * Why memory and not a table of practice answers: nothing reads practice answers once the session
 * is over (they are not evidence FSRS may learn from, having been forced early), and a session is as
 * long-lived as the window it is studied in.
 */
import { randomUUID } from 'node:crypto';
import type { CustomKind, Rating } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import type { AnswerEffects } from '../answer-effects';
import type { Db } from '../database';

/** Cards shown before a practice card answered Again comes back; Hard waits longer. */
export const PRACTICE_GAP: Record<Rating, number | null> = { 1: 3, 2: 6, 3: null, 4: null };

/** Sessions kept at once; starting another forgets the oldest (a window left open long ago). */
const MAX_SESSIONS = 20;

/** What a session holds at one moment; each answer makes a new one, so a failed write changes nothing. */
export interface SessionState {
  /** Cards still to show, the next first (a practice card answered Again is put back in it). */
  queue: readonly number[];
  /** Cards answered in a rescheduling session: they come back while their learning steps last. */
  answered: readonly number[];
  /** Answers given (less those undone). */
  answers: number;
}

export interface UndoEntry {
  before: SessionState;
  cardId: number;
  /** The review log entry the answer made, null for a practice answer. */
  reviewId: number | null;
  /** What the answer did beside scheduling (siblings buried, a leech marked), for undo. */
  effects?: AnswerEffects;
}

export interface CustomSession {
  readonly id: string;
  /** The connection it was started on: after a restore or recovery its cards may be gone. */
  readonly db: Db;
  readonly deckId: number;
  readonly sectionId?: number;
  readonly kind: CustomKind;
  readonly reschedules: boolean;
  state: SessionState;
  readonly undo: UndoEntry[];
}

export class CustomSessions {
  private readonly sessions = new Map<string, CustomSession>();

  start(fields: Omit<CustomSession, 'id' | 'state' | 'undo'>, cards: number[]): CustomSession {
    const session: CustomSession = {
      ...fields,
      id: randomUUID(),
      state: { queue: cards, answered: [], answers: 0 },
      undo: [],
    };
    this.sessions.set(session.id, session);
    for (const id of this.sessions.keys()) {
      if (this.sessions.size <= MAX_SESSIONS) break;
      this.sessions.delete(id);
    }
    return session;
  }

  /** The session, if it is still running on the collection now open. */
  get(sessionId: string, db: Db): CustomSession {
    const session = this.sessions.get(sessionId);
    if (session && session.db !== db) this.sessions.delete(sessionId);
    if (!session || session.db !== db) {
      throw new CueError(
        'not_found',
        'There is no such custom study session: it ended, or Cue was restarted or the collection restored since. Start a new one.',
        { sessionId },
      );
    }
    return session;
  }

  end(sessionId: string, db: Db): CustomSession {
    const session = this.get(sessionId, db);
    this.sessions.delete(sessionId);
    return session;
  }
}

/** The state after a practice answer: the card leaves the front and, for Again or Hard, comes back later. */
export function afterPractice(state: SessionState, cardId: number, rating: Rating): SessionState {
  const rest = state.queue.filter((id) => id !== cardId);
  const gap = PRACTICE_GAP[rating];
  if (gap === null) return { ...state, queue: rest, answers: state.answers + 1 };
  // seen once: it counts as learning from now on
  const answered = state.answered.includes(cardId) ? state.answered : [...state.answered, cardId];
  return { queue: [...rest.slice(0, gap), cardId, ...rest.slice(gap)], answered, answers: state.answers + 1 };
}

/** The state after a rescheduling answer: the card leaves the queue and is watched while it is learning. */
export function afterReview(state: SessionState, cardId: number): SessionState {
  return {
    queue: state.queue.filter((id) => id !== cardId),
    answered: state.answered.includes(cardId) ? state.answered : [...state.answered, cardId],
    answers: state.answers + 1,
  };
}

/** How many cards a practice answer puts before the card again, given the cards left: null when it is done. */
export function practiceGap(state: SessionState, rating: Rating): number | null {
  const gap = PRACTICE_GAP[rating];
  return gap === null ? null : Math.min(gap, Math.max(0, state.queue.length - 1));
}
