/**
 * Issue #14 item 5: one rule set. The same trainee, typed in the entry form or read from a roster row, is accepted
 * or refused alike, for the same fields. The form's path is what a save runs: the form values -> toTraineeInput ->
 * the contract's traineeCreateInput (the host refuses anything else). The import's is parseTraineeRow on a sheet
 * row. 人员类别 and 户籍 may stay 待补充 on both; name, ID number, phone and registration date never may.
 */
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { PersonCategory } from '../../src-shared/domain/categories';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import { TRAINEE_SHEET } from '../../src-shared/schemas/import';
import { mapColumns } from '../../src-main/core/import/headers';
import { buildDirectory, parseTraineeRow } from '../../src-main/core/import/row-parse';
import { toTraineeInput } from '../../src-renderer/features/trainees/trainee-form-values';
import { validIdNumber } from '../support/temp-app';

interface Case {
  name: string;
  idNumber: string;
  phone: string;
  categories: PersonCategory[];
  /** As a roster writes the categories. */
  categoryText: string;
  ruralHukou: boolean | null;
  registeredAt: string;
}

const good: Case = {
  name: '王小明',
  idNumber: validIdNumber('19900101', 123),
  phone: '13800138000',
  categories: ['unemployed', 'school_leaver'],
  categoryText: '失业人员、两后生',
  ruralHukou: true,
  registeredAt: '2026-03-02',
};

/** [what, changes, refused fields (empty: accepted)] */
const CASES: Array<[string, Partial<Case>, string[]]> = [
  ['a complete trainee', {}, []],
  ['no 人员类别 (待补充)', { categories: [], categoryText: '' }, []],
  ['户籍 not known (待补充)', { ruralHukou: null }, []],
  ['neither 人员类别 nor 户籍', { categories: [], categoryText: '', ruralHukou: null }, []],
  ['urban', { ruralHukou: false }, []],
  ['no name', { name: '' }, ['name']],
  ['a name with digits', { name: '王小明2' }, ['name']],
  ['no ID number', { idNumber: '' }, ['idNumber']],
  ['a wrong check digit', { idNumber: `${validIdNumber('19900101', 123).slice(0, 17)}${validIdNumber('19900101', 123).endsWith('0') ? '1' : '0'}` }, ['idNumber']],
  ['an ID as Excel shows a number', { idNumber: '2.30102E+17' }, ['idNumber']],
  ['no phone', { phone: '' }, ['phone']],
  ['a phone too short', { phone: '1380013' }, ['phone']],
  ['no registration date', { registeredAt: '' }, ['registeredAt']],
  ['a registration date in the future', { registeredAt: dayjs().add(3, 'day').format('YYYY-MM-DD') }, ['registeredAt']],
  ['several things wrong', { name: '', phone: '', registeredAt: '' }, ['name', 'phone', 'registeredAt']],
];

function throughForm(c: Case): string[] {
  const input = toTraineeInput({
    idNumber: c.idNumber,
    name: c.name,
    phone: c.phone,
    categories: c.categories,
    ruralHukou: c.ruralHukou,
    platformId: null,
    registeredAt: c.registeredAt === '' ? null : c.registeredAt,
    note: '',
  });
  const parsed = traineeCreateInput.safeParse(input);
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].sort();
}

const HEADER = ['姓名', '身份证号', '联系电话', '人员类别', '户籍', '注册日期'];
const map = mapColumns('trainees', { rowNumber: 1, cells: HEADER });
const directory = buildDirectory([], []);

function throughImport(c: Case): string[] {
  const hukou = c.ruralHukou === null ? '' : c.ruralHukou ? '农村' : '城镇';
  const parsed = parseTraineeRow(map, [c.name, c.idNumber, c.phone, c.categoryText, hukou, c.registeredAt], directory, 2);
  if (parsed.ok) return [];
  return [...new Set(parsed.problems.map((p) => p.field ?? 'row'))].sort();
}

describe('one rule set: the entry form and the import accept and refuse the same trainees', () => {
  it.each(CASES)('%s', (_what, changes, refused) => {
    const c = { ...good, ...changes };
    expect(throughForm(c)).toEqual([...refused].sort());
    expect(throughImport(c)).toEqual([...refused].sort());
  });

  it('saves the same values both ways, 待补充 as null and an empty list', () => {
    const c: Case = { ...good, categories: [], categoryText: '', ruralHukou: null };
    const form = traineeCreateInput.parse(toTraineeInput({ ...c, registeredAt: c.registeredAt, platformId: null, note: '' }));
    const row = parseTraineeRow(map, [c.name, c.idNumber, c.phone, '', '', c.registeredAt], directory, 2);
    expect(row).toMatchObject({ ok: true, value: form });
    expect(form).toMatchObject({ categories: [], ruralHukou: null });
  });

  it('the template marks required exactly what both refuse to leave empty', () => {
    const required = TRAINEE_SHEET.filter((c) => c.required).map((c) => c.name).sort();
    expect(required).toEqual(['idNumber', 'name', 'phone', 'registeredAt']);
    expect(TRAINEE_SHEET.filter((c) => c.mayStayUnknown).map((c) => c.name).sort()).toEqual(['categories', 'ruralHukou']);
  });
});
