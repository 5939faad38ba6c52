/**
 * Electron entry point: composition only. Everything the app does lives in core (shared
 * with the CLI and browser mode); the modules here only wire it to Electron safely.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { openAppContext } from '../core/app-context';
import type { AppContext } from '../core/app-context';
import { defaultDataDir } from '../core/data-dir';
import { MigrationFailedError } from '../core/db/migrate';
import { stderrLogger } from '../../src-node/logger';
import { registerIpc } from './ipc';
import { electronPdfPrinter } from './print';
import { installAppMenu } from './menu';
import { handleAppProtocol, registerAppSchemePrivileges } from './protocol';
import { isAppError } from '../../src-shared/errors';
import { confirmKeyFileFallback, safeStorageBox } from './safe-storage-box';
import { applySessionPolicy } from './session-policy';
import { startUpdates } from './updater';
import { createMainWindow, installWebContentsHardening } from './window';
import { applyDesktopHeapPolicy } from '../core/heap-policy';

// Compiled layout: dist/src-main/shell/main.js, dist/src-main/preload.js, dist/renderer/.
const PRELOAD_PATH = path.join(__dirname, '../preload.js');
const RENDERER_DIR = path.join(__dirname, '../../renderer');

let ctx: AppContext | null = null;
let mainWindow: BrowserWindow | null = null;
let disposeIpc: (() => void) | null = null;
let quitting = false;
let updates: ReturnType<typeof startUpdates> = null;

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  // The same folder as the CLI and browser mode, so all three see one store; not
  // app.getPath('userData'), which is Electron-only.
  const dataDir = defaultDataDir();
  let opened: AppContext;
  try {
    // The data key and the device token are sealed with the OS keystore here; without one, by the key file beside
    // the store, once the clerk has confirmed that this is weaker.
    const secretBox = await safeStorageBox(stderrLogger);
    if (!secretBox && !(await confirmKeyFileFallback(dataDir, stderrLogger))) {
      app.quit();
      return;
    }
    opened = await openAppContext({ dataDir, mode: 'electron', pdfPrinter: electronPdfPrinter(), ...(secretBox ? { secretBox } : {}) });
  } catch (error) {
    // Name only: store errors can quote row values (ID numbers), which must not reach logs.
    console.error('failed to open the data store:', error instanceof Error ? error.name : typeof error);
    dialog.showErrorBox(
      '无法打开数据',
      error instanceof MigrationFailedError
        ? error.clerkMessage
        : isAppError(error)
          ? // Written for the clerk (a store this PC's key does not open names the recovery code), no row values.
            error.message
          : `程序无法打开本机数据文件夹：\n${dataDir}\n\n请确认该文件夹存在且可写，并且没有其他程序正在使用，然后重新打开本程序。如果仍然不行，请联系技术支持。`,
    );
    app.quit();
    return;
  }
  if (quitting) {
    await opened.close();
    return;
  }
  ctx = opened;
  if (opened.newRecoveryCode) {
    // Made with the store's data key just now: shown once, stored nowhere in clear (the CLI's recovery-code makes a new one).
    await dialog.showMessageBox({
      type: 'info',
      title: '本机数据的恢复码',
      message: opened.newRecoveryCode,
      detail: '请抄写下来，与电脑分开保管。电脑重装或换电脑后，用备份恢复数据时需要它（skills-desk recover --code 恢复码）。这个恢复码只显示这一次。',
      buttons: ['我已抄下'],
      noLink: true,
    });
  }
  applySessionPolicy(session.defaultSession);
  handleAppProtocol(RENDERER_DIR, { files: opened.services.files, isLocked: () => opened.services.operatorLock.isLocked() });
  disposeIpc = registerIpc(opened, () => mainWindow);
  installAppMenu(() => mainWindow);
  mainWindow = createMainWindow(PRELOAD_PATH, !app.isPackaged);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  updates = startUpdates(opened, () => mainWindow, () => opened.activity.isBusy());
}

async function shutdown(): Promise<void> {
  updates?.stop();
  disposeIpc?.();
  disposeIpc = null;
  const closing = ctx;
  ctx = null;
  try {
    await closing?.close();
  } catch (error) {
    console.error('failed to close the data store:', error instanceof Error ? error.name : typeof error);
  }
}

/** Closing the last window started the quit: staying means a window again. */
function reopenAfterCancelledQuit(): void {
  quitting = false;
  if (mainWindow !== null) return;
  mainWindow = createMainWindow(PRELOAD_PATH, !app.isPackaged);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Unsent changes are safe on this PC, but the clerk may have meant to sync before leaving: ask. */
async function confirmUnsent(context: AppContext): Promise<boolean> {
  const pending = await context.services.sync.status().then((s) => s.pending.total, () => 0);
  if (pending === 0) return true;
  const answer = await dialog.showMessageBox({
    type: 'question',
    buttons: ['退出', '留下去同步'],
    defaultId: 1,
    cancelId: 1,
    title: '还有未同步的数据',
    message: `本机还有 ${pending} 条修改尚未上报到省服务器。`,
    detail: '数据已安全保存在本机，下次打开后仍可同步。确定现在退出吗？',
  });
  return answer.response === 0;
}

applyDesktopHeapPolicy();

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same SQLite store as a second writer.
  app.quit();
} else {
  app.enableSandbox();
  registerAppSchemePrivileges();
  installWebContentsHardening();
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (ctx === null) return;
    // Hold the quit until the store is closed (WAL checkpoint, pending writes), then resume.
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void confirmUnsent(ctx).then((leave) => {
      if (leave) void shutdown().then(() => app.quit());
      else reopenAfterCancelledQuit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('startup failed:', error instanceof Error ? error.message : error);
      app.quit();
    });
}
