/**
 * The application menu as data: a pure function of the platform, the current theme and the commands it
 * runs, so its items and accelerators are tested without Electron. main.ts hands the result to
 * Menu.buildFromTemplate (the types below are the subset of Electron's MenuItemConstructorOptions used,
 * so the compiler checks they fit).
 *
 * Conventions: macOS gets the app menu (About, Settings, Services, Hide, Quit) and a Window menu;
 * Windows and Linux put Settings and Exit/Quit in File and About in Help. Undo and Redo name the step
 * they take ("Undo Suspend 3 cards"); their keys are shown but not taken from the page, so a text
 * field keeps its own text undo and the screens run the collection's everywhere else.
 */
import { THEME_CHOICES, type ThemeChoice } from '../shared/preferences';
import type { RendererCommand } from '../shared/renderer-commands';

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front';

export interface MenuItem {
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu' | 'radio';
  accelerator?: string;
  checked?: boolean;
  enabled?: boolean;
  /** Shortcuts that also run the item without showing it (Ctrl+= beside Ctrl+Plus). */
  visible?: boolean;
  acceleratorWorksWhenHidden?: boolean;
  /** false: the accelerator is shown, and the system's own meaning of the key stays (Alt+F4 closes the window). */
  registerAccelerator?: boolean;
  submenu?: MenuItem[];
  click?: () => void;
}

/** What the menu does; main.ts wires each to Electron or to the renderer. */
export interface MenuCommands {
  /** A screen or dialog of the renderer: the same commands its own buttons and keys run. */
  renderer(command: RendererCommand): void;
  backUp(): void;
  openDataFolder(): void;
  setTheme(theme: ThemeChoice): void;
  zoom(step: 'in' | 'out' | 'reset'): void;
  about(): void;
}

export interface MenuState {
  theme: ThemeChoice;
  /** The labels of the steps undo and redo would take now (history.list), or null when there is none. */
  history?: { undo: string | null; redo: string | null };
}

const THEME_LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const separator: MenuItem = { type: 'separator' };

/** `&File`: Alt+F opens it on Windows and Linux; macOS menus have no mnemonics. */
function titled(platform: NodeJS.Platform, label: string): string {
  return platform === 'darwin' ? label : `&${label}`;
}

function item(label: string, accelerator: string, click: () => void): MenuItem {
  return { label, accelerator, click };
}

function macAppMenu(commands: MenuCommands): MenuItem {
  return {
    label: 'Cue',
    submenu: [
      { label: 'About Cue', click: () => commands.about() },
      separator,
      item('Settings…', 'Cmd+,', () => commands.renderer('settings')),
      separator,
      { role: 'services' },
      separator,
      { role: 'hide', accelerator: 'Cmd+H' },
      { role: 'hideOthers', accelerator: 'Alt+Cmd+H' },
      { role: 'unhide' },
      separator,
      { role: 'quit', accelerator: 'Cmd+Q' },
    ],
  };
}

function fileMenu(platform: NodeJS.Platform, commands: MenuCommands): MenuItem {
  const isMac = platform === 'darwin';
  const ending: MenuItem[] = isMac
    ? [{ role: 'close', accelerator: 'Cmd+W' }]
    : [
        item('Settings…', 'Ctrl+,', () => commands.renderer('settings')),
        separator,
        platform === 'win32'
          ? // Alt+F4 is Windows' own close-the-window: with the tray kept, it must not quit Cue
            { role: 'quit', label: 'Exit', accelerator: 'Alt+F4', registerAccelerator: false }
          : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
      ];
  return {
    label: titled(platform, 'File'),
    submenu: [
      item('Import…', 'CmdOrCtrl+I', () => commands.renderer('import')),
      item('Export…', 'CmdOrCtrl+E', () => commands.renderer('export')),
      separator,
      item('Back Up…', 'CmdOrCtrl+B', () => commands.backUp()),
      item('Restore…', 'CmdOrCtrl+Shift+B', () => commands.renderer('restore')),
      // no accelerator: choosing a folder is done once per computer, not a daily key
      { label: 'Sync…', click: () => commands.renderer('sync') },
      item(isMac ? 'Show Data Folder in Finder' : 'Open Data Folder', 'CmdOrCtrl+Shift+O', () =>
        commands.openDataFolder(),
      ),
      separator,
      ...ending,
    ],
  };
}

