/**
 * The contract: every operation the UI may ask of the main side, by name, with zod schemas for its
 * input and output. The router validates input against it on the main side (never trusting the
 * renderer); the renderer's client is typed from it; `GET /rpc` publishes it as JSON Schema.
 */
import { z } from 'zod';
import type { AppEvent } from './events';
import { backupCreateOutput, backupRestoreInput, backupRestoreOutput } from './schemas/backup';
import { okSchema } from './schemas/common';
import {
  exportCreateInput,
  exportCreateOutput,
  fileRefSchema,
  importCommitInput,
  importCommitOutput,
  importDryRunInput,
  importDryRunOutput,
  importJobInput,
  importTemplateInput,
  valueChoiceForgetInput,
  valueChoiceListOutput,
  valueChoiceSetInput,
} from './schemas/import';
import { shortCodeReceiptInput, shortCodeSchema } from './schemas/report-code';
import { syncDiscardInput, syncEnrolInput, syncEnrolOutput, syncExportOutput, syncImportReceiptInput, syncImportReceiptOutput, syncReportSchema, syncRunInput, syncStatusSchema } from './schemas/sync';
import {
  dispatchAdjustInput,
  dispatchCorrectionInput,
  dispatchListSchema,
  dispatchReportSchema,
  dispatchSubmitInput,
  periodRef,
  tableExportInput,
  tableExportOutput,
  tableRenderOutput,
  tableTarget,
} from './schemas/dispatch';
import {
  enrolmentCreateInput,
  enrolmentCreateManyInput,
  enrolmentCreateManyOutput,
  enrolmentListInput,
  enrolmentPage,
  enrolmentSchema,
} from './schemas/enrolment';
import {
  occupationSchema,
  periodSchema,
  platformAdoptInput,
  platformCreateInput,
  platformListInput,
  platformSchema,
  unitListInput,
  unitSchema,
} from './schemas/reference';
import {
  appInfoSchema,
  operatorCreateInput,
  operatorSchema,
  settingsSchema,
  settingsSetInput,
  setupInitInput,
  statusSchema,
} from './schemas/settings';
import { operatorResetPinInput, sessionChangePinInput, sessionLoginInput, sessionResetPinWithCodeInput, sessionStateSchema } from './schemas/session';
import {
  historyEntrySchema,
  traineeCreateInput,
  traineeDeleteInput,
  traineeRevealInput,
  traineeRevealOutput,
  traineeListInput,
  traineePage,
  traineeSchema,
  traineeUpdateInput,
} from './schemas/trainee';

const empty = z.object({}).strict();
const byId = z.object({ id: z.uuid({ error: '编号格式不正确' }) });

/** What a successful call changes: the UI refetches that entity's queries (`data.changed`); null for a read. */
export type ChangedEntity = Extract<AppEvent, { type: 'data.changed' }>['payload']['entity'];

function procedure<I extends z.ZodType, O extends z.ZodType>(description: string, input: I, output: O, changes: ChangedEntity | null = null) {
  return { description, input, output, changes };
}

