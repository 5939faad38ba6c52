/** The official table's model: the attachment's layout cell for cell, and the roll-up variant with its 合计. */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES } from '../../src-shared/domain/check-rules';
import { runRules } from '../../src-shared/domain/run-rules';
import { finalFigures, type Adjustment, type Figures } from '../../src-shared/domain/dispatch-figures';
import { countdownText, daysLate, lateText, nextDue, periodStatus } from '../../src-shared/domain/dispatch-status';
import { buildCountyTable, buildRollupTable, rowCells } from '../../src-shared/domain/dispatch-table';

const SIGNATURES = { filledBy: '张三', phone: '0451-82345678', filledOn: '2020-04-11' };
const figures = (r: number, t: number, p: number, c: number, n: number): Figures => ({
  registeredTrainees: r,
  trainingPersonTimes: t,
  provincePlatforms: p,
  cityPlatforms: c,
  nationalPlatforms: n,
});

describe('county table model', () => {
  const model = buildCountyTable({
    unitName: '哈尔滨市道里区',
    cutoffDate: '2020-04-10',
    figures: figures(1234, 5678, 3, 2, 2),
    nationalPlatformNames: ['中国职业培训在线', '技能强国-全国产业工人技能学习平台', '中国职业培训在线'],
    signatures: SIGNATURES,
  });

  it('carries every label of the attachment', () => {
    expect(model).toMatchObject({
      attachmentLabel: '附件',
      title: '线上培训行动实施情况双周调度表',
      reportingUnitLabel: '填报单位：',
      reportingUnit: '哈尔滨市道里区',
      note: '注：※采用情况（具体平台名称）可另附页',
      cutoffLabel: '截止日期：',
      cutoffText: '2020年4月10日',
    });
    expect(model.signatures.map((s) => `${s.label}${s.value}`)).toEqual(['填表人：张三', '审核人：', '联系电话：0451-82345678', '填报日期：2020年4月11日']);
  });

  it('has the two-level header with the merged group cells over the five columns', () => {
    expect(model.header).toEqual([
      { text: '线上培训学员情况', row: 0, col: 0, rowSpan: 1, colSpan: 2 },
      { text: '纳入机构目录的线上培训平台数量', row: 0, col: 2, rowSpan: 1, colSpan: 3 },
      { text: '实名注册学员人次数', row: 1, col: 0, rowSpan: 1, colSpan: 1 },
      { text: '线上培训总人次数', row: 1, col: 1, rowSpan: 1, colSpan: 1 },
      { text: '面向全省', row: 1, col: 2, rowSpan: 1, colSpan: 1 },
      { text: '面向地市', row: 1, col: 3, rowSpan: 1, colSpan: 1 },
      { text: '部推荐54家线上平台机构※', row: 1, col: 4, rowSpan: 1, colSpan: 1 },
    ]);
    expect(model.columns).toHaveLength(5);
  });

  it('prints the figures in column order and names each adopted platform once on the attached page', () => {
    expect(model.rows).toHaveLength(1);
    expect(rowCells(model, model.rows[0]!)).toEqual(['1,234', '5,678', '3', '2', '2']);
    expect(model.attachedPage.title).toBe('附页');
    const names = ['中国职业培训在线', '技能强国-全国产业工人技能学习平台'].sort((x, y) => x.localeCompare(y, 'zh-CN'));
    expect(model.attachedPage.rows).toEqual(names.map((name, i) => [String(i + 1), name]));
  });
});

describe('roll-up table model', () => {
  const units = [
    { unitName: '道里区', figures: figures(100, 300, 3, 2, 2), nationalPlatformNames: ['中国职业培训在线', '学习强国技能频道'] },
    { unitName: '南岗区', figures: figures(50, 80, 3, 1, 1), nationalPlatformNames: ['中国职业培训在线'] },
    { unitName: '五常市', figures: figures(7, 9, 2, 0, 0), nationalPlatformNames: [] },
  ];

  it('adds a unit column spanning both header rows, one row per unit and a 合计 row', () => {
    const model = buildRollupTable({ unitName: '哈尔滨市', cutoffDate: '2020-04-24', units, signatures: SIGNATURES });
    expect(model.variant).toBe('rollup');
    expect(model.header[0]).toEqual({ text: '单位', row: 0, col: 0, rowSpan: 2, colSpan: 1 });
    expect(model.header.find((c) => c.text === '线上培训学员情况')).toMatchObject({ col: 1, colSpan: 2 });
    expect(model.header.find((c) => c.text === '纳入机构目录的线上培训平台数量')).toMatchObject({ col: 3, colSpan: 3 });
    expect(model.rows.map((r) => rowCells(model, r))).toEqual([
      ['道里区', '100', '300', '3', '2', '2'],
      ['南岗区', '50', '80', '3', '1', '1'],
      ['五常市', '7', '9', '2', '0', '0'],
      ['合计', '157', '389', '8', '3', '3'],
    ]);
    expect(model.rows.at(-1)!.isTotal).toBe(true);
    expect(model.attachedPage.columns).toEqual(['序号', '平台名称', '采用单位数']);
    expect(model.attachedPage.rows.find((r) => r[1] === '中国职业培训在线')).toEqual([expect.any(String), '中国职业培训在线', '2']);
  });

  it('counts shared platforms once in 合计 when the caller knows the distinct totals', () => {
    const model = buildRollupTable({
      unitName: '哈尔滨市',
      cutoffDate: '2020-04-24',
      units,
      distinctPlatformTotals: { provincePlatforms: 3, cityPlatforms: 2, nationalPlatforms: 2 },
      signatures: SIGNATURES,
    });
    expect(rowCells(model, model.rows.at(-1)!)).toEqual(['合计', '157', '389', '3', '2', '2']);
  });
});

