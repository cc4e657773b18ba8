/**
 * The commands the desktop app's menu sends (shared/renderer-commands.ts) and the renderer's own buttons
 * and keys run, through one window event, so both take the same path. `?` anywhere outside a text field
 * opens the keyboard shortcuts.
 */
import { useEffect, useRef } from 'react';
import { COMMAND_EVENT, COMMAND_QUEUE, isRendererCommand, type RendererCommand } from '../../shared/renderer-commands';
import { type KeyPress, keyPress } from '../lib/keys';

declare global {
  interface Window {
    [COMMAND_QUEUE]?: unknown[];
  }
}

/** Runs a command as the menu would. */
export function sendCommand(command: RendererCommand): void {
  window.dispatchEvent(new CustomEvent(COMMAND_EVENT, { detail: command }));
}

/** `?` (Shift+/ on most layouts) opens the shortcuts, unless the focus is where it types. */
export function globalKeyCommand(press: KeyPress): RendererCommand | null {
  if (press.repeat || press.editable || press.ctrlKey || press.metaKey || press.altKey) return null;
  return press.key === '?' ? 'shortcuts' : null;
}

export function useCommands(onCommand: (command: RendererCommand) => void): void {
  const latest = useRef(onCommand);
  latest.current = onCommand;
  useEffect(() => {
    // the desktop app's commands wait in a queue until the page listens (commandScript)
    const drain = () => {
      const queue = window[COMMAND_QUEUE] ?? [];
      while (queue.length > 0) {
        const command = queue.shift();
        if (isRendererCommand(command)) latest.current(command);
      }
    };
    const onEvent = (event: Event) => {
      const command = (event as CustomEvent<unknown>).detail;
      if (isRendererCommand(command)) latest.current(command);
      drain();
    };
    drain();
    const onKey = (event: KeyboardEvent) => {
      // a dialog's keys are its own
      if (document.querySelector('dialog[open]')) return;
      const command = globalKeyCommand(keyPress(event));
      if (command === null) return;
      event.preventDefault();
      latest.current(command);
    };
    window.addEventListener(COMMAND_EVENT, onEvent);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener(COMMAND_EVENT, onEvent);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
