/**
 * The dry run: reads the whole file once (streaming), finds the header, checks every row and asks the store what
 * is already there, writing nothing. The resulting plan holds the normalised inputs to write and the rejected rows
 * with their original cells and reasons (for the UI table and the error report).
 */
import { setImmediate } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { ImportDryRun, ImportField, ImportKind } from '../../../src-shared/schemas/import';
import { AppError } from '../../../src-shared/errors';
import type { EnrolmentCreate } from '../services/enrolment-service';
import { ImportCancelled } from './cancelled';
import { NO_CLOSED_ROWS, reportedPeriods, sortClosedRows, type ClosedRows } from './closed-periods';
import { cellText, isBlank } from './cells';
import { checkFill, stillMissing } from './column-fill';
import { damagedIdNumber } from './damaged-id';
import { fieldLabel, mapColumns, type ColumnMap } from './headers';
import { bestSheet, findHeaderRow, HEADER_SEARCH_ROWS, scoreSheets, sheetNamed, type ScoredSheet } from './header-row';
import { listSheets, readSheet, type ReadSheetOptions } from './read-sheet';
import { parseEnrolmentRow, parseTraineeRow, problemColumn, type CellProblem, type Directory, type EnrolmentDraft, type TraineeInput } from './row-parse';
import { MissingTrainees, type Registration } from './register-missing';
import { UnreadableFileError, type RawCell, type SheetInfo, type SheetRow } from './sheet-source';
import { enrolmentKey, recordedEnrolmentKeys, registeredIdNumbers, traineesByIdNumber } from './store-checks';

export interface RejectedRow {
  row: number;
  cells: string[];
  problems: Array<{ column: string; reason: string }>;
}

/** A sheet as the plan lists it for the sheet choice: its head is not kept. */
export interface PlanSheet extends SheetInfo {
  score: number;
}

interface PlanBase {
  map: ColumnMap;
  missing: ImportField[];
  rejected: RejectedRow[];
  /** hidden: rows hidden in the sheet (by hand or by a filter), skipped and not counted in rows. */
  counts: { rows: number; new: number; existing: number; invalid: number; hidden: number };
  /** Rows to be saved with 户籍 / 人员类别 unknown (待补充). */
  unknownCounts: { ruralHukou: number; categories: number };
  /** Every sheet of the workbook (one for a CSV), and the tab number of the one read. */
  sheets: PlanSheet[];
  sheet: number;
  /** The inputs dated in reported periods, grouped by period (closed-periods.ts). */
  closed: ClosedRows;
  /** Training records naming unregistered trainees (register-missing.ts); null when none. */
  unregistered: ImportDryRun['unregistered'];
}
/** A training-record plan also carries the trainees its records register (同时登记), written before the records. */
export type ImportPlan = PlanBase & ({ kind: 'trainees'; inputs: TraineeInput[] } | { kind: 'enrolments'; inputs: EnrolmentCreate[]; registrations: Registration[] });

export interface DryRunOptions {
  kind: ImportKind;
  file: string;
  db: Knex;
  directory: Directory;
  mapping?: Record<string, ImportField | null>;
  onProgress?: (rowsRead: number) => void;
  /** Asked before every row; true stops the reading with ImportCancelled. */
  isCancelled?: () => boolean;
  /** Limits of the reader (tests set tiny ones); the defaults are in limits.ts. */
  sheet?: ReadSheetOptions;
  /** The sheet to read, by tab number (1 = first) or name; absent: the one with the most recognisable header. */
  sheetChoice?: number | string;
  /** Training records: register the trainees they name that are not registered here, where the rows allow. */
  registerMissing?: boolean;
}

const TOTAL_WORDS = /^(合计|总计|小计|共计|累计|总数)/;
const FOOTER_WORDS = /^(填表人|填报人|制表人|制表|审核人|审核|负责人|联系人|填表日期|填报日期|注[:：])/;
const BATCH = 500;
const LOOKUPS_AHEAD = 4;
const PROGRESS_EVERY = 2000;

/** A total line (合计 12 人) or a signature line under the list: not data, even with numbers in it. */
function isSummaryRow(cells: readonly RawCell[]): boolean {
  const texts = cells.map((c) => cellText(c).replace(/\s+/g, '')).filter((t) => t !== '');
  return texts.slice(0, 3).some((t) => TOTAL_WORDS.test(t)) || FOOTER_WORDS.test(texts[0] ?? '');
}

/** Long lists printed across pages sometimes repeat the header row. */
function repeatsHeader(cells: readonly RawCell[], map: ColumnMap): boolean {
  let same = 0;
  map.fields.forEach((field, i) => {
    if (field !== null && cellText(cells[i] ?? null) === map.headers[i]) same += 1;
  });
  return same >= 2;
}

