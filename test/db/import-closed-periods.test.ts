/**
 * Issue #14 item 7 through the router: rows dated in a period already reported are grouped in the dry run per period
 * with the figures they change, and each group needs the clerk's choice. A submitted period (waiting for review) may
 * take them (its reported figures stay as sent); an accepted (locked) period only lets them be skipped, and any other
 * choice writes nothing at all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storePage } from '../../src-main/core/sync/pull-apply';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import type { ImportDryRun } from '../../src-shared/schemas/import';
import { callProcedure } from '../support/call-procedure';
import { fillDispatchFixture } from '../support/dispatch-fixture';
import { openTempApp, validIdNumber, type TempApp } from '../support/temp-app';
import { csvBytes, dryRunBytes, liveEnrolments, liveTrainees } from './import-fixtures';
import { idHash } from '../support/sealed-store';

let app: TempApp;
let periodIds: string[];

beforeEach(async () => {
  app = await openTempApp();
  periodIds = (await app.context.services.reference.periods()).map((p) => p.id);
  // Period 1 (04-01..04-10): 2 registered, 2 training; period 2 (..04-24): 4 and 5.
  await fillDispatchFixture(app.context);
});
afterEach(async () => {
  await app.dispose();
});

const call = <T>(name: string, input: unknown) => callProcedure<T>(app.context, name, input);

async function submit(index: number): Promise<DispatchReport> {
  return call<DispatchReport>('dispatch.submit', { periodId: periodIds[index] });
}

/** The city's acceptance of period `index`'s report, arriving as the pull stores it. */
async function accept(index: number): Promise<void> {
  const report = await submit(index);
  const outcome = await storePage(app.context.db, {
    dataset: 'report_status',
    items: [{ seq: 1, id: report.reportId!, deleted: false, payload: { periodId: periodIds[index], status: 'accepted', comment: null, reviewedAt: '2020-04-13T02:00:00.000Z', reviewedBy: '李审核', reviewedLevel: 'city' } }],
    cursor: 1,
    hasMore: false,
    serverTime: '2020-04-13T02:00:00.000Z',
  });
  expect(outcome).toEqual({ stored: 1, skipped: 0 });
}

const HEADER = ['姓名', '身份证号', '联系电话', '人员类别', '户籍', '注册日期'];
function roster(dates: string[]): Buffer {
  return csvBytes({ header: HEADER, rows: dates.map((date, i) => [`王${'甲乙丙丁戊'[i]}`, validIdNumber('19850101', 300 + i), `1380000${String(1000 + i)}`, '失业人员', '农村', date]) }, 'utf-8');
}

async function check(bytes: Buffer, kind: 'trainees' | 'enrolments' = 'trainees'): Promise<ImportDryRun> {
  const result = await dryRunBytes(app.context, bytes, kind);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data as ImportDryRun;
}

async function store() {
  const audit = await app.context.db('audit_log').count<{ n: number }[]>({ n: '*' });
  const outbox = await app.context.db('outbox').count<{ n: number }[]>({ n: '*' });
  return { trainees: await liveTrainees(app.context), enrolments: await liveEnrolments(app.context), audit: Number(audit[0]!.n), outbox: Number(outbox[0]!.n) };
}

describe('rows dated in a submitted period', () => {
  it('are grouped with the figure they change, and need a choice before anything is written', async () => {
    await submit(0);
    const dry = await check(roster(['2020-04-05', '2020-04-20', '2020-04-09']));
    expect(dry.problems).toEqual([]);
    expect(dry.counts).toMatchObject({ new: 3, invalid: 0 });
    expect(dry.closedPeriods).toEqual([
      expect.objectContaining({
        periodId: periodIds[0],
        seq: 1,
        status: 'submitted',
        rows: 2,
        sampleRows: [2, 4],
        title: '2 行的注册日期在已上报的第 1 期内',
        changes: [{ seq: 1, status: 'submitted', figure: '实名注册学员人次数', before: 2, after: 4 }],
        allowed: ['skip', 'include'],
        note: expect.stringContaining('已上报的数字不变'),
      }),
    ]);
    const before = await store();
    const undecided = await app.context.invoke('import.commit', { jobId: dry.jobId });
    expect(undecided).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('2 行的注册日期在已上报的第 1 期内') } });
    expect(await store()).toEqual(before);
    const odd = await app.context.invoke('import.commit', { jobId: dry.jobId, closedPeriods: { [periodIds[0]!]: 'maybe' } });
    expect(odd).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await store()).toEqual(before);
  });

  it('go in when included; the report keeps the figures it went up with', async () => {
    await submit(0);
    const dry = await check(roster(['2020-04-05', '2020-04-20', '2020-04-09']));
    const result = await call('import.commit', { jobId: dry.jobId, closedPeriods: { [periodIds[0]!]: 'include' } });
    expect(result).toEqual({ status: 'done', imported: 3, skipped: 0, existing: 0, closedSkipped: 0, registered: 0 });
    expect(await liveTrainees(app.context)).toBe(4 + 3);
    const report = await call<DispatchReport>('dispatch.get', { periodId: periodIds[0] });
    expect(report.figures.find((f) => f.key === 'registeredTrainees')!.final).toBe(2);
  });

  it('are left out when skipped, the other rows imported', async () => {
    await submit(0);
    const dry = await check(roster(['2020-04-05', '2020-04-20', '2020-04-09']));
    const result = await call('import.commit', { jobId: dry.jobId, closedPeriods: { [periodIds[0]!]: 'skip' } });
    expect(result).toEqual({ status: 'done', imported: 1, skipped: 0, existing: 0, closedSkipped: 2, registered: 0 });
    const registered = await app.context.db('trainees').whereIn('id_hash', [300, 301, 302].map((n) => idHash(app.context.db, validIdNumber('19850101', n)))).pluck('registered_at');
    expect(registered).toEqual(['2020-04-20']);
  });
});

