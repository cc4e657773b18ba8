/** Studying: the next card of a deck or section, an answer (with the card after it), and undo. */
import type { IntervalPreview, Rating, StudyCard, StudyNext } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import { extractKeyPoints } from '../../../shared/key-points';
import { applyAnswerEffects, cardsAnAnswerChanges, undoAnswerEffects } from '../answer-effects';
import { type CardRow, cardSummary, pick, scheduleOf } from '../card-rows';
import { deckLimits, newAllowed } from '../daily-limits';
import { cachedStatement, type Db } from '../database';
import { dayNumber, dayStart } from '../days';
import { cardNote } from '../notes/card-note';
import { deckOptions } from '../presets';
import { countedWrite, forgetCounts } from '../queue-count-cache';
import { deadlineIntervalDays, withInterval } from '../readiness/deadline-interval';
import { deadlinePlan } from '../readiness/deadline-plan';
import { activeDeadlineDay } from '../readiness/target-dates';
import {
  type AnswerExtras,
  answerExtrasOf,
  checkAnswerExtras,
  missedLastTime,
  saveAnswerExtras,
} from '../review-answers';
import { findCard, recordAnswer, undoReview } from '../review-log';
import { intervalLabel, STATE_NAMES } from '../scheduler';
import {
  dayWindow,
  dueTomorrow,
  nextCard,
  nextDue,
  nextLearningDue,
  type QueueToday,
  queueToday,
  type Scope,
} from '../study-queue';
import { feature, type HandlerContext } from './context';

export type StudyContext = Pick<HandlerContext, 'db' | 'schedulerFor' | 'boundary' | 'now' | 'undo'>;

export function studyHandlers(core: StudyContext) {
  return feature({
    'study.next': (scope) => studyNext(core, scope),
    // the card after the answer comes with it, so each answer is one round trip
    'study.answer': ({ cardId, rating, durationMs, recalled, typedText, ...scope }) =>
      forgettingOnFailure(core.db, () => {
        assertScope(core.db, scope);
        const card = findCard(core.db, cardId);
        if (card.suspended) {
          throw new CueError('conflict', 'This card is suspended; unsuspend it to study it.', { cardId });
        }
        const extras = { recalled, typedText };
        // the queue's counts move by what the answer changed, instead of being counted again
        const review = { stateBefore: card.state, reviewedAt: core.now(), sign: 1 as const };
        const { answer, effects, leech } = countedWrite(core.db, cardsAnAnswerChanges(core.db, cardId), review, () =>
          answerCard(core, card, rating as Rating, durationMs, extras),
        );
        core.undo.push(answer.reviewId, effects);
        const { state, due } = answer.after;
        return {
          cardId,
          reviewId: answer.reviewId,
          state: STATE_NAMES[state],
          due,
          next: studyNext(core, scope),
          leech,
        };
      }),
    'study.undo': (scope) =>
      forgettingOnFailure(core.db, () => {
        assertScope(core.db, scope);
        const entry = core.undo.newestEntry();
        if (entry === undefined) throw new CueError('nothing_to_undo', 'There is no answer to undo.');
        const reviewed = reviewOf(core.db, entry.reviewId);
        const changed = reviewed === undefined ? [] : cardsAnAnswerChanges(core.db, reviewed.cardId);
        const review = { stateBefore: reviewed?.stateBefore ?? -1, reviewedAt: reviewed?.at ?? 0, sign: -1 as const };
        const cardId = countedWrite(core.db, changed, review, () => {
          const undone = undoOrForget(
            () => undoReview(core.db, entry.reviewId, core.now()),
            () => core.undo.drop(),
          );
          if (entry.effects) undoAnswerEffects(core.db, entry.effects);
          return undone;
        });
        core.undo.drop();
        const next = studyNext(core, scope);
        // the answer's row stays, undone with it; its ticks go back to the screen
        const answer = answerExtrasOf(core.db, entry.reviewId);
        return { cardId, next: { ...next, card: toStudyCard(core, findCard(core.db, cardId), core.now()) }, answer };
      }),
  });
}

/**
 * Runs `body` in one transaction; if it fails, the kept queue counts it may have moved are dropped
 * (the rollback undid what moved them), so the next look counts again.
 */
function forgettingOnFailure<T>(db: Db, body: () => T): T {
  try {
    return db.transaction(body)();
  } catch (error) {
    forgetCounts(db);
    throw error;
  }
}

/** The card an answer was given to, when, and the state the card was in, if the answer is still in the log. */
function reviewOf(db: Db, reviewId: number): { cardId: number; at: number; stateBefore: number } | undefined {
  return cachedStatement(
    db,
    'SELECT card_id AS cardId, reviewed_at AS at, state_before AS stateBefore FROM reviews WHERE id = ?',
  ).get(reviewId) as { cardId: number; at: number; stateBefore: number } | undefined;
}

/**
 * Undoes an answer, or, when it can no longer be undone (answered again elsewhere, or its schedule changed
 * since), forgets it before saying so, so the next undo reaches the answer before it.
 */
export function undoOrForget<T>(undo: () => T, forget: () => void): T {
  try {
    return undo();
  } catch (error) {
    if (error instanceof CueError && error.code === 'conflict') forget();
    throw error;
  }
}

