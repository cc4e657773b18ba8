/**
 * The application menu (electron/app-menu.ts) per platform: the menus each convention asks for, every
 * command with its accelerator, no accelerator given twice, no Undo taking Ctrl+Z from study, and each
 * item running the command it names.
 */
import { describe, expect, it } from 'vitest';
import { type MenuCommands, type MenuItem, menuItems, menuTemplate } from '../../electron/app-menu';
import type { ThemeChoice } from '../../shared/preferences';
import { RENDERER_COMMANDS } from '../../shared/renderer-commands';

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

/** Commands that record what they were asked, so a click can be traced to its command. */
function recorder(): { commands: MenuCommands; ran: string[] } {
  const ran: string[] = [];
  const commands: MenuCommands = {
    renderer: (command) => ran.push(`renderer:${command}`),
    backUp: () => ran.push('backUp'),
    openDataFolder: () => ran.push('openDataFolder'),
    setTheme: (theme) => ran.push(`theme:${theme}`),
    zoom: (step) => ran.push(`zoom:${step}`),
    about: () => ran.push('about'),
  };
  return { commands, ran };
}

function template(platform: NodeJS.Platform, theme: ThemeChoice = 'system') {
  const { commands, ran } = recorder();
  return { menu: menuTemplate(platform, commands, { theme }), ran };
}

const labelOf = (entry: MenuItem) => (entry.label ?? entry.role ?? entry.type ?? '').replace('&', '');

function submenu(menu: MenuItem[], title: string): MenuItem[] {
  const found = menu.find((entry) => labelOf(entry) === title);
  if (!found?.submenu) throw new Error(`no ${title} menu`);
  return found.submenu;
}

