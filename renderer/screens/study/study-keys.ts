/** Anki's study shortcuts, as a pure mapping from a key press to an action. */
import type { Rating } from '../../../shared/domain';
import type { KeyPress } from '../../lib/keys';

export type StudyAction =
  | { type: 'reveal' }
  | { type: 'rate'; rating: Rating }
  | { type: 'undo' }
  | { type: 'bury' }
  | { type: 'suspend' }
  | { type: 'delete' }
  | { type: 'edit' }
  | { type: 'home' };

export type KeySide = 'question' | 'answer' | 'done';

/** `canEdit`: a card is shown and the editor can open it (`e`). */
export function studyKeyAction(event: KeyPress, side: KeySide, canEdit = false): StudyAction | null {
  // Holding a key down must not answer a run of cards; typing in a field must never rate a card.
  if (event.repeat || event.editable) return null;
  const key = event.key;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key.toLowerCase() === 'z') return { type: 'undo' };
  // Anki's Ctrl+Delete deletes the card being studied (Undo is offered right after)
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key === 'Delete') {
    return side === 'done' ? null : { type: 'delete' };
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (key === 'Escape') return { type: 'home' };
  if (key === 'u') return { type: 'undo' };
  if (key === 'e') return canEdit ? { type: 'edit' } : null;
  if (side === 'done') return null;
  if (key === '-') return { type: 'bury' };
  if (key === '@') return { type: 'suspend' };
  if (key === ' ' || key === 'Enter') {
    if (event.activatable) return null;
    return side === 'question' ? { type: 'reveal' } : { type: 'rate', rating: 3 };
  }
  if (side === 'answer' && /^[1-4]$/.test(key)) return { type: 'rate', rating: Number(key) as Rating };
  return null;
}
