/** Studying: the next card of a deck or section, an answer (with the card after it), and undo. */
import type { IntervalPreview, Rating, StudyCard, StudyNext } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import { type CardRow, cardSummary, pick, scheduleOf } from '../card-rows';
import type { Db } from '../database';
import { dayNumber, dayStart } from '../days';
import { findCard, recordAnswer, undoReview } from '../review-log';
import { intervalLabel, STATE_NAMES } from '../scheduler';
import {
  dayWindow,
  dueTomorrow,
  newLeftToday,
  nextCard,
  nextDue,
  nextLearningDue,
  queueCounts,
  type Scope,
} from '../study-queue';
import { feature, type HandlerContext } from './context';

export type StudyContext = Pick<HandlerContext, 'db' | 'schedulerFor' | 'boundary' | 'now' | 'undo'>;

export function studyHandlers(core: StudyContext) {
  return feature({
    'study.next': (scope) => studyNext(core, scope),
    // the card after the answer comes with it, so each answer is one round trip
    'study.answer': ({ cardId, rating, durationMs, ...scope }) =>
      core.db.transaction(() => {
        assertScope(core.db, scope);
        const card = findCard(core.db, cardId);
        if (card.suspended) {
          throw new CueError('conflict', 'This card is suspended; unsuspend it to study it.', { cardId });
        }
        const scheduler = core.schedulerFor(card.deck_id);
        const answer = recordAnswer(core.db, scheduler, card, rating as Rating, durationMs, core.now());
        core.undo.push(answer.reviewId);
        const { state, due } = answer.after;
        return { cardId, reviewId: answer.reviewId, state: STATE_NAMES[state], due, next: studyNext(core, scope) };
      })(),
    'study.undo': (scope) =>
      core.db.transaction(() => {
        assertScope(core.db, scope);
        const reviewId = core.undo.newest();
        if (reviewId === undefined) throw new CueError('nothing_to_undo', 'There is no answer to undo.');
        const cardId = undoReview(core.db, reviewId, core.now());
        core.undo.drop();
        const next = studyNext(core, scope);
        return { cardId, next: { ...next, card: toStudyCard(core, findCard(core.db, cardId), core.now()) } };
      })(),
  });
}

function studyNext(core: StudyContext, scope: Scope): StudyNext {
  assertScope(core.db, scope);
  const { db, boundary } = core;
  const window = dayWindow(core.now(), boundary);
  const newLeft = newLeftToday(db, scope.deckId, window);
  const card = nextCard(db, scope, window, newLeft);
  const dayAfter = dayStart(dayNumber(window.now, boundary) + 2, boundary);
  return {
    card: card ? toStudyCard(core, card, window.now) : null,
    counts: queueCounts(db, scope, window, newLeft),
    nextLearningDue: card ? null : nextLearningDue(db, scope, window),
    dueTomorrow: dueTomorrow(db, scope, window, dayAfter),
    nextDue: nextDue(db, scope, window),
    newLeftToday: newLeft,
    canUndo: !core.undo.isEmpty,
  };
}

function assertScope(db: Db, scope: Scope): void {
  const deck = db.prepare('SELECT id FROM decks WHERE id = ?').get(scope.deckId);
  if (!deck) throw new CueError('not_found', `There is no deck ${scope.deckId}.`, { deckId: scope.deckId });
  if (scope.sectionId === undefined) return;
  const section = db.prepare('SELECT id FROM sections WHERE id = ? AND deck_id = ?').get(scope.sectionId, scope.deckId);
  if (!section) {
    throw new CueError('not_found', `Deck ${scope.deckId} has no section ${scope.sectionId}.`, scope);
  }
}

/** The card as the study screen shows it, with the interval each answer would give from `now`. */
export function toStudyCard(core: Pick<StudyContext, 'schedulerFor'>, card: CardRow, now: number): StudyCard {
  const preview = core.schedulerFor(card.deck_id).preview(card.id, scheduleOf(card), now);
  const previews: IntervalPreview[] = ([1, 2, 3, 4] as Rating[]).map((rating) => {
    const next = preview[rating];
    const days = next.state === 2 ? next.scheduledDays : undefined;
    return { rating, due: next.due, label: intervalLabel(now, next.due, days) };
  });
  return {
    ...pick(cardSummary(card), ['id', 'key', 'deckId', 'sectionId', 'question', 'format', 'tags', 'state']),
    sectionName: card.section_name,
    answer: card.answer,
    previews,
  };
}
