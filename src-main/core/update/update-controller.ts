/**
 * When to look for, fetch and install updates, independent of Electron so it runs and is tested in
 * plain Node with the updater injected. The rules: check at start and every 6 hours when the
 * provincial server is reachable; download in the background (never while a sync or an import runs,
 * both to leave the weak line to the data and to keep the disk quiet); install when the clerk clicks
 * or on quit, never in the middle of a sync or an import.
 */
import { normaliseServerUrl } from '../../../src-shared/domain/server-url';

export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** A check that found the app busy is retried this much later rather than waiting 6 hours. */
export const BUSY_RETRY_MS = 10 * 60 * 1000;

/** The subset of electron-updater's AppUpdater we use (generic provider, served by the provincial server). */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateEnvironment {
  /** The update folder of the provincial server this PC is enrolled with, or null before enrolment. */
  feedUrl(): Promise<string | null>;
  /** True while a sync or an import is running. */
  isBusy(): boolean;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export type UpdateState =
  | { phase: 'idle' }
  | { phase: 'not-enrolled' }
  | { phase: 'checking' }
  | { phase: 'up-to-date' }
  | { phase: 'downloading'; version: string; percent: number }
  | { phase: 'waiting'; version: string; reason: 'busy' }
  | { phase: 'ready'; version: string }
  | { phase: 'error'; message: string };

export type InstallResult = { ok: true } | { ok: false; reason: 'not-ready' | 'busy'; message: string };

export class UpdateController {
  private state: UpdateState = { phase: 'idle' };
  private timer: unknown = null;
  private readonly listeners = new Set<(state: UpdateState) => void>();
  private pendingVersion: string | null = null;

  constructor(
    private readonly updater: UpdaterPort,
    private readonly env: UpdateEnvironment,
  ) {
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = true;
    updater.on('update-available', (info) => {
      this.pendingVersion = info.version;
      void this.downloadWhenFree();
    });
    updater.on('update-not-available', () => this.setState({ phase: 'up-to-date' }));
    updater.on('download-progress', (progress) =>
      this.setState({ phase: 'downloading', version: this.pendingVersion ?? '', percent: Math.round(progress.percent) }),
    );
    updater.on('update-downloaded', (info) => this.setState({ phase: 'ready', version: info.version }));
    // Network trouble is the normal case on a county line: say so calmly, try again at the next check.
    updater.on('error', () => this.setState({ phase: 'error', message: '检查更新失败（可能暂时连不上省级服务器），稍后会自动重试' }));
  }

  get current(): UpdateState {
    return this.state;
  }

  onChange(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks now and then every 6 hours. */
  start(): void {
    void this.check();
  }

  stop(): void {
    if (this.timer !== null) this.env.clearTimer(this.timer);
    this.timer = null;
  }

  async check(): Promise<void> {
    this.schedule(CHECK_INTERVAL_MS);
    if (this.state.phase === 'downloading' || this.state.phase === 'ready') return;
    const url = await this.env.feedUrl();
    if (!url) {
      this.setState({ phase: 'not-enrolled' });
      return;
    }
    // Updates are code run on this PC: the same https-only rule as sync, before the feed is ever contacted.
    const checked = normaliseServerUrl(url);
    if (!checked.ok) {
      this.setState({ phase: 'error', message: `无法检查更新：${checked.message}` });
      return;
    }
    if (this.env.isBusy()) {
      this.schedule(BUSY_RETRY_MS);
      return;
    }
    this.updater.setFeedURL({ provider: 'generic', url });
    this.setState({ phase: 'checking' });
    try {
      await this.updater.checkForUpdates();
    } catch {
      this.setState({ phase: 'error', message: '检查更新失败（可能暂时连不上省级服务器），稍后会自动重试' });
    }
  }

  /** The clerk's click on 立即安装: refused while not downloaded or while a sync or import runs. */
  installNow(): InstallResult {
    if (this.state.phase !== 'ready') return { ok: false, reason: 'not-ready', message: '新版本还没有下载完成' };
    if (this.env.isBusy()) return { ok: false, reason: 'busy', message: '正在同步或导入数据，请等它完成后再安装更新' };
    this.updater.quitAndInstall(false, true);
    return { ok: true };
  }

  private async downloadWhenFree(): Promise<void> {
    const version = this.pendingVersion ?? '';
    if (this.env.isBusy()) {
      this.setState({ phase: 'waiting', version, reason: 'busy' });
      this.env.setTimer(() => void this.downloadWhenFree(), BUSY_RETRY_MS);
      return;
    }
    this.setState({ phase: 'downloading', version, percent: 0 });
    try {
      await this.updater.downloadUpdate();
    } catch {
      this.setState({ phase: 'error', message: '下载更新中断，稍后会自动重试' });
    }
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.env.clearTimer(this.timer);
    this.timer = this.env.setTimer(() => void this.check(), ms);
  }

  private setState(state: UpdateState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}

/** The update folder on the provincial server for a PC enrolled with `serverUrl`. */
export function updateFeedUrl(serverUrl: string | null): string | null {
  if (!serverUrl) return null;
  return `${serverUrl.replace(/\/+$/, '')}/updates/`;
}
