/**
 * Stand-ins for the renderer side of Electron that preload.ts uses: contextBridge.exposeInMainWorld and
 * ipcRenderer.invoke. As in Electron, an API can be exposed only on a key the page does not have yet, it
 * becomes a read-only property, what crosses the bridge is copied (functions are called through it, their
 * answers copied back), and every IPC message is a structured clone, so a function or a DOM object in it
 * fails in the renderer instead of reaching the main process. `send` carries the message to the main
 * process's stand-in (a Playwright binding in a page, a direct call in a unit test).
 * No Node and no DOM here: this file is also bundled into the page.
 */

export type IpcSend = (channel: string, args: unknown[]) => Promise<unknown>;

/** A value as the main world sees it after crossing the bridge. */
function overTheBridge(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => {
      const result = fn(...args.map(overTheBridge));
      return result instanceof Promise ? result.then(overTheBridge) : overTheBridge(result);
    };
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(overTheBridge);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, overTheBridge(item)]));
}

export function rendererStandIn(world: object, send: IpcSend) {
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      if (key in world) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(world, key, {
        value: overTheBridge(api),
        enumerable: true,
        writable: false,
        configurable: false,
      });
    },
  };
  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      let message: unknown[];
      try {
        message = structuredClone(args);
      } catch {
        return Promise.reject(new Error('An object could not be cloned.'));
      }
      return send(channel, message);
    },
  };
  return { contextBridge, ipcRenderer };
}
