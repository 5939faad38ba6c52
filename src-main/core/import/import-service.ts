/**
 * Imports as the procedures see them: a dry run on an uploaded file gives a job (the checked plan, kept in memory
 * for an hour), which the clerk then commits, cancels, or turns into an error report. Progress reaches the UI as
 * `import.progress` events; a finished import announces `data.changed` like any other change.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Session } from '../session';
import { todayIso } from '../../../src-shared/domain/dates';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import { AppError } from '../../../src-shared/errors';
import type { AppEvent } from '../../../src-shared/events';
import {
  MAX_PROBLEMS_SHOWN,
  type ClosedPeriodAction,
  type ImportDryRun,
  type ImportField,
  type ImportKind,
  type ImportProgress,
  type ValueDecision,
} from '../../../src-shared/schemas/import';
import { ValueChoiceRepository } from '../db/repositories/value-choice-repository';
import { absentFields } from './column-fill';
import type { PlatformService } from '../services/platform-service';
import type { ReferenceService } from '../services/reference-service';
import { ImportCancelled } from './cancelled';
import { skippedByChoice } from './closed-periods';
import { commitPlan } from './commit';
import { dryRun, missingMessage, type ImportPlan, type RejectedRow } from './dry-run';
import { writeErrorReport } from './error-report';
import type { FileStore } from './file-store';
import { fieldLabel } from './headers';
import { buildDirectory, type ColumnFill, type Directory } from './row-parse';
import { buildTemplate } from './template';

interface Job {
  id: string;
  plan: ImportPlan;
  /** The lists and value decisions the plan was checked with: new platforms and choices to remember come from it. */
  directory: Directory;
  createdAt: number;
  running: boolean;
  cancelled: boolean;
}

const JOB_TTL_MS = 60 * 60 * 1000;
const MAX_JOBS = 4;

export type EventSink = (event: AppEvent) => void;

export interface CommitResult {
  status: 'done' | 'cancelled';
  imported: number;
  skipped: number;
  existing: number;
  /** Valid rows left out because the clerk chose to skip those dated in reported periods. */
  closedSkipped: number;
  /** Trainees registered with their training records (同时登记). */
  registered: number;
}

const NOTHING_WRITTEN: CommitResult = { status: 'cancelled', imported: 0, skipped: 0, existing: 0, closedSkipped: 0, registered: 0 };

/**
 * The inputs left out: the rows of reported periods the clerk chose to skip, and with the record that registers a
 * trainee (its first, which carries the registration into the period groups) every other record of that trainee, so
 * a skipped period's 注册 figure never moves through a later record. null when nothing is left out.
 */
function leftOut(plan: ImportPlan, skipped: ReadonlySet<number> | null): ReadonlySet<number> | null {
  if (!skipped || skipped.size === 0 || plan.kind === 'trainees' || plan.registrations.length === 0) return skipped;
  const registering = new Set(plan.registrations.map((r) => r.id));
  const dropped = new Set<string>();
  const seen = new Set<string>();
  plan.inputs.forEach((input, i) => {
    if (!registering.has(input.traineeId) || seen.has(input.traineeId)) return;
    seen.add(input.traineeId);
    if (skipped.has(i)) dropped.add(input.traineeId);
  });
  if (dropped.size === 0) return skipped;
  const all = new Set(skipped);
  plan.inputs.forEach((input, i) => {
    if (dropped.has(input.traineeId)) all.add(i);
  });
  return all;
}

/** The plan without the inputs left out; a trainee is registered only with a record that goes in. */
function withoutInputs(plan: ImportPlan, skipped: ReadonlySet<number> | null): ImportPlan {
  if (!skipped || skipped.size === 0) return plan;
  if (plan.kind === 'trainees') return { ...plan, inputs: plan.inputs.filter((_, i) => !skipped.has(i)) };
  const inputs = plan.inputs.filter((_, i) => !skipped.has(i));
  const named = new Set(inputs.map((input) => input.traineeId));
  return { ...plan, inputs, registrations: plan.registrations.filter((r) => named.has(r.id)) };
}

function newId(): string {
  return randomBytes(18).toString('base64url');
}

export class ImportService {
  private readonly jobs = new Map<string, Job>();
  /** Dry runs still reading, by the job id they will have: a cancel sets the flag, the reader stops at the next row. */
  private readonly reading = new Map<string, { cancelled: boolean }>();

