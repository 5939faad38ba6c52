import type { AppEventListener } from '../../src-shared/events';
import type { RpcResult } from '../../src-shared/result';

/** What the Electron preload exposes; absent when the page runs in a plain browser. */
export interface PreloadApi {
  invoke(name: string, input: unknown): Promise<RpcResult>;
  onEvent(listener: AppEventListener): () => void;
}

declare global {
  interface Window {
    api?: PreloadApi;
  }
}
