/**
 * Navigation, new windows, webviews and permission requests are denied: the handlers installed by
 * the shell, exercised with fake WebContents and Session objects (no Electron binary here).
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async () => undefined);
vi.mock('electron', () => ({ app: new EventEmitter(), shell: { openExternal }, BrowserWindow: class {} }));

const { hardenWebContents } = await import('../../src-main/shell/window');
const { applySessionPolicy } = await import('../../src-main/shell/session-policy');
const { APP_ORIGIN } = await import('../../src-main/shell/security');

type WindowOpenHandler = (details: { url: string }) => { action: string };

class FakeContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  setWindowOpenHandler(handler: WindowOpenHandler) {
    this.windowOpenHandler = handler;
  }
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

beforeEach(() => openExternal.mockClear());

describe('web contents hardening', () => {
  it('keeps navigation inside the app and sends checked https links to the browser', () => {
    const contents = new FakeContents();
    hardenWebContents(contents as never);
    const own = navigationEvent(`${APP_ORIGIN}/index.html#/trainees`);
    contents.emit('will-navigate', own);
    expect(own.preventDefault).not.toHaveBeenCalled();
    const away = navigationEvent('https://px.class.com.cn/');
    contents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://px.class.com.cn/');
    const file = navigationEvent('file:///etc/passwd');
    contents.emit('will-navigate', file);
    expect(file.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('blocks redirects away from the app and every webview', () => {
    const contents = new FakeContents();
    hardenWebContents(contents as never);
    const redirect = navigationEvent('http://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window, opening only safe https links outside', () => {
    const contents = new FakeContents();
    hardenWebContents(contents as never);
    expect(contents.windowOpenHandler!({ url: 'https://www.chinanet.gov.cn/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('session policy', () => {
  it('denies permission requests, checks and devices, and requests to other origins', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
      webRequest: { onBeforeRequest: (h: never) => (handlers.beforeRequest = h) },
    };
    applySessionPolicy(session as never);
    const granted = vi.fn();
    (handlers.request as (w: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect((handlers.check as () => boolean)()).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
    const decide = (url: string) => {
      const callback = vi.fn();
      (handlers.beforeRequest as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, callback);
      return callback.mock.calls[0]![0];
    };
    expect(decide(`${APP_ORIGIN}/assets/app.js`)).toEqual({ cancel: false });
    expect(decide('https://cdn.example.com/x.js')).toEqual({ cancel: true });
  });
});
