/**
 * The dispatch table's figures as of a cutoff, and the stored reports (dispatch_reports).
 *
 * Platform figures. The column heading is 纳入机构目录的线上培训平台数量, "platforms included in the directory", and the
 * plan (六(二)) asks counties to put the national, provincial and city platforms into their local directory
 * (两目录一系统). So 面向全省 / 面向地市 count the live province-level / city-level platforms this county has marked
 * `in_local_directory` (adoption alone does not put a platform in the directory). The ※ column counts the national
 * (部推荐) platforms the county adopted, as its note says 采用情况, and their names go on the attached page.
 * Adoption has no history: platform figures are the directory as it stands when computed, which is why a submitted
 * report keeps the figures and names it was submitted with.
 */
import type { Knex } from 'knex';
import type { Adjustment, Figures } from '../../../../src-shared/domain/dispatch-figures';
import type { ReportStatus } from '../../../../src-shared/domain/dispatch-status';

export interface ComputedSnapshot {
  figures: Figures;
  nationalPlatformNames: string[];
  computedAt: string;
}

export interface DispatchReportRow {
  id: string;
  period_id: string;
  status: ReportStatus;
  computed: string;
  adjustments: string;
  force_reason: string | null;
  /** JSON: the rules that ran on the last submission (RuleOutcome[]) and the province's rules skipped (SkippedRule[]). */
  rule_outcomes: string | null;
  skipped_rules: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  review_comment: string | null;
  reviewed_at: string | null;
  /** Who decided (reviewed_*) and where the submission waits (delivered_*), as the server said by sync. */
  reviewed_by: string | null;
  reviewed_level: 'city' | 'province' | null;
  delivered_level: 'city' | 'province' | null;
  delivered_at: string | null;
  /** Which 上报 of the period this is (1, 2 after a return, ...): the short code carries it. */
  submit_revision: number;
  updated_at: string;
  hlc: string | null;
}

export interface StoredReport {
  row: DispatchReportRow;
  computed: ComputedSnapshot;
  adjustments: Adjustment[];
}

type Db = Knex | Knex.Transaction;

export class DispatchRepository {
  constructor(private readonly db: Knex) {}

  /** The two person-time figures from the trigger-kept per-day counters (see the dispatch migration). */
  async personTimesAsOf(cutoff: string, trx: Db = this.db): Promise<Pick<Figures, 'registeredTrainees' | 'trainingPersonTimes'>> {
    const row = await trx('dispatch_daily_counts')
      .where('day', '<=', cutoff)
      .first<{ registered: number | null; training: number | null }>(
        trx.raw('coalesce(sum(registered), 0) as registered'),
        trx.raw('coalesce(sum(training), 0) as training'),
      );
    return { registeredTrainees: Number(row?.registered ?? 0), trainingPersonTimes: Number(row?.training ?? 0) };
  }

  /**
   * The two person-time figures as of each of several cutoffs, from one read of the per-day counters (a campaign
   * has about a hundred day rows): what the period locks compare before and after a write.
   */
  async personTimesAtCutoffs(cutoffs: readonly string[], trx: Db = this.db): Promise<Map<string, Pick<Figures, 'registeredTrainees' | 'trainingPersonTimes'>>> {
    const result = new Map<string, Pick<Figures, 'registeredTrainees' | 'trainingPersonTimes'>>();
    if (cutoffs.length === 0) return result;
    const last = [...cutoffs].sort().at(-1)!;
    const days = await trx('dispatch_daily_counts').where('day', '<=', last).select<Array<{ day: string; registered: number; training: number }>>('day', 'registered', 'training');
    for (const cutoff of cutoffs) {
      let registeredTrainees = 0;
      let trainingPersonTimes = 0;
      for (const d of days) {
        if (d.day > cutoff) continue;
        registeredTrainees += Number(d.registered);
        trainingPersonTimes += Number(d.training);
      }
      result.set(cutoff, { registeredTrainees, trainingPersonTimes });
    }
    return result;
  }

  /** The periods whose report the city or province accepted (learnt by sync): locked on this PC. */
  async acceptedPeriods(trx: Db = this.db): Promise<Array<{ periodId: string; seq: number; cutoffDate: string }>> {
    const rows = await trx('dispatch_reports as r')
      .join('periods as p', 'p.id', 'r.period_id')
      .where('r.status', 'accepted')
      .orderBy('p.cutoff_date')
      .select<Array<{ period_id: string; seq: number; cutoff_date: string }>>('r.period_id', 'p.seq', 'p.cutoff_date');
    return rows.map((r) => ({ periodId: r.period_id, seq: Number(r.seq), cutoffDate: r.cutoff_date }));
  }

  /**
   * The same two figures counted row by row: slow on a big store, kept as the definition the counters must match
   * (tests compare both).
   */
  async personTimesCountedDirectly(cutoff: string): Promise<Pick<Figures, 'registeredTrainees' | 'trainingPersonTimes'>> {
    const trainees = await this.db('trainees').whereNull('deleted_at').where('registered_at', '<=', cutoff).count<{ n: number }[]>({ n: '*' });
    const enrolments = await this.db('enrolments as e')
      .join('trainees as t', 't.id', 'e.trainee_id')
      .whereNull('e.deleted_at')
      .whereNull('t.deleted_at')
      .where('e.start_date', '<=', cutoff)
      .count<{ n: number }[]>({ n: '*' });
    return { registeredTrainees: Number(trainees[0]!.n), trainingPersonTimes: Number(enrolments[0]!.n) };
  }

