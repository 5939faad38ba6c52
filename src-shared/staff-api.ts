/**
 * What the staff API (/api/v1/staff/*, src-server/staff) answers, as zod schemas, named as answers by
 * the staff contract (staff-contract.ts): the staff web UI parses every answer with them (the network
 * is a boundary), and test/contract/staff-routes.test.ts runs the server's real answers through them
 * so the two cannot drift apart.
 */
import { ruleSchema } from './domain/check-rules';
import { ruleOutcomeSchema, skippedRuleSchema } from './domain/run-rules';
import { z } from 'zod';
import { boardShortCodeSchema } from './short-code-api';
import { FIGURE_KEYS } from './domain/dispatch-figures';

const COUNTY_STAGES = ['not_submitted', 'pending', 'returned', 'accepted'] as const;
const CITY_STAGES = ['open', 'submitted', 'returned', 'accepted', 'withdrawn'] as const;
const CORRECTION_STAGES = ['requested', 'granted', 'refused'] as const;
const LEVELS = ['county', 'city', 'province'] as const;

export const STAFF_ROLES = ['province', 'city'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  cityCode: z.string().nullable(),
  /** The province the server serves: the staff UI offers its cities and counties only. */
  provinceCode: z.string().regex(/^\d{2}0000$/),
});
export type StaffUser = z.infer<typeof staffUserSchema>;


/** A county report's standing on the completeness board. */
export const BOARD_STATUSES = ['not_submitted', 'on_time', 'late', 'returned', 'accepted'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

export const BOARD_STATUS_LABELS: Readonly<Record<BoardStatus, string>> = {
  not_submitted: '未报送',
  on_time: '按时报送',
  late: '逾期',
  returned: '已退回',
  accepted: '已通过',
};

export const staffPeriodSchema = z.object({
  id: z.string(),
  seq: z.number(),
  startDate: z.string(),
  cutoffDate: z.string(),
  dueDate: z.string(),
  source: z.enum(['province', 'default']),
});
export type StaffPeriod = z.infer<typeof staffPeriodSchema>;

export const boardRowSchema = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  cityCode: z.string(),
  status: z.enum(BOARD_STATUSES),
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  syncStale: z.boolean(),
  /** The report's stage in the level state machine, and who must decide it next (待市审核 / 待省审核). */
  stage: z.enum(COUNTY_STAGES),
  awaiting: z.enum(['city', 'province']).nullable(),
  /** Who made the decision shown, and at which level. */
  reviewedBy: z.string().nullable(),
  reviewedLevel: z.enum(['city', 'province']).nullable(),
  correction: z.enum(CORRECTION_STAGES).nullable(),
  /** Days past the due date: of the submission when it came late, of today while none is in (0: on time). */
  daysLate: z.number().int().nonnegative(),
  /** The newest short code received for the period (issue #16): provisional until the full report reconciles it. */
  shortCode: boardShortCodeSchema.nullable(),
});
export type BoardRow = z.infer<typeof boardRowSchema>;

export const boardSchema = z.object({
  period: staffPeriodSchema,
  counts: z.object({
    not_submitted: z.number(),
    on_time: z.number(),
    late: z.number(),
    returned: z.number(),
    accepted: z.number(),
    total: z.number(),
    syncStale: z.number(),
  }),
  rows: z.array(boardRowSchema),
  /** The city report of the city shown (a city account's, or the city the province picked); null for the whole province. */
  cityReport: z.lazy(() => cityReportSchema).nullable(),
  /** One line per city of the scope: its city report and how its counties stand. */
  cities: z.array(z.lazy(() => citySummarySchema)),
});
export type Board = z.infer<typeof boardSchema>;

export const CITY_STAGE_NAMES: Readonly<Record<(typeof CITY_STAGES)[number], string>> = { open: '未上报', submitted: '待省审核', returned: '省已退回', accepted: '省已通过', withdrawn: '已撤回' };

export const cityReportSchema = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  stage: z.enum(CITY_STAGES),
  /** Who judges its counties: the city, or the province (no city account and the province routes them directly). */
  reviewer: z.enum(['city', 'province']),
  note: z.string().nullable(),
  forceReason: z.string().nullable(),
  missing: z.array(z.string()),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
});
export type CityReport = z.infer<typeof cityReportSchema>;

