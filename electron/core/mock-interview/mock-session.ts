/**
 * A mock interview's rules: drawing its questions, the clock of each (shown, done or timed out), grading
 * through study's answerCard (so a grade is a real review: scheduled, logged, leeches and burying as in
 * study) and its undo, and the summary. Every change is one transaction; bad input changes nothing.
 */
import type { Rating } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import type { MockOrder, MockQuestion, MockSessionView } from '../../../shared/mock';
import { type AnswerEffects, undoAnswerEffects } from '../answer-effects';
import { CARD_COLUMNS, type CardRow, scheduleOf } from '../card-rows';
import type { Db } from '../database';
import type { HandlerContext } from '../handlers/context';
import { answerCard, toStudyCard } from '../handlers/study';
import { type AnswerExtras, answerExtrasOf } from '../review-answers';
import { canUndoReview, undoReview } from '../review-log';
import { sectionMedians } from '../stats/answer-times';
import { sectionLimits } from './mock-limits';
import { type Candidate, drawOrder } from './mock-order';
import {
  clearGrade,
  endRunningSessions,
  insertSession,
  markAnswered,
  markGraded,
  markShown,
  phaseOf,
  type QuestionRow,
  questionRows,
  type SessionRow,
  sessionRow,
} from './mock-store';

export type MockContext = Pick<HandlerContext, 'db' | 'schedulerFor' | 'boundary' | 'now'>;

/**
 * How much longer than the limit the server's own clock may run before a question counts as timed out
 * whatever the page reports (a page closed mid-answer and opened again much later); covers round trips.
 */
export const CLOCK_GRACE_MS = 5000;

export interface StartInput {
  deckId: number;
  sectionIds: number[];
  count: number;
  order: MockOrder;
  seed?: number;
}

function cardsOf(db: Db, sectionIds: readonly number[], now: number): CardRow[] {
  return db
    .prepare(
      `SELECT ${CARD_COLUMNS} FROM cards c JOIN sections s ON s.id = c.section_id
       WHERE c.section_id IN (SELECT value FROM json_each(?)) AND c.suspended = 0
         AND (c.buried_until IS NULL OR c.buried_until <= ?)`,
    )
    .all(JSON.stringify(sectionIds), now) as CardRow[];
}

function checkSections(core: MockContext, input: StartInput) {
  const deck = core.db.prepare('SELECT name FROM decks WHERE id = ?').pluck().get(input.deckId) as string | undefined;
  if (deck === undefined)
    throw new CueError('not_found', `There is no deck ${input.deckId}.`, { deckId: input.deckId });
  const sections = sectionLimits(core.db, input.deckId, core.now());
  const chosen = [...new Set(input.sectionIds)];
  for (const sectionId of chosen) {
    if (!sections.some((s) => s.sectionId === sectionId)) {
      throw new CueError('not_found', `Deck “${deck}” has no section ${sectionId}.`, {
        field: 'sectionIds',
        sectionId,
      });
    }
  }
  return { chosen, limits: new Map(sections.map((s) => [s.sectionId, s.limitMs])) };
}

/** Draws the questions and starts the session; a running session of the same deck ends (its summary stays). */
export function startSession(core: MockContext, input: StartInput): number {
  const { db } = core;
  return db.transaction(() => {
    const now = core.now();
    const { chosen, limits } = checkSections(core, input);
    const cards = cardsOf(db, chosen, now);
    if (input.count > cards.length) {
      const what = cards.length === 0 ? 'no cards to ask' : `${cards.length} cards to ask`;
      throw new CueError(
        'invalid_input',
        `The chosen sections have ${what} (suspended and buried cards are left out); ask for 1 to ${cards.length} questions.`,
        { field: 'count', available: cards.length },
      );
    }
    const scheduler = core.schedulerFor(input.deckId);
    const candidates: Candidate[] = cards.map((card) => ({
      id: card.id,
      studied: card.reps > 0,
      retrievability: card.reps > 0 ? scheduler.retrievability(scheduleOf(card), now) : null,
      lapses: card.lapses,
    }));
    const seed = input.seed ?? now % 2147483647;
    const byId = new Map(cards.map((card) => [card.id, card]));
    const questions = drawOrder(candidates, input.order, seed, input.count).map((id) => {
      const sectionId = byId.get(id)?.section_id ?? 0;
      return { cardId: id, sectionId, limitMs: limits.get(sectionId) ?? 0 };
    });
    endRunningSessions(db, input.deckId, now);
    return insertSession(db, { deckId: input.deckId, order: input.order, seed, sectionIds: chosen, questions }, now);
  })();
}

