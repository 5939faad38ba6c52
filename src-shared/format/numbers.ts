/**
 * Figures as people read and type them: 9,617 with thousands separators on screen and in print, and typed
 * back with or without them (9617, 9,617, full-width ９６１７, the Chinese comma 9，617).
 * Only for quantities: ID numbers, phones and codes are never passed through here.
 */
import { stripAllSpaces, toHalfWidth } from '../domain/half-width';

/** 9617 -> '9,617'; -1234.5 -> '-1,234.5'; non-finite -> '—'. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const negative = n < 0;
  const [whole = '0', fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * Reads a typed count: digits with optional thousands separators (',' or '，', groups of three), optional
 * surrounding spaces, half- or full-width. Returns null for anything else (a decimal, a sign, letters, '1,23'),
 * so the caller can say what is wrong instead of guessing.
 */
export function parseTypedCount(text: string): number | null {
  // toHalfWidth also turns the Chinese comma ， (U+FF0C) into ','.
  const cleaned = stripAllSpaces(toHalfWidth(text));
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(cleaned)) return null;
  const value = Number(cleaned.replace(/,/g, ''));
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * A number field's text as the clerk sees it: the integer part grouped in thousands ('9617.5' -> '9,617.5'). Works
 * on the text, not a parsed number, so a value in the middle of being typed ('12.') keeps its shape.
 */
export function groupDigits(text: string): string {
  const match = /^(-?)(\d+)(\.\d*)?$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/**
 * The text a number field hands to its number reader: half-width, without spaces or thousands separators (',' and
 * the Chinese '，'), the Chinese full stop '。' typed for a decimal point read as '.'. What is left is for the field
 * to judge (InputNumber refuses what is not a number).
 */
export function ungroupDigits(text: string): string {
  return stripAllSpaces(toHalfWidth(text)).replace(/,/g, '').replace(/。/g, '.');
}
