/**
 * electron-updater wired to the UpdateController (core/update): updates come from the provincial
 * server this PC is enrolled with, never from the internet. When an update is downloaded the clerk
 * is asked once whether to restart now; otherwise it installs on quit.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { autoUpdater } from 'electron-updater';
import { getNetSession } from 'electron-updater/out/electronHttpExecutor';
import type { AppContext } from '../core/app-context';
import { SettingsRepository } from '../core/db/repositories/settings-repository';
import { UpdateController, updateFeedUrl, type UpdaterPort } from '../core/update/update-controller';
import { isAllowedUpdateRequest } from '../core/update/update-requests';

export function startUpdates(ctx: AppContext, getWindow: () => BrowserWindow | null, isBusy: () => boolean): UpdateController | null {
  // Development builds have no app-update.yml and nothing to update.
  if (!app.isPackaged) return null;
  const settings = new SettingsRepository(ctx.db);
  // electron-updater follows redirects on its own session: every request there, redirected ones included, must stay
  // under the enrolled server's feed (update-requests.ts). The feed is read once per start and after each check.
  let allowedFeed: string | null = null;
  const refreshFeed = async () => {
    allowedFeed = updateFeedUrl(await settings.get<string>('serverUrl'));
    return allowedFeed;
  };
  getNetSession().webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUpdateRequest(details.url, allowedFeed) }));
  const controller = new UpdateController(autoUpdater as unknown as UpdaterPort, {
    feedUrl: refreshFeed,
    isBusy,
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  });
  controller.onChange((state) => {
    const window = getWindow();
    if (!window) return;
    window.setProgressBar(state.phase === 'downloading' ? state.percent / 100 : -1);
    if (state.phase !== 'ready') return;
    void dialog
      .showMessageBox(window, {
        type: 'info',
        title: '软件更新',
        message: `新版本 ${state.version} 已下载完成`,
        detail: '现在重启即可完成安装（数据会先自动备份）；也可以稍后，退出程序时自动安装。',
        buttons: ['现在重启安装', '退出时安装'],
        defaultId: 1,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (response !== 0) return;
        const result = controller.installNow();
        if (!result.ok) void dialog.showMessageBox(window, { type: 'warning', title: '软件更新', message: result.message });
      });
  });
  controller.start();
  return controller;
}