function liveCard(db: Db, cardId: number): CardRow | undefined {
  return db
    .prepare(`SELECT ${CARD_COLUMNS} FROM cards c JOIN sections s ON s.id = c.section_id WHERE c.id = ?`)
    .get(cardId) as CardRow | undefined;
}

/** The question to answer or grade now: the first not graded whose card is still there (a deleted one is passed). */
function currentRow(db: Db, questions: readonly QuestionRow[]): QuestionRow | undefined {
  return questions.find((q) => q.review_id === null && liveCard(db, q.card_id) !== undefined);
}

function sectionName(db: Db, sectionId: number): string {
  return (db.prepare('SELECT name FROM sections WHERE id = ?').pluck().get(sectionId) as string | undefined) ?? '';
}

function questionView(core: MockContext, q: QuestionRow): MockQuestion {
  const now = core.now();
  const card = liveCard(core.db, q.card_id);
  return {
    position: q.position,
    cardId: q.card_id,
    sectionId: q.section_id,
    sectionName: sectionName(core.db, q.section_id),
    limitMs: q.limit_ms,
    phase: phaseOf(q),
    shownAt: q.shown_at,
    // whole seconds: the page counts its own milliseconds, and a round trip's are not the person's time
    elapsedMs: q.shown_at === null ? null : Math.max(0, Math.floor((now - q.shown_at) / 1000) * 1000),
    timeTakenMs: q.time_taken_ms,
    timedOut: q.timed_out === null ? null : q.timed_out === 1,
    rating: q.rating,
    medianMs: sectionMedians(core.db, [q.section_id]).get(q.section_id) ?? null,
    card: card ? toStudyCard(core, card, now) : null,
  };
}

/**
 * The session as the screen shows it. A running session's current question is shown (its clock starts)
 * the first time it is read, so a reload resumes the countdown rather than restarting it.
 */
export function sessionView(
  core: MockContext,
  sessionId: number,
  leech: MockSessionView['leech'] = null,
): MockSessionView {
  const session = sessionRow(core.db, sessionId);
  let questions = questionRows(core.db, sessionId);
  let current = session.ended_at === null ? currentRow(core.db, questions) : undefined;
  if (current && current.shown_at === null) {
    markShown(core.db, sessionId, current.position, core.now());
    questions = questionRows(core.db, sessionId);
    current = currentRow(core.db, questions);
  }
  const graded = questions.filter((q) => q.review_id !== null).length;
  return {
    sessionId,
    deckId: session.deck_id,
    order: session.draw_order,
    seed: session.seed,
    total: questions.length,
    ended: session.ended_at !== null,
    current: current ? questionView(core, current) : null,
    graded,
    canUndo: session.ended_at === null && undoableGrades(core.db, questions).length > 0,
    leech,
  };
}

export function runningRow(db: Db, sessionId: number): SessionRow {
  const session = sessionRow(db, sessionId);
  if (session.ended_at !== null) {
    throw new CueError('conflict', `Mock interview ${sessionId} has ended; start a new one.`, { sessionId });
  }
  return session;
}

