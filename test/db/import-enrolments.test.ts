/**
 * Training records imported by ID number, platform and occupation names; exports masked by default, audited in
 * full, formula-safe; and the round trip export -> import giving the same records.
 */
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportDryRun } from '../../src-shared/schemas/import';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';
import { dryRunBytes, liveEnrolments, xlsxBytes } from './import-fixtures';
import { openedTrainees } from '../support/sealed-store';

let app: TempApp;
let other: TempApp;
beforeEach(async () => {
  app = await openTempApp();
  other = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
  await other.dispose();
});

const HEADER = ['身份证号码', '姓名', '培训平台', '职业（工种）', '课程名称', '开始日期', '结束日期', '学时', '是否签到', '学习记录', '答疑测试结果'];

async function seedTrainees(target: TempApp): Promise<string[]> {
  const platform = (await target.context.services.platforms.list())[0]!;
  const numbers = [validIdNumber('19900101', 1), validIdNumber('19900101', 3), validIdNumber('19900101', 5)];
  await target.context.services.trainees.createMany(
    numbers.map((idNumber, i) => traineeInput({ idNumber, name: ['张三', '李四', '王五'][i], platformId: platform.id, note: i === 0 ? '@SUM(A1)' : null, categories: ['unemployed', 'school_leaver'] }) as never),
  );
  return numbers;
}

async function fileBytes(target: TempApp, fileId: string): Promise<Buffer> {
  const fs = await import('node:fs/promises');
  return fs.readFile(target.context.services.files.get(fileId).path);
}

describe('training record import', () => {
  it('links rows to registered trainees and directory names, and explains the rest', async () => {
    const numbers = await seedTrainees(app);
    const platform = (await app.context.services.platforms.list())[0]!;
    const occupation = (await app.context.services.reference.occupations())[0]!;
    const rows = [
      [numbers[0], '张三', platform.name, occupation.name, '家政服务基础', 43922, '2020年4月20日', '8学时', '√', '已完成', '合格'],
      [numbers[1], '李四', platform.name, null, '养老护理', '2020/4/2', null, 16, '否', null, null],
      [numbers[1], '李四', platform.name, null, '养老护理', '2020-04-02', null, 16, '否', null, null],
      [validIdNumber('19900101', 7), '赵六', platform.name, null, '电工', '2020-04-02', null, 4, '是', null, null],
      [numbers[2], '王老五', platform.name, null, '电工', '2020-04-02', null, 4, '是', null, null],
      [numbers[2], '王五', '不存在的平台', '不存在的工种', '电工', '2020-04-10', '2020-04-01', 'abc', '也许', null, null],
    ];
    const result = await dryRunBytes(app.context, await xlsxBytes({ titles: ['培训记录'], header: HEADER, rows }), 'enrolments');
    if (!result.ok) throw new Error(result.error.message);
    const dry = result.data as ImportDryRun;
    expect(dry.counts).toEqual({ rows: 6, new: 2, existing: 0, invalid: 4, hidden: 0 });
    const at = (row: number) => dry.problems.filter((p) => p.row === row);
    expect(at(5)[0]!.reason).toMatch(/与第 4 行是同一条培训记录/);
    expect(at(6)[0]).toMatchObject({ column: '身份证号码', reason: expect.stringMatching(/还没有在本单位登记/) });
    expect(at(7)[0]).toMatchObject({ column: '姓名', reason: expect.stringMatching(/与该身份证号已登记的姓名“王五”不一致/) });
    expect(at(8).map((p) => p.column).sort()).toEqual(['职业（工种）', '培训平台', '学时', '是否签到'].sort());
    const commit = await app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: true });
    expect(commit).toEqual({ ok: true, data: { status: 'done', imported: 2, skipped: 4, existing: 0, closedSkipped: 0, registered: 0 } });
    const stored = await app.context.db('enrolments').orderBy('course_name').select('course_name', 'start_date', 'end_date', 'hours', 'signed_in', 'occupation_id');
    expect(stored).toEqual([
      { course_name: '养老护理', start_date: '2020-04-02', end_date: null, hours: 16, signed_in: 0, occupation_id: null },
      { course_name: '家政服务基础', start_date: '2020-04-01', end_date: '2020-04-20', hours: 8, signed_in: 1, occupation_id: occupation.id },
    ]);
    // The same file again: everything is already recorded, nothing doubles.
    const again = await dryRunBytes(app.context, await xlsxBytes({ header: HEADER, rows: rows.slice(0, 2) }), 'enrolments');
    expect(again.ok && (again.data as ImportDryRun).counts).toEqual({ rows: 2, new: 0, existing: 2, invalid: 0, hidden: 0 });
  });
});

