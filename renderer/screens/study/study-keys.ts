/** Anki's study shortcuts, as a pure mapping from a key press to an action. */

import type { Rating } from '../../../shared/domain';
import { POINT_KEYS } from '../../lib/checklist';
import { historyKey } from '../../lib/history-actions';
import type { KeyPress } from '../../lib/keys';

export type StudyAction =
  | { type: 'reveal' }
  | { type: 'rate'; rating: Rating }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'bury' }
  | { type: 'suspend' }
  | { type: 'delete' }
  | { type: 'edit' }
  | { type: 'home' }
  /** Plays the side's sounds again (on the answer side the question's first), as Anki's r. */
  | { type: 'replay' }
  /** Ticks or unticks the key point at `index` of the checklist. */
  | { type: 'toggle'; index: number }
  /** Anki's Ctrl+1 to Ctrl+7: sets that flag, or takes it off when the card has it. */
  | { type: 'flag'; flag: number };

export type KeySide = 'question' | 'answer' | 'done';

/** The checklist shown on the answer side: how many points, and the rating its ticks suggest. */
export interface ChecklistKeys {
  points: number;
  suggested: Rating | null;
}

/** `canEdit`: a card is shown and the editor can open it (`e`). */
export function studyKeyAction(
  event: KeyPress,
  side: KeySide,
  canEdit = false,
  checklist?: ChecklistKeys,
): StudyAction | null {
  if (event.repeat) return null;
  const key = event.key;
  // from the typed-answer box, Ctrl+Enter reveals (Enter alone is a new line)
  const commandEnter = (event.ctrlKey || event.metaKey) && !event.altKey && key === 'Enter';
  if (commandEnter && side === 'question') return { type: 'reveal' };
  // Holding a key down must not answer a run of cards; typing in a field must never rate a card.
  if (event.editable) return null;
  const history = historyKey(event);
  if (history === 'redo') return { type: 'redo' };
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key.toLowerCase() === 'z') return { type: 'undo' };
  // Anki's Ctrl+Delete deletes the card being studied (Undo is offered right after)
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key === 'Delete') {
    return side === 'done' ? null : { type: 'delete' };
  }
  if ((event.ctrlKey || event.metaKey) && !event.altKey && /^[1-7]$/.test(key)) {
    return side === 'done' ? null : { type: 'flag', flag: Number(key) };
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (key === 'Escape') return { type: 'home' };
  if (key === 'u') return { type: 'undo' };
  if (key === 'e') return canEdit ? { type: 'edit' } : null;
  if (side === 'done') return null;
  if (key === '-') return { type: 'bury' };
  if (key === '@') return { type: 'suspend' };
  if (key === 'r') return { type: 'replay' };
  if (key === ' ' || key === 'Enter') {
    if (event.activatable) return null;
    // on the answer side: the checklist's suggestion once there is one, else Good as always
    return side === 'question' ? { type: 'reveal' } : { type: 'rate', rating: checklist?.suggested ?? 3 };
  }
  const point = (POINT_KEYS as readonly string[]).indexOf(key);
  if (side === 'answer' && checklist && point >= 0 && point < checklist.points) return { type: 'toggle', index: point };
  if (side === 'answer' && /^[1-4]$/.test(key)) return { type: 'rate', rating: Number(key) as Rating };
  return null;
}
