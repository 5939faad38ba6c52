/**
 * Issue #18, item 1: sync and updates accept only https, and plain http only to a loopback address (tests and
 * `skills-desk web` on one machine). One shared rule is applied at enrolment, before every sync request, before
 * the reachability probe and before every update check, so an http URL stored by an older version is never
 * contacted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { UpdateController, updateFeedUrl, type UpdaterPort } from '../../src-main/core/update/update-controller';
import { normaliseServerUrl } from '../../src-shared/domain/server-url';
import { openTempApp, type TempApp } from '../support/temp-app';

describe('the server address rule', () => {
  it.each([
    ['https://sync.example.gov.cn', 'https://sync.example.gov.cn'],
    ['https://sync.example.gov.cn/', 'https://sync.example.gov.cn'],
    ['https://sync.example.gov.cn/province/', 'https://sync.example.gov.cn/province'],
    ['  HTTPS://Sync.Example.gov.cn:8443 ', 'https://sync.example.gov.cn:8443'],
    ['sync.example.gov.cn', 'https://sync.example.gov.cn'],
    ['sync.example.gov.cn:8443/api', 'https://sync.example.gov.cn:8443/api'],
    ['http://127.0.0.1:8491', 'http://127.0.0.1:8491'],
    ['http://127.9.8.7:8491/', 'http://127.9.8.7:8491'],
    ['http://localhost:8491', 'http://localhost:8491'],
    ['http://[::1]:8491', 'http://[::1]:8491'],
    ['127.0.0.1:8491', 'http://127.0.0.1:8491'],
    ['localhost:8491', 'http://localhost:8491'],
    ['[::1]:8491', 'http://[::1]:8491'],
  ])('accepts %s as %s', (raw, expected) => {
    expect(normaliseServerUrl(raw)).toEqual({ ok: true, url: expected });
  });

  it.each([
    'http://sync.example.gov.cn',
    'http://10.0.0.5:8491',
    'http://192.168.1.10',
    'http://localhost.evil.example',
    'http://127.0.0.1.evil.example',
    'http://0.0.0.0:8491',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ftp://sync.example.gov.cn',
    'https://user:secret@sync.example.gov.cn',
    'https://sync.example.gov.cn/?next=evil',
    'https://sync.example.gov.cn/#x',
    '',
    'https://',
  ])('refuses %s with a Chinese message', (raw) => {
    const checked = normaliseServerUrl(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('where the rule is applied', () => {
  let pc: TempApp;
  const fetchSpy = vi.spyOn(globalThis, 'fetch');

  beforeAll(async () => {
    pc = await openTempApp();
  });
  afterEach(() => fetchSpy.mockClear());
  afterAll(async () => {
    fetchSpy.mockRestore();
    await pc.dispose();
  });

  it('refuses to enrol with a plain-http server that is not this computer, before contacting it', async () => {
    for (const serverUrl of ['http://sync.example.gov.cn', 'http://10.0.0.5:8491', 'javascript:alert(1)']) {
      const result = await pc.context.invoke('sync.enrol', { serverUrl, code: 'AAAA-BBBB-CCCC' });
      expect(result, serverUrl).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (!result.ok) expect(result.error.message).toMatch(/https/);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('never syncs with, nor probes, a stored plain-http address of an older version', async () => {
    const settings = new SettingsRepository(pc.context.db);
    await settings.set('serverUrl', 'http://sync.example.gov.cn');
    await settings.set('deviceToken', 'old-token');
    const run = await pc.context.invoke('sync.run', {});
    expect(run).toMatchObject({ ok: true, data: { outcome: 'refused' } });
    if (run.ok) expect((run.data as { message: string }).message).toMatch(/https/);
    await pc.context.invoke('status.get', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('never checks for updates at a plain-http address that is not this computer', async () => {
    const feeds: string[] = [];
    const updater = {
      autoDownload: true,
      autoInstallOnAppQuit: false,
      setFeedURL: (options: { url: string }) => feeds.push(options.url),
      checkForUpdates: async () => undefined,
      downloadUpdate: async () => undefined,
      quitAndInstall: () => undefined,
      on: () => undefined,
    };
    const controller = new UpdateController(updater as unknown as UpdaterPort, {
      feedUrl: async () => updateFeedUrl('http://sync.example.gov.cn'),
      isBusy: () => false,
      setTimer: () => null,
      clearTimer: () => undefined,
    });
    await controller.check();
    expect(feeds).toEqual([]);
    expect(controller.current).toMatchObject({ phase: 'error' });
    expect(updateFeedUrl('https://sync.example.gov.cn/')).toBe('https://sync.example.gov.cn/updates/');
  });
});