/** The question at `position`, which must be the current one. */
function currentAt(db: Db, sessionId: number, position: number): QuestionRow {
  runningRow(db, sessionId);
  const questions = questionRows(db, sessionId);
  if (!questions.some((q) => q.position === position)) {
    throw new CueError('not_found', `Mock interview ${sessionId} has no question ${position}.`, { position });
  }
  const current = currentRow(db, questions);
  if (current?.position !== position) {
    const asked = questions.find((q) => q.position === position)?.review_id != null;
    const why = asked ? 'is graded already' : 'is not being asked now';
    const now = current ? `question ${current.position} is the current one` : 'every question is graded';
    throw new CueError('conflict', `Question ${position} ${why} (${now}).`, { position });
  }
  return current;
}

/**
 * "Done", or time ran out: the answer time is what the page measured, up to the limit. It counts as
 * timed out when it reaches the limit, or when the server's clock is past the limit by more than the grace.
 */
export function finishAnswer(core: MockContext, sessionId: number, position: number, timeTakenMs: number): void {
  const { db } = core;
  db.transaction(() => {
    const q = currentAt(db, sessionId, position);
    if (phaseOf(q) !== 'asking') {
      const why = q.shown_at === null ? 'has not been shown yet' : 'is answered already; grade it';
      throw new CueError('conflict', `Question ${position} ${why}.`, { position });
    }
    const now = core.now();
    const serverElapsed = now - (q.shown_at ?? now);
    const timedOut = timeTakenMs >= q.limit_ms || serverElapsed >= q.limit_ms + CLOCK_GRACE_MS;
    markAnswered(db, q, now, timedOut ? q.limit_ms : timeTakenMs, timedOut);
  })();
}

/** Grades the current question as study answers a card; the next question is shown with the view after it. */
export function gradeQuestion(
  core: MockContext,
  sessionId: number,
  position: number,
  rating: Rating,
  extras: AnswerExtras = {},
) {
  const { db } = core;
  return db.transaction(() => {
    const q = currentAt(db, sessionId, position);
    if (phaseOf(q) !== 'answered') {
      throw new CueError('conflict', `Question ${position} is not answered yet: say done first.`, { position });
    }
    const card = liveCard(db, q.card_id) as CardRow;
    if (card.suspended) {
      throw new CueError('conflict', 'This card is suspended; unsuspend it to grade it.', { cardId: card.id });
    }
    const { answer, effects, leech } = answerCard(core, card, rating, q.time_taken_ms ?? 0, extras);
    markGraded(db, q, { reviewId: answer.reviewId, rating, effects }, core.now());
    return sessionView(core, sessionId, leech);
  })();
}

/**
 * Takes back the session's last grade (from the review log too): that question is back to be graded, and
 * a question shown after it but not answered yet starts again when it is shown again.
 */
export function undoGrade(core: MockContext, sessionId: number) {
  const { db } = core;
  return db.transaction(() => {
    runningRow(db, sessionId);
    const questions = questionRows(db, sessionId);
    // a grade whose card was answered or changed since (in study, or deleted) stays, as study's undo
    // forgets such an answer: the undo reaches the grade before it
    const last = undoableGrades(db, questions).at(-1);
    if (!last) {
      const why = questions.some((q) => q.review_id !== null)
        ? 'its grades can no longer be undone: their cards were answered, changed or deleted since'
        : 'there is no grade to undo';
      throw new CueError('nothing_to_undo', `In this mock interview ${why}.`, { sessionId });
    }
    const reviewId = last.review_id as number;
    undoReview(db, reviewId, core.now());
    if (last.effects) undoAnswerEffects(db, JSON.parse(last.effects) as AnswerEffects);
    clearGrade(db, last);
    for (const q of questions) {
      if (q.position > last.position && phaseOf(q) === 'asking') markShown(db, sessionId, q.position, null);
    }
    // the ticks and typed text go back to the screen with the question, as study's undo gives them
    return { ...sessionView(core, sessionId), undone: answerExtrasOf(db, reviewId) };
  })();
}

/** The graded questions whose review can still be taken back, in order. */
function undoableGrades(db: Db, questions: readonly QuestionRow[]): QuestionRow[] {
  return questions.filter((q) => q.review_id !== null && canUndoReview(db, q.review_id));
}
