/**
 * Contact phone numbers: a mainland mobile (11 digits, 1[3-9]...) or a landline with its area code.
 * Stored forms: '13812345678' and '0451-12345678' (area code, dash, local number), so the same number typed in
 * different ways is stored once and can be searched.
 */
import { stripAllSpaces, toHalfWidth } from './half-width';

export type PhoneResult = { ok: true; value: string } | { ok: false; message: string };

const MOBILE = /^1[3-9]\d{9}$/;
/**
 * Area codes are 0 + 2 digits for Beijing (010) and 02x, 0 + 3 digits elsewhere (Heilongjiang: 0451..0469).
 * Local numbers have 7 or 8 digits and never start with 0 (that would be another area code).
 */
const LANDLINE_SHORT_AREA = /^(010|02\d)([1-9]\d{6,7})$/;
const LANDLINE_LONG_AREA = /^(0[3-9]\d{2})([1-9]\d{6,7})$/;

/**
 * Trims, converts full-width characters, strips spaces, dashes and parentheses, and strips the country code
 * (+86, 0086, 86) in front of an 11-digit mobile number (and +86/0086 in front of a landline written with its 0).
 */
export function normalizePhone(raw: string): string {
  const compact = stripAllSpaces(toHalfWidth(raw)).replace(/[-‐‑‒–—―−()（）]/g, '');
  const mobile = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  if (mobile) return mobile[1];
  // A landline written internationally but with its trunk 0 kept: +86 0451 12345678.
  const landline = /^(?:\+86|0086)(0\d{9,11})$/.exec(compact);
  return landline ? landline[1] : compact;
}

function splitLandline(digits: string): string | null {
  const m = LANDLINE_SHORT_AREA.exec(digits) ?? LANDLINE_LONG_AREA.exec(digits);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** Validates and normalises a phone number; the failure message tells the clerk what to fix, in Chinese. */
export function parsePhone(raw: string): PhoneResult {
  const phone = normalizePhone(raw);
  if (phone === '') return { ok: false, message: '请填写联系电话（手机号码或带区号的座机号码）。' };
  if (!/^\d+$/.test(phone)) {
    return { ok: false, message: '联系电话只能填数字，请删除其中的汉字、字母或其他符号。如有多个号码，只填一个手机号码。' };
  }
  if (MOBILE.test(phone)) return { ok: true, value: phone };
  if (phone.startsWith('1')) {
    return {
      ok: false,
      message:
        phone.length === 11
          ? '手机号码的第二位不对（应为3到9），请与本人核对后重新输入。'
          : `手机号码应为11位，现在是${phone.length}位。请与本人核对后重新输入。`,
    };
  }
  if (phone.startsWith('0')) {
    const landline = splitLandline(phone);
    if (landline) return { ok: true, value: landline };
    return { ok: false, message: '座机号码格式不对。请按“区号-号码”填写，例如 0451-12345678，或改填手机号码。' };
  }
  if (/^[2-9]\d{6,7}$/.test(phone)) {
    return { ok: false, message: '座机号码前面要加区号，例如哈尔滨的号码写成 0451-12345678。' };
  }
  return { ok: false, message: '联系电话格式不对。请填写11位手机号码，或带区号的座机号码（例如 0451-12345678）。' };
}

/** '138****1234' for a mobile; '0451-******78' for a landline (area code and last 2 digits kept). */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  // A stored phone never holds '*': such a value is already masked (the history is masked on the main side and shown
  // by the same label code as the list), and masking it again would hide the digits the mask keeps.
  if (s.includes('*')) return s;
  if (MOBILE.test(s)) return `${s.slice(0, 3)}****${s.slice(7)}`;
  const landline = /^(0\d{2,3})-(\d+)$/.exec(s);
  if (landline) {
    const local = landline[2];
    return `${landline[1]}-${'*'.repeat(Math.max(local.length - 2, 0))}${local.slice(-2)}`;
  }
  // Anything else (should not be stored): keep only the last 2 characters visible.
  return s.length <= 2 ? '*'.repeat(s.length) : '*'.repeat(s.length - 2) + s.slice(-2);
}
