/**
 * Issue #14 item 4 through the router, as the import page calls it: a platform's record sheet names trainees by ID
 * number, some registered here and some not, with its platforms written the clerks' way. Without 同时登记 the
 * unregistered rows are errors grouped as such; with it, the rows that carry what a registration needs register
 * their trainees with the records, in one transaction (a failure injected in the middle leaves nothing), and the
 * rows lacking a field stay errors naming it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportDryRun, ValueDecision } from '../../src-shared/schemas/import';
import type { Trainee } from '../../src-shared/schemas/trainee';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';
import { liveEnrolments, liveTrainees, xlsxBytes, type Cell } from './import-fixtures';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const HEADER = ['姓名', '身份证号码', '联系电话', '人员类别', '培训平台', '课程名称', '开始日期', '学时', '是否签到'];
const REGISTERED = validIdNumber('19900101', 1);
const ZHAO = validIdNumber('19850505', 2);
const QIAN = validIdNumber('19850505', 4);
const SUN = validIdNumber('19850505', 6);
/** The record platform as clerks write it: decided once, for every row that carries it. */
const SHORT_NAME: ValueDecision = { field: 'platform', value: '学习强国', action: 'map', target: '“学习强国”技能频道' };

/** Row 2 registered; rows 3-4 one unregistered trainee; row 5 no phone; row 6 registrable; row 7 a name that differs from row 3's. */
function rows(platform: string): Cell[][] {
  return [
    ['张三', REGISTERED, '', '', '学习强国', '家政服务', '2026-03-02', 8, '是'],
    ['赵六', ZHAO, '13900001002', '失业人员', '学习强国', '家政服务', '2026-03-03', 8, '是'],
    ['赵六', ZHAO, '13900001002', '失业人员', platform, '养老护理', '2026-03-10', 16, '否'],
    ['钱七', QIAN, '', '两后生', platform, '电工', '2026-03-04', 4, '是'],
    ['孙八', SUN, '13900001006', '', platform, '电工', '2026-03-05', 4, '是'],
    ['赵六六', ZHAO, '13900001002', '', platform, '电工', '2026-03-06', 4, '是'],
  ];
}

async function dryRun(registerMissing: boolean): Promise<ImportDryRun> {
  const platform = (await app.context.services.platforms.list())[0]!;
  const stored = await app.context.services.files.put(await xlsxBytes({ header: HEADER, rows: rows(platform.name) }), 'records.xlsx');
  const result = await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'enrolments', decisions: [SHORT_NAME], registerMissing });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data as ImportDryRun;
}

async function outboxSize(): Promise<number> {
  const [row] = await app.context.db('outbox').count<Array<{ n: number }>>({ n: '*' });
  return Number(row?.n ?? 0);
}

beforeEach(async () => {
  await app.context.services.trainees.create(traineeInput({ idNumber: REGISTERED, name: '张三' }) as never);
});

