import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { BUSY_RETRY_MS, CHECK_INTERVAL_MS, UpdateController, updateFeedUrl, type UpdaterPort } from '../../src-main/core/update/update-controller';

class FakeUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  feed: string | null = null;
  checks = 0;
  downloads = 0;
  installs = 0;
  setFeedURL(options: { url: string }) {
    this.feed = options.url;
  }
  async checkForUpdates() {
    this.checks += 1;
  }
  async downloadUpdate() {
    this.downloads += 1;
  }
  quitAndInstall() {
    this.installs += 1;
  }
}

function setup(options: { busy?: boolean; url?: string | null } = {}) {
  const updater = new FakeUpdater();
  const timers: Array<{ callback: () => void; ms: number; cleared: boolean }> = [];
  const state = { busy: options.busy ?? false };
  const controller = new UpdateController(updater as unknown as UpdaterPort, {
    feedUrl: async () => (options.url === undefined ? 'https://province.example/updates/' : options.url),
    isBusy: () => state.busy,
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  });
  return { updater, timers, state, controller };
}

describe('UpdateController', () => {
  it('takes control of downloads and installs on quit', () => {
    const { updater } = setup();
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('checks at start against the provincial feed and again every 6 hours', async () => {
    const { updater, timers, controller } = setup();
    await controller.check();
    expect(updater.checks).toBe(1);
    expect(updater.feed).toBe('https://province.example/updates/');
    const pending = timers.filter((t) => !t.cleared);
    expect(pending.map((t) => t.ms)).toEqual([CHECK_INTERVAL_MS]);
    pending[0]!.callback();
    await vi.waitFor(() => expect(updater.checks).toBe(2));
  });

  it('does not check before the PC is enrolled with a provincial server', async () => {
    const { updater, controller } = setup({ url: null });
    await controller.check();
    expect(updater.checks).toBe(0);
    expect(controller.current).toEqual({ phase: 'not-enrolled' });
  });

  it('postpones checks and downloads while a sync or import runs', async () => {
    const { updater, timers, state, controller } = setup({ busy: true });
    await controller.check();
    expect(updater.checks).toBe(0);
    expect(timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([BUSY_RETRY_MS]);
    state.busy = false;
    await controller.check();
    updater.emit('update-available', { version: '1.2.0' });
    expect(updater.downloads).toBe(1);
    state.busy = true;
    updater.emit('update-available', { version: '1.3.0' });
    expect(controller.current).toEqual({ phase: 'waiting', version: '1.3.0', reason: 'busy' });
    expect(updater.downloads).toBe(1);
  });

  it('reports download progress, then installs on click unless busy', async () => {
    const { updater, state, controller } = setup();
    const seen: string[] = [];
    controller.onChange((s) => seen.push(s.phase));
    expect(controller.installNow()).toMatchObject({ ok: false, reason: 'not-ready' });
    await controller.check();
    updater.emit('update-available', { version: '1.2.0' });
    updater.emit('download-progress', { percent: 41.6 });
    expect(controller.current).toEqual({ phase: 'downloading', version: '1.2.0', percent: 42 });
    updater.emit('update-downloaded', { version: '1.2.0' });
    state.busy = true;
    expect(controller.installNow()).toMatchObject({ ok: false, reason: 'busy' });
    expect(updater.installs).toBe(0);
    state.busy = false;
    expect(controller.installNow()).toEqual({ ok: true });
    expect(updater.installs).toBe(1);
    expect(seen).toEqual(['checking', 'downloading', 'downloading', 'ready']);
  });

  it('turns updater errors into a calm state and keeps checking', async () => {
    const { updater, controller, timers } = setup();
    updater.checkForUpdates = async () => {
      throw new Error('ECONNRESET');
    };
    await controller.check();
    expect(controller.current.phase).toBe('error');
    expect(timers.some((t) => !t.cleared && t.ms === CHECK_INTERVAL_MS)).toBe(true);
  });

  it('derives the update folder from the enrolled server address', () => {
    expect(updateFeedUrl('https://hrss.example.cn/')).toBe('https://hrss.example.cn/updates/');
    expect(updateFeedUrl(null)).toBeNull();
  });
});
