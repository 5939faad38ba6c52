/**
 * Runs the county-level rules (check-rules.ts) on a report's final figures and the previous submitted period's, and
 * judges outcomes someone else ran: the PC stores the outcomes with the submission, the server runs the same rules
 * on the figures it received and refuses outcomes that do not match (a forged pass, a failed 提示 rule without its
 * 上报说明, a failed 强制 rule that went up anyway).
 */
import { z } from 'zod';
import { formatCount } from '../format/numbers';
import { FIGURE_KEYS, FIGURE_NAMES, sumFigures, type Figures, type PreviousReport } from './dispatch-figures';
import { RULE_SEVERITIES, ruleIdSchema, SEVERITY_LABELS, type CheckRule } from './check-rules';

const figureKey = z.enum(FIGURE_KEYS);

/** One rule's result for one submission, stored with it on the PC and on the server. */
export const ruleOutcomeSchema = z.object({
  ruleId: ruleIdSchema,
  kind: z.string().max(40),
  severity: z.enum(RULE_SEVERITIES),
  /** The figure the rule is about: the reviewer sees the outcome beside it. */
  figure: figureKey,
  passed: z.boolean(),
  /** The figures the rule compared, this period's and the previous period's. */
  values: z.array(z.object({ figure: figureKey, period: z.enum(['this', 'previous']), value: z.number() })).max(8),
  /** Chinese, for the clerk and the reviewer: what is wrong and what to do; empty when passed. */
  message: z.string().max(1000),
  /** The 上报说明 given for a failed 提示 rule; null otherwise. */
  explanation: z.string().max(2000).nullable(),
});
export type RuleOutcome = z.infer<typeof ruleOutcomeSchema>;

/** A rule this PC did not know how to run (a newer kind): kept with the submission so the reviewer knows. */
export const skippedRuleSchema = z.object({ ruleId: z.string().max(60), kind: z.string().max(40) });
export type SkippedRule = z.infer<typeof skippedRuleSchema>;

type CountyRule = Exclude<CheckRule, { kind: 'city_sum' }>;

export function isCountyRule(rule: CheckRule): rule is CountyRule {
  return rule.kind !== 'city_sum';
}

/** Runs every county-level rule; explanations are left null (attach them with `withExplanations`). */
export function runRules(rules: readonly CheckRule[], figures: Figures, previous: PreviousReport | null): RuleOutcome[] {
  return rules.filter(isCountyRule).map((rule) => runRule(rule, figures, previous));
}

function runRule(rule: CountyRule, figures: Figures, previous: PreviousReport | null): RuleOutcome {
  const base = { ruleId: rule.id, kind: rule.kind, severity: rule.severity, figure: rule.figure, explanation: null };
  const now = figures[rule.figure];
  const before = previous?.figures[rule.figure];
  const fix = rule.severity === 'mandatory' ? '这是强制规则：请修正数字后再上报。' : '请核对并修正数字；确属实情的，请填写上报说明后上报。';
  const thisValue = { figure: rule.figure, period: 'this' as const, value: now };
  const previousValue = before === undefined ? [] : [{ figure: rule.figure, period: 'previous' as const, value: before }];
  switch (rule.kind) {
    case 'not_below_previous': {
      const passed = before === undefined || now >= before;
      const message = passed ? '' : `${FIGURE_NAMES[rule.figure]}（${formatCount(now)}）低于第${previous!.seq}期已上报的 ${formatCount(before)}。累计数不应减少：请核对是否误删了记录。${fix}`;
      return { ...base, passed, values: [thisValue, ...previousValue], message };
    }
    case 'at_most_times': {
      const other = figures[rule.other];
      const passed = now <= rule.factor * other;
      const times = rule.factor === 1 ? '' : ` ${rule.factor} 倍`;
      const message = passed ? '' : `${FIGURE_NAMES[rule.figure]}（${formatCount(now)}）超过了${FIGURE_NAMES[rule.other]}（${formatCount(other)}）${times}。${fix}`;
      return { ...base, passed, values: [thisValue, { figure: rule.other, period: 'this', value: other }], message };
    }
    case 'change_within': {
      const passed = before === undefined || before === 0 || Math.abs(now - before) * 100 <= rule.percent * before;
      const message = passed
        ? ''
        : `${FIGURE_NAMES[rule.figure]}（${formatCount(now)}）与第${previous!.seq}期的 ${formatCount(before)} 相比变化了 ${percentOf(now, before!)}%，超过省里规定的 ${rule.percent}%。${fix}`;
      return { ...base, passed, values: [thisValue, ...previousValue], message };
    }
  }
}