describe('export', () => {
  it('masks numbers by default, audits full numbers, and never writes a formula', async () => {
    await seedTrainees(app);
    const masked = await app.context.invoke('export.create', { kind: 'trainees' });
    if (!masked.ok) throw new Error(masked.error.message);
    const maskedRef = masked.data as { fileId: string; rows: number };
    expect(maskedRef.rows).toBe(3);
    const zip = await JSZip.loadAsync(await fileBytes(app, maskedRef.fileId));
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).toContain('230102********');
    expect(sheetXml).not.toContain(validIdNumber('19900101', 1));
    expect(sheetXml).toContain('@SUM(A1)');
    expect(sheetXml).not.toMatch(/<f>|<f /);
    expect(await app.context.db('audit_log').where({ action: 'export_full_numbers' }).count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);

    const full = await app.context.invoke('export.create', { kind: 'trainees', fullNumbers: true });
    if (!full.ok) throw new Error(full.error.message);
    const fullXml = await (await JSZip.loadAsync(await fileBytes(app, (full.data as { fileId: string }).fileId))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(fullXml).toContain(validIdNumber('19900101', 1));
    const audit = await app.context.db('audit_log').where({ action: 'export_full_numbers' }).first('operator_name', 'changes');
    expect(audit).toMatchObject({ operator_name: '张三' });
    expect(JSON.parse(audit.changes as string)).toEqual({ kind: 'trainees', rows: 3 });
  });

  it('round trip: export with full numbers, import into another store, same records', async () => {
    await seedTrainees(app);
    const platform = (await app.context.services.platforms.list())[0]!;
    const trainees = await app.context.db('trainees').select('id');
    await app.context.services.enrolments.createMany(
      trainees.map((t, i) => ({ traineeId: t.id as string, platformId: platform.id, occupationId: null, courseName: `课程${i}`, startDate: '2020-04-03', endDate: i ? '2020-04-30' : null, hours: 7.5, signedIn: i % 2 === 0, learningRecord: i ? '-学习 3 次' : null, testResult: '+合格' })),
    );
    // Numbers are sealed in each store under its own key (#19 item 1): opened, then sorted here, not by SQL.
    const sorted = <T extends object>(db: TempApp['context']['db'], rows: T[]) => openedTrainees(db, rows).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const picture = async (target: TempApp) => {
      const db = target.context.db;
      return {
        trainees: sorted(db, await db('trainees as t').leftJoin('platforms as p', 'p.id', 't.platform_id').select('t.id_number', 't.name', 't.phone', 't.rural_hukou', 't.registered_at', 't.note', 't.birth_date', 't.sex', 'p.name as platform')),
        categories: sorted(db, await db('trainee_categories as c').join('trainees as t', 't.id', 'c.trainee_id').select('t.id_number', 'c.category')),
        enrolments: sorted(
          db,
          await db('enrolments as e').join('trainees as t', 't.id', 'e.trainee_id').join('platforms as p', 'p.id', 'e.platform_id')
            .select('t.id_number', 'p.name as platform', 'e.course_name', 'e.start_date', 'e.end_date', 'e.hours', 'e.signed_in', 'e.learning_record', 'e.test_result'),
        ),
      };
    };
    for (const kind of ['trainees', 'enrolments'] as const) {
      const exported = await app.context.invoke('export.create', { kind, fullNumbers: true });
      if (!exported.ok) throw new Error(exported.error.message);
      const result = await dryRunBytes(other.context, await fileBytes(app, (exported.data as { fileId: string }).fileId), kind);
      if (!result.ok) throw new Error(result.error.message);
      const dry = result.data as ImportDryRun;
      expect(dry.problems).toEqual([]);
      expect(await other.context.invoke('import.commit', { jobId: dry.jobId })).toMatchObject({ ok: true, data: { status: 'done' } });
    }
    expect(await picture(other)).toEqual(await picture(app));
    expect(await liveEnrolments(other.context)).toBe(3);
  });

  it('the template has text-formatted ID columns, drop-downs and instructions, and imports as an empty list', async () => {
    const template = await app.context.invoke('import.template', { kind: 'trainees' });
    if (!template.ok) throw new Error(template.error.message);
    const bytes = await fileBytes(app, (template.data as { fileId: string }).fileId);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['学员名单', '填写说明', '选项']);
    const sheet = workbook.getWorksheet('学员名单')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '*姓名', '*身份证号', '*联系电话', '人员类别', '户籍', '*注册日期', '注册平台', '备注']);
    expect(sheet.getCell('B2').numFmt).toBe('@');
    expect(sheet.getCell('D5').dataValidation).toMatchObject({ type: 'list', formulae: ['选项!$A$1:$A$10'] });
    expect(sheet.getCell('G5').dataValidation.formulae?.[0]).toMatch(/^选项!\$C\$1:\$C\$\d+$/);
    expect(String(workbook.getWorksheet('填写说明')!.getCell('A3').value)).toMatch(/文本/);
    const result = await dryRunBytes(app.context, bytes, 'trainees');
    expect(result.ok && (result.data as ImportDryRun)).toMatchObject({ missingFields: [], counts: { rows: 0 } });
  });
});