describe('figures and checks', () => {
  const adjustment = (figure: Adjustment['figure'], value: number | null): Adjustment => ({ figure, value, reason: '平台报送', operatorId: null, operatorName: null, at: '' });

  it('uses the latest adjustment of each figure, and the computed value once withdrawn', () => {
    const computed = figures(10, 20, 1, 1, 1);
    expect(finalFigures(computed, [adjustment('registeredTrainees', 12), adjustment('registeredTrainees', 15)]).registeredTrainees).toBe(15);
    expect(finalFigures(computed, [adjustment('registeredTrainees', 12), adjustment('registeredTrainees', null)]).registeredTrainees).toBe(10);
  });

  it('fails a cumulative figure below the previous period, and training below registered', () => {
    const checks = runRules(BUILT_IN_RULES, figures(10, 8, 0, 0, 0), { seq: 1, cutoffDate: '2020-04-10', figures: figures(12, 5, 0, 0, 0) });
    expect(checks.filter((c) => !c.passed).map((c) => [c.ruleId, c.figure])).toEqual([
      ['R001-registered-not-below-previous', 'registeredTrainees'],
      ['R003-registered-at-most-training', 'registeredTrainees'],
    ]);
    expect(checks.every((c) => c.passed || /[\u4e00-\u9fa5]/.test(c.message))).toBe(true);
    expect(runRules(BUILT_IN_RULES, figures(0, 0, 0, 0, 0), null).every((c) => c.passed)).toBe(true);
  });
});

describe('period status', () => {
  const period = { cutoffDate: '2020-04-10', dueDate: '2020-04-12' };
  it('follows the calendar until a report exists, then the report', () => {
    expect(periodStatus(period, null, '2020-04-10')).toBe('open');
    expect(periodStatus(period, null, '2020-04-11')).toBe('due');
    expect(periodStatus(period, null, '2020-04-13')).toBe('overdue');
    expect(periodStatus(period, 'draft', '2020-04-13')).toBe('draft');
    expect(periodStatus(period, 'returned', '2020-04-13')).toBe('returned');
    expect(periodStatus(period, 'submitted', '2020-04-13')).toBe('submitted');
  });
  it('counts down to the next report still to submit', () => {
    const periods = [
      { id: 'a', seq: 1, cutoffDate: '2020-04-10', dueDate: '2020-04-12', reportStatus: 'submitted' as const },
      { id: 'b', seq: 2, cutoffDate: '2020-04-24', dueDate: '2020-04-26', reportStatus: null },
    ];
    expect(nextDue(periods, '2020-04-11')).toMatchObject({ periodId: 'b', daysLeft: 15 });
    expect(nextDue(periods, '2020-04-27')).toBeNull();
    expect(countdownText(1)).toBe('明天上报');
  });
  it('counts the days late from the day after the due date: by the day handed in, else by today', () => {
    expect(daysLate('2020-04-12', null, '2020-04-12')).toBe(0);
    expect(daysLate('2020-04-12', null, '2020-04-13')).toBe(1);
    expect(daysLate('2020-04-12', null, '2020-05-02')).toBe(20);
    expect(daysLate('2020-04-12', '2020-04-14', '2020-05-02')).toBe(2);
    expect(daysLate('2020-04-12', '2020-04-11', '2020-05-02')).toBe(0);
    expect(daysLate('2020-04-12', null, '2020-04-01')).toBe(0);
    expect(lateText(3)).toBe('已逾期 3 天');
    expect(lateText(0)).toBe('');
  });
});