function percentOf(now: number, before: number): string {
  return ((Math.abs(now - before) * 100) / before).toFixed(1);
}

/**
 * The city_sum rules, run where a city report is made: the 合计 row must equal the sum of the county rows, figure by
 * figure. The server builds the 合计 from the rows, so this catches a roll-up that went wrong, not a clerk's typing.
 */
export function runCityRules(rules: readonly CheckRule[], counties: readonly Figures[], total: Figures): RuleOutcome[] {
  const sum = sumFigures(counties);
  return rules
    .filter((rule) => rule.kind === 'city_sum')
    .map((rule) => {
      const wrong = FIGURE_KEYS.find((key) => sum[key] !== total[key]);
      const message = wrong ? `${FIGURE_NAMES[wrong]}的合计（${formatCount(total[wrong])}）不等于各县之和（${formatCount(sum[wrong])}）。请联系技术支持核对汇总。` : '';
      const figure = wrong ?? 'registeredTrainees';
      return { ruleId: rule.id, kind: rule.kind, severity: rule.severity, figure, passed: !wrong, values: [{ figure, period: 'this' as const, value: total[figure] }], message, explanation: null };
    });
}

/** The failed rules of each severity. */
export function failures(outcomes: readonly RuleOutcome[]): { mandatory: RuleOutcome[]; advisory: RuleOutcome[] } {
  const failed = outcomes.filter((o) => !o.passed);
  return { mandatory: failed.filter((o) => o.severity === 'mandatory'), advisory: failed.filter((o) => o.severity === 'advisory') };
}

/** Each failed 提示 rule gets its own 上报说明, else the one written for all of them (null: none given). */
export function withExplanations(outcomes: readonly RuleOutcome[], perRule: Readonly<Record<string, string>>, common: string | null): RuleOutcome[] {
  return outcomes.map((o) => (o.passed || o.severity !== 'advisory' ? o : { ...o, explanation: perRule[o.ruleId]?.trim() || common?.trim() || null }));
}

export function ruleTag(o: Pick<RuleOutcome, 'ruleId' | 'severity'>): string {
  return `${o.ruleId}（${SEVERITY_LABELS[o.severity]}）`;
}

/**
 * Why the server refuses a submission's stored outcomes, or null when they hold: each outcome names a rule the
 * server knows, and says what running that rule on the submitted figures says; no 强制 rule failed; every failed 提示
 * rule carries a 上报说明. `rules` are every rule the server ever published (a disabled one may still have run).
 */
export function outcomesProblem(claimed: readonly RuleOutcome[], rules: ReadonlyMap<string, CheckRule>, figures: Figures, previous: PreviousReport | null): string | null {
  const seen = new Set<string>();
  for (const outcome of claimed) {
    const rule = rules.get(outcome.ruleId);
    if (!rule || !isCountyRule(rule)) return `上报的检查结果中有未知规则 ${outcome.ruleId}，本次上报未被接收。请同步后重新上报。`;
    if (seen.has(outcome.ruleId)) return `上报的检查结果中规则 ${outcome.ruleId} 出现了两次，本次上报未被接收。`;
    seen.add(outcome.ruleId);
    const actual = runRule(rule, figures, previous);
    if (actual.passed !== outcome.passed || actual.severity !== outcome.severity) {
      return `规则 ${ruleTag(actual)} 按上报的数字${actual.passed ? '通过' : '未通过'}，与本机记录的检查结果不符，本次上报未被接收。请在本机重新检查后上报。`;
    }
    if (!actual.passed && actual.severity === 'mandatory') return `强制规则 ${outcome.ruleId} 未通过，不能上报：请修正数字后重新上报。`;
    if (!actual.passed && !outcome.explanation?.trim()) return `规则 ${ruleTag(actual)} 未通过，但没有上报说明，本次上报未被接收。请填写上报说明后重新上报。`;
  }
  return null;
}