describe('training records of trainees not registered here', () => {
  it('without 同时登记: grouped, refused with the reason, the registered one imported (short platform name mapped once)', async () => {
    const dry = await dryRun(false);
    expect(dry.counts).toEqual({ rows: 6, new: 1, existing: 0, invalid: 5, hidden: 0 });
    expect(dry.unregistered).toEqual({ title: '5 行的学员尚未登记', rows: 5, registrable: 3, trainees: 2, lacking: 2, register: false });
    expect(dry.values.find((v) => v.value === '学习强国')).toMatchObject({ rows: 2, decision: { action: 'map', targetName: '“学习强国”技能频道' } });
    const at = (row: number) => dry.problems.filter((p) => p.row === row);
    expect(at(3)[0]!.reason).toMatch(/还没有在本单位登记。这一行有登记所需的内容，可以选择“同时登记这些学员”/);
    expect(at(5).map((p) => p.column)).toEqual(['身份证号码', '联系电话']);
    expect(at(5)[1]!.reason).toMatch(/^要同时登记这名学员：/);
    expect(at(7)).toEqual([expect.objectContaining({ column: '姓名', reason: expect.stringMatching(/与第 3 行同一身份证号的姓名“赵六”不一致/) })]);

    const commit = await app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: true });
    expect(commit).toEqual({ ok: true, data: { status: 'done', imported: 1, skipped: 5, existing: 0, closedSkipped: 0, registered: 0 } });
    expect(await liveTrainees(app.context)).toBe(1);
  });

  it('with 同时登记: the trainees are registered with their records, 注册日期 from the first record, rows lacking a field stay errors', async () => {
    const dry = await dryRun(true);
    expect(dry.counts).toEqual({ rows: 6, new: 4, existing: 0, invalid: 2, hidden: 0 });
    expect(dry.unregistered).toMatchObject({ rows: 5, registrable: 3, trainees: 2, lacking: 2, register: true });
    expect(dry.problems.filter((p) => p.row === 5).map((p) => p.column)).toEqual(['身份证号码', '联系电话']);

    const commit = await app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: true });
    expect(commit).toEqual({ ok: true, data: { status: 'done', imported: 4, skipped: 2, existing: 0, closedSkipped: 0, registered: 2 } });
    const list = await app.context.invoke('trainees.list', { pageSize: 10 });
    if (!list.ok) throw new Error(list.error.message);
    const items = (list.data as { items: Trainee[] }).items;
    expect(items.map((t) => t.name).sort()).toEqual(['孙八', '张三', '赵六'].sort());
    const zhao = items.find((t) => t.name === '赵六')!;
    // No 注册日期 column: the first record's 开始日期; the platform the record names; 户籍 待补充 (no column).
    expect(zhao).toMatchObject({ registeredAt: '2026-03-03', categories: ['unemployed'], ruralHukou: null, platformName: '“学习强国”技能频道', phone: expect.stringContaining('1002') });
    const sun = items.find((t) => t.name === '孙八')!;
    expect(sun).toMatchObject({ registeredAt: '2026-03-05', categories: [], enrolmentCount: 1 });
    expect(zhao.enrolmentCount).toBe(2);
    expect(await liveEnrolments(app.context)).toBe(4);

    // The same file again: the trainees are registered now, their records already recorded.
    const again = await dryRun(true);
    expect(again.counts).toMatchObject({ new: 0, existing: 4, invalid: 2 });
    expect(again.unregistered).toMatchObject({ rows: 1, registrable: 0, lacking: 1 });
  });

  it('a failure while the records are written, after the registrations: nothing of the import stays', async () => {
    const dry = await dryRun(true);
    const before = { trainees: await liveTrainees(app.context), enrolments: await liveEnrolments(app.context), outbox: await outboxSize() };
    // The last record row fails in the store, once the registrations and the first records have gone in.
    await app.context.db.raw("CREATE TRIGGER injected_failure BEFORE INSERT ON enrolments WHEN NEW.course_name = '电工' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    const failed = await app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: true });
    expect(failed.ok).toBe(false);
    expect({ trainees: await liveTrainees(app.context), enrolments: await liveEnrolments(app.context), outbox: await outboxSize() }).toEqual(before);
    const [registered] = await app.context.db('trainees').count<Array<{ n: number }>>({ n: '*' });
    expect(Number(registered?.n)).toBe(1);

    // Without the fault the same job goes in whole.
    await app.context.db.raw('DROP TRIGGER injected_failure');
    const commit = await app.context.invoke('import.commit', { jobId: dry.jobId, skipInvalid: true });
    expect(commit).toMatchObject({ ok: true, data: { imported: 4, registered: 2 } });
    expect(await liveTrainees(app.context)).toBe(3);
  });

  it('a trainee list has no such group, whatever registerMissing says', async () => {
    const stored = await app.context.services.files.put(await xlsxBytes({ header: ['姓名', '身份证号', '联系电话', '注册日期'], rows: [['李四', validIdNumber('19700101', 8), '13800138009', '2026-03-02']] }), 'roster.xlsx');
    const result = await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'trainees', registerMissing: true });
    expect(result.ok && (result.data as ImportDryRun).unregistered).toBeNull();
  });
});