  async platformCounts(trx: Db = this.db): Promise<Pick<Figures, 'provincePlatforms' | 'cityPlatforms' | 'nationalPlatforms'>> {
    const rows = await trx('platforms as p')
      .join('platform_adoptions as a', 'a.platform_id', 'p.id')
      .whereNull('p.deleted_at')
      .where((q) =>
        q.where((inner) => inner.whereIn('p.level', ['province', 'city']).where('a.in_local_directory', 1))
          .orWhere((inner) => inner.where('p.level', 'national').where('a.adopted', 1)),
      )
      .groupBy('p.level')
      .select<Array<{ level: string; n: number }>>('p.level', trx.raw('count(*) as n'));
    const byLevel = new Map(rows.map((r) => [r.level, Number(r.n)]));
    return {
      provincePlatforms: byLevel.get('province') ?? 0,
      cityPlatforms: byLevel.get('city') ?? 0,
      nationalPlatforms: byLevel.get('national') ?? 0,
    };
  }

  async adoptedNationalPlatformNames(trx: Db = this.db): Promise<string[]> {
    const names = await trx('platforms as p')
      .join('platform_adoptions as a', 'a.platform_id', 'p.id')
      .whereNull('p.deleted_at')
      .where({ 'p.level': 'national', 'a.adopted': 1 })
      .pluck('p.name');
    return (names as string[]).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }

  async find(periodId: string, trx: Db = this.db): Promise<StoredReport | null> {
    const row = await trx('dispatch_reports').where({ period_id: periodId }).first<DispatchReportRow | undefined>();
    return row ? parse(row) : null;
  }

  async statusesByPeriod(): Promise<Map<string, Omit<DispatchReportRow, 'computed' | 'adjustments' | 'rule_outcomes' | 'skipped_rules'>>> {
    const rows = await this.db('dispatch_reports').select<Array<DispatchReportRow>>(
      'id', 'period_id', 'status', 'force_reason', 'submitted_at', 'submitted_by', 'review_comment', 'reviewed_at', 'reviewed_by', 'reviewed_level', 'delivered_level', 'delivered_at', 'updated_at', 'hlc',
    );
    return new Map(rows.map((r) => [r.period_id, r]));
  }

  /** The reports with a change still in the outbox (not yet on the server). */
  async unsentReportIds(trx: Db = this.db): Promise<Set<string>> {
    return new Set<string>(await trx('outbox').where({ entity: 'dispatch_report' }).distinct().pluck('entity_id'));
  }

  /** The latest report before `cutoff` that went up and was not sent back: the base of "never below". */
  async previousSubmitted(cutoff: string, trx: Db = this.db): Promise<(StoredReport & { seq: number; cutoffDate: string }) | null> {
    return (await this.submittedBefore(cutoff, 1, trx))[0] ?? null;
  }

  /** The latest `count` reports before `cutoff` that went up and were not sent back, newest first. */
  async submittedBefore(cutoff: string, count: number, trx: Db = this.db): Promise<Array<StoredReport & { seq: number; cutoffDate: string }>> {
    const rows = await trx('dispatch_reports as r')
      .join('periods as p', 'p.id', 'r.period_id')
      .where('p.cutoff_date', '<', cutoff)
      .whereIn('r.status', ['submitted', 'accepted'])
      .orderBy('p.cutoff_date', 'desc')
      .limit(count)
      .select<Array<DispatchReportRow & { seq: number; cutoff_date: string }>>('r.*', 'p.seq', 'p.cutoff_date');
    return rows.map((row) => ({ ...parse(row), seq: row.seq, cutoffDate: row.cutoff_date }));
  }

  async save(row: DispatchReportRow, trx: Db): Promise<void> {
    await trx('dispatch_reports').insert(row).onConflict('period_id').merge();
  }

  /** The receipt code the province gave for the short code of a revision (local only: never synced). */
  async saveCodeReceipt(reportId: string, receipt: { code: string; revision: number; at: string }, trx: Db = this.db): Promise<void> {
    await trx('dispatch_reports').where({ id: reportId }).update({ code_receipt: receipt.code, code_receipt_revision: receipt.revision, code_receipt_at: receipt.at });
  }

  async codeReceipt(reportId: string, trx: Db = this.db): Promise<{ code: string; revision: number; at: string } | null> {
    const row = await trx('dispatch_reports')
      .where({ id: reportId })
      .first<{ code_receipt: string | null; code_receipt_revision: number | null; code_receipt_at: string | null } | undefined>('code_receipt', 'code_receipt_revision', 'code_receipt_at');
    return row?.code_receipt && row.code_receipt_at ? { code: row.code_receipt, revision: Number(row.code_receipt_revision), at: row.code_receipt_at } : null;
  }
}

function parse(row: DispatchReportRow): StoredReport {
  return { row, computed: JSON.parse(row.computed) as ComputedSnapshot, adjustments: JSON.parse(row.adjustments) as Adjustment[] };
}
