/**
 * Undo and redo of the collection's history from any screen: the API call, and what to say after it
 * ("Undone: Suspend 3 cards"), or why it could not be done.
 */
import type { HistoryStep } from '../../shared/history';
import { call } from './api-client';
import { describeError, errorCode } from './errors';
import type { KeyPress } from './keys';

export type HistoryDirection = 'undo' | 'redo';

/** Undoes or redoes the newest step; the step, or null with the reason said when there was none or it was impossible. */
export async function takeStep(direction: HistoryDirection, say: (text: string) => void): Promise<HistoryStep | null> {
  try {
    const step = await call(direction === 'undo' ? 'history.undo' : 'history.redo', {});
    say(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${step.label}.`);
    return step;
  } catch (reason) {
    say(errorCode(reason) === 'nothing_to_undo' ? `Nothing to ${direction}.` : describeError(reason).message);
    return null;
  }
}

/**
 * Whether the newest step is still `label` (the delete a toast offers to undo): if not, says so, so a
 * toast's Undo never takes back a newer change instead.
 */
export async function stillNewest(label: string, say: (text: string) => void): Promise<boolean> {
  const { undo } = await call('history.list', {});
  if (undo[0]?.label === label) return true;
  say(`${label} is no longer the last change: undo the newer ones first (u or Ctrl+Z).`);
  return false;
}

/** "Delete 3 cards", as the history labels a delete of `count` cards. */
export function deleteLabel(count: number): string {
  return `Delete ${count === 1 ? '1 card' : `${count.toLocaleString('en')} cards`}`;
}

/**
 * The history key a press means, outside text fields (where the field's own text undo stays): `u`,
 * Ctrl+Z (Cmd+Z) undo; Ctrl+Shift+Z (Cmd+Shift+Z) redoes, as in Anki.
 */
export function historyKey(press: KeyPress): HistoryDirection | null {
  if (press.editable || press.altKey) return null;
  const command = press.ctrlKey || press.metaKey;
  const key = press.key.toLowerCase();
  if (command && key === 'z') return press.shiftKey ? 'redo' : 'undo';
  if (!command && press.key === 'u') return 'undo';
  return null;
}
