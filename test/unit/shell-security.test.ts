import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// protocol.ts and window.ts import electron at module level; the real package would try
// to download its binary here, so only the pieces under test are faked.
vi.mock('electron', () => ({
  app: { on: vi.fn() },
  BrowserWindow: vi.fn(),
  shell: { openExternal: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  dialog: { showMessageBox: vi.fn() },
  Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() },
}));

import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isAllowedRendererRequest,
  isOwnAppUrl,
  isSafeExternalUrl,
  resolveAppAssetPath,
  secureWebPreferences,
} from '../../src-main/shell/security';
import { contentTypeFor, serveAppRequest } from '../../src-main/shell/protocol';
import { mainWindowOptions, WINDOW_TITLE } from '../../src-main/shell/window';
import { buildMenuTemplate } from '../../src-main/shell/menu';
import type { MenuItemConstructorOptions } from 'electron';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/preload.js');

  it('sets every checklist value explicitly', () => {
    expect(prefs).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('never enables Blink features', () => {
    expect('enableBlinkFeatures' in prefs).toBe(false);
  });

  it('allows DevTools only on request', () => {
    expect(secureWebPreferences('/p.js', { devTools: true }).devTools).toBe(true);
  });
});

describe('mainWindowOptions', () => {
  it('uses the Chinese title, a usable size and the secure preferences', () => {
    const options = mainWindowOptions('/app/preload.js', false);
    expect(options.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('技能培训调度填报');
    expect(options).toMatchObject({ width: 1280, height: 800, show: false });
    expect(options.minWidth).toBeGreaterThan(0);
    expect(options.webPreferences).toEqual(secureWebPreferences('/app/preload.js'));
  });
});

describe('buildMenuTemplate', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [
      ...(item.role ? [item.role] : []),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);
  const base = { appName: '技能培训调度填报', onAbout: () => undefined };

  it('has the Chinese menus with the clipboard roles', () => {
    const template = buildMenuTemplate({ ...base, devTools: false });
    expect(template.map((item) => item.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(roles(template)).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers DevTools only in development builds', () => {
    expect(roles(buildMenuTemplate({ ...base, devTools: false }))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ ...base, devTools: true }))).toContain('toggleDevTools');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self' data:"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ])('%s is %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });

  it('never allows eval or inline scripts', () => {
    expect(directives.get('script-src')).not.toMatch(/unsafe/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });
});

