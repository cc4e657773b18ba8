/**
 * The `electron` module as ipc.ts sees it in the IPC harness (test/helpers/ipc-harness.ts bundles the
 * main-process side with `electron` resolved to this file): one stand-in ipcMain.
 */
import { StandInIpcMain } from './electron-stand-ins';

export const ipcMain = new StandInIpcMain();
