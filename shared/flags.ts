/** Anki's card flags: 0 none, then seven colours, keyed Ctrl+1 to Ctrl+7 in study and the browser. */
export const FLAG_NAMES = ['', 'Red', 'Orange', 'Green', 'Blue', 'Pink', 'Turquoise', 'Purple'] as const;

/** A flag number's name, for labels and messages ("Red"); null for none or a number out of range. */
export function flagName(flag: number): string | null {
  return flag >= 1 && flag <= 7 ? (FLAG_NAMES[flag] ?? null) : null;
}

/** What pressing a flag's key does to a card carrying `current`: sets it, or takes it off again (as Anki). */
export function toggledFlag(current: number, pressed: number): number {
  return current === pressed ? 0 : pressed;
}
