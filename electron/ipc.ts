/**
 * Registers the API table on ipcMain: one channel, every call validated (sender and input) by the
 * same dispatch the web host uses. Errors travel back as data so the renderer sees code and details.
 */
import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { CueError } from '../shared/errors';
import type { Collection } from './core/collection';
import { dispatch, toCueError } from './core/dispatch';

export const CUE_CHANNEL = 'cue:call';

export function registerApi(collection: Collection, isTrustedUrl: (url: string) => boolean): void {
  ipcMain.handle(CUE_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    try {
      if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url)) {
        throw new CueError('unauthorized', 'Calls are accepted only from Cue’s own window.');
      }
      return { ok: true, result: await dispatch(collection, name, input) };
    } catch (error) {
      return { ok: false, error: toCueError(error).toJSON() };
    }
  });
}