function find(menu: MenuItem[], label: string): MenuItem {
  const found = menuItems(menu).find((entry) => entry.visible !== false && labelOf(entry) === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

/** What clicking an item runs. */
function runs(platform: NodeJS.Platform, label: string): string[] {
  const { menu, ran } = template(platform);
  find(menu, label).click?.();
  return ran;
}

describe('the menus each platform expects', () => {
  it('macOS: the app menu first, then File, Edit, View, Window, Help', () => {
    expect(template('darwin').menu.map(labelOf)).toEqual(['Cue', 'File', 'Edit', 'View', 'Window', 'Help']);
    const app = submenu(template('darwin').menu, 'Cue').map(labelOf);
    expect(app).toEqual(
      expect.arrayContaining(['About Cue', 'Settings…', 'services', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    // macOS closes the window from File and quits from the app menu
    expect(submenu(template('darwin').menu, 'File').map(labelOf)).toContain('close');
    expect(submenu(template('darwin').menu, 'File').map(labelOf)).not.toContain('Quit');
  });

  for (const platform of ['win32', 'linux'] as const) {
    it(`${platform}: File, Edit, View, Help, with mnemonics; Settings and the way out in File, About in Help`, () => {
      const { menu } = template(platform);
      expect(menu.map((entry) => entry.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
      const file = submenu(menu, 'File').map(labelOf);
      expect(file).toContain('Settings…');
      expect(file.at(-1)).toBe(platform === 'win32' ? 'Exit' : 'Quit');
      expect(submenu(menu, 'Help').map(labelOf)).toEqual(['Keyboard Shortcuts', 'separator', 'About Cue']);
    });
  }

  it('macOS menus carry no mnemonic ampersands', () => {
    expect(menuItems(template('darwin').menu).some((entry) => entry.label?.includes('&'))).toBe(false);
  });
});

describe('the commands and their accelerators', () => {
  const expected: Record<string, Record<(typeof PLATFORMS)[number], string>> = {
    'Import…': { darwin: 'CmdOrCtrl+I', win32: 'CmdOrCtrl+I', linux: 'CmdOrCtrl+I' },
    'Export…': { darwin: 'CmdOrCtrl+E', win32: 'CmdOrCtrl+E', linux: 'CmdOrCtrl+E' },
    'Back Up…': { darwin: 'CmdOrCtrl+B', win32: 'CmdOrCtrl+B', linux: 'CmdOrCtrl+B' },
    'Restore…': { darwin: 'CmdOrCtrl+Shift+B', win32: 'CmdOrCtrl+Shift+B', linux: 'CmdOrCtrl+Shift+B' },
    'Settings…': { darwin: 'Cmd+,', win32: 'Ctrl+,', linux: 'Ctrl+,' },
    Home: { darwin: 'CmdOrCtrl+1', win32: 'CmdOrCtrl+1', linux: 'CmdOrCtrl+1' },
    Study: { darwin: 'CmdOrCtrl+2', win32: 'CmdOrCtrl+2', linux: 'CmdOrCtrl+2' },
    Browse: { darwin: 'CmdOrCtrl+3', win32: 'CmdOrCtrl+3', linux: 'CmdOrCtrl+3' },
    Statistics: { darwin: 'CmdOrCtrl+4', win32: 'CmdOrCtrl+4', linux: 'CmdOrCtrl+4' },
    'Deck Options': { darwin: 'CmdOrCtrl+5', win32: 'CmdOrCtrl+5', linux: 'CmdOrCtrl+5' },
    'Zoom In': { darwin: 'CmdOrCtrl+Plus', win32: 'CmdOrCtrl+Plus', linux: 'CmdOrCtrl+Plus' },
    'Zoom Out': { darwin: 'CmdOrCtrl+-', win32: 'CmdOrCtrl+-', linux: 'CmdOrCtrl+-' },
    'Actual Size': { darwin: 'CmdOrCtrl+0', win32: 'CmdOrCtrl+0', linux: 'CmdOrCtrl+0' },
    togglefullscreen: { darwin: 'Ctrl+Cmd+F', win32: 'F11', linux: 'F11' },
    'Keyboard Shortcuts': { darwin: 'Cmd+/', win32: 'F1', linux: 'F1' },
    cut: { darwin: 'CmdOrCtrl+X', win32: 'CmdOrCtrl+X', linux: 'CmdOrCtrl+X' },
    copy: { darwin: 'CmdOrCtrl+C', win32: 'CmdOrCtrl+C', linux: 'CmdOrCtrl+C' },
    paste: { darwin: 'CmdOrCtrl+V', win32: 'CmdOrCtrl+V', linux: 'CmdOrCtrl+V' },
    selectAll: { darwin: 'CmdOrCtrl+A', win32: 'CmdOrCtrl+A', linux: 'CmdOrCtrl+A' },
  };
  for (const platform of PLATFORMS) {
    it(`${platform}: each command has its accelerator`, () => {
      const { menu } = template(platform);
      for (const [label, accelerators] of Object.entries(expected)) {
        expect(find(menu, label).accelerator, label).toBe(accelerators[platform]);
      }
      const dataFolder = platform === 'darwin' ? 'Show Data Folder in Finder' : 'Open Data Folder';
      expect(find(menu, dataFolder).accelerator).toBe('CmdOrCtrl+Shift+O');
      const quit = menuItems(menu).find((entry) => entry.role === 'quit');
      expect(quit?.accelerator).toBe({ darwin: 'Cmd+Q', win32: 'Alt+F4', linux: 'Ctrl+Q' }[platform]);
      // Windows' Alt+F4 stays the system's close-the-window (the tray may keep Cue running)
      expect(quit?.registerAccelerator).toBe(platform === 'win32' ? false : undefined);
    });

    it(`${platform}: no accelerator is given to two items`, () => {
      const accelerators = menuItems(template(platform).menu)
        .map((entry) => entry.accelerator?.replace('CmdOrCtrl', platform === 'darwin' ? 'Cmd' : 'Ctrl'))
        .filter((accelerator): accelerator is string => accelerator !== undefined);
      expect(accelerators.length).toBeGreaterThan(20);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    });

    it(`${platform}: Undo and Redo name the step and leave Ctrl+Z to the page (text fields keep their own)`, () => {
      const history = { undo: 'Suspend 3 cards', redo: null };
      const sent: string[] = [];
      const commands = { ...recorder().commands, renderer: (command: string) => void sent.push(command) };
      const items = menuItems(menuTemplate(platform, commands, { theme: 'system', history }));
      const undo = items.find((entry) => entry.label === 'Undo Suspend 3 cards');
      const redo = items.find((entry) => entry.label === 'Redo');
      expect(undo).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, enabled: true });
      expect(redo).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false, enabled: false });
      undo?.click?.();
      expect(sent).toEqual(['undo']);
      for (const entry of items) {
        if (/\+Z$/i.test(entry.accelerator ?? '')) expect(entry.registerAccelerator).toBe(false);
        expect(entry.role ?? '').not.toMatch(/undo|redo/i);
      }
    });

    it(`${platform}: none of the study screen's own keys is taken (Ctrl+Enter, Ctrl+Delete, Ctrl+S)`, () => {
      const taken = menuItems(template(platform).menu).map((entry) => entry.accelerator);
      for (const key of ['CmdOrCtrl+Enter', 'CmdOrCtrl+Delete', 'CmdOrCtrl+S', 'CmdOrCtrl+Shift+C']) {
        expect(taken).not.toContain(key);
      }
    });
  }
});

describe('what each item runs', () => {
  for (const platform of PLATFORMS) {
    it(`${platform}: screens and dialogs go to the renderer, the rest to the shell`, () => {
      expect(runs(platform, 'Import…')).toEqual(['renderer:import']);
      expect(runs(platform, 'Export…')).toEqual(['renderer:export']);
      expect(runs(platform, 'Back Up…')).toEqual(['backUp']);
      expect(runs(platform, 'Restore…')).toEqual(['renderer:restore']);
      expect(runs(platform, 'Sync…')).toEqual(['renderer:sync']);
      expect(runs(platform, platform === 'darwin' ? 'Show Data Folder in Finder' : 'Open Data Folder')).toEqual([
        'openDataFolder',
      ]);
      expect(runs(platform, 'Home')).toEqual(['renderer:home']);
      expect(runs(platform, 'Study')).toEqual(['renderer:study']);
      expect(runs(platform, 'Browse')).toEqual(['renderer:browse']);
      expect(runs(platform, 'Statistics')).toEqual(['renderer:stats']);
      expect(runs(platform, 'Deck Options')).toEqual(['renderer:options']);
      expect(runs(platform, 'Settings…')).toEqual(['renderer:settings']);
      expect(runs(platform, 'Keyboard Shortcuts')).toEqual(['renderer:shortcuts']);
      expect(runs(platform, 'About Cue')).toEqual(['about']);
      expect(runs(platform, 'Zoom In')).toEqual(['zoom:in']);
      expect(runs(platform, 'Zoom Out')).toEqual(['zoom:out']);
      expect(runs(platform, 'Actual Size')).toEqual(['zoom:reset']);
    });
  }

  it('the hidden Ctrl+= zooms in too, and works while hidden', () => {
    const { menu, ran } = template('linux');
    const hidden = menuItems(menu).find((entry) => entry.accelerator === 'CmdOrCtrl+=');
    expect(hidden).toMatchObject({ visible: false, acceleratorWorksWhenHidden: true });
    hidden?.click?.();
    expect(ran).toEqual(['zoom:in']);
  });

  it('every command the menu sends the renderer is one it knows', () => {
    const { menu, ran } = template('darwin');
    for (const entry of menuItems(menu)) entry.click?.();
    const sent = ran.filter((what) => what.startsWith('renderer:')).map((what) => what.slice('renderer:'.length));
    for (const command of sent) expect(RENDERER_COMMANDS).toContain(command);
  });
});

describe('View > Theme', () => {
  for (const theme of ['system', 'light', 'dark'] as const) {
    it(`is a radio group with ${theme} checked when it is the choice`, () => {
      const items = submenu(submenu(template('linux', theme).menu, 'View'), 'Theme');
      expect(items.map((entry) => [entry.label, entry.type, entry.checked])).toEqual([
        ['System', 'radio', theme === 'system'],
        ['Light', 'radio', theme === 'light'],
        ['Dark', 'radio', theme === 'dark'],
      ]);
    });
  }

  it('a choice sets that theme', () => {
    const { menu, ran } = template('win32');
    for (const entry of submenu(submenu(menu, 'View'), 'Theme')) entry.click?.();
    expect(ran).toEqual(['theme:system', 'theme:light', 'theme:dark']);
  });
});
