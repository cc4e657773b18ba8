/**
 * Custom study: counting what a selection finds, starting a session over it, and its next card, answers
 * and undo, in the shapes study answers with so the study screen shows a session as it shows a deck.
 */
import type { CustomAnswerResult, QueueCounts, Rating, StudyCard, StudyNext } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import { type AnswerEffects, undoAnswerEffects } from '../answer-effects';
import { CARD_COLUMNS, type CardRow } from '../card-rows';
import {
  type CustomSelection,
  checkSelection,
  nothingFound,
  placeOf,
  scopeTags,
  selectCards,
} from '../custom-study/custom-selection';
import {
  afterPractice,
  afterReview,
  type CustomSession,
  CustomSessions,
  practiceGap,
  type SessionState,
} from '../custom-study/custom-sessions';
import { deckLimits, newAllowed } from '../daily-limits';
import type { AnswerExtras } from '../review-answers';
import { findCard, undoReview } from '../review-log';
import { STATE, STATE_NAMES } from '../scheduler';
import { type DayWindow, dayWindow, dueTomorrow, LEARN_AHEAD_MS, nextDue, queueToday } from '../study-queue';
import { feature, type HandlerContext, readContext } from './context';
import { answerCard, toStudyCard, undoOrForget } from './study';

export type CustomContext = Pick<HandlerContext, 'db' | 'scheduler' | 'schedulerFor' | 'boundary' | 'now'>;

/** Answers a session can walk back, as study's undo. */
const UNDO_DEPTH = 50;

export function customHandlers(core: CustomContext) {
  // made once per collection: the sessions live as long as the collection is open
  const sessions = new CustomSessions();
  const selected = (selection: CustomSelection) => {
    const place = placeOf(core.db, selection);
    checkSelection(selection);
    return { place, cards: selectCards(readContext(core), selection) };
  };
  return feature({
    'custom.count': (selection) => ({ cards: selected(selection).cards.length }),
    'custom.tags': (scope) => {
      placeOf(core.db, scope);
      return scopeTags(core.db, scope, core.now());
    },
    'custom.start': ({ limit, reschedule, ...selection }) => {
      const { place, cards } = selected(selection);
      const always = selection.kind === 'ahead' || selection.kind === 'forgotten';
      if (always && reschedule === false) {
        throw new CueError(
          'invalid_input',
          `Studying “${selection.kind}” always reschedules the cards; only preview and cram can leave the schedule alone.`,
          { field: 'reschedule' },
        );
      }
      if (cards.length === 0) throw new CueError('not_found', nothingFound(selection, place), selection);
      const session = sessions.start(
        {
          db: core.db,
          deckId: selection.deckId,
          sectionId: selection.sectionId,
          kind: selection.kind,
          reschedules: always || reschedule === true,
        },
        cards.slice(0, limit),
      );
      return { sessionId: session.id, cards: session.state.queue.length, reschedules: session.reschedules };
    },
    'custom.next': ({ sessionId }) => {
      const session = sessions.get(sessionId, core.db);
      return sessionNext(core, session, session.state, session.undo.length > 0);
    },
    'custom.answer': ({ sessionId, cardId, rating, durationMs, ...extras }) => {
      const session = sessions.get(sessionId, core.db);
      const { result, after, effects } = core.db.transaction(() =>
        answerInSession(core, session, cardId, rating as Rating, durationMs, extras),
      )();
      session.undo.push({ before: session.state, cardId, reviewId: result.reviewId, effects });
      if (session.undo.length > UNDO_DEPTH) session.undo.shift();
      session.state = after;
      return result;
    },
    'custom.undo': ({ sessionId }) => {
      const session = sessions.get(sessionId, core.db);
      const entry = session.undo.at(-1);
      if (entry === undefined) throw new CueError('nothing_to_undo', 'There is no answer in this session to undo.');
      const result = core.db.transaction(() => {
        const { reviewId } = entry;
        if (reviewId !== null)
          undoOrForget(
            () => undoReview(core.db, reviewId, core.now()),
            () => session.undo.pop(),
          );
        if (entry.effects) undoAnswerEffects(core.db, entry.effects);
        const next = sessionNext(core, session, entry.before, session.undo.length > 1);
        // the card taken back is shown again, question side, whatever else the session has
        return {
          cardId: entry.cardId,
          next: { ...next, card: sessionCard(core, session, entry.before, findCard(core.db, entry.cardId)) },
        };
      })();
      session.undo.pop();
      session.state = entry.before;
      return result;
    },
    'custom.end': ({ sessionId }) => {
      const session = sessions.end(sessionId, core.db);
      return { sessionId, answered: session.state.answers };
    },
  });
}

