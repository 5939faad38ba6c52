/**
 * Issue #14 items 1 and 2 through the router, as the import page calls it: a roster without 户籍 column and with
 * platforms written the clerks' way. Columns given one value or left 待补充, decisions once per value, a new county
 * platform written with its trainees in one transaction, choices remembered and edited for the next import.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../src-shared/contract';
import type { ImportDryRun, ValueChoice, ValueDecision } from '../../src-shared/schemas/import';
import type { Trainee } from '../../src-shared/schemas/trainee';
import { openTempApp, validIdNumber, type TempApp } from '../support/temp-app';
import { liveTrainees, xlsxBytes, type Cell } from './import-fixtures';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const HEADER = ['姓名', '身份证号', '联系电话', '人员类别', '注册日期', '培训平台'];
/** 6 rows: 3 platforms spelt three ways, one multi-valued category text, one unknown category word. */
function rows(offset = 0): Cell[][] {
  const id = (n: number) => validIdNumber('19900101', offset + n);
  return [
    ['张一', id(1), '13800138001', '失业、两后生', '2026-03-02', '学习强国'],
    ['张二', id(2), '13800138002', '失业人员', '2026-03-02', '学习强国'],
    ['张三', id(3), '13800138003', '脱贫户', '2026-03-02', '示例平台乙'],
    ['张四', id(4), '13800138004', '', '2026-03-02', '示例平台乙'],
    ['张五', id(5), '13800138005', '两后生', '2026-03-02', '技能强国'],
    ['张六', id(6), '13800138006', '两后生；脱贫户', '2026-03-02', ''],
  ];
}

async function dryRun(input: Omit<ProcedureInput<'import.dryRun'>, 'fileId' | 'kind'>, offset = 0): Promise<ImportDryRun> {
  const stored = await app.context.services.files.put(await xlsxBytes({ header: HEADER, rows: rows(offset) }), 'roster.xlsx');
  const result = await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'trainees', ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data as ImportDryRun;
}

async function trainees(): Promise<Trainee[]> {
  const result = await app.context.invoke('trainees.list', { pageSize: 100 });
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { items: Trainee[] }).items;
}

const DECISIONS: ValueDecision[] = [
  { field: 'platform', value: '学习强国', action: 'map', target: '“学习强国”技能频道' },
  { field: 'platform', value: '示例平台乙', action: 'new' },
  { field: 'platform', value: '技能强国', action: 'map', target: '技能强国-全国产业工人技能学习平台' },
  { field: 'categories', value: '脱贫户', action: 'map', target: 'poverty_registered' },
];

