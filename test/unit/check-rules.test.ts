/**
 * Rule severities (issue #15 item 3): each rule kind passes and fails on the figures it names, a published
 * definition of an unknown kind is recognised as such (for the skipped list), the province's form body admits the
 * few kinds and their parameters only, and the server's judge of stored outcomes refuses a forged pass, a failed
 * 强制 rule, a failed 提示 rule without a 上报说明 and a rule it never published.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES, describeRule, newRuleBody, readRule, ruleSchema, type CheckRule } from '../../src-shared/domain/check-rules';
import type { Figures, PreviousReport } from '../../src-shared/domain/dispatch-figures';
import { failures, outcomesProblem, runCityRules, runRules, withExplanations } from '../../src-shared/domain/run-rules';

const figures = (registeredTrainees: number, trainingPersonTimes: number, provincePlatforms = 0): Figures => ({
  registeredTrainees,
  trainingPersonTimes,
  provincePlatforms,
  cityPlatforms: 0,
  nationalPlatforms: 0,
});
const previous = (f: Figures): PreviousReport => ({ seq: 1, cutoffDate: '2020-04-10', figures: f });

const belowRule: CheckRule = { id: 'P001-not-below-previous', severity: 'mandatory', kind: 'not_below_previous', figure: 'provincePlatforms' };
const timesRule: CheckRule = { id: 'P002-at-most-times', severity: 'mandatory', kind: 'at_most_times', figure: 'trainingPersonTimes', other: 'registeredTrainees', factor: 3 };
const changeRule: CheckRule = { id: 'P003-change-within', severity: 'advisory', kind: 'change_within', figure: 'trainingPersonTimes', percent: 50 };
const sumRule: CheckRule = { id: 'P004-city-sum', severity: 'mandatory', kind: 'city_sum' };

const passedOf = (rule: CheckRule, now: Figures, before: Figures | null) => runRules([rule], now, before ? previous(before) : null)[0]!.passed;

describe('each rule kind', () => {
  it('figure ≥ previous period: fails only below the previous figure, passes with no previous period', () => {
    expect(passedOf(belowRule, figures(0, 0, 3), figures(0, 0, 3))).toBe(true);
    expect(passedOf(belowRule, figures(0, 0, 2), figures(0, 0, 3))).toBe(false);
    expect(passedOf(belowRule, figures(0, 0, 0), null)).toBe(true);
  });

  it('figure A ≤ k × figure B: fails just past k times', () => {
    expect(passedOf(timesRule, figures(10, 30), null)).toBe(true);
    expect(passedOf(timesRule, figures(10, 31), null)).toBe(false);
    const [outcome] = runRules([timesRule], figures(10, 31), null);
    expect(outcome!.values).toEqual([
      { figure: 'trainingPersonTimes', period: 'this', value: 31 },
      { figure: 'registeredTrainees', period: 'this', value: 10 },
    ]);
    expect(outcome!.message).toContain('3 倍');
  });

  it('change against the previous period ≤ p%: both directions, no base when there is no previous figure or it was 0', () => {
    expect(passedOf(changeRule, figures(0, 150), figures(0, 100))).toBe(true);
    expect(passedOf(changeRule, figures(0, 151), figures(0, 100))).toBe(false);
    expect(passedOf(changeRule, figures(0, 49), figures(0, 100))).toBe(false);
    expect(passedOf(changeRule, figures(0, 500), figures(0, 0))).toBe(true);
    expect(passedOf(changeRule, figures(0, 500), null)).toBe(true);
  });

  it('city total = sum of counties: checked on the city roll-up, never by a county PC', () => {
    const counties = [figures(1, 2), figures(3, 4)];
    expect(runCityRules([sumRule], counties, figures(4, 6))[0]!.passed).toBe(true);
    expect(runCityRules([sumRule], counties, figures(4, 7))[0]).toMatchObject({ passed: false, figure: 'trainingPersonTimes' });
    expect(runRules([sumRule], figures(1, 1), null)).toEqual([]);
  });

  it('keeps the built-in checks as R001-R003, all 提示, with a sentence each', () => {
    expect(BUILT_IN_RULES.map((r) => [r.id, r.severity])).toEqual([
      ['R001-registered-not-below-previous', 'advisory'],
      ['R002-training-not-below-previous', 'advisory'],
      ['R003-registered-at-most-training', 'advisory'],
    ]);
    for (const rule of [...BUILT_IN_RULES, timesRule, changeRule, sumRule]) expect(describeRule(rule)).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('severities', () => {
  it('sorts failures by severity and attaches a 上报说明 to failed 提示 rules only', () => {
    const outcomes = runRules([timesRule, changeRule], figures(10, 40), previous(figures(10, 10)));
    const failed = failures(outcomes);
    expect(failed.mandatory.map((o) => o.ruleId)).toEqual(['P002-at-most-times']);
    expect(failed.advisory.map((o) => o.ruleId)).toEqual(['P003-change-within']);
    const explained = withExplanations(outcomes, { 'P003-change-within': '平台集中补录了学习记录' }, '共同说明');
    expect(explained.map((o) => o.explanation)).toEqual([null, '平台集中补录了学习记录']);
    expect(withExplanations(outcomes, {}, '共同说明')[1]!.explanation).toBe('共同说明');
  });
});

describe('published definitions', () => {
  it('reads a known kind whole and an unknown kind as skipped, and nothing else', () => {
    expect(readRule(changeRule)).toEqual({ known: true, rule: changeRule });
    expect(readRule({ id: 'P009-ratio-of-squares', kind: 'ratio_of_squares', severity: 'mandatory', formula: 'x*x' })).toEqual({ known: false, id: 'P009-ratio-of-squares', kind: 'ratio_of_squares' });
    // A known kind with wrong parameters is not "unknown": it is unreadable.
    expect(readRule({ ...changeRule, percent: 'a lot' })).toBeNull();
    expect(readRule({ id: 'not an id', kind: 'x' })).toBeNull();
  });

  it('admits only the kinds and their parameters from the province form (no expressions)', () => {
    expect(newRuleBody.safeParse({ kind: 'change_within', severity: 'advisory', figure: 'trainingPersonTimes', percent: 20 }).success).toBe(true);
    const hostile = [
      { kind: 'expression', severity: 'mandatory', expr: 'process.exit(1)' },
      { kind: 'change_within', severity: 'advisory', figure: 'trainingPersonTimes', percent: 20, expr: 'require("fs")' },
      { kind: 'at_most_times', severity: 'mandatory', figure: 'trainingPersonTimes', other: 'trainingPersonTimes', factor: 2 },
      { kind: 'at_most_times', severity: 'mandatory', figure: 'constructor', other: 'registeredTrainees', factor: 2 },
      { kind: 'change_within', severity: 'severe', figure: 'trainingPersonTimes', percent: 20 },
      { kind: 'change_within', severity: 'advisory', figure: 'trainingPersonTimes', percent: '1; DROP TABLE' },
      { kind: 'at_most_times', severity: 'mandatory', figure: 'trainingPersonTimes', other: 'registeredTrainees', factor: -1 },
    ];
    for (const body of hostile) expect(newRuleBody.safeParse(body).success, JSON.stringify(body)).toBe(false);
    expect(ruleSchema.safeParse({ ...changeRule, id: 'P003-../../etc' }).success).toBe(false);
  });
});

describe('the server judging stored outcomes', () => {
  const rules = new Map([...BUILT_IN_RULES, timesRule, changeRule].map((r) => [r.id, r]));
  const now = figures(10, 40);
  const before = previous(figures(10, 10));
  const honest = withExplanations(runRules([...BUILT_IN_RULES, changeRule], now, before), {}, '平台集中补录了学习记录');

  it('takes honest outcomes', () => {
    expect(outcomesProblem(honest, rules, now, before)).toBeNull();
  });

  it('refuses a pass claimed for a rule that fails on the figures', () => {
    const forged = honest.map((o) => (o.ruleId === 'P003-change-within' ? { ...o, passed: true, explanation: null } : o));
    expect(outcomesProblem(forged, rules, now, before)).toContain('不符');
  });

  it('refuses a failed 提示 rule without its 上报说明', () => {
    const unexplained = honest.map((o) => ({ ...o, explanation: null }));
    expect(outcomesProblem(unexplained, rules, now, before)).toContain('没有上报说明');
  });

  it('refuses a failed 强制 rule, a severity changed, and a rule the server never published', () => {
    const mandatory = runRules([timesRule], now, before);
    expect(outcomesProblem(mandatory, rules, now, before)).toContain('强制规则');
    const softened = withExplanations(mandatory.map((o) => ({ ...o, severity: 'advisory' as const })), {}, '说明');
    expect(outcomesProblem(softened, rules, now, before)).toContain('不符');
    expect(outcomesProblem([{ ...honest[0]!, ruleId: 'P099-made-up' }], rules, now, before)).toContain('未知规则');
  });
});
