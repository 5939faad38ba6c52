/**
 * A platform's web address: only http(s) with something after the scheme. A platform URL is shown
 * as a link and may be opened; `javascript:`, `data:`, `file:` and the like would run or read
 * something instead. One rule for the PC's own platforms, the province's directory, and what a PC
 * accepts by pull.
 */
export const WEB_URL_MESSAGE = '平台网址应以 http:// 或 https:// 开头';

const WEB_URL = /^https?:\/\/\S+$/i;

export function isWebUrl(value: string): boolean {
  return WEB_URL.test(value);
}

/** The URL when it is a web address, else null (for data arriving from elsewhere: drop, never follow). */
export function webUrlOrNull(value: unknown): string | null {
  return typeof value === 'string' && isWebUrl(value) ? value : null;
}
