/** The collection's undo history: what can be undone and redone, and doing so (see history/history.ts). */
import { listHistory, redoStep, type StepTaken, undoStep } from '../history/history';
import { feature, type HandlerContext } from './context';

export type HistoryContext = Pick<HandlerContext, 'db' | 'now' | 'historyChanged'>;

export function historyHandlers(core: HistoryContext) {
  return feature({
    'history.list': () => listHistory(core.db),
    'history.undo': () => taken(core, undoStep(core.db, core.now())),
    'history.redo': () => taken(core, redoStep(core.db, core.now())),
  });
}

function taken(core: HistoryContext, { step, tables }: StepTaken) {
  core.historyChanged(tables);
  return step;
}
