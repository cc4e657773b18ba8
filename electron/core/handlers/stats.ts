/** Statistics: a deck's or section's, one card's, and a section's cards weakest first. */
import { CueError } from '../../../shared/errors';
import type { Db } from '../database';
import { type DayBoundary, dayNumber, dayStart, isoDateToDay } from '../days';
import { deckAnswerTimes } from '../stats/answer-times';
import { cardStats, sectionCards } from '../stats/card-stats';
import { deckStats } from '../stats/deck-stats';
import { statsGraphs } from '../stats/graphs';
import { cardPoints, missedPoints } from '../stats/missed-points';
import { feature, type HandlerContext } from './context';

export type StatsHandlerContext = Pick<HandlerContext, 'db' | 'schedulerFor' | 'boundary' | 'now'>;

export function statsHandlers(core: StatsHandlerContext) {
  return feature({
    // a deck's figures with its preset's forgetting curve
    stats: (query) => deckStats(deckContext(core, query.deckId), query),
    'stats.card': ({ cardId, at }) => {
      const context = deckContext(core, deckOfCard(core.db, cardId));
      return cardStats(context, cardId, at === undefined ? context.now : endOfDay(at, context.now, core.boundary));
    },
    'stats.cards': (query) => sectionCards(deckContext(core, query.deckId), query),
    'stats.graphs': (query) => statsGraphs(deckContext(core, query.deckId), query),
    // median mock interview answer times per section per week
    'stats.answerTimes': (query) => deckAnswerTimes(deckContext(core, query.deckId), query),
    'stats.missedPoints': (query) => missedPoints(core.db, query),
    'stats.cardPoints': ({ cardId }) => cardPoints(core.db, cardId),
  });
}

/** The last moment of a study day given as YYYY-MM-DD, or now when that day is today. */
function endOfDay(date: string, now: number, boundary: DayBoundary): number {
  const day = isoDateToDay(date);
  const today = dayNumber(now, boundary);
  if (day > today) throw new CueError('invalid_input', `${date} is in the future.`, { at: date });
  return day === today ? now : dayStart(day + 1, boundary) - 1;
}

function deckContext(core: StatsHandlerContext, deckId: number) {
  return { db: core.db, scheduler: core.schedulerFor(deckId), boundary: core.boundary, now: core.now() };
}

/** The deck a card is in; 0 when there is no such card (stats.card then says so). */
function deckOfCard(db: Db, cardId: number): number {
  return (db.prepare('SELECT deck_id FROM cards WHERE id = ?').pluck().get(cardId) as number | undefined) ?? 0;
}
