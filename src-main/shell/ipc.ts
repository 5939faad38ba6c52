/**
 * The Electron transport of the one contract: a single `app:invoke` handler that checks
 * who is asking and hands the call to the core router, and a single `app:event` push
 * channel. Input validation happens in the router (zod, main side); this layer only
 * decides whether the sender may talk to us at all.
 */
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { AppContext } from '../core/app-context';
import type { RpcResult } from '../../src-shared/result';
import { isOwnAppUrl } from './security';

export const INVOKE_CHANNEL = 'app:invoke';
export const EVENT_CHANNEL = 'app:event';

const MAX_PROCEDURE_NAME_LENGTH = 100;

/** The two WebFrameMain properties the check reads; structural so tests can pass plain objects. */
interface SenderFrame {
  readonly url: string;
  readonly parent: object | null;
}

/**
 * Checklist 17: only the top frame of a page served from our own origin may call. The frame
 * is null when it navigated away or was destroyed while the message was in flight.
 */
export function isTrustedSender(frame: SenderFrame | null): boolean {
  return frame !== null && frame.parent === null && isOwnAppUrl(frame.url);
}

function failure(code: 'FORBIDDEN' | 'VALIDATION' | 'INTERNAL', message: string): RpcResult {
  return { ok: false, error: { code, message } };
}

export function createInvokeHandler(
  ctx: Pick<AppContext, 'invoke'>,
): (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<RpcResult> {
  return async (event, name, input) => {
    if (!isTrustedSender(event.senderFrame)) {
      return failure('FORBIDDEN', '请求来自不受信任的页面，已拒绝。请关闭后重新打开本程序。');
    }
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_PROCEDURE_NAME_LENGTH) {
      return failure('VALIDATION', '操作名称无效，请重新打开本程序后再试。');
    }
    try {
      return await ctx.invoke(name, input);
    } catch {
      // ctx.invoke promises never to throw; if it does anyway, the renderer still gets a
      // value it can show, and no internal error text (which may hold personal data).
      return failure('INTERNAL', '程序内部出错，请重试；如果反复出现，请联系技术支持。');
    }
  };
}

/**
 * Registers the handler and the event forwarding. Returns a disposer so shutdown (and
 * tests) can undo both. Events go to whatever main window exists at the time.
 */
export function registerIpc(
  ctx: Pick<AppContext, 'invoke' | 'onEvent'>,
  getWindow: () => BrowserWindow | null,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(ctx));
  const unsubscribe = ctx.onEvent((appEvent) => {
    const window = getWindow();
    if (window !== null && !window.isDestroyed() && !window.webContents.isDestroyed()) {
      window.webContents.send(EVENT_CHANNEL, appEvent);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
