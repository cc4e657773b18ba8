/**
 * Cloze authoring, as Anki's editor does it: Ctrl+Shift+C (Cmd+Shift+C on a Mac) wraps the selection in
 * the next cloze, `{{cN::…}}` with N one more than the highest number in the note's fields;
 * Ctrl+Alt+Shift+C uses the highest number again (one card hiding several parts). With nothing selected,
 * `{{cN::}}` goes in with the caret inside it.
 */

const CLOZE_NUMBER = /\{\{c(\d+)::/gi;

/** The highest cloze number in the fields, 0 when there is none. */
export function highestCloze(fields: readonly string[]): number {
  let highest = 0;
  for (const field of fields) {
    for (const match of field.matchAll(CLOZE_NUMBER)) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

/** Which cloze the key asks for: the next number, the same (highest) number, or none (not the cloze key). */
export type ClozeAction = 'next' | 'same';

export interface ClozeKey {
  key: string;
  /** The physical key, so Alt (which changes `key` on a Mac) still reads as C. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function clozeAction(press: ClozeKey): ClozeAction | null {
  const isC = press.code === 'KeyC' || press.key.toLowerCase() === 'c';
  if (!isC || !press.shiftKey || !(press.ctrlKey || press.metaKey)) return null;
  return press.altKey ? 'same' : 'next';
}

/** The number a new cloze takes: the next one, or the highest again (1 when there is none yet). */
export function clozeNumberFor(fields: readonly string[], action: ClozeAction): number {
  const highest = highestCloze(fields);
  return action === 'same' ? Math.max(1, highest) : highest + 1;
}

export interface Wrapped {
  text: string;
  /** The selection after wrapping: the wrapped text, or the caret inside an empty cloze. */
  selectionStart: number;
  selectionEnd: number;
}

/** The text with `start`–`end` wrapped in cloze `number`; the wrapped words stay selected. */
export function wrapCloze(text: string, start: number, end: number, number: number): Wrapped {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(Math.max(start, end), text.length);
  const open = `{{c${number}::`;
  const inner = text.slice(from, to);
  const wrapped = `${text.slice(0, from)}${open}${inner}}}${text.slice(to)}`;
  return { text: wrapped, selectionStart: from + open.length, selectionEnd: from + open.length + inner.length };
}
