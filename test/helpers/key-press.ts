/** A key press as renderer/lib/keys.ts reads it: a plain key, with whatever `extra` sets. */
import type { KeyPress } from '../../renderer/lib/keys';

export function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    repeat: false,
    editable: false,
    activatable: false,
    ...extra,
  };
}
