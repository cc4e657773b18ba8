/**
 * The mock interview's keys, as study's: while answering, Space or Enter says done; on the reveal 1-4
 * grade and Space or Enter is Good; u or Ctrl+Z undoes the last grade; Escape leaves (after asking).
 */
import type { Rating } from '../../../shared/domain';
import type { KeyPress } from '../../lib/keys';

export type MockAction = { type: 'done' } | { type: 'grade'; rating: Rating } | { type: 'undo' } | { type: 'leave' };

export type MockKeySide = 'asking' | 'answered' | 'other';

export function mockKeyAction(event: KeyPress, side: MockKeySide): MockAction | null {
  if (event.repeat || event.editable) return null;
  const key = event.key;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key.toLowerCase() === 'z') return { type: 'undo' };
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (key === 'Escape') return { type: 'leave' };
  if (key === 'u') return { type: 'undo' };
  if (side === 'other') return null;
  if (key === ' ' || key === 'Enter') {
    if (event.activatable) return null;
    return side === 'asking' ? { type: 'done' } : { type: 'grade', rating: 3 };
  }
  if (side === 'answered' && /^[1-4]$/.test(key)) return { type: 'grade', rating: Number(key) as Rating };
  return null;
}
