/**
 * The rules a report is checked by before it goes up (issue #15 item 3). Each rule has a stable id and a severity:
 * 强制 (`mandatory`) refuses the submission while it fails; 提示 (`advisory`) lets it go up with a 上报说明 that the
 * reviewer reads beside the figure.
 *
 * A rule is data of one of a few kinds, never an expression: the province adds rules from a staff form and they
 * travel to every county PC, so what a hostile form could send is limited to these shapes, each checked by zod.
 * Definitions are immutable once published (the province adds and disables, never edits), so the server can judge
 * a submission's stored outcomes by the definition the PC ran.
 *
 * The checks the PC ran before rules had ids are R001-R003, with their old meaning and messages (docs/reporting-levels.md
 * says why each is 提示).
 */
import { z } from 'zod';
import { FIGURE_KEYS, FIGURE_NAMES } from './dispatch-figures';

export const RULE_SEVERITIES = ['mandatory', 'advisory'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];
export const SEVERITY_LABELS: Readonly<Record<RuleSeverity, string>> = { mandatory: '强制', advisory: '提示' };

export const RULE_KINDS = ['not_below_previous', 'at_most_times', 'change_within', 'city_sum'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const RULE_KIND_LABELS: Readonly<Record<RuleKind, string>> = {
  not_below_previous: '不低于上一期',
  at_most_times: '不超过另一项的 k 倍',
  change_within: '与上一期相比变化不超过 p%',
  city_sum: '地市合计等于各县之和',
};

/** R001-... for the built-in rules, P001-... for the province's; the tail says what the rule is about. */
export const RULE_ID_PATTERN = /^[RP]\d{3}-[a-z0-9-]{1,48}$/;
export const ruleIdSchema = z.string().regex(RULE_ID_PATTERN, { error: '规则编号格式不正确' });

const figure = z.enum(FIGURE_KEYS, { error: '请选择数字项目' });
const severity = z.enum(RULE_SEVERITIES, { error: '请选择严重程度（强制或提示）' });
const head = { id: ruleIdSchema, severity };

export const notBelowPreviousRule = z.strictObject({ ...head, kind: z.literal('not_below_previous'), figure });
/** figure ≤ factor × other. */
export const atMostTimesRule = z.strictObject({
  ...head,
  kind: z.literal('at_most_times'),
  figure,
  other: figure,
  factor: z.number({ error: '倍数必须是数字' }).positive({ error: '倍数必须大于 0' }).max(1000, { error: '倍数最大 1000' }),
});
/** |figure − previous| ≤ percent% × previous; a figure with no earlier value, or an earlier 0, has no base to compare. */
export const changeWithinRule = z.strictObject({
  ...head,
  kind: z.literal('change_within'),
  figure,
  percent: z.number({ error: '百分比必须是数字' }).min(0, { error: '百分比不能小于 0' }).max(10_000, { error: '百分比最大 10000' }),
});
/** Checked where city reports are made (the server), never on a county PC. */
export const citySumRule = z.strictObject({ ...head, kind: z.literal('city_sum') });

export const ruleSchema = z.discriminatedUnion('kind', [notBelowPreviousRule, atMostTimesRule, changeWithinRule, citySumRule]);
export type CheckRule = z.infer<typeof ruleSchema>;

/** The checks of the PC before rules had ids; their severity is a default the province cannot change (it adds its own). */
export const BUILT_IN_RULES: readonly CheckRule[] = [
  { id: 'R001-registered-not-below-previous', severity: 'advisory', kind: 'not_below_previous', figure: 'registeredTrainees' },
  { id: 'R002-training-not-below-previous', severity: 'advisory', kind: 'not_below_previous', figure: 'trainingPersonTimes' },
  { id: 'R003-registered-at-most-training', severity: 'advisory', kind: 'at_most_times', figure: 'registeredTrainees', other: 'trainingPersonTimes', factor: 1 },
];

/**
 * A rule as the province publishes it by sync (beside the period calendar): the definition and whether it is in
 * force. A PC that does not know the kind keeps it as unknown and reports it skipped instead of failing the pull.
 */
export const publishedRuleSchema = z.object({ rule: z.record(z.string(), z.unknown()), enabled: z.boolean() });

export type ReadRule = { known: true; rule: CheckRule } | { known: false; id: string; kind: string };

/** Reads a published definition: a known kind checked whole, else its id and kind for the skipped list (or null). */
export function readRule(raw: unknown): ReadRule | null {
  const parsed = ruleSchema.safeParse(raw);
  if (parsed.success) return { known: true, rule: parsed.data };
  const outline = z.object({ id: ruleIdSchema, kind: z.string().min(1).max(40) }).safeParse(raw);
  if (!outline.success || (RULE_KINDS as readonly string[]).includes(outline.data.kind)) return null;
  return { known: false, id: outline.data.id, kind: outline.data.kind };
}

/** The province form's body: a definition without its id (the server numbers it). */
export const newRuleBody = z.discriminatedUnion('kind', [
  notBelowPreviousRule.omit({ id: true }),
  atMostTimesRule.omit({ id: true }).refine((r) => r.figure !== r.other, { error: '两个数字项目不能相同', path: ['other'] }),
  changeWithinRule.omit({ id: true }),
  citySumRule.omit({ id: true }),
]);
export type NewRule = z.infer<typeof newRuleBody>;

/** A rule in one Chinese sentence, for the province's rule page and the reviewer. */
export function describeRule(rule: CheckRule): string {
  switch (rule.kind) {
    case 'not_below_previous':
      return `${FIGURE_NAMES[rule.figure]}不低于上一期已上报数`;
    case 'at_most_times':
      return `${FIGURE_NAMES[rule.figure]}不超过${FIGURE_NAMES[rule.other]}${rule.factor === 1 ? '' : `的 ${rule.factor} 倍`}`;
    case 'change_within':
      return `${FIGURE_NAMES[rule.figure]}与上一期相比变化不超过 ${rule.percent}%`;
    case 'city_sum':
      return '地市报表的合计等于各县（区、市）之和（在地市上报时检查）';
  }
}
