/**
 * The mock interview's keys, as study's: while answering, Space or Enter says done (Ctrl+Enter from the
 * typed-answer box); on the reveal the checklist's letters tick its points, 1-4 grade and Space or Enter
 * takes the checklist's suggestion (Good until there is one); u or Ctrl+Z undoes the last grade; r replays
 * the card's sounds; Escape leaves (after asking).
 */
import type { Rating } from '../../../shared/domain';
import { POINT_KEYS } from '../../lib/checklist';
import type { KeyPress } from '../../lib/keys';

export type MockAction =
  | { type: 'done' }
  | { type: 'grade'; rating: Rating }
  | { type: 'undo' }
  | { type: 'leave' }
  /** Plays the side's sounds again (after the reveal the question's first), as study's r. */
  | { type: 'replay' }
  /** Ticks or unticks the key point at `index` of the checklist. */
  | { type: 'toggle'; index: number };

/** The checklist on the reveal: how many points, and the rating its ticks suggest. */
export interface MockChecklist {
  points: number;
  suggested: Rating | null;
}

export type MockKeySide = 'asking' | 'answered' | 'other';

export function mockKeyAction(event: KeyPress, side: MockKeySide, checklist?: MockChecklist): MockAction | null {
  if (event.repeat) return null;
  const key = event.key;
  const commandEnter = (event.ctrlKey || event.metaKey) && !event.altKey && key === 'Enter';
  if (commandEnter && side === 'asking') return { type: 'done' };
  if (event.editable) return null;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key.toLowerCase() === 'z') return { type: 'undo' };
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (key === 'Escape') return { type: 'leave' };
  if (key === 'u') return { type: 'undo' };
  if (side === 'other') return null;
  if (key === 'r') return { type: 'replay' };
  if (key === ' ' || key === 'Enter') {
    if (event.activatable) return null;
    return side === 'asking' ? { type: 'done' } : { type: 'grade', rating: checklist?.suggested ?? 3 };
  }
  const point = (POINT_KEYS as readonly string[]).indexOf(key);
  if (side === 'answered' && checklist && point >= 0 && point < checklist.points)
    return { type: 'toggle', index: point };
  if (side === 'answered' && /^[1-4]$/.test(key)) return { type: 'grade', rating: Number(key) as Rating };
  return null;
}