describe('isOwnAppUrl', () => {
  it.each([`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/`, `${APP_ORIGIN}/reports?x=1#top`, APP_ORIGIN])(
    'accepts %s',
    (url) => expect(isOwnAppUrl(url)).toBe(true),
  );

  it.each([
    'app://other/index.html',
    'app://skills-desk.evil.com/index.html',
    'app://user:pw@skills-desk/index.html',
    'https://skills-desk/index.html',
    'file:///index.html',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('rejects %s', (url) => expect(isOwnAppUrl(url)).toBe(false));
});

describe('isSafeExternalUrl', () => {
  it.each([
    'https://www.mohrss.gov.cn/',
    'https://hrss.hlj.gov.cn/path/page.html?q=1#anchor',
    'https://example.com',
    'https://xn--fiqs8s.cn/',
    'https://sub.example.co.uk:8443/x',
  ])('accepts %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));

  it.each([
    'http://example.com/',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'ftp://example.com/',
    'smb://server/share',
    'ms-settings:privacy',
    'app://skills-desk/index.html',
    'https://user:pw@example.com/',
    'https://user@example.com/',
    'https://localhost/',
    'https://[::1]/',
    'https://exa mple.com/',
    ' https://example.com/',
    'https://example.com/\nnext',
    'https://example.com/\tx',
    'https://-bad-.com/',
    'https://',
    'https:example.com',
    'HTTPS://example.com/',
    'https:\\\\example.com\\',
    'https://example.com\\@evil.com/',
    '//example.com/',
    `https://example.com/${'a'.repeat(3000)}`,
    '',
  ])('rejects %s', (url) => expect(isSafeExternalUrl(url)).toBe(false));
});

describe('isAllowedRendererRequest', () => {
  it.each([`${APP_ORIGIN}/assets/index.js`, 'data:image/png;base64,AAAA', 'blob:app://skills-desk/1234', 'devtools://devtools/bundled/x.html'])(
    'allows %s',
    (url) => expect(isAllowedRendererRequest(url)).toBe(true),
  );

  it.each(['https://example.com/', 'http://127.0.0.1:8080/rpc', 'file:///etc/passwd', 'ws://localhost/', 'app://other/x'])(
    'blocks %s',
    (url) => expect(isAllowedRendererRequest(url)).toBe(false),
  );
});

describe('resolveAppAssetPath', () => {
  let base: string;
  let root: string;

  beforeAll(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-shell-'));
    root = path.join(base, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'assets', '培训.css'), 'body{}');
    fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  });

  afterAll(() => {
    fs.rmSync(base, { recursive: true, force: true });
  });

  const file = (...parts: string[]): string => path.join(fs.realpathSync(root), ...parts);

  it('maps existing files', () => {
    expect(resolveAppAssetPath(root, `${APP_ORIGIN}/index.html`)).toBe(file('index.html'));
    expect(resolveAppAssetPath(root, `${APP_ORIGIN}/assets/index-abc.js`)).toBe(file('assets', 'index-abc.js'));
    expect(resolveAppAssetPath(root, `${APP_ORIGIN}/assets/index-abc.js?v=2#x`)).toBe(file('assets', 'index-abc.js'));
    expect(resolveAppAssetPath(root, `${APP_ORIGIN}/assets/${encodeURIComponent('培训')}.css`)).toBe(
      file('assets', '培训.css'),
    );
  });

  it('serves index.html for the root and for client-side routes', () => {
    for (const route of ['', '/', '/trainees', '/reports/2026-01/', '/assets', `/${encodeURIComponent('报表')}`]) {
      expect(resolveAppAssetPath(root, `${APP_ORIGIN}${route}`)).toBe(file('index.html'));
    }
  });

  it('returns null for missing files that look like files', () => {
    expect(resolveAppAssetPath(root, `${APP_ORIGIN}/assets/missing.js`)).toBeNull();
    expect(resolveAppAssetPath(root, `${APP_ORIGIN}/favicon.ico`)).toBeNull();
  });

  it.each([
    `${APP_ORIGIN}/../secret.txt`,
    `${APP_ORIGIN}/assets/../../secret.txt`,
    `${APP_ORIGIN}/./index.html`,
    // Would land on a real file after normalisation: refused by the raw-text check itself.
    `${APP_ORIGIN}/assets/../index.html`,
    `${APP_ORIGIN}/assets/%2e%2e/index.html`,
    `${APP_ORIGIN}/%2e%2e/secret.txt`,
    `${APP_ORIGIN}/%2E%2E/secret.txt`,
    `${APP_ORIGIN}/.%2e/secret.txt`,
    `${APP_ORIGIN}/assets%2f..%2f..%2fsecret.txt`,
    `${APP_ORIGIN}/..%5csecret.txt`,
    `${APP_ORIGIN}/assets\\..\\..\\secret.txt`,
    `${APP_ORIGIN}//etc/passwd`,
    `${APP_ORIGIN}/C:/Windows/win.ini`,
    `${APP_ORIGIN}/index.html%00.js`,
    `${APP_ORIGIN}/%E0%A4%A`,
    `${APP_ORIGIN}/assets/link.txt`,
    'app://other-host/index.html',
    'app://skills-desk:8080/index.html',
    'APP://skills-desk/index.html',
    'app://user@skills-desk/index.html',
    'https://skills-desk/index.html',
    'file:///etc/passwd',
    '/etc/passwd',
    'C:\\Windows\\win.ini',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAssetPath(root, url)).toBeNull();
  });

  it('returns null when the renderer folder does not exist', () => {
    expect(resolveAppAssetPath(path.join(base, 'missing'), `${APP_ORIGIN}/index.html`)).toBeNull();
  });

  describe('serveAppRequest', () => {
    it('sends the file with its type, the CSP and nosniff', async () => {
      const response = await serveAppRequest(root, new Request(`${APP_ORIGIN}/assets/index-abc.js`));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('console.log(1)');
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('answers 404 with the same headers for traversal', async () => {
      const response = await serveAppRequest(root, new Request(`${APP_ORIGIN}/%2e%2e/secret.txt`));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('secret');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    });

    it('refuses methods other than GET and HEAD', async () => {
      const response = await serveAppRequest(root, new Request(`${APP_ORIGIN}/index.html`, { method: 'POST', body: 'x' }));
      expect(response.status).toBe(405);
    });

    it('types the files Vite emits', () => {
      expect(contentTypeFor('a/index.html')).toMatch(/^text\/html/);
      expect(contentTypeFor('a/x.CSS')).toMatch(/^text\/css/);
      expect(contentTypeFor('a/font.woff2')).toBe('font/woff2');
      expect(contentTypeFor('a/unknown.bin')).toBe('application/octet-stream');
    });
  });
});
