/**
 * Importing trainee lists and training records from spreadsheets, and exporting them back.
 *
 * The procedures never carry file bytes: the host moves them (the web host's `POST /upload` and `GET /download/:id`,
 * or the Electron main side reading a path the clerk chose) and the procedures speak of file ids. That keeps the RPC
 * bodies small (the web host refuses bodies over 1 MB) and the API the same over IPC and HTTP.
 */
import { z } from 'zod';
import { sheetColumns, type SheetName } from '../fields/field-spec';
import { TRAINEE_TABLE } from '../fields/trainee-fields';

export const IMPORT_KINDS = ['trainees', 'enrolments'] as const;
export const importKind = z.enum(IMPORT_KINDS, { error: '只能导入学员名单（trainees）或培训记录（enrolments）' });
export type ImportKind = z.infer<typeof importKind>;

/** The trainee sheet's columns, from the field table (template order). */
export const TRAINEE_SHEET = sheetColumns(TRAINEE_TABLE);
/** Fields a column can be mapped to, per kind. */
export const TRAINEE_FIELDS = TRAINEE_SHEET.map((c) => c.name);
export const ENROLMENT_FIELDS = [
  'idNumber',
  'name',
  'platform',
  'occupation',
  'courseName',
  'startDate',
  'endDate',
  'hours',
  'signedIn',
  'learningRecord',
  'testResult',
  // Read only to register a trainee the record names but this PC has not registered (registerMissing below).
  'phone',
  'categories',
  'ruralHukou',
  'registeredAt',
] as const;
export type TraineeField = SheetName<(typeof TRAINEE_TABLE)[number]>;
export type EnrolmentField = (typeof ENROLMENT_FIELDS)[number];
export type ImportField = TraineeField | EnrolmentField;
export const importField = z.enum([...new Set<ImportField>([...TRAINEE_FIELDS, ...ENROLMENT_FIELDS])] as [ImportField, ...ImportField[]]);

const fileId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '文件编号无效，请重新选择文件' });
const jobId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '导入任务编号无效，请重新检查文件' });

/** Fields whose cells name an entry of a fixed list: a value that matches none is decided once, for every row. */
export const VALUE_FIELDS = ['platform', 'occupation', 'categories', 'ruralHukou'] as const;
export const valueField = z.enum(VALUE_FIELDS, { error: '只能为培训平台、职业（工种）、人员类别或户籍的值做选择' });
export type ValueField = z.infer<typeof valueField>;

/** map: to an existing entry; new: add it to the platform directory as the county's own; empty: leave the field empty. */
export const VALUE_ACTIONS = ['map', 'new', 'empty'] as const;
export type ValueAction = (typeof VALUE_ACTIONS)[number];

const decidedValue = z.string().trim().min(1, { error: '请写出要对应的值' }).max(200, { error: '值太长（最多 200 个字）' });
/** One decision for one distinct value of a column (never for one row). */
export const valueDecision = z.discriminatedUnion(
  'action',
  [
    z.object({
      field: valueField,
      value: decidedValue,
      action: z.literal('map'),
      /** A platform or occupation id, a category code, or rural/urban for 户籍. */
      target: z.string().min(1).max(64),
    }),
    z.object({ field: valueField, value: decidedValue, action: z.literal('new') }),
    z.object({ field: valueField, value: decidedValue, action: z.literal('empty') }),
  ],
  { error: '每个值的选择只能是对应到已有条目（map）、新增平台（new）或留空（empty）' },
);
export type ValueDecision = z.infer<typeof valueDecision>;

export const importDryRunInput = z.object({
  fileId,
  kind: importKind,
  /**
   * Columns the file lacks, given one value for every row (户籍 -> 城镇, as a cell would hold it), or null to leave
   * the field unknown (待补充) where it may stay unknown.
   */
  fill: z.partialRecord(importField, z.string().trim().max(200).nullable()).optional(),
  /** Choices for values that match no entry; they override the choices remembered from earlier imports. */
  decisions: z.array(valueDecision).max(5000).optional(),
  /**
   * Hand-made mapping for columns the header synonyms did not recognise: column number (1 = A) -> field, or null
   * to ignore a column that was recognised wrongly.
   */
  mapping: z.record(z.string().regex(/^\d{1,3}$/), importField.nullable()).optional(),
  /** The worksheet to read (1 = first tab); absent: the one whose header names the most known columns. */
  sheet: z.number().int().min(1).max(10_000).optional(),
  /**
   * Training records only: a row whose ID number is not registered here also registers its trainee, when the row
   * carries what a registration needs (同时登记这些学员); without it such rows are invalid.
   */
  registerMissing: z.boolean().optional(),
});

export const importSheetSchema = z.object({
  /** 1-based tab position, hidden sheets included. */
  number: z.number().int(),
  name: z.string(),
  hidden: z.boolean(),
  /** Rows holding any value; null for a workbook of one sheet (not counted twice: nothing to choose). */
  rowCount: z.number().int().nullable(),
  /** Known columns its header names: 0 when no header was found in its first rows. */
  score: z.number().int(),
});
export type ImportSheet = z.infer<typeof importSheetSchema>;

