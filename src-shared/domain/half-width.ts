/**
 * Text typed with a Chinese input method often carries full-width forms ('２３０１', 'ｘ', '（', '－') and odd
 * spaces (U+3000 ideographic space, NBSP, zero-width space) that look right on screen but break every comparison.
 * These helpers undo that before any rule looks at the text.
 */

/** Full-width ASCII variants U+FF01..U+FF5E to ASCII, and the ideographic space U+3000 to a plain space. */
const WIDE = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(text: string): string {
  // Most cells have nothing to convert: one scan to find out instead of two replacing passes.
  if (!WIDE.test(text)) return text;
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Removes every kind of whitespace, including NBSP, U+3000, tabs, line breaks and zero-width characters. */
export function stripAllSpaces(text: string): string {
  return text.replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '');
}