  constructor(
    private readonly db: Knex,
    private readonly clock: HybridLogicalClock,
    /** Who imports: the operator logged in when the import is written. */
    private readonly session: Session,
    private readonly files: FileStore,
    private readonly platforms: PlatformService,
    private readonly reference: ReferenceService,
    private readonly emit: EventSink = () => undefined,
    /** Marks the app busy while an import writes, so an update never installs in the middle of one. */
    private readonly beginActivity: () => () => void = () => () => undefined,
  ) {}

  private async directory(kind: ImportKind, fill: ColumnFill | undefined, decisions: readonly ValueDecision[] | undefined): Promise<Directory> {
    const [platforms, occupations, remembered] = await Promise.all([this.platforms.list(), this.reference.occupations(), new ValueChoiceRepository(this.db).list()]);
    return buildDirectory(platforms, occupations, { kind, fill, decisions, remembered });
  }

  private progress(payload: ImportProgress): void {
    this.emit({ type: 'import.progress', payload });
  }

  /** Checks a file already in the file store (uploaded, or adopted from a path) and keeps the plan as a job. */
  async dryRun(request: {
    fileId: string;
    kind: ImportKind;
    mapping?: Record<string, ImportField | null>;
    /** Tab number (the UI) or tab name (the CLI's --sheet). */
    sheet?: number | string;
    fill?: ColumnFill;
    decisions?: readonly ValueDecision[];
    /** Training records: also register the unregistered trainees the rows carry enough to register. */
    registerMissing?: boolean;
  }): Promise<{ job: Job; summary: ImportDryRun }> {
    const file = this.files.get(request.fileId);
    const id = newId();
    const reading = { cancelled: false };
    this.reading.set(id, reading);
    // The first event names the job at once, so the UI can offer to cancel before the first rows are counted.
    this.progress({ jobId: id, phase: 'read', done: 0, total: 0 });
    let plan: ImportPlan;
    const directory = await this.directory(request.kind, request.fill, request.decisions);
    try {
      plan = await dryRun({
        kind: request.kind,
        file: file.path,
        db: this.db,
        directory,
        mapping: request.mapping,
        sheetChoice: request.sheet,
        registerMissing: request.registerMissing,
        onProgress: (done) => this.progress({ jobId: id, phase: 'read', done, total: 0 }),
        isCancelled: () => reading.cancelled,
      });
    } catch (error) {
      if (error instanceof ImportCancelled) throw new AppError('CANCELLED', '已取消检查文件，没有导入任何数据。');
      throw error;
    } finally {
      this.reading.delete(id);
    }
    this.dropStaleJobs();
    const job: Job = { id, plan, directory, createdAt: Date.now(), running: false, cancelled: false };
    this.jobs.set(id, job);
    return { job, summary: this.summarize(job) };
  }

  summarize(job: Job, limit = MAX_PROBLEMS_SHOWN): ImportDryRun {
    const { plan } = job;
    const problems = plan.rejected.flatMap((r) => r.problems.map((p) => ({ row: r.row, column: p.column, reason: p.reason })));
    if (plan.missing.length > 0) problems.unshift({ row: plan.map.headerRow, column: '', reason: missingMessage(plan.kind, plan.missing) });
    return {
      jobId: job.id,
      kind: plan.kind,
      headerRow: plan.map.headerRow,
      columns: plan.map.headers.map((header, i) => ({ index: i + 1, header, field: plan.map.fields[i] ?? null })),
      missingFields: plan.missing.map((f) => fieldLabel(plan.kind, f)),
      counts: plan.counts,
      sheets: plan.sheets,
      sheet: plan.sheet,
      problems: problems.slice(0, limit),
      problemsTotal: problems.length,
      values: job.directory.values.summary(),
      absentFields: absentFields(plan.kind, plan.map, job.directory.fill),
      unknownCounts: plan.unknownCounts,
      closedPeriods: plan.closed.groups,
      unregistered: plan.unregistered,
    };
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', '导入任务已过期或已完成，请重新选择文件并检查');
    return job;
  }

