/** Which browser prints PDFs outside Electron: the env override first, then the usual places; never a download. */
import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowserExecutable } from '../../src-node/print/browser-path';

const only = (...files: string[]) => (file: string) => files.includes(file);

describe('findBrowserExecutable', () => {
  it('tries SKILLS_DESK_CHROMIUM, then /usr/bin/chromium, chromium-browser and google-chrome on Linux', () => {
    expect(browserCandidates({ env: { SKILLS_DESK_CHROMIUM: '/opt/c/chrome' }, platform: 'linux' })).toEqual([
      '/opt/c/chrome',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
    ]);
    expect(findBrowserExecutable({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium-browser', '/usr/bin/google-chrome') })).toBe('/usr/bin/chromium-browser');
  });

  it('finds Microsoft Edge in its standard install folder on Windows', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(browserCandidates({ env: {}, platform: 'win32' })[0]).toBe(edge);
    expect(findBrowserExecutable({ env: {}, platform: 'win32', exists: only(edge) })).toBe(edge);
  });

  it('says what to do, in Chinese and English, when there is none or the override is wrong', () => {
    expect(() => findBrowserExecutable({ env: {}, platform: 'linux', exists: () => false })).toThrow(/Edge 或 Chromium.*SKILLS_DESK_CHROMIUM.*No Chromium-family browser/);
    expect(() => findBrowserExecutable({ env: { SKILLS_DESK_CHROMIUM: '/nope' }, platform: 'linux', exists: only('/usr/bin/chromium') })).toThrow(/\/nope 不存在/);
  });
});
