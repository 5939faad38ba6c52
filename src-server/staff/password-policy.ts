/**
 * The complexity rules of a staff password (GB/T 22239 level 3, 身份鉴别): a minimum length and a
 * number of character classes from the settings, never the user name inside it, never one of the
 * passwords every guessing list starts with (also with digits and symbols stuck on its end, or with
 * the usual letter-for-digit swaps). Checked wherever a password is set: the CLI, the first login
 * after expiry, the change form.
 */
import type { SecuritySettings } from '../../src-shared/staff-login-api';

export const MAX_PASSWORD_LENGTH = 200;

/** Bases of the common guesses (lower case; checked after the swaps and trailing digits/symbols are undone). */
const COMMON_BASES = new Set([
  'password', 'passw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qazwsx', 'qwe', 'asd', 'abc', 'abcd', 'abcdef',
  'admin', 'administrator', 'root', 'test', 'guest', 'user', 'welcome', 'letmein', 'iloveyou', 'monkey', 'dragon', 'master', 'sunshine',
  'football', 'baseball', 'superman', 'batman', 'trustno1', 'shadow', 'princess', 'starwars', 'whatever', 'freedom', 'changeme',
  'default', 'secret', 'login', 'system', 'server', 'staff', 'skills', 'skillsdesk', 'woaini', 'aini', 'nihao', 'zhang', 'wang', 'li',
  'huawei', 'xiaomi', 'baidu', 'tencent', 'taobao', 'china', 'zhongguo', 'beijing', 'harbin', 'haerbin', 'heilongjiang', 'renshe',
  'rensheju', 'hrss', 'gov', 'gongzuo', 'mima', 'aaaaaa', 'a1b2c3', 'abc123', 'qwe123', 'asd123', 'pass', 'pwd',
]);
/** Passwords that are only digits in a row or a keyboard run. */
const RUNS = ['0123456789', '9876543210', '1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];

const SWAPS: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

export function characterClasses(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/[\d\W_]+$/u, '');
  const unswapped = stripped.replace(/[0134579@$!]/g, (c) => SWAPS[c] ?? c);
  if (COMMON_BASES.has(lower) || COMMON_BASES.has(stripped) || COMMON_BASES.has(unswapped)) return true;
  if (/^(.)\1+$/u.test(lower)) return true;
  const letters = lower.replace(/[\W_]/gu, '');
  return letters.length >= 4 && RUNS.some((run) => run.includes(letters));
}

/** Why the password is refused (Chinese, saying what to do), or null when it may be set. */
export function passwordProblem(password: string, userName: string, settings: SecuritySettings): string | null {
  if (password.length < settings.passwordMinLength) return `密码至少 ${settings.passwordMinLength} 位，请换一个更长的密码`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码过长（最多 ${MAX_PASSWORD_LENGTH} 位）`;
  if (characterClasses(password) < settings.passwordMinClasses) {
    return `密码需含大写字母、小写字母、数字、其他符号中的至少 ${settings.passwordMinClasses} 类，请加入缺少的种类`;
  }
  const name = userName.trim().toLowerCase();
  if (name.length >= 2 && password.toLowerCase().includes(name)) return '密码不得包含用户名，请换一个密码';
  if (isCommon(password)) return '这是常见密码，很容易被猜中，请换一个不常见的密码';
  return null;
}
