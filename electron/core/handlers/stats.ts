/** Statistics: a deck's or section's, one card's, and a section's cards weakest first. */
import { CueError } from '../../../shared/errors';
import { type DayBoundary, dayNumber, dayStart, isoDateToDay } from '../days';
import { cardStats, sectionCards } from '../stats/card-stats';
import { deckStats } from '../stats/deck-stats';
import { feature, type HandlerContext, readContext } from './context';

export type StatsHandlerContext = Pick<HandlerContext, 'db' | 'scheduler' | 'boundary' | 'now'>;

export function statsHandlers(core: StatsHandlerContext) {
  return feature({
    stats: (query) => deckStats(readContext(core), query),
    'stats.card': ({ cardId, at }) => {
      const context = readContext(core);
      return cardStats(context, cardId, at === undefined ? context.now : endOfDay(at, context.now, core.boundary));
    },
    'stats.cards': (query) => sectionCards(readContext(core), query),
  });
}

/** The last moment of a study day given as YYYY-MM-DD, or now when that day is today. */
function endOfDay(date: string, now: number, boundary: DayBoundary): number {
  const day = isoDateToDay(date);
  const today = dayNumber(now, boundary);
  if (day > today) throw new CueError('invalid_input', `${date} is in the future.`, { at: date });
  return day === today ? now : dayStart(day + 1, boundary) - 1;
}
