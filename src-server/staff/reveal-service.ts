/**
 * 显示完整号码 (issue #19 item 2): the staff screens and exports show ID numbers masked; the full number of one
 * trainee is opened here only. Who may: the province for every county, a city account for its own counties
 * (the counties it reviews and calls). A county has no staff account: its PCs hold their own numbers. The
 * registrar writes every call, refused or answered, to the 操作日志 (contract: audit 'reveal', target the trainee).
 */
import type { Knex } from 'knex';
import type { RevealedIdNumber } from '../../src-shared/staff-api';
import type { PersonalDataCipher } from '../secrets/personal-data';
import { fail, ok, type StaffResult } from './staff-result';
import { mayAccessCounty, type StaffUser } from './staff-scope';

export async function revealIdNumber(db: Knex, cipher: PersonalDataCipher, user: StaffUser, traineeId: string): Promise<StaffResult<RevealedIdNumber>> {
  const row = await db('trainees').where({ id: traineeId }).whereNull('deleted_at').first<{ county_code: string; id_number_sealed: string } | undefined>('county_code', 'id_number_sealed');
  if (!row) return fail('NOT_FOUND', '没有这名学员的登记（可能已被县里删除），请刷新页面');
  const allowed = mayAccessCounty(user, row.county_code);
  if (!allowed.ok) return fail('FORBIDDEN', '只能查看本市所辖县（区）学员的完整身份证号');
  return ok({ traineeId, countyCode: row.county_code, idNumber: cipher.open(traineeId, 'id_number', row.id_number_sealed) });
}