/**
 * Records an answer and what it does beside scheduling the card (siblings buried, a leech marked), for
 * study and for a custom session that reschedules; undo takes back both (see answer-effects.ts).
 */
export function answerCard(
  core: Pick<StudyContext, 'db' | 'schedulerFor' | 'boundary' | 'now'>,
  card: CardRow,
  rating: Rating,
  durationMs: number,
  extras: AnswerExtras = {},
) {
  const now = core.now();
  // checked first: an id the card does not have refuses the answer before anything is written
  const kept = checkAnswerExtras(card, extras);
  const answer = recordAnswer(core.db, core.schedulerFor(card.deck_id), card, rating, durationMs, now);
  if (kept) saveAnswerExtras(core.db, answer.reviewId, card.id, kept);
  const noteKey = cachedStatement(core.db, 'SELECT note_key FROM cards WHERE id = ?').pluck().get(card.id);
  const options = deckOptions(core.db, card.deck_id);
  const window = dayWindow(now, core.boundary);
  const effects = applyAnswerEffects(core.db, card, answer.after, options, window, noteKey as string | null);
  const leech = effects.leech ? { tagged: true as const, suspended: effects.leech.suspended } : null;
  return { answer, effects, leech };
}

function studyNext(core: StudyContext, scope: Scope): StudyNext {
  assertScope(core.db, scope);
  const { db, boundary } = core;
  const window = dayWindow(core.now(), boundary);
  const day = dayNumber(window.now, boundary);
  const today = queueToday(db, scope, window, deckLimits(db, scope.deckId, window, boundary));
  const options = deckOptions(db, scope.deckId);
  const order = {
    newCards: options.newCardOrder,
    reviews: options.reviewOrder,
    dateAt: deadlineOrder(core, scope, today),
  };
  const card = nextCard(db, scope, window, today, { ...order, curve: core.schedulerFor(scope.deckId).curve }, day);
  return {
    card: card ? toStudyCard(core, card, window.now) : null,
    counts: today.counts,
    nextLearningDue: card ? null : nextLearningDue(db, scope, window),
    dueTomorrow: dueTomorrow(db, scope, window),
    nextDue: nextDue(db, scope, window),
    newLeftToday: newAllowed(today.limits, today.counts.review),
    canUndo: !core.undo.isEmpty,
    limits: { reviewLimitReached: today.limited.reviewLimitReached, newLimitReached: today.limited.newLimitReached },
  };
}

/** In deadline mode, when the review limit holds reviews back today: the start of the date they are ordered for. */
function deadlineOrder(core: StudyContext, scope: Scope, today: QueueToday): number | undefined {
  if (today.reviewsWaiting <= today.counts.review) return undefined;
  const targetDay = activeDeadlineDay(core.db, scope.deckId, core.now(), core.boundary);
  return targetDay === null ? undefined : dayStart(targetDay, core.boundary);
}

function assertScope(db: Db, scope: Scope): void {
  const deck = cachedStatement(db, 'SELECT id FROM decks WHERE id = ?').get(scope.deckId);
  if (!deck) throw new CueError('not_found', `There is no deck ${scope.deckId}.`, { deckId: scope.deckId });
  if (scope.sectionId === undefined) return;
  const section = cachedStatement(db, 'SELECT id FROM sections WHERE id = ? AND deck_id = ?').get(
    scope.sectionId,
    scope.deckId,
  );
  if (!section) {
    throw new CueError('not_found', `Deck ${scope.deckId} has no section ${scope.sectionId}.`, scope);
  }
}

/** The card as the study screen shows it, with the interval each answer would give from `now`. */
export function toStudyCard(core: Pick<StudyContext, 'schedulerFor' | 'db'>, card: CardRow, now: number): StudyCard {
  const scheduler = core.schedulerFor(card.deck_id);
  const preview = scheduler.preview(card.id, scheduleOf(card), now);
  // the intervals deadline mode would set, as answering would record them
  const plan = deadlinePlan(core.db, card.id, card.deck_id, now, scheduler.settings.boundary);
  const previews: IntervalPreview[] = ([1, 2, 3, 4] as Rating[]).map((rating) => {
    const ordinary = preview[rating];
    const deadlineDays = plan && deadlineIntervalDays(scheduler, ordinary, now, plan);
    const next = deadlineDays ? withInterval(ordinary, deadlineDays, now, scheduler.settings.boundary) : ordinary;
    const days = next.state === 2 ? next.scheduledDays : undefined;
    return { rating, due: next.due, label: intervalLabel(now, next.due, days) };
  });
  const { pointsGoodShare, pointsHardShare, typedAnswer, autoplayAudio } = deckOptions(core.db, card.deck_id);
  return {
    ...pick(cardSummary(card), ['id', 'key', 'deckId', 'sectionId', 'question', 'format', 'tags', 'state', 'flag']),
    sectionName: card.section_name,
    answer: card.answer,
    previews,
    keyPoints: extractKeyPoints(card.answer, card.format),
    missedLastTime: missedLastTime(core.db, card.id),
    answering: { pointsGoodShare, pointsHardShare, typedAnswer },
    autoplayAudio,
    ...cardNote(core.db, card),
  };
}
