/** Target dates and readiness: set or clear a date, and the predicted recall on it. */
import type { TargetDate } from '../../../shared/readiness';
import { bringForward } from '../readiness/bring-forward';
import { readiness } from '../readiness/readiness';
import { readinessHistory } from '../readiness/readiness-history';
import { deckTarget, setTarget } from '../readiness/target-dates';
import { feature, type HandlerContext } from './context';

export type ReadinessContext = Pick<HandlerContext, 'db' | 'schedulerFor' | 'boundary' | 'now'>;

export function readinessHandlers(core: ReadinessContext) {
  return feature({
    'readiness.target': ({ deckId }) => deckTarget(core.db, deckId, core.now(), core.boundary),
    'readiness.setTarget': ({ deckId, date, deadlineMode }) =>
      core.db.transaction((): TargetDate | null => {
        setTarget(core.db, { deckId, date, deadlineMode }, core.now(), core.boundary);
        if (date !== null && deadlineMode !== false)
          bringForward(core.db, (id) => core.schedulerFor(id), deckId, core.now());
        return date === null ? null : { date, deadlineMode: deadlineMode ?? true };
      })(),
    'readiness.get': (request) => readiness(core.db, core.schedulerFor(request.deckId), request, core.now()),
    'readiness.history': ({ deckId, date }) => {
      const now = core.now();
      const target = deckTarget(core.db, deckId, now, core.boundary).effective;
      const day = date ?? target?.date ?? null;
      // without a date there is nothing to be ready for: an empty history, not an error
      if (day === null) return { deckId, date: '', weeks: [] };
      return readinessHistory(core.db, core.schedulerFor(deckId), deckId, day, now);
    },
  });
}
