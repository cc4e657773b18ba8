/** The collection's undo history as the API gives it (history.list, history.undo, history.redo). */

/** One step that can be undone or redone. */
export interface HistoryStep {
  id: number;
  /** What the step did, as a menu names it after "Undo" or "Redo": "Suspend 3 cards", "Answer". */
  label: string;
  /** When it was done (or, for an undo or a redo just made, when that was). */
  at: number;
  /** The cards it changed, so a screen can show them again. */
  cardIds: number[];
}

/** The steps that can be undone and redone, newest first (at most 100 each). */
export interface HistoryList {
  undo: HistoryStep[];
  redo: HistoryStep[];
}
