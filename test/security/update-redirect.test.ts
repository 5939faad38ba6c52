/**
 * Issue #18, item 1 (found on the second pass): electron-updater follows redirects by itself, so a 30x from the
 * feed could send the PC to fetch the channel file, and with it the installer's expected sha512, from anywhere. The
 * shell cancels every request of the updater's session that is not under the enrolled server's feed.
 */
import { describe, expect, it } from 'vitest';
import { isAllowedUpdateRequest } from '../../src-main/core/update/update-requests';
import { updateFeedUrl } from '../../src-main/core/update/update-controller';

const FEED = updateFeedUrl('https://province.example.gov.cn/sd');

describe('requests of the updater session', () => {
  it('allows the channel file, installers and blockmaps under the feed', () => {
    expect(isAllowedUpdateRequest('https://province.example.gov.cn/sd/updates/latest.yml', FEED)).toBe(true);
    expect(isAllowedUpdateRequest('https://province.example.gov.cn/sd/updates/skills-desk-0.2.0.exe.blockmap', FEED)).toBe(true);
  });

  it.each([
    ['another host (a redirect target)', 'https://evil.example/updates/latest.yml'],
    ['the same host over plain http', 'http://province.example.gov.cn/sd/updates/latest.yml'],
    ['another port', 'https://province.example.gov.cn:8443/sd/updates/latest.yml'],
    ['outside the feed path', 'https://province.example.gov.cn/sd/api/v1/sync/pull'],
    ['a path that only starts like the feed', 'https://province.example.gov.cn/sd/updates-evil/latest.yml'],
    ['credentials in the URL', 'https://user:pw@province.example.gov.cn/sd/updates/latest.yml'],
    ['a look-alike host', 'https://province.example.gov.cn.evil.example/sd/updates/latest.yml'],
    ['not a URL', 'latest.yml'],
  ])('cancels %s', (_name, url) => {
    expect(isAllowedUpdateRequest(url, FEED)).toBe(false);
  });

  it('cancels everything while the PC is not enrolled', () => {
    expect(isAllowedUpdateRequest('https://province.example.gov.cn/sd/updates/latest.yml', null)).toBe(false);
  });

  it('allows a loopback http feed only, as the https rule does', () => {
    const local = updateFeedUrl('http://127.0.0.1:8470');
    expect(isAllowedUpdateRequest('http://127.0.0.1:8470/updates/latest.yml', local)).toBe(true);
    expect(isAllowedUpdateRequest('http://10.0.0.5:8470/updates/latest.yml', updateFeedUrl('http://10.0.0.5:8470'))).toBe(false);
  });
});
