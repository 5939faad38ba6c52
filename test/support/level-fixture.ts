/**
 * County reports and correction requests arriving at the server as a PC sends them, without a PC:
 * each op goes through the server's own op applier (src-server/sync/apply-ops.ts) in a transaction,
 * the way a push applies it, so the locks judged by the stored row are the ones a real county meets.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Figures } from '../../src-shared/domain/dispatch-figures';
import type { SyncOp } from '../../src-shared/sync-protocol';
import { OpApplier, type OpOutcome } from '../../src-server/sync/apply-ops';
import { appendFeed } from '../../src-server/repositories/feed-repository';

let stamp = 1_800_000_000_000;
let submissions = 0;

/** The report id a county's PC uses for a cutoff, stable per county and period. */
export function reportIdOf(county: string, cutoffDate: string): string {
  const hex = Buffer.from(`${county}${cutoffDate.replaceAll('-', '')}`).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function figuresOf(n: number): Figures {
  return { registeredTrainees: n, trainingPersonTimes: n * 2, provincePlatforms: 1, cityPlatforms: 0, nationalPlatforms: 0 };
}

export async function applyCountyOp(db: Knex, county: string, entity: string, entityId: string, payload: Record<string, unknown>): Promise<OpOutcome> {
  const op: SyncOp = { opId: randomUUID(), seq: 1, entity, entityId, op: 'put', hlc: `${String(stamp++).padStart(15, '0')}:00000:test`, operatorId: null, createdAt: new Date().toISOString(), payload };
  return db.transaction(async (trx) => {
    const applier = new OpApplier(trx, county, `device-${county}`, new Date().toISOString());
    await applier.prefetch([op]);
    const outcome = await applier.apply(op);
    await applier.finish();
    await appendFeed(trx, applier.feed);
    return outcome;
  });
}

/** The county submits its report of `cutoffDate` with these figures (a new submission each call). */
export async function submitCountyReport(db: Knex, county: string, cutoffDate: string, figures: Figures, submittedAt = new Date(Date.UTC(2020, 3, 11) + ++submissions * 1000).toISOString()): Promise<OpOutcome> {
  const id = reportIdOf(county, cutoffDate);
  return applyCountyOp(db, county, 'dispatch_report', id, {
    id,
    periodId: `default-${cutoffDate}`,
    cutoffDate,
    countyCode: county,
    status: 'submitted',
    computed: { figures, nationalPlatformNames: [], computedAt: submittedAt },
    adjustments: [],
    figures,
    forceReason: null,
    submittedAt,
    submittedBy: null,
  });
}

/** A correction request of the county's report of `cutoffDate` (the fixture's report id unless given: a real PC's). */
export async function requestCorrection(db: Knex, county: string, cutoffDate: string, options: { what?: string; why?: string; reportId?: string } = {}): Promise<{ id: string; outcome: OpOutcome }> {
  const id = randomUUID();
  const payload = { id, reportId: options.reportId ?? reportIdOf(county, cutoffDate), cutoffDate, what: options.what ?? '补报 3 名学员', why: options.why ?? '平台数据晚到', requestedAt: new Date().toISOString(), requestedBy: '县级填报员' };
  const outcome = await applyCountyOp(db, county, 'correction_request', id, payload);
  return { id, outcome };
}
