/**
 * Commands the desktop shell's menu (and the renderer's own buttons and keys) ask of the renderer: a screen
 * to show or a dialog to open. The main process sends one as a `cue:command` event on the window, so the
 * menu and the web mode run the same code.
 */
export const RENDERER_COMMANDS = [
  'home',
  'study',
  'browse',
  'stats',
  'options',
  'import',
  'export',
  'restore',
  'sync',
  'settings',
  'shortcuts',
  'about',
  'undo',
  'redo',
] as const;
export type RendererCommand = (typeof RENDERER_COMMANDS)[number];

export const COMMAND_EVENT = 'cue:command';
/** Fired on the window when this computer's preferences changed (the theme, reminders), from anywhere. */
export const PREFERENCES_CHANGED_EVENT = 'cue:preferences-changed';

export function isRendererCommand(value: unknown): value is RendererCommand {
  return typeof value === 'string' && (RENDERER_COMMANDS as readonly string[]).includes(value);
}

/** Where commands wait for a window whose page has not yet begun to listen (a window just opened from the tray). */
export const COMMAND_QUEUE = 'cueCommands';

/**
 * The script the main process runs in the window to send it a command: queued, then announced, so a page
 * still starting takes it when it begins to listen.
 */
export function commandScript(command: RendererCommand): string {
  const queue = `window.${COMMAND_QUEUE}`;
  return `(${queue} = ${queue} || []).push(${JSON.stringify(command)}); window.dispatchEvent(new Event(${JSON.stringify(COMMAND_EVENT)}))`;
}

export const PREFERENCES_CHANGED_SCRIPT = `window.dispatchEvent(new Event(${JSON.stringify(PREFERENCES_CHANGED_EVENT)}))`;