interface Pending<T> {
  row: number;
  raw: readonly RawCell[];
  value: T;
}

class PlanBuilder {
  readonly rejected: RejectedRow[] = [];
  readonly counts = { rows: 0, new: 0, existing: 0, invalid: 0, hidden: 0 };

  constructor(
    readonly kind: ImportKind,
    readonly map: ColumnMap,
  ) {}

  reject(row: number, raw: readonly RawCell[], problems: readonly CellProblem[]): void {
    this.counts.invalid += 1;
    this.rejected.push({
      row,
      cells: this.map.headers.map((_, i) => reportText(this.map.fields[i] ?? null, raw[i] ?? null)),
      problems: problems.map((p) => ({ column: problemColumn(this.kind, this.map, p.field), reason: p.reason })),
    });
  }
}

/** A cell as the error report writes it back: an ID number Excel damaged stays visibly damaged (damaged-id.ts). */
function reportText(field: ImportField | null, cell: RawCell): string {
  if (field === 'idNumber') {
    const damaged = damagedIdNumber(cell);
    if (damaged) return damaged.shown;
  }
  return cellText(cell);
}

/**
 * Store lookups run while the next rows are parsed: a batch's lookup is started, not awaited, and the lookups are
 * chained so their results are applied in file order. At most LOOKUPS_AHEAD wait at a time.
 */
class LookupChain {
  private chain: Promise<void> = Promise.resolve();
  private waiting = 0;

  async add(lookup: () => Promise<void>): Promise<void> {
    this.waiting += 1;
    const next = this.chain.then(lookup).finally(() => {
      this.waiting -= 1;
    });
    next.catch(() => undefined); // awaited through the chain; a failure is reported there
    this.chain = next;
    if (this.waiting > LOOKUPS_AHEAD) await next;
  }

  /** Every lookup started so far, done (or the first failure). */
  async done(): Promise<void> {
    await this.chain;
  }
}

class TraineeChecks {
  readonly inputs: TraineeInput[] = [];
  /** The sheet row of each input. */
  readonly rows: number[] = [];
  private pending: Array<Pending<TraineeInput>> = [];
  private readonly firstRowOf = new Map<string, number>();
  readonly lookups = new LookupChain();

  constructor(
    private readonly db: Knex,
    private readonly plan: PlanBuilder,
  ) {}

  async add(row: number, raw: readonly RawCell[], value: TraineeInput): Promise<void> {
    const first = this.firstRowOf.get(value.idNumber);
    if (first !== undefined) {
      this.plan.reject(row, raw, [{ field: 'idNumber', reason: `与第 ${first} 行的身份证号重复，同一个人只能登记一次。请删除重复的行。` }]);
      return;
    }
    this.firstRowOf.set(value.idNumber, row);
    this.pending.push({ row, raw, value });
    if (this.pending.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    await this.lookups.add(async () => {
      const registered = await registeredIdNumbers(this.db, batch.map((p) => p.value.idNumber));
      for (const { row, value } of batch) {
        if (registered.has(value.idNumber)) this.plan.counts.existing += 1;
        else {
          this.inputs.push(value);
          this.rows.push(row);
        }
      }
    });
  }
}

class EnrolmentChecks {
  readonly inputs: EnrolmentCreate[] = [];
  /** The sheet row of each input. */
  readonly rows: number[] = [];
  /** Per input, the registration date of the trainee it registers (its first record of an unregistered trainee), else null. */
  readonly registersAt: Array<string | null> = [];
  private pending: Array<Pending<EnrolmentDraft>> = [];
  private readonly firstRowOf = new Map<string, number>();

  constructor(
    private readonly db: Knex,
    private readonly plan: PlanBuilder,
    readonly missing: MissingTrainees,
  ) {}

