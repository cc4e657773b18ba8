/**
 * The Keyboard Shortcuts dialog's list (renderer/lib/shortcut-list.ts) against the key maps themselves:
 * every key listed does something on its screen, every key a screen answers is listed, and the desktop
 * menu's keys are the menu's accelerators.
 */

import { describe, expect, it } from 'vitest';
import { type MenuCommands, menuItems, menuTemplate } from '../../electron/app-menu';
import { globalKeyCommand } from '../../renderer/app/app-commands';
import { historyKey } from '../../renderer/lib/history-actions';
import type { KeyPress } from '../../renderer/lib/keys';
import { keyLabel, SHORTCUT_GROUPS, type ShortcutGroup } from '../../renderer/lib/shortcut-list';
import { browseKeyAction } from '../../renderer/screens/browse/browse-session';
import { clozeAction } from '../../renderer/screens/editor/cloze';
import { isSaveKey } from '../../renderer/screens/editor/editor-flow';
import { homeKeyAction } from '../../renderer/screens/home/home-keys';
import { mockKeyAction } from '../../renderer/screens/mock/mock-keys';
import { studyKeyAction } from '../../renderer/screens/study/study-keys';
import { voiceKeyAction } from '../../renderer/screens/study/voice-keys';
import { press } from '../helpers/key-press';

/** "Ctrl+Shift+C" as the key event it is. */
function pressOf(written: string): KeyPress & { shiftKey: boolean } {
  const parts = written === '+' ? ['+'] : written.split('+');
  const name = parts.at(-1) ?? '';
  const mods = new Set(parts.slice(0, -1));
  const named = name === 'Space' ? ' ' : name === 'Plus' ? '+' : name;
  // Ctrl+Z sends "z"; a capital comes only with Shift (written Shift+V, or V alone)
  const key = mods.size > 0 && !mods.has('Shift') && /^[A-Z]$/.test(named) ? named.toLowerCase() : named;
  return {
    ...press(key, { ctrlKey: mods.has('Ctrl'), altKey: mods.has('Alt') }),
    shiftKey: mods.has('Shift'),
  };
}

const checklist = { points: 9, suggested: null };

/** Whether the screen's key map does something with the key. */
const answers: Record<ShortcutGroup['id'], (key: KeyPress & { shiftKey: boolean }) => boolean> = {
  global: (key) => globalKeyCommand(key) !== null || historyKey(key) !== null || key.key === 'Escape',
  home: (key) => homeKeyAction(key, true) !== null,
  study: (key) =>
    studyKeyAction(key, 'question', true) !== null || studyKeyAction(key, 'answer', true, checklist) !== null,
  voice: (key) => voiceKeyAction(key) !== null,
  mock: (key) =>
    mockKeyAction(key, 'asking') !== null || mockKeyAction(key, 'answered', { points: 9, suggested: 3 }) !== null,
  browse: (key) => browseKeyAction(key, false) !== null,
  editor: (key) => isSaveKey(key) || clozeAction({ ...key, key: key.key }) !== null,
  options: (key) => key.ctrlKey && key.key.toLowerCase() === 's',
  menu: () => true,
};

/** Every single key a person might press, plain and with Ctrl. */
const EVERY_KEY = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  'Enter',
  'Escape',
  'Delete',
  'ArrowUp',
  'ArrowDown',
  'Tab',
  'Backspace',
];

function listed(group: ShortcutGroup['id']): string[] {
  return SHORTCUT_GROUPS.find((g) => g.id === group)?.shortcuts.flatMap((s) => s.keys) ?? [];
}

describe('the keyboard shortcuts listed', () => {
  for (const group of SHORTCUT_GROUPS) {
    it(`${group.title}: each key listed does something there`, () => {
      for (const key of group.shortcuts.flatMap((s) => s.keys)) {
        expect(answers[group.id](pressOf(key)), key).toBe(true);
      }
    });
  }

  const complete: [ShortcutGroup['id'], (key: string) => KeyPress & { shiftKey: boolean }][] = [
    ['home', (key) => pressOf(key)],
    ['study', (key) => pressOf(key)],
    ['mock', (key) => pressOf(key)],
    ['browse', (key) => pressOf(key)],
  ];
  for (const [group, toPress] of complete) {
    it(`${group}: every key the screen answers is listed`, () => {
      const answered = EVERY_KEY.flatMap((key) => [key, `Ctrl+${key}`]).filter((key) =>
        answers[group](toPress(key === ' ' ? 'Space' : key.replace('Ctrl+ ', 'Ctrl+Space'))),
      );
      const names = answered.map((key) => (key === ' ' ? 'Space' : key)).map((key) => key.replace('Ctrl+z', 'Ctrl+Z'));
      for (const key of names) expect(listed(group), key).toContain(key);
    });
  }

  it('the desktop menu’s keys are its accelerators (as on Windows and Linux)', () => {
    const noop = () => undefined;
    const commands: MenuCommands = {
      renderer: noop,
      backUp: noop,
      openDataFolder: noop,
      setTheme: noop,
      zoom: noop,
      about: noop,
    };
    const accelerators = menuItems(menuTemplate('linux', commands, { theme: 'system' }))
      // Undo and Redo's keys are the page's own (listed under Everywhere), shown in the menu too
      .filter((item) => item.click && item.accelerator && item.registerAccelerator !== false)
      .map((item) => item.accelerator?.replace('CmdOrCtrl', 'Ctrl'));
    expect(new Set(listed('menu'))).toEqual(new Set([...accelerators, 'F11']));
  });

  it('reads as a Mac writes it there', () => {
    expect(keyLabel('Ctrl+Shift+C', true)).toBe('⌘⇧C');
    expect(keyLabel('Ctrl+Z', false)).toBe('Ctrl+Z');
    expect(keyLabel('ArrowDown', false)).toBe('↓');
  });
});
