/**
 * Biweekly dispatch reports (双周调度): figures as of a period's cutoff, hand adjustments with reasons, checks, and
 * submission, which locks the report until the province sends it back.
 *
 * A draft shows figures computed live from the records (the clerk may still be typing records in). Submitting
 * freezes the computed figures and the adopted platform names in the report, so the printed table and the checks of
 * later periods use what actually went up.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import {
  currentAdjustments,
  FIGURE_KEYS,
  FIGURE_LABELS,
  FIGURE_NAMES,
  finalFigures,
  type Adjustment,
  type Figures,
} from '../../../src-shared/domain/dispatch-figures';
import { canSubmitOn, deliveryOf, isLocked, isOverdue, nextDue, periodStatus, type ReportStatus } from '../../../src-shared/domain/dispatch-status';
import { previousTrends } from '../../../src-shared/domain/figure-jump';
import { failures, runRules, withExplanations, type RuleOutcome, type SkippedRule } from '../../../src-shared/domain/run-rules';
import { formatChineseDate } from '../../../src-shared/domain/periods';
import { todayIso } from '../../../src-shared/domain/dates';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import { findUnit } from '../../../src-shared/domain/units';
import { AppError } from '../../../src-shared/errors';
import type { CorrectionRequest, DispatchList, DispatchReport, dispatchAdjustInput, dispatchCorrectionInput, dispatchSubmitInput } from '../../../src-shared/schemas/dispatch';
import type { Period } from '../../../src-shared/schemas/reference';
import { inChangeTransaction, type Actor, type ChangeSet } from '../change-set';
import { nowIso } from '../clock';
import { CheckRuleRepository } from '../db/repositories/check-rule-repository';
import { CORRECTION_ENTITY, CorrectionRepository } from '../db/repositories/correction-repository';
import { DispatchRepository, type ComputedSnapshot, type DispatchReportRow, type StoredReport } from '../db/repositories/dispatch-repository';
import { OperatorRepository } from '../db/repositories/operator-repository';
import type { Session } from '../session';
import type { ReferenceService } from './reference-service';

const SUBMITTED_MESSAGE = '本期调度表已上报，正在等待审核，不能再修改。如需修改，请联系上级单位退回后再修改。';
const ACCEPTED_MESSAGE = '本期调度表已审核通过并锁定，不能再修改或重新上报。如确需更正，请在本页提交更正申请，批准后再修改上报。';

/** Refuses a change to a report that went up: waiting for review, or accepted and locked (period-locks.ts). */
function refuseIfLocked(status: ReportStatus | null): void {
  if (!isLocked(status)) return;
  throw new AppError('PERIOD_CLOSED', status === 'accepted' ? ACCEPTED_MESSAGE : SUBMITTED_MESSAGE);
}

type Db = Knex | Knex.Transaction;