  async commit(jobId: string, skipInvalid: boolean, remember = true, closedChoices?: Readonly<Record<string, ClosedPeriodAction>>): Promise<CommitResult> {
    const job = this.job(jobId);
    const { plan } = job;
    if (plan.missing.length > 0) throw new AppError('VALIDATION', missingMessage(plan.kind, plan.missing));
    if (plan.counts.invalid > 0 && !skipInvalid) {
      throw new AppError(
        'VALIDATION',
        `有 ${plan.counts.invalid} 行数据有误，本次没有导入任何数据。请按错误报告修改后重新导入，或选择“只导入正确的行”。`,
        { invalid: plan.counts.invalid },
      );
    }
    // Rows dated in reported periods follow the clerk's choice per period, judged before anything is written.
    const skippedClosed = leftOut(plan, skippedByChoice(plan.closed, closedChoices));
    const toWrite = withoutInputs(plan, skippedClosed);
    if (job.running) throw new AppError('CONFLICT', '这个文件正在导入，请等待完成');
    job.running = true;
    job.cancelled = false;
    const endActivity = this.beginActivity();
    try {
      const registered = toWrite.kind === 'enrolments' ? toWrite.registrations.length : 0;
      const imported = await commitPlan({
        db: this.db,
        clock: this.clock,
        session: this.session,
        plan: toWrite,
        jobId,
        newPlatforms: job.directory.values.newPlatforms(),
        choices: remember ? job.directory.values.choicesToKeep() : [],
        isCancelled: () => job.cancelled,
        onProgress: (done, total) => this.progress({ jobId, phase: 'write', done, total }),
      });
      this.jobs.delete(jobId);
      this.emit({ type: 'data.changed', payload: { entity: plan.kind === 'trainees' ? 'trainee' : 'enrolment' } });
      if (registered > 0) this.emit({ type: 'data.changed', payload: { entity: 'trainee' } });
      if (job.directory.values.newPlatforms().length > 0) this.emit({ type: 'data.changed', payload: { entity: 'platform' } });
      this.emit({ type: 'status.changed' });
      return { status: 'done', imported, skipped: plan.counts.invalid, existing: plan.counts.existing, closedSkipped: skippedClosed?.size ?? 0, registered };
    } catch (error) {
      if (error instanceof ImportCancelled) return NOTHING_WRITTEN;
      if (error instanceof AppError && error.code === 'CONFLICT') {
        throw new AppError('CONFLICT', '检查之后数据有了变化（例如有学员刚被登记），本次没有导入任何数据。请重新检查文件后再导入。');
      }
      if (error instanceof AppError && error.code === 'PERIOD_CLOSED') {
        // A period accepted after the dry run (a sync in between): its rows were not grouped as locked then.
        throw new AppError('PERIOD_CLOSED', `本次没有导入任何数据：文件中有日期落在已锁定期次内的记录。${error.message}请重新检查文件，再选择如何处理这些行。`, error.details);
      }
      throw error;
    } finally {
      job.running = false;
      endActivity();
    }
  }

  /** `row N, COLUMN: reason`, one line per problem, for the command line. */
  problemLines(jobId: string): string[] {
    return this.summarize(this.job(jobId), Number.MAX_SAFE_INTEGER).problems.map((p) => `row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.reason}`);
  }

  rejectedRows(jobId: string): readonly RejectedRow[] {
    return this.job(jobId).plan.rejected;
  }

  /**
   * A dry run stops before its next row (nothing was written, no job is kept); an import stops between chunks and
   * its transaction is rolled back, nothing stays.
   */
  cancel(jobId: string): void {
    const reading = this.reading.get(jobId);
    if (reading) reading.cancelled = true;
    else this.job(jobId).cancelled = true;
  }

  async report(jobId: string): Promise<{ fileId: string; fileName: string; byteLength: number }> {
    const { plan } = this.job(jobId);
    const stored = this.files.allocate(`导入错误报告-${todayIso()}.xlsx`);
    await writeErrorReport(stored.path, plan.map.headers, plan.rejected);
    return { fileId: stored.fileId, fileName: stored.fileName, byteLength: this.files.size(stored.fileId) };
  }

  async template(kind: ImportKind): Promise<{ fileId: string; fileName: string; byteLength: number }> {
    const [platforms, occupations] = await Promise.all([this.platforms.list(), this.reference.occupations()]);
    const bytes = await buildTemplate(kind, { platforms: platforms.map((p) => p.name), occupations: occupations.map((o) => o.name) });
    const stored = await this.files.put(bytes, kind === 'trainees' ? '学员名单导入模板.xlsx' : '培训记录导入模板.xlsx');
    return { fileId: stored.fileId, fileName: stored.fileName, byteLength: bytes.length };
  }

  private dropStaleJobs(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (!job.running && now - job.createdAt > JOB_TTL_MS) this.jobs.delete(id);
    // Plans of 100,000 rows weigh tens of MB: keep only the latest few.
    const idle = [...this.jobs.values()].filter((j) => !j.running).sort((a, b) => a.createdAt - b.createdAt);
    while (idle.length >= MAX_JOBS) this.jobs.delete(idle.shift()!.id);
  }
}
