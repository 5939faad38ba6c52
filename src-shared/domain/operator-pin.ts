/**
 * The rule an operator's PIN or password must meet on this PC (issue #19 item 3). Pure, so the lock screen can
 * say what is wrong before it asks the main side, which checks again (never trusting the renderer).
 */
export interface PinPolicy {
  /** Shortest accepted PIN (default 6). */
  minLength: number;
  /** false: digits only (a PIN); true: any characters (a password). */
  allowLetters: boolean;
}

export const DEFAULT_PIN_POLICY: PinPolicy = { minLength: 6, allowLetters: false };
export const PIN_MAX_LENGTH = 64;

/** Every step between neighbouring characters is +1 (123456, abcdef) or -1 (654321). */
function isRun(pin: string): boolean {
  const codes = [...pin].map((c) => c.charCodeAt(0));
  const step = codes[1]! - codes[0]!;
  if (step !== 1 && step !== -1) return false;
  return codes.every((code, i) => i === 0 || code - codes[i - 1]! === step);
}

/** What is wrong with the PIN, in words for the clerk, or null when it meets the policy. */
export function pinProblem(pin: string, policy: PinPolicy = DEFAULT_PIN_POLICY): string | null {
  const noun = policy.allowLetters ? '密码' : 'PIN';
  if (pin.length < policy.minLength) return `${noun}至少 ${policy.minLength} 位`;
  if (pin.length > PIN_MAX_LENGTH) return `${noun}最多 ${PIN_MAX_LENGTH} 位`;
  if (!policy.allowLetters && !/^\d+$/.test(pin)) return 'PIN 只能由数字组成';
  if (/\s/.test(pin)) return `${noun}不能含空格`;
  if (new Set(pin).size === 1) return `${noun}不能全是同一个字符，如 111111`;
  if (isRun(pin)) return `${noun}不能是连续的数字或字母，如 123456、654321`;
  return null;
}
