/** The search box of the trainee list and of 培训记录: one reading of what a clerk typed. */
import type { Knex } from 'knex';
import { normalizeIdNumber } from '../../../src-shared/domain/id-card';

/** The highest code point: `prefix <= x < prefix + MAX_CHAR` selects every string starting with prefix. */
const MAX_CHAR = '\u{10FFFF}';

const SURROGATE = /[\uD800-\uDFFF]/;

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
 * of an ID number or phone, a phone's beginning, pinyin initials, or the start of a name. The query must join the
 * trainees table as `t` (the trainee list, and 培训记录 searching by its trainee).
 */
export function applyTraineeSearch(builder: Knex.QueryBuilder, rawQuery: string): void {
  const query = rawQuery.trim();
  if (!query) return;
  const compact = normalizeIdNumber(query);
  if (/^\d{17}[\dX]$/.test(compact)) {
    builder.where('t.id_number', compact);
  } else if (/^\d{3,5}[\dX]$/.test(compact)) {
    // 4-6 characters: the end of an ID number, or the last digits of a phone number.
    builder.where((q) => {
      prefixRange(q, 't.id_number_rev', reverse(compact));
      if (/^\d+$/.test(compact)) q.orWhere((p) => prefixRange(p, 't.phone_rev', reverse(compact)));
    });
  } else if (/^1\d{6,10}$/.test(compact)) {
    builder.where((q) => prefixRange(q, 't.phone', compact));
  } else if (/^\d{7,17}X?$/.test(compact)) {
    builder.where((q) => prefixRange(q, 't.id_number', compact));
  } else if (/^[a-z]{1,8}$/i.test(compact)) {
    // Latin letters: pinyin initials of the name ('zs' finds 张三).
    builder.where((q) => prefixRange(q, 't.name_initials', compact.toLowerCase()));
  } else {
    builder.where((q) => prefixRange(q, 't.name', query.replace(/\s+/g, '')));
  }
}
