/** Exposes exactly the API table as `window.cue`: one function per method, nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { methodNames } from '../shared/api';

const CUE_CHANNEL = 'cue:call';

const bridge = Object.fromEntries(
  methodNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(CUE_CHANNEL, name, input)]),
);

contextBridge.exposeInMainWorld('cue', bridge);
