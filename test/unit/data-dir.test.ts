import path from 'node:path';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src-main/core/data-dir';

describe('defaultDataDir', () => {
  it('honours SKILLS_DESK_DATA first', () => {
    expect(defaultDataDir({ SKILLS_DESK_DATA: '/srv/desk' }, 'linux')).toBe(path.resolve('/srv/desk'));
  });
  it('uses the per-user application-data folder of each system', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, 'win32')).toBe(path.join('C:\\Users\\li\\AppData\\Roaming', 'skills-desk'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/li/.cfg' }, 'linux')).toBe(path.join('/home/li/.cfg', 'skills-desk'));
    expect(defaultDataDir({}, 'linux')).toBe(path.join(os.homedir(), '.config', 'skills-desk'));
    expect(defaultDataDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'skills-desk'));
  });
});
