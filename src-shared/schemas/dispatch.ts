/** Biweekly dispatch reports (双周调度): figures, adjustments, checks, submission, and the printed table. */
import { z } from 'zod';
import { FIGURE_KEYS } from '../domain/dispatch-figures';
import { DELIVERIES, PERIOD_STATUSES, REPORT_STATUSES } from '../domain/dispatch-status';
import { ruleIdSchema } from '../domain/check-rules';
import { ruleOutcomeSchema, skippedRuleSchema } from '../domain/run-rules';
import { isoDateField, textField, uuidSchema } from './common';
import { periodSchema } from './reference';

export const figureKey = z.enum(FIGURE_KEYS, { error: '请选择要调整的数字' });

const count = z.number().int().min(0);
export const figuresSchema = z.object({
  registeredTrainees: count,
  trainingPersonTimes: count,
  provincePlatforms: count,
  cityPlatforms: count,
  nationalPlatforms: count,
});

export const adjustmentSchema = z.object({
  figure: figureKey,
  value: count.nullable(),
  reason: z.string(),
  operatorId: z.string().nullable(),
  operatorName: z.string().nullable(),
  at: z.string(),
});

export const reportStatus = z.enum(REPORT_STATUSES);
export const reviewLevel = z.enum(['city', 'province']);
export const delivery = z.enum(DELIVERIES);
export const periodStatus = z.enum(PERIOD_STATUSES);

export const figureLineSchema = z.object({
  key: figureKey,
  label: z.string(),
  computed: count,
  adjustment: adjustmentSchema.nullable(),
  final: count,
  /**
   * The previous submitted period's figure and its own change (from the period before it, or from zero), which the
   * adjust dialog compares a new value with (figure-jump.ts); null when no earlier period went up.
   */
  previous: z.object({ seq: z.number().int(), value: count, change: z.number().int() }).nullable(),
});

/** A rule's outcome on the figures shown (run-rules.ts): the checks before submission, each with its id and severity. */
export const checkSchema = ruleOutcomeSchema;

/**
 * A correction request (更正申请) as the clerk sees it: 待同步 until it has reached the server (`unsent`), 待批 there
 * (`requested`), then 已批准 / 已拒绝 with who (and at which level), when and why; `rejected` when the server refused
 * the request itself (its reason in `rejection`, also listed on 数据同步).
 */
export const CORRECTION_STATES = ['unsent', 'requested', 'granted', 'refused', 'rejected'] as const;
export const correctionRequestSchema = z.object({
  id: z.string(),
  what: z.string(),
  why: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
  state: z.enum(CORRECTION_STATES),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedLevel: reviewLevel.nullable(),
  comment: z.string().nullable(),
  rejection: z.string().nullable(),
});
export type CorrectionRequest = z.infer<typeof correctionRequestSchema>;

export const dispatchReportSchema = z.object({
  period: periodSchema,
  reportId: uuidSchema.nullable(),
  status: periodStatus,
  reportStatus: reportStatus.nullable(),
  overdue: z.boolean(),
  locked: z.boolean(),
  /** Submittable now: not locked and the cutoff day has come. */
  canSubmit: z.boolean(),
  unitName: z.string(),
  figures: z.array(figureLineSchema),
  /** Figures as computed when the report was submitted (frozen), or live from the records for a draft. */
  frozen: z.boolean(),
  nationalPlatformNames: z.array(z.string()),
  /** The rules run on the figures shown: live for a draft, as stored with the submission once it went up. */
  checks: z.array(checkSchema),
  /** Rules from the province this PC cannot run (a kind newer than this version): skipped, and said so. */
  skippedRules: z.array(skippedRuleSchema),
  adjustmentHistory: z.array(adjustmentSchema),
  forceReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** Who returned or accepted it, at which level (null from a server that did not say). */
  reviewedBy: z.string().nullable(),
  reviewedLevel: reviewLevel.nullable(),
  /** Where a submission waiting for a decision is: 待同步, 已送达市级 / 省级 (null otherwise). */
  delivery: delivery.nullable(),
  deliveredAt: z.string().nullable(),
  /** This period's correction requests, newest first. */
  corrections: z.array(correctionRequestSchema),
  /** Accepted (locked) and no request of it waiting: 提交更正申请 is offered. */
  canRequestCorrection: z.boolean(),
});
export type DispatchReport = z.infer<typeof dispatchReportSchema>;

export const periodOverviewSchema = z.object({
  period: periodSchema,
  status: periodStatus,
  overdue: z.boolean(),
  submittedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedLevel: reviewLevel.nullable(),
  delivery: delivery.nullable(),
});

export const dispatchListSchema = z.object({
  today: z.string(),
  nextDue: z
    .object({ periodId: uuidSchema, seq: z.number().int(), dueDate: z.string(), daysLeft: z.number().int(), text: z.string() })
    .nullable(),
  periods: z.array(periodOverviewSchema),
});
export type DispatchList = z.infer<typeof dispatchListSchema>;

export const periodRef = z.object({ periodId: uuidSchema });

export const dispatchAdjustInput = z.object({
  periodId: uuidSchema,
  figure: figureKey,
  /** null withdraws the adjustment: the computed figure is used again. */
  value: z
    .number({ error: '调整后的数字必须是整数' })
    .int({ error: '调整后的数字必须是整数' })
    .min(0, { error: '调整后的数字不能小于 0' })
    .max(100_000_000, { error: '调整后的数字过大，请核对' })
    .nullable(),
  reason: textField('调整原因', { min: 4, max: 500 }),
});

export const dispatchSubmitInput = z.object({
  periodId: uuidSchema,
  /**
   * The 上报说明 for every failed 提示 rule that has none of its own in `explanations`: why the figures are right
   * anyway. A failed 强制 rule refuses the submission whatever is written.
   */
  forceReason: textField('上报说明', { min: 4, max: 500 }).optional(),
  /** A 上报说明 per failed 提示 rule, by rule id. */
  explanations: z.record(ruleIdSchema, textField('上报说明', { min: 4, max: 500 })).optional(),
});

export const dispatchCorrectionInput = z.object({
  periodId: uuidSchema,
  /** What changes: the figure, records or adjustment, and to what. */
  what: textField('更正内容', { min: 4, max: 500 }),
  why: textField('更正原因', { min: 4, max: 500 }),
});

export const TABLE_FORMATS = ['pdf', 'xlsx', 'html'] as const;
export const tableFormat = z.enum(TABLE_FORMATS, { error: '格式只能是 pdf、xlsx 或 html' });

/** Which table: a period's report, or the figures as of any date (not a period's cutoff: computed, unadjusted). */
export const tableTarget = z.union([
  z.object({ periodId: uuidSchema }).strict(),
  z.object({ cutoffDate: isoDateField('截止日期') }).strict(),
]);

export const tableRenderOutput = z.object({ html: z.string(), fileName: z.string() });

export const tableExportInput = z.object({ target: tableTarget, format: tableFormat });
export const tableExportOutput = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** The file, base64-encoded: travels the same way over IPC and over HTTP. */
  base64: z.string(),
  byteLength: z.number().int(),
});
