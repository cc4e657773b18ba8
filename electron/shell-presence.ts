/**
 * Whether Cue stays when its window closes, and how it starts at login: a tray (menu-bar) icon is kept
 * while reminders are on and the person chose to keep it, so reminders come with the window closed; a
 * start at login is Electron's login item on macOS and Windows and an XDG autostart entry on Linux
 * (Electron has no login items there). Plain Node, no Electron.
 */
import { join } from 'node:path';
import type { ReminderPreferences } from '../shared/preferences';

/** Passed to a start at login, so Cue starts in the tray instead of opening its window. */
export const AT_LOGIN_ARG = '--at-login';

export function keepsTray(reminders: ReminderPreferences): boolean {
  return reminders.enabled && reminders.keepInTray;
}

/** Closing the last window quits Cue, unless the tray keeps it for the reminders. */
export function quitsWhenWindowsClose(reminders: ReminderPreferences): boolean {
  return !keepsTray(reminders);
}

/** A start at login with the tray kept opens no window; any other start shows it. */
export function opensWindowAtStart(argv: readonly string[], openedAtLogin: boolean, reminders: ReminderPreferences) {
  const atLogin = openedAtLogin || argv.includes(AT_LOGIN_ARG);
  return !(atLogin && keepsTray(reminders));
}

export interface LaunchCommand {
  /** What starts Cue: the AppImage file when it runs as one (its own path changes each run), else the binary. */
  execPath: string;
  appImage?: string;
  /** Set in a development run: the app folder Electron is given. */
  appPath?: string;
}

export type LoginItemPlan =
  | { kind: 'login-item'; settings: { openAtLogin: boolean; args: string[] } }
  | { kind: 'autostart-file'; path: string; contents: string | null };

/** "a b" → "\"a b\"", as a .desktop file's Exec line quotes an argument. */
function desktopQuote(arg: string): string {
  return /[\s"'\\$`]/.test(arg) ? `"${arg.replace(/(["\\$`])/g, '\\$1')}"` : arg;
}

/**
 * What to do so Cue starts at login (or no longer does). `configHome`: $XDG_CONFIG_HOME, else ~/.config.
 * On Linux `contents: null` means remove the entry.
 */
export function loginItemPlan(
  platform: NodeJS.Platform,
  openAtLogin: boolean,
  launch: LaunchCommand,
  configHome: string,
): LoginItemPlan {
  if (platform === 'darwin' || platform === 'win32') {
    return { kind: 'login-item', settings: { openAtLogin, args: [AT_LOGIN_ARG] } };
  }
  const path = join(configHome, 'autostart', 'cue.desktop');
  if (!openAtLogin) return { kind: 'autostart-file', path, contents: null };
  const command = [launch.appImage ?? launch.execPath, ...(launch.appPath ? [launch.appPath] : []), AT_LOGIN_ARG];
  const contents = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Cue',
    'Comment=Flashcard reminders',
    `Exec=${command.map(desktopQuote).join(' ')}`,
    'Icon=cue-flashcards',
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=false',
    '',
  ].join('\n');
  return { kind: 'autostart-file', path, contents };
}