export const contract = {
  'app.info': procedure('Version, mode and data folder of this installation.', empty, appInfoSchema),
  'status.get': procedure('Figures for the status bar: who, where, unsent changes, last sync.', empty, statusSchema),

  'setup.init': procedure(
    'First run: choose the county and name the first operator; refuses when already configured.',
    setupInitInput,
    settingsSchema,
    'settings',
  ),
  'settings.get': procedure('The county, the current operator and campaign settings.', empty, settingsSchema),
  'settings.set': procedure('Change campaign settings (dates, contact phone).', settingsSetInput, settingsSchema, 'settings'),

  'operators.list': procedure('Clerks who work on this PC.', empty, z.array(operatorSchema)),
  'operators.create': procedure('Add a clerk; they set their PIN at their first login (the one logged in stays).', operatorCreateInput, operatorSchema, 'operator'),

  'session.state': procedure('The lock screen: locked or who is logged in, the operators (with or without a PIN), the PIN rule.', empty, sessionStateSchema),
  'session.login': procedure('Log in with an operator and their PIN; 5 wrong PINs lock that operator for 15 minutes.', sessionLoginInput, sessionStateSchema, 'operator'),
  'session.setPin': procedure('First use: an operator without a PIN sets one and is logged in; refused once a PIN exists.', sessionLoginInput, sessionStateSchema, 'operator'),
  'session.lock': procedure('Lock the screen (锁定): every call but the lock screen\'s is refused until a login.', empty, sessionStateSchema),
  'session.touch': procedure('The clerk is typing or clicking: the idle time before the lock starts again.', empty, okSchema),
  'session.changePin': procedure('The logged-in operator changes their PIN, giving the current one.', sessionChangePinInput, okSchema),
  'session.resetPinWithCode': procedure(
    'Forgotten PIN: the recovery code shown at setup clears an operator\'s PIN (and lockout); they set a new one at the lock screen.',
    sessionResetPinWithCodeInput,
    sessionStateSchema,
    'operator',
  ),
  'operators.resetPin': procedure('The logged-in operator clears a colleague\'s PIN (and lockout), confirming with their own PIN.', operatorResetPinInput, okSchema, 'operator'),

  'units.list': procedure('Administrative units of the mainland (GB/T 2260): provinces, cities, counties.', unitListInput, z.array(unitSchema)),

  'trainees.create': procedure(
    'Register a trainee; CONFLICT with details.existingId when the ID number is already registered here.',
    traineeCreateInput,
    traineeSchema,
    'trainee',
  ),
  'trainees.get': procedure('One trainee with the full ID number and phone (the edit drawer); each read is recorded in the audit log.', byId, traineeSchema),
  'trainees.update': procedure('Change fields of a trainee.', traineeUpdateInput, traineeSchema, 'trainee'),
  'trainees.delete': procedure('Soft-delete a trainee with a reason.', traineeDeleteInput, okSchema, 'trainee'),
  'trainees.list': procedure(
    'Search and page trainees; ID numbers and phones are masked.',
    traineeListInput,
    traineePage,
  ),
  'trainees.lookup': procedure(
    'Find the trainee registered here with this exact ID number, or null; ID number and phone masked.',
    z.object({ idNumber: z.string().max(40) }),
    traineeSchema.nullable(),
  ),

  'trainees.reveal': procedure(
    'Show one masked ID number or phone in full; recorded in the audit log.',
    traineeRevealInput,
    traineeRevealOutput,
    'trainee',
  ),
  'trainees.history': procedure('Who changed what and when, newest first, from the audit log.', byId, z.array(historyEntrySchema)),

  'enrolments.createMany': procedure(
    'Quick mode: the same course for many trainees at once, all or nothing.',
    enrolmentCreateManyInput,
    enrolmentCreateManyOutput,
    'enrolment',
  ),
  'enrolments.create': procedure('Record a course a trainee took on a platform (培训人次).', enrolmentCreateInput, enrolmentSchema, 'enrolment'),
  'enrolments.list': procedure('Training records, newest first.', enrolmentListInput, enrolmentPage),

  'platforms.list': procedure('The platform directory with this county\'s adoption.', platformListInput, z.array(platformSchema)),
  'platforms.create': procedure('Add a county-local platform.', platformCreateInput, platformSchema, 'platform'),
  'platforms.adopt': procedure('Mark a platform adopted (采用) and/or in the local directory.', platformAdoptInput, platformSchema, 'platform'),

  'backup.create': procedure('A consistent copy of the whole local store, as a file to download and keep.', empty, backupCreateOutput),
  'backup.restore': procedure(
    'Check an uploaded backup (a Skills Desk store of this county, of a version this program reads) and stage it for the next start.',
    backupRestoreInput,
    backupRestoreOutput,
  ),

  'occupations.list': procedure('The occupation and course catalogue.', empty, z.array(occupationSchema)),
  'periods.list': procedure('Biweekly reporting periods with cutoff and due dates.', empty, z.array(periodSchema)),

  'dispatch.list': procedure('Every period with its report status (due/overdue/draft/...) and the countdown to the next due date.', empty, dispatchListSchema),
  'dispatch.get': procedure("A period's report: figures computed and adjusted side by side, checks, status.", periodRef, dispatchReportSchema),
  'dispatch.adjust': procedure(
    'Adjust one figure with a written reason (value null withdraws the adjustment); PERIOD_CLOSED once submitted.',
    dispatchAdjustInput,
    dispatchReportSchema,
    'dispatch',
  ),
  'dispatch.submit': procedure(
    'Submit and lock the report; a failing check needs forceReason (强制上报). PERIOD_CLOSED when already submitted.',
    dispatchSubmitInput,
    dispatchReportSchema,
    'dispatch',
  ),
  'dispatch.requestCorrection': procedure(
    'Ask the level that accepted (locked) the report to reopen it (更正申请: what changes and why); travels by sync. CONFLICT when not accepted or one is waiting.',
    dispatchCorrectionInput,
    dispatchReportSchema,
    'dispatch',
  ),
  'dispatch.shortCode': procedure('The submitted report as a short code (短码) for SMS or the phone, with the receipt typed back for this revision, if any.', periodRef, shortCodeSchema),
  'dispatch.confirmReceipt': procedure(
    "Type the province's receipt code (输入回执码) for the short code: checked against this PC's key and the current revision, then the report shows 已收到短码.",
    shortCodeReceiptInput,
    shortCodeSchema,
    'dispatch',
  ),
  'table.render': procedure('The official table as a standalone HTML document, for the print preview.', tableTarget, tableRenderOutput),
  'table.export': procedure('The official table as a PDF or .xlsx (or .html) file, base64-encoded.', tableExportInput, tableExportOutput),

  'sync.run': procedure(
    'One-click sync: push every unsent change, pull the province\'s directory, calendar and notices; the outcome in Chinese.',
    syncRunInput,
    syncReportSchema,
  ),
  'sync.status': procedure('Unsent changes by kind, last sync (server time), rejected items with reasons, recent receipts.', empty, syncStatusSchema),
  'sync.enrol': procedure('Exchange the one-time enrolment code from the province for this PC\'s device token; an enrolled PC answers ALREADY_ENROLLED unless replaceExisting is true.', syncEnrolInput, syncEnrolOutput),
  'sync.discard': procedure('Give up a change the server rejected: marked resolved, recorded in the audit log.', syncDiscardInput, okSchema),
  'sync.exportUnsent': procedure('No line at all: the unsent batches as a signed, encrypted file for the province (GET /download/<fileId>); remembered until acknowledged.', empty, syncExportOutput),
  'sync.importReceipt': procedure('The province\'s signed receipt for a carried file (uploaded): confirmed batches leave the outbox as by an online receipt.', syncImportReceiptInput, syncImportReceiptOutput),

  'import.dryRun': procedure(
    'Check an uploaded .xlsx/.csv file (POST /upload gives its fileId) without writing: counts, invalid rows with reasons, a jobId.',
    importDryRunInput,
    importDryRunOutput,
  ),
  'import.commit': procedure('Import a checked file, all or nothing; progress as import.progress events.', importCommitInput, importCommitOutput),
  'import.cancel': procedure('Stop a running import; everything it wrote is rolled back.', importJobInput, okSchema),
  'import.report': procedure('The rejected rows with their reasons as an .xlsx file (GET /download/<fileId>).', importJobInput, fileRefSchema),
  'import.template': procedure('The .xlsx import template with drop-downs and instructions.', importTemplateInput, fileRefSchema),
  'importChoices.list': procedure('The value decisions remembered from earlier imports of this county (platform, category, occupation, 户籍).', empty, valueChoiceListOutput),
  'importChoices.set': procedure('Change a remembered value decision: map the value to another entry, or leave it empty.', valueChoiceSetInput, okSchema),
  'importChoices.forget': procedure('Forget a remembered value decision: the next import asks again.', valueChoiceForgetInput, okSchema),
  'export.create': procedure('Trainees or training records as .xlsx; full numbers only on request, recorded in the audit log.', exportCreateInput, exportCreateOutput),
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type ProcedureInput<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = z.output<Contract[N]['output']>;

export const PROCEDURE_NAMES = Object.keys(contract) as ProcedureName[];

export function isProcedureName(name: string): name is ProcedureName {
  return Object.hasOwn(contract, name);
}