export const citySummarySchema = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  stage: z.enum(CITY_STAGES),
  reviewer: z.enum(['city', 'province']),
  submittedAt: z.string().nullable(),
  /** The city report came after the due date, or is still missing after it. */
  late: z.boolean(),
  /** Days past the due date, by the city report's submission or by today while it is not in; 0 on time. */
  daysLate: z.number().int().nonnegative(),
  /** Counties whose report came after the due date or is still not in after it. */
  lateCounties: z.number(),
  accepted: z.number(),
  returned: z.number(),
  pending: z.number(),
  missing: z.number(),
  total: z.number(),
});
export type CitySummary = z.infer<typeof citySummarySchema>;

export const cityReportAnswerSchema = z.object({ cityCode: z.string(), cutoffDate: z.string(), stage: z.enum(CITY_STAGES), at: z.string() });

export const levelEventSchema = z.object({
  cutoffDate: z.string(),
  cityCode: z.string(),
  countyCode: z.string().nullable(),
  action: z.string(),
  stage: z.string(),
  actorRole: z.enum(LEVELS),
  actorName: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type LevelEventItem = z.infer<typeof levelEventSchema>;
export const historySchema = z.object({ events: z.array(levelEventSchema) });

export const LEVEL_ACTION_LABELS: Readonly<Record<string, string>> = {
  'county.submit': '县级上报',
  'county.accept': '审核通过',
  'county.return': '退回县级报表',
  'city.submit': '上报市级报表',
  'city.withdraw': '撤回市级报表',
  'city.accept': '省级审核通过市级报表',
  'city.return': '退回市级报表',
  'correction.request': '提交更正申请',
  'correction.grant': '批准更正申请',
  'correction.refuse': '不批准更正申请',
};

export const correctionSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  cutoffDate: z.string(),
  what: z.string(),
  why: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
  stage: z.enum(CORRECTION_STAGES),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  comment: z.string().nullable(),
  mayDecide: z.boolean(),
});
export type CorrectionItem = z.infer<typeof correctionSchema>;
export const correctionsSchema = z.object({ corrections: z.array(correctionSchema) });
export const correctionAnswerSchema = z.object({ id: z.string(), stage: z.enum(CORRECTION_STAGES), decidedAt: z.string() });

/**
 * One county report as its reviewer sees it before deciding (issue #15 item 5): beside every figure the value computed
 * from the county's records, the adjustment with its reason and who made it, and the figure sent; the 强制上报说明; the
 * decision on this submission; what this user may do now; and the report's one history.
 */
export const reportDetailSchema = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  cutoffDate: z.string(),
  stage: z.enum(COUNTY_STAGES),
  awaiting: z.enum(['city', 'province']).nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  forceReason: z.string().nullable(),
  figures: z.array(
    z.object({
      key: z.enum(FIGURE_KEYS),
      label: z.string(),
      /** From the records; null for a report sent by a PC that did not send it. */
      computed: z.number().nullable(),
      adjustment: z.object({ value: z.number(), reason: z.string(), by: z.string().nullable(), at: z.string() }).nullable(),
      final: z.number(),
    }),
  ),
  nationalPlatformNames: z.array(z.string()),
  /** The rules the PC ran on this submission and how they came out, with each 上报说明 (empty from older PCs). */
  ruleOutcomes: z.array(ruleOutcomeSchema),
  /** The province's rules the PC could not run (a kind newer than its version). */
  skippedRules: z.array(skippedRuleSchema),
  review: z.object({ status: z.enum(['accepted', 'returned']), comment: z.string().nullable(), at: z.string(), by: z.string().nullable(), level: z.enum(['city', 'province']).nullable() }).nullable(),
  mayAccept: z.boolean(),
  mayReturn: z.boolean(),
  events: z.array(levelEventSchema),
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;

/** One check rule as the province's rule page lists it: built in (R001-...) or added by the province (P001-...). */
export const checkRuleRowSchema = z.object({
  rule: ruleSchema,
  builtIn: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  disabledAt: z.string().nullable(),
});
export const checkRulesSchema = z.object({ rules: z.array(checkRuleRowSchema) });
export type CheckRuleRow = z.infer<typeof checkRuleRowSchema>;

export const levelSettingsSchema = z.object({
  /** Counties of a city without a city account report straight to the province. */
  directToProvince: z.boolean(),
  /** The cities that have a city account (the others are affected by the setting). */
  citiesWithAccount: z.array(z.string()),
});
export type LevelSettings = z.infer<typeof levelSettingsSchema>;

