/** The search box of the trainee list and of 培训记录: one reading of what a clerk typed. */
import type { Knex } from 'knex';
import { normalizeIdNumber } from '../../../src-shared/domain/id-card';
import type { PersonalDataCipher } from '../secrets/personal-data';

/** The highest code point: `prefix <= x < prefix + MAX_CHAR` selects every string starting with prefix. */
const MAX_CHAR = '\u{10FFFF}';

const SURROGATE = /[\uD800-\uDFFF]/;

/** Kept for the sealing migration's down(), which rebuilds the reversed columns an older version searched. */
export function reverse(text: string): string {
  // ID numbers and phone numbers are plain ASCII: reverse code units without splitting the string into an array.
  if (SURROGATE.test(text)) return [...text].reverse().join('');
  let reversed = '';
  for (let i = text.length - 1; i >= 0; i -= 1) reversed += text[i];
  return reversed;
}

function prefixRange(builder: Knex.QueryBuilder, column: string, prefix: string): Knex.QueryBuilder {
  return builder.where(column, '>=', prefix).andWhere(column, '<', prefix + MAX_CHAR);
}

/**
 * Decides what a search box entry means and narrows the query accordingly: a whole ID number, the last 4-6 characters
 * of an ID number (or the last 4 digits of a phone), a whole phone number, pinyin initials, or the start of a name.
 * ID numbers and phones are sealed in the file, so they are matched by their keyed blind indexes (equality only):
 * the beginning of a number finds nothing any more. The query must join the trainees table as `t` (the trainee
 * list, and 培训记录 searching by its trainee).
 */
export function applyTraineeSearch(builder: Knex.QueryBuilder, rawQuery: string, cipher: PersonalDataCipher): void {
  const query = rawQuery.trim();
  if (!query) return;
  const compact = normalizeIdNumber(query);
  if (/^\d{17}[\dX]$/.test(compact)) {
    builder.where('t.id_hash', cipher.index('id_hash', compact));
  } else if (/^\d{3,5}[\dX]$/.test(compact)) {
    const tail = compact.length === 4 ? 'id_tail4_hash' : compact.length === 5 ? 'id_tail5_hash' : 'id_tail6_hash';
    // 4-6 characters: the end of an ID number; 4 digits may also be the end of a phone number.
    builder.where((q) => {
      q.where(`t.${tail}`, cipher.index(tail, compact));
      if (/^\d{4}$/.test(compact)) q.orWhere('t.phone_tail4_hash', cipher.index('phone_tail4_hash', compact));
    });
  } else if (/^1\d{10}$/.test(compact)) {
    builder.where('t.phone_hash', cipher.index('phone_hash', compact));
  } else if (/^\d{7,17}X?$/.test(compact)) {
    // The beginning of a number: not searchable in a sealed store; nothing matches rather than a name search.
    builder.whereRaw('0 = 1');
  } else if (/^[a-z]{1,8}$/i.test(compact)) {
    // Latin letters: pinyin initials of the name ('zs' finds 张三).
    builder.where((q) => prefixRange(q, 't.name_initials', compact.toLowerCase()));
  } else {
    builder.where((q) => prefixRange(q, 't.name', query.replace(/\s+/g, '')));
  }
}
