/**
 * Registers the API table on ipcMain: one channel, every call validated (sender and input) by the
 * same dispatch the web host uses. Errors travel back as data so the renderer sees code and details.
 * The few methods the desktop shell answers itself (arming the microphone) are validated the same way
 * and answered here, with the window that called.
 */
import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { api, isMethodName, type MethodName } from '../shared/api';
import { CueError } from '../shared/errors';
import type { Collection } from './core/collection';
import { checkInput, dispatch, toCueError } from './core/dispatch';
import type { MicrophoneArming } from './microphone-arming';

export const CUE_CHANNEL = 'cue:call';

/** Methods the shell answers instead of the core, given the id of the calling window's web contents. */
export type ShellHandlers = Partial<Record<MethodName, (contentsId: number) => unknown>>;

/** The microphone's arming, answered for the window that asked (and only that window may then record). */
export function microphoneShellHandlers(microphone: MicrophoneArming): ShellHandlers {
  return {
    'recordings.arm': (contentsId) => microphone.arm(contentsId),
    'recordings.disarm': () => microphone.disarm(),
  };
}

function answer(
  collection: Collection,
  shell: ShellHandlers,
  event: IpcMainInvokeEvent,
  name: unknown,
  input: unknown,
) {
  const own = isMethodName(name) ? shell[name] : undefined;
  if (!own || !isMethodName(name)) return dispatch(collection, name, input);
  checkInput(name, api[name].input, input ?? {});
  return own(event.sender.id);
}

export function registerApi(
  collection: Collection,
  isTrustedUrl: (url: string) => boolean,
  shell: ShellHandlers = {},
  /** Told of each call answered (the desktop menu's Undo label follows the history). */
  afterCall: (name: unknown) => void = () => undefined,
): void {
  ipcMain.handle(CUE_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    try {
      if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url)) {
        throw new CueError('unauthorized', 'Calls are accepted only from Cue’s own window.');
      }
      return { ok: true, result: await answer(collection, shell, event, name, input) };
    } catch (error) {
      return { ok: false, error: toCueError(error).toJSON() };
    } finally {
      afterCall(name);
    }
  });
}