const figuresSchema = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number()])) as Record<(typeof FIGURE_KEYS)[number], z.ZodNumber>);

const tableModelSchema = z.object({
  variant: z.enum(['county', 'rollup']),
  attachmentLabel: z.string(),
  title: z.string(),
  reportingUnitLabel: z.string(),
  reportingUnit: z.string(),
  columns: z.array(z.object({ key: z.enum(['unit', ...FIGURE_KEYS]), label: z.string() })),
  headerRowCount: z.number(),
  header: z.array(z.object({ text: z.string(), row: z.number(), col: z.number(), rowSpan: z.number(), colSpan: z.number() })),
  rows: z.array(z.object({ unitName: z.string().nullable(), values: z.array(z.number()), isTotal: z.boolean() })),
  note: z.string(),
  cutoffLabel: z.string(),
  cutoffDate: z.string(),
  cutoffText: z.string(),
  signatures: z.array(z.object({ label: z.string(), value: z.string() })),
  attachedPage: z.object({ title: z.string(), heading: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())), emptyText: z.string() }),
});

export const rollupRowSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  status: z.enum(BOARD_STATUSES).nullable(),
  reportedCounties: z.number(),
  countyCount: z.number(),
  submitted: figuresSchema,
  computed: figuresSchema,
  differs: z.array(z.enum(FIGURE_KEYS)),
  nationalPlatformNames: z.array(z.string()),
});
export type RollupRow = z.infer<typeof rollupRowSchema>;

export const rollupSchema = z.object({
  level: z.enum(['city', 'province']),
  unitCode: z.string(),
  unitName: z.string(),
  cutoffDate: z.string(),
  rows: z.array(rollupRowSchema),
  total: figuresSchema,
  computedTotal: figuresSchema,
  table: tableModelSchema,
});
export type Rollup = z.infer<typeof rollupSchema>;

export const tableHtmlSchema = z.object({ html: z.string() });

export const REVIEW_DECISIONS = ['accept', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const reviewAnswerSchema = z.object({
  countyCode: z.string(),
  cutoffDate: z.string(),
  status: z.enum(['accepted', 'returned']),
  comment: z.string().nullable(),
  reviewedAt: z.string(),
});

export const duplicatesSchema = z.object({
  cases: z.array(
    z.object({
      caseKey: z.string(),
      maskedIdNumber: z.string(),
      /** A registration in the user's counties: the trainee whose full number 显示完整号码 asks for. */
      revealId: z.string(),
      reviewedAt: z.string().nullable(),
      registrations: z.array(z.object({ countyCode: z.string(), countyName: z.string(), registeredAt: z.string(), syncedAt: z.string() })),
    }),
  ),
});
export type DuplicateCase = z.infer<typeof duplicatesSchema>['cases'][number];

/** A full ID number, revealed to a staff user who may see it (recorded in the 操作日志). */
export const revealedIdNumberSchema = z.object({ traineeId: z.string(), countyCode: z.string(), idNumber: z.string() });
export type RevealedIdNumber = z.infer<typeof revealedIdNumberSchema>;

export const PLATFORM_LEVELS = ['national', 'province', 'city'] as const;
export const directoryPlatformSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  level: z.enum(PLATFORM_LEVELS),
  cityCode: z.string().nullable(),
});
export type DirectoryPlatform = z.infer<typeof directoryPlatformSchema>;
export const directorySchema = z.object({ platforms: z.array(directoryPlatformSchema) });

export const periodsSchema = z.object({ periods: z.array(staffPeriodSchema) });

export const progressSchema = z.object({
  target: z.number(),
  registered: z.number(),
  series: z.array(z.object({ seq: z.number(), cutoffDate: z.string(), registered: z.number(), share: z.number() })),
  byCity: z.array(z.object({ cityCode: z.string(), cityName: z.string(), registered: z.number() })),
  byCategory: z.array(z.object({ category: z.string(), name: z.string(), registered: z.number() })),
  byOccupation: z.array(z.object({ occupationId: z.string().nullable(), name: z.string(), personTimes: z.number() })),
});
export type Progress = z.infer<typeof progressSchema>;

/** The error body of every refused staff request. */
export const staffErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
