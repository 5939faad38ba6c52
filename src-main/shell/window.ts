/**
 * The main window and the navigation rules for every web contents (checklist 12-14): the
 * page may only ever show our own origin; links to checked https sites open in the
 * clerk's browser; new windows and <webview> are refused.
 */
import { app, BrowserWindow, shell } from 'electron';
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { APP_ENTRY_URL, isOwnAppUrl, isSafeExternalUrl, secureWebPreferences } from './security';

export const WINDOW_TITLE = '技能培训调度填报';

export function mainWindowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    // The dispatch table has many columns; below this it stops being usable.
    minWidth: 1024,
    minHeight: 640,
    // Shown on ready-to-show, so the clerk never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath, { devTools }),
  };
}

function openIfSafe(url: string): void {
  if (isSafeExternalUrl(url)) {
    shell.openExternal(url).catch(() => {
      // No default browser or the OS refused: nothing useful to tell the clerk here.
    });
  }
}

/** Applied to every web contents the app creates, not only the main window's. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isOwnAppUrl(event.url)) return;
    event.preventDefault();
    openIfSafe(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isOwnAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openIfSafe(url);
    return { action: 'deny' };
  });
}

/** Call once, before any window exists, so nothing escapes the rules above. */
export function installWebContentsHardening(): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });
}

export function createMainWindow(preloadPath: string, devTools: boolean): BrowserWindow {
  const options = mainWindowOptions(preloadPath, devTools);
  // The three flags that matter most, restated at the construction site where reviewers and
  // static scanners (Electronegativity) look for them; the values equal secureWebPreferences'.
  const window = new BrowserWindow({
    ...options,
    webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  window.once('ready-to-show', () => window.show());
  // The page's own <title> would otherwise replace the Chinese product name.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('main window failed to load', error instanceof Error ? error.message : error);
  });
  return window;
}
