/**
 * Where this PC keeps its data: the per-user application-data folder (the same one for the Electron
 * window, the browser mode and the CLI), or SKILLS_DESK_DATA when set.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'skills-desk';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SKILLS_DESK_DATA) return path.resolve(env.SKILLS_DESK_DATA);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}
