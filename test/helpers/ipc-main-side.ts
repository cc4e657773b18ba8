/**
 * The desktop app's main-process side as the IPC harness runs it: the real ipc.ts registration on the
 * stand-in ipcMain, wired to a real collection as main.ts wires it. test/helpers/ipc-harness.ts bundles
 * this file with `electron` resolved to electron-in-main.ts (the module imported here), so ipc.ts and this
 * file share the one stand-in ipcMain.
 */
import { Collection } from '../../electron/core/collection';
import { CUE_CHANNEL, microphoneShellHandlers, registerApi } from '../../electron/ipc';
import { MicrophoneArming } from '../../electron/microphone-arming';
import { isAppUrl } from '../../electron/shell-policy';
import { ipcMain } from './electron-in-main';

export function startMainSide(dataDir: string, bundledDeckDir: string) {
  const collection = new Collection({ dataDir, bundledDeckDir, holder: 'the IPC harness' });
  const microphone = new MicrophoneArming();
  registerApi(collection, isAppUrl, microphoneShellHandlers(microphone));
  return {
    ipcMain,
    microphone,
    mediaDir: collection.mediaDir,
    close(): void {
      ipcMain.removeHandler(CUE_CHANNEL);
      collection.close();
    },
  };
}

export type MainSide = ReturnType<typeof startMainSide>;