export class DispatchService {
  private readonly reports: DispatchRepository;
  private readonly operators: OperatorRepository;
  private readonly corrections: CorrectionRepository;
  private readonly rules: CheckRuleRepository;

  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly clock: HybridLogicalClock,
    private readonly reference: ReferenceService,
    /** The clerk's calendar day; injectable so tests can stand on any date of the campaign. */
    private readonly today: () => string = () => todayIso(),
  ) {
    this.reports = new DispatchRepository(db);
    this.operators = new OperatorRepository(db);
    this.corrections = new CorrectionRepository(db);
    this.rules = new CheckRuleRepository(db);
  }

  async list(): Promise<DispatchList> {
    const today = this.today();
    const periods = await this.reference.periods();
    const reports = await this.reports.statusesByPeriod();
    const unsent = await this.reports.unsentReportIds();
    const overview = periods.map((period) => {
      const report = reports.get(period.id);
      const reportStatus = report?.status ?? null;
      return {
        period,
        status: periodStatus(period, reportStatus, today),
        overdue: isOverdue(period, reportStatus, today),
        submittedAt: report?.submitted_at ?? null,
        reviewComment: report?.review_comment ?? null,
        reviewedAt: report?.reviewed_at ?? null,
        reviewedBy: report?.reviewed_by ?? null,
        reviewedLevel: report?.reviewed_level ?? null,
        delivery: report ? deliveryOf(reportStatus, unsent.has(report.id), report.delivered_level) : null,
      };
    });
    const next = nextDue(
      periods.map((p) => ({ ...p, reportStatus: reports.get(p.id)?.status ?? null })),
      today,
    );
    return { today, nextDue: next, periods: overview };
  }

  /** The figures as of any date, straight from the records (no adjustments). */
  async liveSnapshot(cutoff: string, trx: Db = this.db): Promise<ComputedSnapshot> {
    const personTimes = await this.reports.personTimesAsOf(cutoff, trx);
    const platforms = await this.reports.platformCounts(trx);
    const nationalPlatformNames = await this.reports.adoptedNationalPlatformNames(trx);
    return { figures: { ...personTimes, ...platforms }, nationalPlatformNames, computedAt: nowIso() };
  }

  async get(periodId: string): Promise<DispatchReport> {
    const period = await this.period(periodId);
    return this.describe(period, await this.reports.find(period.id));
  }

  async unitName(): Promise<string> {
    const code = await this.session.countyCode();
    const county = findUnit(code);
    const city = county?.parentCode ? findUnit(county.parentCode) : null;
    return county ? `${city?.name ?? ''}${county.name}` : code;
  }

  async adjust(input: z.output<typeof dispatchAdjustInput>): Promise<DispatchReport> {
    const period = await this.period(input.periodId);
    const actor = await this.session.actor();
    const countyCode = await this.session.countyCode();
    await inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
      const stored = await this.reports.find(period.id, trx);
      refuseIfLocked(stored?.row.status ?? null);
      const history = stored?.adjustments ?? [];
      const before = currentAdjustments(history)[input.figure];
      if (input.value === null && !before) throw AppError.field('value', `${FIGURE_NAMES[input.figure]}没有调整过，无需撤销调整`);
      const entry: Adjustment = { figure: input.figure, value: input.value, reason: input.reason, ...who(actor), at: nowIso() };
      const computed = await this.liveSnapshot(period.cutoffDate, trx);
      const status: ReportStatus = stored?.row.status === 'returned' ? 'returned' : 'draft';
      await this.write(trx, changes, { period, countyCode, stored }, { status, computed, adjustments: [...history, entry] }, {
        action: input.value === null ? 'adjust_withdraw' : 'adjust',
        changes: { [input.figure]: [before?.value ?? null, input.value], reason: input.reason },
      });
    });
    return this.get(period.id);
  }

  async submit(input: z.output<typeof dispatchSubmitInput>): Promise<DispatchReport> {
    const period = await this.period(input.periodId);
    const actor = await this.session.actor();
    const countyCode = await this.session.countyCode();
    if (!canSubmitOn(period, this.today())) {
      throw new AppError('CONFLICT', `本期统计截止到 ${formatChineseDate(period.cutoffDate)}，截止日当天起才能上报，请届时再提交。`);
    }
    await inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
      const stored = await this.reports.find(period.id, trx);
      refuseIfLocked(stored?.row.status ?? null);
      const computed = await this.liveSnapshot(period.cutoffDate, trx);
      const adjustments = stored?.adjustments ?? [];
      const { outcomes, skipped } = await this.runChecks(finalFigures(computed.figures, adjustments), period.cutoffDate, trx);
      const explained = withExplanations(outcomes, input.explanations ?? {}, input.forceReason ?? null);
      const forceReason = refuseFailures(explained, input.forceReason ?? null);
      await this.write(
        trx,
        changes,
        { period, countyCode, stored },
        {
          status: 'submitted',
          computed,
          adjustments,
          forceReason,
          ruleOutcomes: explained,
          skippedRules: skipped,
          submittedAt: nowIso(),
          submittedBy: actor.operatorId,
          submittedByName: actor.operatorName,
        },
        { action: forceReason ? 'submit_forced' : 'submit', changes: forceReason ? { forceReason } : {} },
      );
    });
    return this.get(period.id);
  }

  /**
   * 更正申请: asks the level that accepted (locked) this period's report to reopen it. Stored here and sent as a
   * `correction_request` op (the server's correction-service checks it again and records it in the report's
   * history); the decision comes back by sync. One request waits at a time; a refused or rejected one may be
   * followed by a new one.
   */
  async requestCorrection(input: z.output<typeof dispatchCorrectionInput>): Promise<DispatchReport> {
    const period = await this.period(input.periodId);
    const actor = await this.session.actor();
    await inChangeTransaction(this.db, actor, this.clock, async (trx, changes) => {
      const stored = await this.reports.find(period.id, trx);
      const status = stored?.row.status ?? null;
      if (!stored || status !== 'accepted') {
        throw new AppError('CONFLICT', status === 'submitted' ? SUBMITTED_MESSAGE : '本期调度表尚未审核通过，不需要更正申请：直接修改后上报即可。');
      }
      if ((await this.corrections.forPeriod(period.id, trx)).some(waiting)) {
        throw new AppError('CONFLICT', '本期已有一份更正申请在等待审批，请等审批结果同步回来后再提交新的申请。');
      }
      const row = {
        id: randomUUID(),
        period_id: period.id,
        report_id: stored.row.id,
        cutoff_date: period.cutoffDate,
        what: input.what,
        why: input.why,
        requested_at: nowIso(),
        requested_by: actor.operatorName,
        stage: 'requested' as const,
        decided_at: null,
        decided_by: null,
        decided_level: null,
        decision_comment: null,
      };
      await this.corrections.insert(row, trx);
      changes.record({
        entity: CORRECTION_ENTITY,
        entityId: row.id,
        action: 'correction_request',
        changes: { periodId: period.id, what: row.what, why: row.why },
        sync: {
          entity: CORRECTION_ENTITY,
          op: 'put',
          payload: { id: row.id, reportId: row.report_id, cutoffDate: row.cutoff_date, what: row.what, why: row.why, requestedAt: row.requested_at, requestedBy: row.requested_by },
        },
      });
    });
    return this.get(period.id);
  }

  private async period(periodId: string): Promise<Period> {
    const period = (await this.reference.periods()).find((p) => p.id === periodId);
    if (!period) throw new AppError('NOT_FOUND', '找不到这一期调度，请刷新期次列表后重试');
    return period;
  }

  /** The rules in force run on `figures` (explanations not yet attached), and the province's rules this PC cannot run. */
  private async runChecks(figures: Figures, cutoff: string, trx: Db = this.db): Promise<{ outcomes: RuleOutcome[]; skipped: SkippedRule[] }> {
    const { rules, skipped } = await this.rules.inForce(trx);
    return { outcomes: runRules(rules, figures, await this.previousFigures(cutoff, trx)), skipped };
  }

  private async previousFigures(cutoff: string, trx: Db = this.db) {
    const previous = await this.reports.previousSubmitted(cutoff, trx);
    return previous ? { seq: previous.seq, cutoffDate: previous.cutoffDate, figures: finalFigures(previous.computed.figures, previous.adjustments) } : null;
  }

  /** The last two submitted periods' final figures before `cutoff`, for the adjust dialog's jump warning. */
  private async trends(cutoff: string) {
    const submitted = await this.reports.submittedBefore(cutoff, 2);
    return previousTrends(submitted.map((report) => ({ seq: report.seq, figures: finalFigures(report.computed.figures, report.adjustments) })));
  }

  private async describe(period: Period, stored: StoredReport | null): Promise<DispatchReport> {
    const today = this.today();
    const reportStatus = stored?.row.status ?? null;
    const locked = isLocked(reportStatus);
    const snapshot = locked && stored ? stored.computed : await this.liveSnapshot(period.cutoffDate);
    const history = stored?.adjustments ?? [];
    const adjusted = currentAdjustments(history);
    const final: Figures = finalFigures(snapshot.figures, history);
    const submittedBy = stored?.row.submitted_by ? await this.operators.find(stored.row.submitted_by) : null;
    const corrections = await this.corrections.forPeriod(period.id);
    const unsent = stored ? (await this.reports.unsentReportIds()).has(stored.row.id) : false;
    const trends = await this.trends(period.cutoffDate);
    // What went up is judged by the rules it was checked by then; a draft by the rules in force now.
    const checks = locked && stored?.row.rule_outcomes ? storedChecks(stored.row) : await this.runChecks(final, period.cutoffDate);
    return {
      period,
      reportId: stored?.row.id ?? null,
      status: periodStatus(period, reportStatus, today),
      reportStatus,
      overdue: isOverdue(period, reportStatus, today),
      locked,
      canSubmit: !locked && canSubmitOn(period, today),
      unitName: await this.unitName(),
      figures: FIGURE_KEYS.map((key) => ({
        key,
        label: FIGURE_LABELS[key],
        computed: snapshot.figures[key],
        adjustment: adjusted[key] ?? null,
        final: final[key],
        previous: trends[key],
      })),
      frozen: locked,
      nationalPlatformNames: snapshot.nationalPlatformNames,
      checks: checks.outcomes,
      skippedRules: checks.skipped,
      adjustmentHistory: history,
      forceReason: stored?.row.force_reason ?? null,
      submittedAt: stored?.row.submitted_at ?? null,
      submittedBy: submittedBy?.name ?? null,
      reviewComment: stored?.row.review_comment ?? null,
      reviewedAt: stored?.row.reviewed_at ?? null,
      reviewedBy: stored?.row.reviewed_by ?? null,
      reviewedLevel: stored?.row.reviewed_level ?? null,
      delivery: stored ? deliveryOf(reportStatus, unsent, stored.row.delivered_level) : null,
      deliveredAt: reportStatus === 'submitted' ? (stored?.row.delivered_at ?? null) : null,
      corrections,
      canRequestCorrection: reportStatus === 'accepted' && !corrections.some(waiting),
    };
  }

  private async write(
    trx: Knex.Transaction,
    changes: ChangeSet,
    { period, countyCode, stored }: { period: Period; countyCode: string; stored: StoredReport | null },
    next: {
      status: ReportStatus;
      computed: ComputedSnapshot;
      adjustments: Adjustment[];
      forceReason?: string | null;
      /** The rules that ran on this submission and how they came out (only when submitting). */
      ruleOutcomes?: RuleOutcome[];
      skippedRules?: SkippedRule[];
      submittedAt?: string;
      submittedBy?: string | null;
      /** The clerk's name as the reviewers' history shows it (县级上报 by 张三). */
      submittedByName?: string | null;
    },
    audit: { action: string; changes: Record<string, unknown> },
  ): Promise<void> {
    const hlc = changes.stamp();
    const row: DispatchReportRow = {
      id: stored?.row.id ?? randomUUID(),
      period_id: period.id,
      status: next.status,
      computed: JSON.stringify(next.computed),
      adjustments: JSON.stringify(next.adjustments),
      force_reason: next.forceReason !== undefined ? next.forceReason : (stored?.row.force_reason ?? null),
      rule_outcomes: next.ruleOutcomes ? JSON.stringify(next.ruleOutcomes) : (stored?.row.rule_outcomes ?? null),
      skipped_rules: next.skippedRules ? JSON.stringify(next.skippedRules) : (stored?.row.skipped_rules ?? null),
      submitted_at: next.submittedAt ?? stored?.row.submitted_at ?? null,
      submitted_by: next.submittedBy !== undefined ? next.submittedBy : (stored?.row.submitted_by ?? null),
      review_comment: stored?.row.review_comment ?? null,
      reviewed_at: stored?.row.reviewed_at ?? null,
      reviewed_by: stored?.row.reviewed_by ?? null,
      reviewed_level: stored?.row.reviewed_level ?? null,
      // A new submission has not reached anyone yet; the server says where it went on the next sync.
      delivered_level: next.status === 'submitted' ? null : (stored?.row.delivered_level ?? null),
      delivered_at: next.status === 'submitted' ? null : (stored?.row.delivered_at ?? null),
      // Each 上报 is one revision more: the short code carries it, and the province refuses an older one.
      submit_revision: (stored?.row.submit_revision ?? 0) + (next.status === 'submitted' ? 1 : 0),
      updated_at: nowIso(),
      hlc,
    };
    await this.reports.save(row, trx);
    changes.record(
      {
        entity: 'dispatch_report',
        entityId: row.id,
        action: audit.action,
        changes: audit.changes,
        sync: {
          entity: 'dispatch_report',
          op: 'put',
          payload: {
            id: row.id,
            periodId: period.id,
            cutoffDate: period.cutoffDate,
            countyCode,
            status: row.status,
            computed: next.computed,
            adjustments: next.adjustments,
            figures: finalFigures(next.computed.figures, next.adjustments),
            forceReason: row.force_reason,
            ruleOutcomes: row.rule_outcomes ? (JSON.parse(row.rule_outcomes) as RuleOutcome[]) : [],
            skippedRules: row.skipped_rules ? (JSON.parse(row.skipped_rules) as SkippedRule[]) : [],
            submittedAt: row.submitted_at,
            submittedBy: row.submitted_by,
            submittedByName: next.submittedByName ?? null,
            revision: row.submit_revision,
          },
        },
      },
      hlc,
    );
  }
}

