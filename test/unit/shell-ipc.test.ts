import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { AppEvent } from '../../src-shared/events';
import type { RpcResult } from '../../src-shared/result';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

const handlers = vi.hoisted(() => new Map<string, Handler>());

vi.mock('electron', () => ({
  ipcMain: {
    handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  },
}));

import { createInvokeHandler, EVENT_CHANNEL, INVOKE_CHANNEL, isTrustedSender, registerIpc } from '../../src-main/shell/ipc';

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

const topFrame: FakeFrame = { url: 'app://skills-desk/index.html', parent: null };

function eventFrom(frame: FakeFrame | null): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function fakeContext() {
  const listeners = new Set<(event: AppEvent) => void>();
  return {
    invoke: vi.fn(async (name: string, input: unknown): Promise<RpcResult> => ({ ok: true, data: { name, input } })),
    onEvent: vi.fn((listener: (event: AppEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    emit(event: AppEvent) {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  };
}

describe('isTrustedSender', () => {
  it('accepts the top frame of our own origin, on any route', () => {
    expect(isTrustedSender(topFrame)).toBe(true);
    expect(isTrustedSender({ url: 'app://skills-desk/reports?period=2026-01', parent: null })).toBe(true);
  });

  it('rejects missing, foreign and nested frames', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///C:/x.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://skills-desk/index.html', parent: topFrame })).toBe(false);
  });
});

describe('the app:invoke handler', () => {
  it('forwards a good call to the context and returns its result', async () => {
    const ctx = fakeContext();
    const handler = createInvokeHandler(ctx);
    const result = await handler(eventFrom(topFrame), 'trainees.list', { page: 1 });
    expect(ctx.invoke).toHaveBeenCalledWith('trainees.list', { page: 1 });
    expect(result).toEqual({ ok: true, data: { name: 'trainees.list', input: { page: 1 } } });
  });

  const untrusted: Array<[string, FakeFrame | null]> = [
    ['a foreign origin', { url: 'https://evil.example/', parent: null }],
    ['a sub-frame of our page', { url: 'app://skills-desk/index.html', parent: topFrame }],
    ['a destroyed frame', null],
  ];
  it.each(untrusted)('refuses %s with FORBIDDEN', async (_label, frame) => {
    const ctx = fakeContext();
    const result = await createInvokeHandler(ctx)(eventFrom(frame), 'trainees.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ctx.invoke).not.toHaveBeenCalled();
  });

  const badNames: Array<[unknown]> = [[42], [null], [undefined], [{ toString: () => 'trainees.list' }], [''], ['x'.repeat(101)]];
  it.each(badNames)(
    'refuses the procedure name %j',
    async (name) => {
      const ctx = fakeContext();
      const result = await createInvokeHandler(ctx)(eventFrom(topFrame), name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(ctx.invoke).not.toHaveBeenCalled();
    },
  );

  it('turns a throwing context into an INTERNAL value without its message', async () => {
    const ctx = fakeContext();
    ctx.invoke.mockRejectedValueOnce(new Error('SQLITE_CONSTRAINT 230102199001011234'));
    const result = await createInvokeHandler(ctx)(eventFrom(topFrame), 'trainees.create', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('2301');
  });
});

describe('registerIpc', () => {
  beforeEach(() => handlers.clear());

  function fakeWindow() {
    const send = vi.fn();
    const window = { isDestroyed: () => false, webContents: { isDestroyed: () => false, send } };
    return { window: window as unknown as BrowserWindow, send };
  }

  it('registers app:invoke and pushes events on app:event', async () => {
    const ctx = fakeContext();
    const { window, send } = fakeWindow();
    registerIpc(ctx, () => window);
    const handler = handlers.get(INVOKE_CHANNEL);
    expect(handler).toBeDefined();
    await expect(handler?.(eventFrom(topFrame), 'status.get', null)).resolves.toMatchObject({ ok: true });

    ctx.emit({ type: 'status.changed' });
    expect(send).toHaveBeenCalledWith(EVENT_CHANNEL, { type: 'status.changed' });
  });

  it('drops events while no window exists', () => {
    const ctx = fakeContext();
    registerIpc(ctx, () => null);
    expect(() => ctx.emit({ type: 'status.changed' })).not.toThrow();
  });

  it('undoes both registrations when disposed', () => {
    const ctx = fakeContext();
    const dispose = registerIpc(ctx, () => null);
    dispose();
    expect(handlers.has(INVOKE_CHANNEL)).toBe(false);
    expect(ctx.listenerCount()).toBe(0);
  });
});
