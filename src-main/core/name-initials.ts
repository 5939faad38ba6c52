import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials of a Chinese name ('张三' -> 'zs'), with surname readings for polyphonic
 * surnames (单 shan, 曾 zeng). Clerks type them to find a trainee without switching input method.
 */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