function answerInSession(
  core: CustomContext,
  session: CustomSession,
  cardId: number,
  rating: Rating,
  durationMs: number,
  extras: AnswerExtras,
): { result: CustomAnswerResult; after: SessionState; effects?: AnswerEffects } {
  const now = core.now();
  const shown = currentCard(core, session, session.state, dayWindow(now, core.boundary));
  if (shown?.id !== cardId) {
    const what = shown ? `card ${shown.id}` : 'no card';
    throw new CueError('conflict', `Card ${cardId} is not the card this session shows now (it shows ${what}).`, {
      cardId,
    });
  }
  if (!session.reschedules) {
    const after = afterPractice(session.state, cardId, rating);
    const next = sessionNext(core, session, after, true);
    const result = { cardId, reviewId: null, state: STATE_NAMES[shown.state], due: shown.due, next, leech: null };
    return { result, after };
  }
  const { answer, effects, leech } = answerCard(core, shown, rating, durationMs, extras);
  const after = afterReview(session.state, cardId);
  const next = sessionNext(core, session, after, true);
  const { state, due } = answer.after;
  return { result: { cardId, reviewId: answer.reviewId, state: STATE_NAMES[state], due, next, leech }, after, effects };
}

/** The session's cards that still exist and are neither suspended nor buried, by id. */
function activeCards(core: CustomContext, ids: readonly number[], now: number): Map<number, CardRow> {
  if (ids.length === 0) return new Map();
  const rows = core.db
    .prepare(
      `SELECT ${CARD_COLUMNS} FROM cards c JOIN sections s ON s.id = c.section_id
       WHERE c.id IN (SELECT value FROM json_each(?))
         AND c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= ?)`,
    )
    .all(JSON.stringify(ids), now) as CardRow[];
  return new Map(rows.map((row) => [row.id, row]));
}

const isLearning = (card: CardRow) => card.state === STATE.learning || card.state === STATE.relearning;

/** Learning cards the session answered, soonest due first. */
function learningOf(session: CustomSession, state: SessionState, cards: Map<number, CardRow>): CardRow[] {
  if (!session.reschedules) return [];
  return state.answered
    .flatMap((id) => {
      const card = cards.get(id);
      return card && isLearning(card) && !state.queue.includes(id) ? [card] : [];
    })
    .sort((a, b) => a.due - b.due || a.id - b.id);
}

/**
 * The card to show: in a rescheduling session a learning card of the session that is due comes first,
 * as in study, then the session's cards in order, then a learning card due within the learn-ahead window.
 */
function currentCard(
  core: CustomContext,
  session: CustomSession,
  state: SessionState,
  window: DayWindow,
  cards = activeCards(core, [...state.queue, ...state.answered], window.now),
): CardRow | undefined {
  const learning = learningOf(session, state, cards);
  const dueNow = learning.find((card) => card.due <= window.now);
  if (dueNow) return dueNow;
  const queued = state.queue.find((id) => cards.has(id));
  if (queued !== undefined) return cards.get(queued);
  return learning.find((card) => card.due <= window.now + LEARN_AHEAD_MS);
}

function sessionNext(core: CustomContext, session: CustomSession, state: SessionState, canUndo: boolean): StudyNext {
  const window = dayWindow(core.now(), core.boundary);
  const cards = activeCards(core, [...state.queue, ...state.answered], window.now);
  const card = currentCard(core, session, state, window, cards);
  const learning = learningOf(session, state, cards).filter((c) => c.due < window.tomorrowStart);
  const scope = { deckId: session.deckId, sectionId: session.sectionId };
  const limits = deckLimits(core.db, session.deckId, window, core.boundary);
  const today = queueToday(core.db, { deckId: session.deckId }, window, limits);
  return {
    card: card ? sessionCard(core, session, state, card) : null,
    counts: sessionCounts(state, cards, learning.length),
    nextLearningDue: card || learning.length === 0 ? null : learning[0].due,
    dueTomorrow: dueTomorrow(core.db, scope, window),
    nextDue: nextDue(core.db, scope, window),
    newLeftToday: newAllowed(limits, today.counts.review),
    canUndo,
    // a session is its own selection: the day's limits hold back none of its cards
    limits: { reviewLimitReached: false, newLimitReached: false },
  };
}

/** What is left in the session, by queue; a practice card seen before counts as learning. */
function sessionCounts(state: SessionState, cards: Map<number, CardRow>, learning: number): QueueCounts {
  const counts = { learning, review: 0, new: 0 };
  for (const id of state.queue) {
    const card = cards.get(id);
    if (!card) continue;
    if (state.answered.includes(id) || isLearning(card)) counts.learning++;
    else if (card.state === STATE.review) counts.review++;
    else counts.new++;
  }
  return counts;
}

/** The card as study shows it; in a practice session the buttons say when the card comes back in it. */
function sessionCard(core: CustomContext, session: CustomSession, state: SessionState, card: CardRow): StudyCard {
  const shown = toStudyCard(core, card, core.now());
  if (session.reschedules) return shown;
  const previews = shown.previews.map((preview) => {
    const gap = practiceGap(state, preview.rating);
    const label = gap === null ? 'done' : gap === 0 ? 'next' : `in ${gap} card${gap === 1 ? '' : 's'}`;
    return { rating: preview.rating, due: card.due, label };
  });
  return { ...shown, previews };
}
