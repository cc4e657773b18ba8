/**
 * The `electron` module as preload.ts sees it in the IPC harness's page (test/helpers/ipc-harness.ts
 * bundles preload.ts with `electron` resolved to this file): the page's window is the main world, and
 * ipcRenderer's messages go to the test process through the Playwright binding IPC_BINDING. Unlike
 * Electron's isolated world, the page could call that binding itself; the stand-in ipcMain checks the
 * calling frame all the same.
 */
import { rendererStandIn } from './electron-renderer-stand-in';

export const IPC_BINDING = '__cueStandInIpc';

type Binding = (channel: string, args: unknown[]) => Promise<unknown>;

export const { contextBridge, ipcRenderer } = rendererStandIn(globalThis, (channel, args) =>
  (globalThis as unknown as Record<string, Binding>)[IPC_BINDING](channel, args),
);