  async add(row: number, raw: readonly RawCell[], value: EnrolmentDraft): Promise<void> {
    this.pending.push({ row, raw, value });
    if (this.pending.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const trainees = await traineesByIdNumber(this.db, batch.map((p) => p.value.idNumber));
    const recorded = await recordedEnrolmentKeys(this.db, [...trainees.values()].map((t) => t.id));
    for (const { row, raw, value } of batch) {
      const trainee = trainees.get(value.idNumber);
      let registers: string | null = null;
      let traineeId: string;
      if (!trainee) {
        const outcome = this.missing.take(row, raw, value);
        if (!outcome.ok) {
          this.plan.reject(row, raw, outcome.problems);
          continue;
        }
        ({ traineeId, registers } = outcome);
      } else if (value.name !== null && value.name.replace(/\s+/g, '') !== trainee.name.replace(/\s+/g, '')) {
        const reason = `姓名“${value.name}”与该身份证号已登记的姓名“${trainee.name}”不一致。请核对身份证号或姓名是否填错。`;
        this.plan.reject(row, raw, [{ field: 'name', reason }]);
        continue;
      } else traineeId = trainee.id;
      const { idNumber: _id, name: _name, ...course } = value;
      const input: EnrolmentCreate = { ...course, traineeId };
      const key = enrolmentKey(input);
      const first = this.firstRowOf.get(key);
      if (first !== undefined) {
        this.plan.reject(row, raw, [{ field: null, reason: `与第 ${first} 行是同一条培训记录（同一学员、平台、课程和开始日期）。请删除重复的行。` }]);
        continue;
      }
      this.firstRowOf.set(key, row);
      if (recorded.has(key)) this.plan.counts.existing += 1;
      else {
        this.inputs.push(input);
        this.rows.push(row);
        this.registersAt.push(registers);
      }
    }
  }
}

function noHeaderMessage(kind: ImportKind, sheet: ScoredSheet, sheetCount: number): string {
  const what = kind === 'trainees' ? '“姓名”“身份证号”“联系电话”' : '“身份证号”“培训平台”“课程名称”';
  const where = sheetCount > 1 ? `工作表“${sheet.name}”` : '文件';
  if (sheet.head.length === 0) return `${where}中没有任何内容。请确认选择了正确的${sheetCount > 1 ? '工作表' : '文件'}。`;
  const choose = sheetCount > 1 ? '请选择名单所在的工作表，并确认' : '请确认';
  return `在${where}的前 ${HEADER_SEARCH_ROWS} 行中没有找到表头。${choose}表头一行写有${what}等列名。如果是 CSV 文件且文字显示为乱码，请在 WPS 或 Excel 中另存为 .xlsx 再导入。`;
}

/** Lists the sheets, takes the chosen (or best) one, and finds its header in the rows read ahead. */
async function chooseSheet(options: DryRunOptions, onListed: (sheets: readonly ScoredSheet[]) => void): Promise<{ sheets: ScoredSheet[]; chosen: ScoredSheet }> {
  const sheets = scoreSheets(options.kind, await listSheets(options.file, { ...options.sheet, isCancelled: options.isCancelled }));
  onListed(sheets);
  const wanted = options.sheetChoice;
  const chosen = wanted === undefined ? bestSheet(sheets) : sheetNamed(sheets, wanted);
  if (!chosen) {
    const names = sheets.map((s) => `${s.number}“${s.name}”`).join('、');
    throw new UnreadableFileError(sheets.length === 0 ? '文件中没有任何工作表。请确认选择了正确的文件。' : `文件中没有工作表“${String(wanted)}”。文件中的工作表：${names}。`);
  }
  return { sheets, chosen };
}

async function findHeader(kind: ImportKind, rows: AsyncIterator<SheetRow>, sheet: ScoredSheet, sheetCount: number): Promise<{ header: SheetRow; rest: SheetRow[] }> {
  const head: SheetRow[] = [];
  for (let i = 0; i < HEADER_SEARCH_ROWS; i += 1) {
    const next = await rows.next();
    if (next.done) break;
    head.push(next.value);
  }
  const found = findHeaderRow(kind, head);
  if (!found) throw new UnreadableFileError(noHeaderMessage(kind, { ...sheet, head }, sheetCount));
  const last = head.findIndex((r) => r.rowNumber === found.header.rowNumber);
  return { header: found.header, rest: head.slice(last + 1) };
}

/** The VALIDATION error of an unreadable file; with the sheets of a workbook, so another can be chosen (importSheetErrorDetails). */
function unreadable(error: UnreadableFileError, listed: readonly PlanSheet[], tried: number | null): AppError {
  const fields = [{ field: 'file', message: error.message }];
  return new AppError('VALIDATION', error.message, listed.length > 1 ? { fields, sheets: listed, sheet: tried } : { fields });
}

export async function dryRun(options: DryRunOptions): Promise<ImportPlan> {
  const { kind, db, directory } = options;
  let rows: AsyncIterator<SheetRow> | null = null;
  let listed: PlanSheet[] = [];
  let tried: number | null = null;
  try {
    const { sheets, chosen } = await chooseSheet(options, (found) => {
      listed = found.map(({ head: _head, ...info }) => info);
    });
    tried = chosen.number;
    rows = readSheet(options.file, { ...options.sheet, sheet: chosen.number, isCancelled: options.isCancelled })[Symbol.asyncIterator]();
    const { header, rest } = await findHeader(kind, rows, chosen, sheets.length);
    const map = mapColumns(kind, header, options.mapping);
    checkFill(kind, map, directory.fill);
    const missing = stillMissing(kind, map, directory.fill);
    const plan = new PlanBuilder(kind, map);
    const where = { sheets: listed, sheet: chosen.number };
    const unknownCounts = { ruralHukou: 0, categories: 0 };
    if (missing.length > 0) {
      return { kind, inputs: [], registrations: [], map, missing, rejected: [], counts: plan.counts, unknownCounts, ...where, closed: NO_CLOSED_ROWS, unregistered: null } as ImportPlan;
    }
    const trainees = kind === 'trainees' ? new TraineeChecks(db, plan) : null;
    const enrolments = kind === 'enrolments' ? new EnrolmentChecks(db, plan, new MissingTrainees(map, directory, options.registerMissing === true)) : null;
    const handle = async (row: SheetRow) => {
      if (options.isCancelled?.()) throw new ImportCancelled();
      if (row.cells.every(isBlank) || isSummaryRow(row.cells) || repeatsHeader(row.cells, map)) return;
      // Clerks hide the rows they left out of this list (moved away, registered elsewhere, duplicates): a hidden row
      // is not imported, and the dry run says how many there were so that nobody is left out unnoticed.
      if (row.hidden) {
        plan.counts.hidden += 1;
        return;
      }
      plan.counts.rows += 1;
      if (plan.counts.rows % PROGRESS_EVERY === 0) {
        options.onProgress?.(plan.counts.rows);
        // Let the progress event go out and a cancel come in: a CSV is parsed in memory, and the store lookups
        // no longer make the reading wait, so without this the loop could run to the end without yielding.
        await setImmediate();
      }
      if (trainees) {
        const parsed = parseTraineeRow(map, row.cells, directory, row.rowNumber);
        if (parsed.ok) await trainees.add(row.rowNumber, row.cells, parsed.value);
        else plan.reject(row.rowNumber, row.cells, parsed.problems);
      } else if (enrolments) {
        const parsed = parseEnrolmentRow(map, row.cells, directory, row.rowNumber);
        if (parsed.ok) await enrolments.add(row.rowNumber, row.cells, parsed.value);
        else plan.reject(row.rowNumber, row.cells, parsed.problems);
      }
    };
    for (const row of rest) await handle(row);
    for (let next = await rows.next(); !next.done; next = await rows.next()) await handle(next.value);
    await trainees?.flush();
    await trainees?.lookups.done();
    await enrolments?.flush();
    options.onProgress?.(plan.counts.rows);
    plan.rejected.sort((a, b) => a.row - b.row);
    if (trainees) {
      for (const input of trainees.inputs) {
        if (input.ruralHukou === null) unknownCounts.ruralHukou += 1;
        if (input.categories.length === 0) unknownCounts.categories += 1;
      }
    }
    const reported = await reportedPeriods(db);
    const base = { map, missing, rejected: plan.rejected, counts: plan.counts, unknownCounts, ...where };
    if (trainees) {
      const { inputs, rows: inputRows } = trainees;
      const closed = sortClosedRows(kind, reported, inputs.length, (i) => ({ registeredTrainees: inputs[i]!.registeredAt }), (i) => inputRows[i]!);
      return { ...base, kind: 'trainees', inputs, closed, counts: { ...plan.counts, new: inputs.length }, unregistered: null };
    }
    const { inputs, rows: inputRows, registersAt, missing: unregistered } = enrolments!;
    // The record that registers its trainee moves that trainee's 注册日期 figure as well as its own.
    const datesOf = (i: number) => ({ trainingPersonTimes: inputs[i]!.startDate, ...(registersAt[i] ? { registeredTrainees: registersAt[i] } : {}) });
    const closed = sortClosedRows(kind, reported, inputs.length, datesOf, (i) => inputRows[i]!);
    const registrations = unregistered.registrations;
    return { ...base, kind: 'enrolments', inputs, registrations, closed, counts: { ...plan.counts, new: inputs.length }, unregistered: unregistered.summary() };
  } catch (error) {
    if (error instanceof UnreadableFileError) throw unreadable(error, listed, tried);
    throw error;
  } finally {
    await rows?.return?.(undefined);
  }
}

export function missingMessage(kind: ImportKind, missing: readonly ImportField[]): string {
  const names = missing.map((f) => `“${fieldLabel(kind, f)}”`).join('、');
  return `文件中找不到${names}列。请在表头中加上这些列，或在导入页面把已有的列对应到它们（注册日期等也可以为所有行统一填写一个值）。`;
}