/**
 * Refuses a submission while a 强制 rule fails, or a 提示 rule fails without a 上报说明 (checked here, in the main
 * process, whatever the window allowed). Answers the 上报说明 the board shows beside the report: the common one if a
 * rule used it, else the per-rule ones joined.
 */
function refuseFailures(outcomes: readonly RuleOutcome[], common: string | null): string | null {
  const failed = failures(outcomes);
  if (failed.mandatory.length > 0) {
    const ids = failed.mandatory.map((o) => o.ruleId).join('、');
    throw new AppError('VALIDATION', `有 ${failed.mandatory.length} 项强制规则未通过（${ids}），不能上报：请修正数字后再上报。`, { checks: failed.mandatory });
  }
  const unexplained = failed.advisory.filter((o) => !o.explanation);
  if (unexplained.length > 0) {
    const message = `有 ${unexplained.length} 项提示规则未通过。请修正数字；确属实情的，请填写上报说明后再上报。`;
    throw new AppError('VALIDATION', message, { fields: [{ field: 'forceReason', message }], checks: unexplained });
  }
  if (failed.advisory.length === 0) return null;
  // The common 上报说明 when a rule went up with it; else each rule's own, so the board never shows an unused one.
  if (common && failed.advisory.some((o) => o.explanation === common)) return common;
  return failed.advisory.map((o) => `${o.ruleId}：${o.explanation}`).join('；');
}

function storedChecks(row: DispatchReportRow): { outcomes: RuleOutcome[]; skipped: SkippedRule[] } {
  return { outcomes: JSON.parse(row.rule_outcomes ?? '[]') as RuleOutcome[], skipped: JSON.parse(row.skipped_rules ?? '[]') as SkippedRule[] };
}

/** A request not yet decided: unsent, or waiting at the server. */
function waiting(c: CorrectionRequest): boolean {
  return c.state === 'unsent' || c.state === 'requested';
}

function who(actor: Actor): Pick<Adjustment, 'operatorId' | 'operatorName'> {
  return { operatorId: actor.operatorId, operatorName: actor.operatorName };
}
