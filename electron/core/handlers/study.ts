/** Studying: the next card of a deck or section, an answer (with the card after it), and undo. */
import type { IntervalPreview, Rating, StudyCard, StudyNext } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import { extractKeyPoints } from '../../../shared/key-points';
import { applyAnswerEffects, cardsAnAnswerChanges } from '../answer-effects';
import { type CardRow, cardSummary, fuzzSeed, pick, scheduleOf } from '../card-rows';
import { deckLimits, newAllowed } from '../daily-limits';
import { cachedStatement, type Db } from '../database';
import { dayNumber, dayStart } from '../days';
import { canUndo, newestStepAnswer, undoStep } from '../history/history';
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
import { findCard, recordAnswer } from '../review-log';
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

export type StudyContext = Pick<HandlerContext, 'db' | 'schedulerFor' | 'boundary' | 'now' | 'historyChanged'>;

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
        const { answer, leech } = countedWrite(core.db, cardsAnAnswerChanges(core.db, cardId), review, () =>
          answerCard(core, card, rating as Rating, durationMs, extras),
        );
        const { state, due } = answer.after;
        return {
          cardId,
          reviewId: answer.reviewId,
          state: STATE_NAMES[state],
          due,
          // the answer is the step undo takes back, once this handler's step is recorded around it
          next: { ...studyNext(core, scope), canUndo: true },
          leech,
        };
      }),
    // not in a transaction of its own: an undo found impossible steps aside in one that must stay
    'study.undo': (scope) => {
      assertScope(core.db, scope);
      const answered = newestStepAnswer(core.db);
      const { step, tables } = undoStep(core.db, core.now());
      core.historyChanged(tables);
      const next = studyNext(core, scope);
      const shown = cardToShowAgain(core.db, step.cardIds, scope, core.now());
      // an undone answer's row stays, undone with it; its ticks go back to the screen
      const answer = answered === undefined ? undefined : answerExtrasOf(core.db, answered);
      return {
        cardId: shown?.id ?? next.card?.id ?? 0,
        step,
        next: shown ? { ...next, card: toStudyCard(core, shown, core.now()) } : next,
        ...(answer === undefined ? {} : { answer }),
      };
    },
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

/**
 * The card an undo brought back that this scope studies now (not suspended, not buried): shown again,
 * question side, whatever else is due.
 */
function cardToShowAgain(db: Db, cardIds: number[], scope: Scope, now: number): CardRow | undefined {
  for (const cardId of cardIds) {
    const card = cachedStatement(
      db,
      'SELECT id, deck_id, section_id, suspended, buried_until FROM cards WHERE id = ?',
    ).get(cardId) as
      | { deck_id: number; section_id: number; suspended: number; buried_until: number | null }
      | undefined;
    if (!card || card.deck_id !== scope.deckId) continue;
    if (scope.sectionId !== undefined && card.section_id !== scope.sectionId) continue;
    if (card.suspended || (card.buried_until !== null && card.buried_until > now)) continue;
    return findCard(db, cardId);
  }
  return undefined;
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
    canUndo: canUndo(db),
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
  const preview = scheduler.preview(fuzzSeed(core.db, card.id), scheduleOf(card), now);
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