describe('rows dated in an accepted (locked) period', () => {
  it('may only be skipped: the group says every reported figure they would change, and include writes nothing', async () => {
    await accept(0);
    await submit(1);
    const dry = await check(roster(['2020-04-05', '2020-04-15', '2020-03-20', '2020-04-30']));
    expect(dry.closedPeriods.map((g) => [g.seq, g.status, g.rows, g.title, g.changes, g.allowed])).toEqual([
      [
        1,
        'accepted',
        2,
        // 03-20 is before period 1 began: it still counts in period 1's cumulative figure.
        '2 行的注册日期在已上报并审核通过的第 1 期截止日（2020年4月10日）或之前',
        [
          { seq: 1, status: 'accepted', figure: '实名注册学员人次数', before: 2, after: 4 },
          { seq: 2, status: 'submitted', figure: '实名注册学员人次数', before: 4, after: 6 },
        ],
        ['skip'],
      ],
      [2, 'submitted', 1, '1 行的注册日期在已上报的第 2 期内', [{ seq: 2, status: 'submitted', figure: '实名注册学员人次数', before: 4, after: 5 }], ['skip', 'include']],
    ]);
    expect(dry.closedPeriods[0]!.note).toContain('提交更正申请');
    const before = await store();
    for (const closedPeriods of [undefined, { [periodIds[0]!]: 'include', [periodIds[1]!]: 'include' }, { [periodIds[1]!]: 'include' }]) {
      const refused = await app.context.invoke('import.commit', { jobId: dry.jobId, ...(closedPeriods ? { closedPeriods } : {}) });
      expect(refused).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED', message: expect.stringContaining('本次没有导入任何数据') } });
      expect(await store()).toEqual(before);
    }
    const result = await call('import.commit', { jobId: dry.jobId, closedPeriods: { [periodIds[0]!]: 'skip', [periodIds[1]!]: 'include' } });
    expect(result).toEqual({ status: 'done', imported: 2, skipped: 0, existing: 0, closedSkipped: 2, registered: 0 });
    expect(await liveTrainees(app.context)).toBe(4 + 2);
  });

  it('training records are grouped by their start date', async () => {
    await accept(0);
    const platform = '中国职业培训在线';
    const idOfA = validIdNumber('19900101', 1);
    const bytes = csvBytes(
      {
        header: ['身份证号', '培训平台', '课程名称', '开始日期', '学时', '是否签到'],
        rows: [
          [idOfA, platform, '电工', '2020-04-08', 4, '是'],
          [idOfA, platform, '焊工', '2020-04-22', 4, '是'],
        ],
      },
      'utf-8',
    );
    const dry = await check(bytes, 'enrolments');
    expect(dry.closedPeriods.map((g) => [g.title, g.changes])).toEqual([
      ['1 行的开始日期在已上报并审核通过的第 1 期内', [{ seq: 1, status: 'accepted', figure: '线上培训总人次数', before: 2, after: 3 }]],
    ]);
    const result = await call('import.commit', { jobId: dry.jobId, closedPeriods: { [periodIds[0]!]: 'skip' } });
    expect(result).toMatchObject({ imported: 1, closedSkipped: 1, registered: 0 });
  });

  it('a record that registers its trainee moves both figures; skipped, its trainee and the trainee\'s later records stay out', async () => {
    await submit(0);
    const platform = '中国职业培训在线';
    const newcomer = validIdNumber('19920202', 41);
    const bytes = csvBytes(
      {
        header: ['身份证号', '姓名', '手机号码', '培训平台', '课程名称', '开始日期', '学时', '是否签到'],
        rows: [
          [newcomer, '王新', '13800004141', platform, '电工', '2020-04-08', 4, '是'],
          [newcomer, '王新', '13800004141', platform, '焊工', '2020-04-22', 4, '是'],
          [validIdNumber('19900101', 1), '', '', platform, '焊工', '2020-04-22', 4, '是'],
        ],
      },
      'utf-8',
    );
    const stored = await app.context.services.files.put(bytes, 'records.csv');
    const dry = await call<ImportDryRun>('import.dryRun', { fileId: stored.fileId, kind: 'enrolments', registerMissing: true });
    expect(dry.unregistered).toMatchObject({ rows: 2, registrable: 2, trainees: 1, register: true });
    expect(dry.closedPeriods.map((g) => [g.title, g.changes.map((c) => [c.figure, c.before, c.after])])).toEqual([
      ['1 行的开始日期在已上报的第 1 期内', [['实名注册学员人次数', 2, 3], ['线上培训总人次数', 2, 3]]],
    ]);
    const trainees = await liveTrainees(app.context);
    const result = await call('import.commit', { jobId: dry.jobId, closedPeriods: { [periodIds[0]!]: 'skip' } });
    expect(result).toEqual({ status: 'done', imported: 1, skipped: 0, existing: 0, closedSkipped: 2, registered: 0 });
    expect(await liveTrainees(app.context)).toBe(trainees);
  });

  it('a file with no rows in reported periods needs no choice', async () => {
    await accept(0);
    const dry = await check(roster(['2020-04-20']));
    expect(dry.closedPeriods).toEqual([]);
    expect(await call('import.commit', { jobId: dry.jobId })).toMatchObject({ imported: 1, closedSkipped: 0, registered: 0 });
  });
});
