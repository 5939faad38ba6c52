/**
 * Pushes from the main side: IPC in Electron, server-sent events from the web host in a browser.
 * EventSource reconnects by itself when the host restarts or the link drops.
 */
import type { AppEvent, AppEventListener } from '../../src-shared/events';
import { getToken } from './token';

export function subscribeToEvents(listener: AppEventListener): () => void {
  if (window.api) return window.api.onEvent(listener);
  const token = getToken();
  if (!token) return () => undefined;
  const source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
  source.onmessage = (message: MessageEvent<string>) => {
    const event = parseEvent(message.data);
    if (event) listener(event);
  };
  return () => source.close();
}

function parseEvent(data: string): AppEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string') {
      // The host is ours and typed from the same AppEvent union: checking the discriminant suffices.
      return value as AppEvent;
    }
  } catch {
    // A malformed push is ignored: the next refetch brings the screen up to date anyway.
  }
  return null;
}
