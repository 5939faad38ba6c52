/**
 * ID numbers live in more than one county (the seed asks to stop double subsidy claims). Numbers are
 * masked before they leave this module; a city user sees the cases that involve one of its counties,
 * with every county involved (it needs to know whom to call), nothing else of other cities.
 *
 * The counties are told of a case without the other county's name until the province marks it
 * 已核查 here (issue #18: a county could otherwise learn where any number is registered); marking it
 * tells each county involved the others' names (src-server/sync/duplicate-notices.ts).
 *
 * Numbers are stored sealed (secrets/personal-data.ts): cases are found by the keyed digest, and only
 * the first registration's number of a case is opened, to be masked. The full number is a separate,
 * audited route (reveal-service.ts).
 */
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { appendFeed } from '../repositories/feed-repository';
import { countyName, duplicateNotice } from '../sync/duplicate-notices';
import { fail, ok, type StaffResult } from './staff-result';
import type { PersonalDataCipher } from '../secrets/personal-data';
import { countiesInScope, countyDisplayName, type StaffUser } from './staff-scope';

/** Numbers per lookup: well under SQLite's limit of bound parameters. */
const NUMBERS_PER_QUERY = 500;

export interface DuplicateCase {
  /** Names the case without its number: the id of its first registration (a trainee row). */
  caseKey: string;
  maskedIdNumber: string;
  /** A registration of the case in the user's counties, whose full number the user may ask for (reveal-service.ts). */
  revealId: string;
  /** When the province marked it 已核查 (the counties are then told each other's names), or null. */
  reviewedAt: string | null;
  registrations: Array<{ countyCode: string; countyName: string; registeredAt: string; syncedAt: string }>;
}

export async function listDuplicates(db: Knex, cipher: PersonalDataCipher, user: StaffUser, cityCode: string | null): Promise<StaffResult<{ cases: DuplicateCase[] }>> {
  const scope = countiesInScope(user, cityCode);
  if (!scope.ok) return scope;
  const mine = scope.data.map((c) => c.code);
  // A number is live at most once per county (unique index trainees_county_id_digest_live), so more
  // than one live row is more than one county: count(*) streams over the live (id_number_digest,
  // county_code) index, where count(distinct county_code) would sort within every number. The digests
  // are fetched first and their rows by index afterwards: as one statement, PostgreSQL expected a third
  // of all numbers to match and read the whole table to join them.
  const digests = await db('trainees').whereNull('deleted_at').groupBy('id_number_digest').havingRaw('count(*) > 1').orderBy('id_number_digest').pluck<string[]>('id_number_digest');
  const rows: Array<{ id: string; id_number_sealed: string; id_number_digest: string; county_code: string; registered_at: string; created_at: string }> = [];
  const reviewed = new Map<string, string>();
  for (let start = 0; start < digests.length; start += NUMBERS_PER_QUERY) {
    const chunk = digests.slice(start, start + NUMBERS_PER_QUERY);
    rows.push(
      ...(await db('trainees')
        .whereNull('deleted_at')
        .whereIn('id_number_digest', chunk)
        .orderBy([{ column: 'id_number_digest' }, { column: 'registered_at' }, { column: 'id' }])
        .select<typeof rows>('id', 'id_number_sealed', 'id_number_digest', 'county_code', 'registered_at', 'created_at')),
    );
    for (const r of await db('duplicate_reviews').whereIn('id_number_digest', chunk).select<Array<{ id_number_digest: string; reviewed_at: string }>>('id_number_digest', 'reviewed_at')) {
      reviewed.set(r.id_number_digest, r.reviewed_at);
    }
  }
  const inScope = new Set(mine);
  const byNumber = new Map<string, typeof rows>();
  for (const row of rows) byNumber.set(row.id_number_digest, [...(byNumber.get(row.id_number_digest) ?? []), row]);
  const cases: DuplicateCase[] = [];
  for (const [digest, group] of byNumber) {
    // A sync between the two queries may have deleted one of the pair: only what is still a case is shown.
    const revealable = group.find((r) => inScope.has(r.county_code));
    if (new Set(group.map((r) => r.county_code)).size < 2 || !revealable) continue;
    const first = group[0]!;
    cases.push({
      caseKey: first.id,
      maskedIdNumber: maskIdNumber(cipher.open(first.id, 'id_number', first.id_number_sealed)),
      revealId: revealable.id,
      reviewedAt: reviewed.get(digest) ?? null,
      registrations: group.map((r) => ({ countyCode: r.county_code, countyName: countyDisplayName(r.county_code), registeredAt: r.registered_at, syncedAt: r.created_at })),
    });
  }
  return ok({ cases });
}

/**
 * The province marks a case 已核查: from now on notices about the number name the counties, and each
 * county involved is told the others' names now. A city account cannot: the province looks first.
 */
export async function markReviewed(db: Knex, cipher: PersonalDataCipher, user: StaffUser, caseKey: string, now: Date): Promise<StaffResult<{ caseKey: string; reviewedAt: string }>> {
  if (user.role !== 'province') return fail('FORBIDDEN', '只有省级账号可以标记已核查');
  const at = now.toISOString();
  return db.transaction(async (trx) => {
    const first = await trx('trainees').where({ id: caseKey }).whereNull('deleted_at').first<{ id_number_sealed: string; id_number_digest: string } | undefined>('id_number_sealed', 'id_number_digest');
    const key = first ? { id_number_digest: first.id_number_digest } : null;
    const counties = key ? await trx('trainees').where(key).whereNull('deleted_at').distinct().pluck<string[]>('county_code') : [];
    if (!first || !key || counties.length < 2) return fail('NOT_FOUND', '这条跨县重复登记已不存在（可能已有一方删除了登记），请刷新页面');
    const already = await trx('duplicate_reviews').where(key).first('reviewed_at');
    if (already) await trx('duplicate_reviews').where(key).update({ reviewed_at: at, reviewed_by: user.id });
    else await trx('duplicate_reviews').insert({ ...key, reviewed_at: at, reviewed_by: user.id });
    const masked = maskIdNumber(cipher.open(caseKey, 'id_number', first.id_number_sealed));
    const notices = counties.map((county) => {
      const others = counties.filter((c) => c !== county).map(countyName).join('、');
      return duplicateNotice(county, `省里已核查：身份证号 ${masked} 的学员同时在${others}登记。请与对方联系，核实本人实际参训地，避免重复申领培训补贴。`, at);
    });
    await appendFeed(trx, notices, at);
    return ok({ caseKey, reviewedAt: at });
  });
}

export async function duplicatesXlsx(cases: readonly DuplicateCase[], created: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Skills Desk server';
  book.created = created;
  const sheet = book.addWorksheet('跨县重复登记');
  sheet.columns = [
    { header: '序号', width: 8 },
    { header: '身份证号（已隐去部分）', width: 24 },
    { header: '登记单位', width: 24 },
    { header: '登记日期', width: 14 },
    { header: '省里核查', width: 20 },
  ];
  sheet.getRow(1).font = { bold: true };
  cases.forEach((c, index) => {
    for (const r of c.registrations) sheet.addRow([index + 1, c.maskedIdNumber, r.countyName, r.registeredAt, c.reviewedAt ? '已核查' : '未核查']);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