function editMenu(platform: NodeJS.Platform, commands: MenuCommands, state: MenuState): MenuItem {
  const step = (verb: 'Undo' | 'Redo', label: string | null | undefined, accelerator: string): MenuItem => ({
    label: label ? `${verb} ${label}` : verb,
    accelerator,
    registerAccelerator: false,
    enabled: Boolean(label),
    click: () => commands.renderer(verb === 'Undo' ? 'undo' : 'redo'),
  });
  return {
    label: titled(platform, 'Edit'),
    submenu: [
      step('Undo', state.history?.undo, 'CmdOrCtrl+Z'),
      step('Redo', state.history?.redo, 'CmdOrCtrl+Shift+Z'),
      separator,
      { role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', accelerator: 'CmdOrCtrl+V' },
      { role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
    ],
  };
}

function viewMenu(platform: NodeJS.Platform, commands: MenuCommands, state: MenuState): MenuItem {
  const screen = (label: string, key: string, command: RendererCommand) =>
    item(label, `CmdOrCtrl+${key}`, () => commands.renderer(command));
  return {
    label: titled(platform, 'View'),
    submenu: [
      screen('Home', '1', 'home'),
      screen('Study', '2', 'study'),
      screen('Browse', '3', 'browse'),
      screen('Statistics', '4', 'stats'),
      screen('Deck Options', '5', 'options'),
      separator,
      {
        label: 'Theme',
        submenu: THEME_CHOICES.map((theme) => ({
          label: THEME_LABELS[theme],
          type: 'radio' as const,
          checked: state.theme === theme,
          click: () => commands.setTheme(theme),
        })),
      },
      separator,
      item('Zoom In', 'CmdOrCtrl+Plus', () => commands.zoom('in')),
      // Ctrl+= is the same key without Shift on most layouts
      {
        label: 'Zoom In',
        accelerator: 'CmdOrCtrl+=',
        visible: false,
        acceleratorWorksWhenHidden: true,
        click: () => commands.zoom('in'),
      },
      item('Zoom Out', 'CmdOrCtrl+-', () => commands.zoom('out')),
      item('Actual Size', 'CmdOrCtrl+0', () => commands.zoom('reset')),
      separator,
      { role: 'togglefullscreen', accelerator: platform === 'darwin' ? 'Ctrl+Cmd+F' : 'F11' },
    ],
  };
}

function windowMenu(): MenuItem {
  return {
    label: 'Window',
    submenu: [{ role: 'minimize', accelerator: 'Cmd+M' }, { role: 'zoom' }, separator, { role: 'front' }],
  };
}

function helpMenu(platform: NodeJS.Platform, commands: MenuCommands): MenuItem {
  const shortcuts = item('Keyboard Shortcuts', platform === 'darwin' ? 'Cmd+/' : 'F1', () =>
    commands.renderer('shortcuts'),
  );
  return {
    label: titled(platform, 'Help'),
    submenu:
      platform === 'darwin' ? [shortcuts] : [shortcuts, separator, { label: 'About Cue', click: commands.about }],
  };
}

export function menuTemplate(platform: NodeJS.Platform, commands: MenuCommands, state: MenuState): MenuItem[] {
  const isMac = platform === 'darwin';
  return [
    ...(isMac ? [macAppMenu(commands)] : []),
    fileMenu(platform, commands),
    editMenu(platform, commands, state),
    viewMenu(platform, commands, state),
    ...(isMac ? [windowMenu()] : []),
    helpMenu(platform, commands),
  ];
}

/** Every item of a template, submenus flattened, in order (for tests and for finding an accelerator). */
export function menuItems(template: MenuItem[]): MenuItem[] {
  return template.flatMap((entry) => [entry, ...menuItems(entry.submenu ?? [])]);
}