describe('import with value mapping', () => {
  it('groups unmatched values with row counts and suggestions; a missing 户籍 column is 待补充, not an error', async () => {
    const dry = await dryRun({});
    expect(dry.missingFields).toEqual([]);
    expect(dry.values.map((v) => [v.label, v.value, v.rows])).toEqual([
      ['注册平台', '学习强国', 2],
      ['人员类别', '脱贫户', 2],
      ['注册平台', '示例平台乙', 2],
      ['注册平台', '技能强国', 1],
    ]);
    expect(dry.values.find((v) => v.value === '学习强国')!.suggestions[0]!.name).toBe('“学习强国”技能频道');
    expect(dry.counts).toMatchObject({ rows: 6, new: 0, invalid: 6 });
    expect(dry.absentFields.find((a) => a.field === 'ruralHukou')).toMatchObject({ fill: null, mayStayUnknown: true, missing: false });
    expect(dry.unknownCounts.ruralHukou).toBe(0); // counted over the rows that will be saved: none yet
  });

  it('applies each decision to every row of its value, adds the new platform with them, and remembers the choices', async () => {
    const dry = await dryRun({ decisions: DECISIONS, fill: { ruralHukou: '城镇' } });
    expect(dry.counts).toMatchObject({ rows: 6, new: 6, invalid: 0 });
    expect(dry.values.every((v) => v.decision !== null)).toBe(true);
    expect(dry.unknownCounts).toEqual({ ruralHukou: 0, categories: 1 });
    const committed = await app.context.invoke('import.commit', { jobId: dry.jobId });
    expect(committed).toMatchObject({ ok: true, data: { imported: 6 } });

    const list = await trainees();
    const byName = new Map(list.map((t) => [t.name, t]));
    expect(list.every((t) => t.ruralHukou === false)).toBe(true);
    expect(byName.get('张一')).toMatchObject({ platformName: '“学习强国”技能频道' });
    expect([...byName.get('张一')!.categories].sort()).toEqual(['school_leaver', 'unemployed']);
    expect(byName.get('张二')!.platformName).toBe('“学习强国”技能频道');
    expect(byName.get('张三')).toMatchObject({ platformName: '示例平台乙', categories: ['poverty_registered'] });
    expect(byName.get('张四')).toMatchObject({ platformName: '示例平台乙', categories: [] });
    expect(byName.get('张六')).toMatchObject({ platformId: null, categories: expect.arrayContaining(['school_leaver', 'poverty_registered']) });
    const platforms = await app.context.db('platforms').where({ name: '示例平台乙' }).whereNull('deleted_at');
    expect(platforms).toHaveLength(1);
    expect(platforms[0]).toMatchObject({ level: 'city' });

    const remembered = await app.context.invoke('importChoices.list', {});
    expect(remembered.ok && (remembered.data as ValueChoice[]).map((c) => [c.value, c.targetName])).toEqual(
      expect.arrayContaining([
        ['学习强国', '“学习强国”技能频道'],
        ['示例平台乙', '示例平台乙'],
        ['脱贫户', '建档立卡贫困劳动力'],
      ]),
    );

    // The next roster of the county: nothing to decide again.
    const next = await dryRun({}, 100);
    expect(next.values.every((v) => v.decision?.remembered === true)).toBe(true);
    expect(next.counts).toMatchObject({ new: 6, invalid: 0 });
  });

  it('an edited choice applies to the next check; a forgotten one is asked again', async () => {
    await app.context.invoke('import.commit', { jobId: (await dryRun({ decisions: DECISIONS })).jobId });
    expect(await app.context.invoke('importChoices.set', { field: 'platform', value: '学习强国', action: 'empty' })).toMatchObject({ ok: true });
    expect(await app.context.invoke('importChoices.forget', { field: 'platform', value: '技能强国' })).toMatchObject({ ok: true });
    const refused = await app.context.invoke('importChoices.set', { field: 'platform', value: 'x', action: 'map', target: '00000000-0000-4000-8000-00000000abcd' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const next = await dryRun({}, 200);
    expect(next.values.find((v) => v.value === '学习强国')!.decision).toMatchObject({ action: 'empty', remembered: true });
    expect(next.values.find((v) => v.value === '技能强国')!.decision).toBeNull();
    expect(next.counts).toMatchObject({ new: 5, invalid: 1 });
  });

  it('a list filter finds 待补充 trainees, and allowance eligibility is 待定 where 户籍 decides it', async () => {
    const dry = await dryRun({ decisions: DECISIONS });
    expect(dry.unknownCounts).toEqual({ ruralHukou: 6, categories: 1 });
    await app.context.invoke('import.commit', { jobId: dry.jobId });
    const incomplete = await app.context.invoke('trainees.list', { incomplete: true, pageSize: 100 });
    const items = incomplete.ok ? (incomplete.data as { items: Trainee[] }).items : [];
    expect(items).toHaveLength(6); // no 户籍 column: every one is 待补充
    const byName = new Map(items.map((t) => [t.name, t]));
    expect(byName.get('张五')!.livingAllowance).toEqual({ eligible: false, reasons: [], pending: true });
    expect(byName.get('张二')!.livingAllowance).toEqual({ eligible: false, reasons: [], pending: false });
    expect(byName.get('张三')!.livingAllowance).toMatchObject({ eligible: true, pending: false });
    // Filled in later from the form: no longer in the filter.
    const zhang = byName.get('张五')!;
    const updated = await app.context.invoke('trainees.update', { id: zhang.id, patch: { ruralHukou: true } });
    expect(updated, JSON.stringify(updated)).toMatchObject({ ok: true, data: { ruralHukou: true, livingAllowance: { eligible: true } } });
    const after = await app.context.invoke('trainees.list', { incomplete: true, pageSize: 100 });
    expect(after.ok && (after.data as { items: Trainee[] }).items.map((x) => x.name)).not.toContain('张五');
  });

  it('refuses a bad decision or fill before reading, writes nothing', async () => {
    const stored = await app.context.services.files.put(await xlsxBytes({ header: HEADER, rows: rows() }), 'roster.xlsx');
    const bad = [
      { decisions: [{ field: 'categories', value: '脱贫户', action: 'new' }] },
      { decisions: [{ field: 'platform', value: '学习强国', action: 'map', target: '没有这个平台' }] },
      { fill: { name: '张三' } },
      { fill: { platform: '学习强国' } },
    ];
    for (const input of bad) {
      const result = await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'trainees', ...input });
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await liveTrainees(app.context)).toBe(0);
  });
});
