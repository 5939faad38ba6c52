/**
 * The only bridge between the page and the main process: two functions on `window.api`.
 * The page never sees ipcRenderer or the IPC event objects (their `sender` would hand it
 * ipcRenderer). With `sandbox: true` a preload may only require Electron's renderer
 * modules, so this file imports nothing of ours at run time, only types.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { AppEvent } from '../src-shared/events';
import type { RpcResult } from '../src-shared/result';

// Literal copies of the channel names in shell/ipc.ts: importing them would pull a
// non-Electron module into the sandboxed preload.
const INVOKE_CHANNEL = 'app:invoke';
const EVENT_CHANNEL = 'app:event';

export interface PreloadApi {
  invoke(name: string, input: unknown): Promise<RpcResult>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

const api: PreloadApi = {
  invoke(name, input) {
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, input) as Promise<RpcResult>;
  },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('onEvent expects a function');
    const forward = (_event: IpcRendererEvent, appEvent: AppEvent): void => listener(appEvent);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
