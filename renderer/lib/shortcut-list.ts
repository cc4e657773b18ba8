/**
 * Every key Cue answers, by screen, for the Keyboard Shortcuts dialog (`?`, or Help in the desktop app's
 * menu). Each key is written as the person presses it ("Ctrl+Z", "Shift+V", "Space"); the unit tests
 * put each one to the screen's own key map, so the list cannot drift from what the keys do.
 */

export interface Shortcut {
  /** Each a way to do it: ["u", "Ctrl+Z"]. */
  keys: string[];
  what: string;
}

export interface ShortcutGroup {
  /** Which key map answers these keys (for the tests); 'menu' is the desktop app's menu. */
  id: 'global' | 'home' | 'study' | 'voice' | 'mock' | 'browse' | 'editor' | 'options' | 'menu';
  title: string;
  shortcuts: Shortcut[];
  /** Only in the desktop app. */
  desktopOnly?: boolean;
}

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    id: 'global',
    title: 'Everywhere',
    shortcuts: [
      { keys: ['?'], what: 'show these keyboard shortcuts' },
      { keys: ['u', 'Ctrl+Z'], what: 'undo the last change (outside text fields; the menu names it)' },
      { keys: ['Ctrl+Shift+Z'], what: 'redo it' },
      { keys: ['Escape'], what: 'close a dialog, or go back a screen' },
    ],
  },
  {
    id: 'home',
    title: 'Decks (home)',
    shortcuts: [
      { keys: ['Enter', 's'], what: 'study the deck on show (with several, the one chosen in the list)' },
      { keys: ['t'], what: 'its statistics' },
      { keys: ['c'], what: 'custom study' },
      { keys: ['m'], what: 'a mock interview' },
      { keys: ['r'], what: 'readiness for a target date' },
      { keys: ['o'], what: 'its deck options' },
      { keys: ['/'], what: 'the card browser' },
      { keys: ['i'], what: 'import a file' },
      { keys: ['b'], what: 'backups' },
    ],
  },
  {
    id: 'study',
    title: 'Study',
    shortcuts: [
      { keys: ['Space', 'Enter'], what: 'show the answer; on the answer side, the suggested rating (else Good)' },
      { keys: ['1', '2', '3', '4'], what: 'Again, Hard, Good, Easy' },
      { keys: ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'], what: 'tick or untick key point 1–9 (answer side)' },
      { keys: ['Ctrl+Enter'], what: 'show the answer from the typed-answer box' },
      { keys: ['u', 'Ctrl+Z'], what: 'undo the last change (an answer, a bury, a delete…)' },
      { keys: ['Ctrl+Shift+Z'], what: 'redo it' },
      { keys: ['-'], what: 'bury the card until tomorrow' },
      { keys: ['@'], what: 'suspend the card' },
      { keys: ['Ctrl+Delete'], what: 'delete the card (Undo is offered right after)' },
      {
        keys: ['Ctrl+1', 'Ctrl+2', 'Ctrl+3', 'Ctrl+4', 'Ctrl+5', 'Ctrl+6', 'Ctrl+7'],
        what: 'flag the card red, orange, green, blue, pink, turquoise or purple (again: no flag)',
      },
      { keys: ['e'], what: 'edit the card' },
      { keys: ['r'], what: 'replay the card’s sounds' },
      { keys: ['Escape'], what: 'back to the decks' },
    ],
  },
  {
    id: 'voice',
    title: 'Spoken answers (study)',
    shortcuts: [
      { keys: ['Shift+V'], what: 'record your answer (again to stop)' },
      { keys: ['V'], what: 'play the recording back' },
    ],
  },
  {
    id: 'mock',
    title: 'Mock interview',
    shortcuts: [
      { keys: ['Space', 'Enter'], what: 'end the answer; then take the suggested grade' },
      { keys: ['Ctrl+Enter'], what: 'end the answer from the typed-answer box' },
      { keys: ['1', '2', '3', '4'], what: 'grade the answer' },
      { keys: ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'], what: 'tick or untick key point 1–9' },
      { keys: ['u', 'Ctrl+Z'], what: 'undo the last grade' },
      { keys: ['r'], what: 'replay the card’s sounds' },
      { keys: ['Escape'], what: 'leave (after asking)' },
    ],
  },
  {
    id: 'browse',
    title: 'Card browser',
    shortcuts: [
      { keys: ['ArrowDown', 'ArrowUp'], what: 'the next or previous card' },
      { keys: ['Enter'], what: 'edit the card' },
      { keys: ['Space'], what: 'select or unselect the card' },
      { keys: ['Delete', 'Ctrl+Delete'], what: 'delete the selected cards' },
      { keys: ['Ctrl+Z'], what: 'undo the last change (a delete, a find and replace…)' },
      { keys: ['Ctrl+Shift+Z'], what: 'redo it' },
      {
        keys: ['Ctrl+1', 'Ctrl+2', 'Ctrl+3', 'Ctrl+4', 'Ctrl+5', 'Ctrl+6', 'Ctrl+7'],
        what: 'flag the selected cards (again, when all have it: no flag)',
      },
      { keys: ['Ctrl+Alt+F'], what: 'find and replace in the selected cards' },
    ],
  },
  {
    id: 'editor',
    title: 'Card editor',
    shortcuts: [
      { keys: ['Ctrl+Enter'], what: 'save' },
      { keys: ['Ctrl+Shift+C'], what: 'make the selection a cloze (the next number)' },
      { keys: ['Ctrl+Alt+Shift+C'], what: 'a cloze with the same number' },
    ],
  },
  {
    id: 'options',
    title: 'Deck options',
    shortcuts: [{ keys: ['Ctrl+S'], what: 'save' }],
  },
  {
    id: 'menu',
    title: 'Desktop app menu',
    desktopOnly: true,
    shortcuts: [
      { keys: ['Ctrl+I'], what: 'import' },
      { keys: ['Ctrl+E'], what: 'export' },
      { keys: ['Ctrl+B'], what: 'back up to a file' },
      { keys: ['Ctrl+Shift+B'], what: 'restore a backup' },
      { keys: ['Ctrl+Shift+O'], what: 'open the data folder' },
      { keys: ['Ctrl+,'], what: 'settings' },
      { keys: ['Ctrl+1'], what: 'home' },
      { keys: ['Ctrl+2'], what: 'study' },
      { keys: ['Ctrl+3'], what: 'browse' },
      { keys: ['Ctrl+4'], what: 'statistics' },
      { keys: ['Ctrl+5'], what: 'deck options' },
      { keys: ['Ctrl+Plus', 'Ctrl+='], what: 'zoom in' },
      { keys: ['Ctrl+-'], what: 'zoom out' },
      { keys: ['Ctrl+0'], what: 'actual size' },
      { keys: ['F11'], what: 'full screen' },
      { keys: ['F1'], what: 'these shortcuts' },
    ],
  },
];

/** "Ctrl+Z" on a Mac reads "⌘Z" etc.; elsewhere as written. */
export function keyLabel(key: string, mac: boolean): string {
  const named: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Space: 'Space' };
  const plain = named[key] ?? key;
  if (!mac) return plain;
  return plain
    .replace('Ctrl+', '⌘')
    .replace('Alt+', '⌥')
    .replace('Shift+', '⇧')
    .replace('F11', '⌃⌘F')
    .replace('F1', '⌘/');
}
