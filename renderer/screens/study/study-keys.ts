/** Anki's study shortcuts, as a pure mapping from a key press to an action. */
import type { Rating } from '../../../shared/domain';

export type StudyAction =
  | { type: 'reveal' }
  | { type: 'rate'; rating: Rating }
  | { type: 'undo' }
  | { type: 'bury' }
  | { type: 'suspend' }
  | { type: 'delete' }
  | { type: 'home' };

export type KeySide = 'question' | 'answer' | 'done';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  target: EventTarget | null;
}

/** Typing in a field must never rate a card. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/** Space and Enter on a focused button or link keep their usual meaning: activate that control. */
export function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && /^(BUTTON|A|SUMMARY)$/.test(target.tagName);
}

export function studyKeyAction(event: KeyLike, side: KeySide): StudyAction | null {
  // Holding a key down must not answer a run of cards.
  if (event.repeat || isEditable(event.target)) return null;
  const key = event.key;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key.toLowerCase() === 'z') return { type: 'undo' };
  // Anki's Ctrl+Delete deletes the card being studied (Undo is offered right after)
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key === 'Delete') {
    return side === 'done' ? null : { type: 'delete' };
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (key === 'Escape') return { type: 'home' };
  if (key === 'u') return { type: 'undo' };
  if (side === 'done') return null;
  if (key === '-') return { type: 'bury' };
  if (key === '@') return { type: 'suspend' };
  if (key === ' ' || key === 'Enter') {
    if (isActivatable(event.target)) return null;
    return side === 'question' ? { type: 'reveal' } : { type: 'rate', rating: 3 };
  }
  if (side === 'answer' && /^[1-4]$/.test(key)) return { type: 'rate', rating: Number(key) as Rating };
  return null;
}
