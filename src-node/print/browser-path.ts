/**
 * Where to find a Chromium-family browser to print PDFs with, outside Electron (CLI, browser mode). We never
 * download one: the offices' PCs have Microsoft Edge (Windows 10+) or a distribution's Chromium (Debian, UOS,
 * Kylin), and SKILLS_DESK_CHROMIUM names any other.
 */
import fs from 'node:fs';
import { AppError } from '../../src-shared/errors';

export const CHROMIUM_ENV = 'SKILLS_DESK_CHROMIUM';

const LINUX_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function windowsCandidates(env: NodeJS.ProcessEnv): string[] {
  const roots = [env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env.PROGRAMFILES ?? 'C:\\Program Files', env.LOCALAPPDATA].filter(
    (root): root is string => typeof root === 'string' && root !== '',
  );
  return [
    ...roots.map((root) => `${root}\\Microsoft\\Edge\\Application\\msedge.exe`),
    ...roots.map((root) => `${root}\\Google\\Chrome\\Application\\chrome.exe`),
  ];
}

export interface BrowserLookup {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (file: string) => boolean;
}

/** The candidates in the order they are tried: the env override, then the platform's usual places. */
export function browserCandidates(lookup: BrowserLookup = {}): string[] {
  const env = lookup.env ?? process.env;
  const platform = lookup.platform ?? process.platform;
  const override = env[CHROMIUM_ENV];
  const usual = platform === 'win32' ? windowsCandidates(env) : LINUX_CANDIDATES;
  return [...(override ? [override] : []), ...usual];
}

/** The first candidate that exists; an AppError saying what to install when none does. */
export function findBrowserExecutable(lookup: BrowserLookup = {}): string {
  const exists = lookup.exists ?? ((file: string) => fs.existsSync(file));
  const env = lookup.env ?? process.env;
  const override = env[CHROMIUM_ENV];
  if (override && !exists(override)) {
    throw new AppError('NOT_FOUND', `生成 PDF 需要浏览器，但 ${CHROMIUM_ENV} 指定的 ${override} 不存在，请改正该设置。(${CHROMIUM_ENV} points to a missing file.)`);
  }
  const found = browserCandidates(lookup).find((file) => exists(file));
  if (!found) {
    throw new AppError(
      'NOT_FOUND',
      `生成 PDF 需要 Microsoft Edge 或 Chromium 浏览器，本机没有找到。请安装其中之一（Linux: apt-get install chromium），或用环境变量 ${CHROMIUM_ENV} 指定浏览器程序的位置；也可以先导出 .xlsx 或用浏览器打印。(No Chromium-family browser found: install Edge or Chromium, or set ${CHROMIUM_ENV}.)`,
    );
  }
  return found;
}
