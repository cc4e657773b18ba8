/**
 * The keys of a spoken answer, as Anki's "record own voice": Shift+V records (and stops), V plays the
 * recording back. Neither letter is one of study's other keys (study-keys.ts) nor of the key points'
 * checklist (a s d f g h j k l).
 */
import type { KeyPress } from '../../lib/keys';

export type VoiceAction = 'record' | 'replay';

export function voiceKeyAction(event: KeyPress): VoiceAction | null {
  // typing in a field must never start the microphone; holding the key must not toggle it on and off
  if (event.repeat || event.editable || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'V') return 'record';
  if (event.key === 'v') return 'replay';
  return null;
}