/**
 * What a dry run that could not read the chosen sheet (no header in its first rows, no such tab) adds to its
 * VALIDATION error: the workbook's sheets and the one tried, so the clerk can choose another without a new upload.
 */
export const importSheetErrorDetails = z.object({ sheets: z.array(importSheetSchema).min(2), sheet: z.number().int().nullable() });
export type ImportSheetErrorDetails = z.infer<typeof importSheetErrorDetails>;

export const importColumnSchema = z.object({
  /** 1 = column A. */
  index: z.number().int(),
  header: z.string(),
  field: importField.nullable(),
});

export const importProblemSchema = z.object({
  /** Row number as the spreadsheet shows it (1-based, counting title and header rows). */
  row: z.number().int(),
  /** The column's header as written in the file, or '' for the whole row. */
  column: z.string(),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** Problems sent to the UI are capped; the error report .xlsx has them all. */
export const MAX_PROBLEMS_SHOWN = 500;

/** Values given for every row to fields the file has no column for; null leaves the field unknown (待补充). */
export type ColumnFill = Partial<Record<ImportField, string | null>>;

/** What the clerk does with the rows dated in a reported period: leave them out, or import them where the lock allows. */
export const CLOSED_PERIOD_ACTIONS = ['skip', 'include'] as const;
export const closedPeriodAction = z.enum(CLOSED_PERIOD_ACTIONS, { error: '落在已上报期次内的行只能选择跳过（skip）或照样导入（include）' });
export type ClosedPeriodAction = z.infer<typeof closedPeriodAction>;

/**
 * Rows whose date (注册日期, or a training record's 开始日期) falls in a period already reported: the earliest
 * reported period they change, and what they do to its figures and those of the reported periods after it.
 */
export const closedPeriodGroupSchema = z.object({
  periodId: z.string(),
  seq: z.number().int(),
  startDate: z.string(),
  cutoffDate: z.string(),
  /** submitted: waiting for review (已上报); accepted: locked (已通过). */
  status: z.enum(['submitted', 'accepted']),
  rows: z.number().int(),
  /** The first sheet rows of the group (at most 20), for the clerk to find them. */
  sampleRows: z.array(z.number().int()),
  /** '312 行的注册日期在已上报的第 2 期内'. */
  title: z.string(),
  /** Each reported figure the rows would change: the period, the figure, as the records give it now and after. */
  changes: z.array(z.object({ seq: z.number().int(), status: z.enum(['submitted', 'accepted']), figure: z.string(), before: z.number().int(), after: z.number().int() })),
  /** What the period's lock rules let the clerk do: skip always; include unless an accepted period would change. */
  allowed: z.array(closedPeriodAction),
  /** What including them means, or why they cannot be included (and what to do instead). */
  note: z.string(),
});
export type ClosedPeriodGroup = z.infer<typeof closedPeriodGroupSchema>;

export const importDryRunOutput = z.object({
  jobId,
  kind: importKind,
  headerRow: z.number().int(),
  columns: z.array(importColumnSchema),
  /** Labels of the fields this kind needs that no column is mapped to; the import cannot go on without them. */
  missingFields: z.array(z.string()),
  counts: z.object({
    /** Data rows read (blank rows and total rows not counted). */
    rows: z.number().int(),
    /** Rows that will be imported. */
    new: z.number().int(),
    /** Trainees already registered here (or training records already recorded): skipped, not an error. */
    existing: z.number().int(),
    /** Rows rejected with at least one problem. */
    invalid: z.number().int(),
    /** Rows hidden in the sheet (hidden by hand or by a filter): not imported, not in rows. */
    hidden: z.number().int(),
  }),
  /** Every sheet of the workbook (a CSV: one), for the sheet choice, and the tab number of the one read. */
  sheets: z.array(importSheetSchema),
  sheet: z.number().int(),
  problems: z.array(importProblemSchema),
  problemsTotal: z.number().int(),
  /** Distinct values that match no entry of their list, with how many rows carry each and what is decided. */
  values: z.array(
    z.object({
      field: valueField,
      /** The column's label (培训平台, 人员类别...). */
      label: z.string(),
      value: z.string(),
      rows: z.number().int(),
      /** Sheet row of its first occurrence. */
      firstRow: z.number().int(),
      decision: z
        .object({
          action: z.enum(VALUE_ACTIONS),
          target: z.string().nullable(),
          /** The entry's name for a map decision. */
          targetName: z.string().nullable(),
          /** Decided in an earlier import of this county (and not changed in this one). */
          remembered: z.boolean(),
        })
        .nullable(),
      suggestions: z.array(z.object({ target: z.string(), name: z.string(), score: z.number(), why: z.string() })),
      /** What may be chosen for it: new only for platforms, empty only where the field is optional. */
      allowed: z.array(z.enum(VALUE_ACTIONS)),
    }),
  ),
  /** Fields the file lacks: given one value for every row, left unknown (待补充), or still to be given. */
  absentFields: z.array(
    z.object({
      field: importField,
      label: z.string(),
      /** The value given for every row; null when left unknown or not given. */
      fill: z.string().nullable(),
      /** It may stay unknown (待补充) when nothing is given. */
      mayStayUnknown: z.boolean(),
      /** It is needed and nothing is given: the import cannot go on. */
      missing: z.boolean(),
    }),
  ),
  /** Rows that will be saved with 户籍 / 人员类别 unknown (待补充). */
  unknownCounts: z.object({ ruralHukou: z.number().int(), categories: z.number().int() }),
  /** Rows dated in periods already reported (submitted or accepted), one group per period: each needs a choice. */
  closedPeriods: z.array(closedPeriodGroupSchema),
  /** Training records whose trainee is not registered here; null when there are none (and for trainee lists). */
  unregistered: z
    .object({
      /** '12 行的学员尚未登记'. */
      title: z.string(),
      /** Rows naming an unregistered ID number. */
      rows: z.number().int(),
      /** Of them, rows that carry every field a registration needs, and the distinct trainees they name. */
      registrable: z.number().int(),
      trainees: z.number().int(),
      /** Rows lacking a field a registration needs: errors naming it, whatever is chosen. */
      lacking: z.number().int(),
      /** The check was made with registerMissing: the registrable rows register their trainees and are counted as new. */
      register: z.boolean(),
    })
    .nullable(),
});
export type ImportDryRun = z.infer<typeof importDryRunOutput>;

export const importCommitInput = z.object({
  jobId,
  /** Keep this import's value decisions for the county's next imports (the default). */
  remember: z.boolean().default(true),
  /** false: any invalid row refuses the whole import; true: valid rows go in, the rest go to the error report. */
  skipInvalid: z.boolean().default(false),
  /**
   * Period id -> what to do with the rows dated in that reported period (the dry run's closedPeriods). Every group
   * needs a choice: without one nothing is imported.
   */
  closedPeriods: z.record(z.string().max(64), closedPeriodAction).optional(),
});
export const importCommitOutput = z.object({
  status: z.enum(['done', 'cancelled']),
  imported: z.number().int(),
  /** Invalid rows left out by a skip-invalid import (listed in the error report); 0 when cancelled. */
  skipped: z.number().int(),
  /** Rows already registered or recorded, left alone; 0 when cancelled. */
  existing: z.number().int(),
  /** Valid rows left out because they are dated in a reported period the clerk chose to skip; 0 when cancelled. */
  closedSkipped: z.number().int(),
  /** Trainees registered with their training records (registerMissing); 0 otherwise and when cancelled. */
  registered: z.number().int(),
});

export const importJobInput = z.object({ jobId });
export const importTemplateInput = z.object({ kind: importKind });

/** A file the host can hand over (GET /download/:fileId in browser mode). */
export const fileRefSchema = z.object({ fileId, fileName: z.string(), byteLength: z.number().int() });

export const exportCreateInput = z.object({
  kind: importKind,
  /** Full ID numbers and phones instead of masked ones; recorded in the audit log. */
  fullNumbers: z.boolean().default(false),
});
export const exportCreateOutput = fileRefSchema.extend({ rows: z.number().int() });

export const importProgressPayload = z.object({
  jobId: z.string(),
  phase: z.enum(['read', 'write']),
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof importProgressPayload>;

/** Chinese labels: column names of the template and of exports, and names in messages. */
export const FIELD_LABELS: Record<ImportField, string> = {
  ...(Object.fromEntries(TRAINEE_SHEET.map((c) => [c.name, c.spec.label])) as Record<TraineeField, string>),
  occupation: '职业（工种）',
  courseName: '课程名称',
  startDate: '开始日期',
  endDate: '结束日期',
  hours: '学时',
  signedIn: '是否签到',
  learningRecord: '学习记录',
  testResult: '答疑测试结果',
};

export function fieldLabel(kind: ImportKind, field: ImportField): string {
  return kind === 'enrolments' && field === 'platform' ? '培训平台' : FIELD_LABELS[field];
}


/** A value decision remembered for the county's next imports. */
export const valueChoiceSchema = z.object({
  field: valueField,
  label: z.string(),
  value: z.string(),
  action: z.enum(['map', 'empty']),
  target: z.string().nullable(),
  /** The entry's name, or null when it is no longer in the directory (the choice is then ignored). */
  targetName: z.string().nullable(),
  updatedAt: z.string(),
});
export type ValueChoice = z.infer<typeof valueChoiceSchema>;
export const valueChoiceListOutput = z.array(valueChoiceSchema);
export const valueChoiceSetInput = z.discriminatedUnion('action', [
  z.object({ field: valueField, value: decidedValue, action: z.literal('map'), target: z.string().min(1).max(64) }),
  z.object({ field: valueField, value: decidedValue, action: z.literal('empty') }),
]);
export const valueChoiceForgetInput = z.object({ field: valueField, value: decidedValue });
