/**
 * Writing a checked plan: one SQLite transaction for the whole import, so a cancel, an error or a crash leaves
 * nothing half-imported. Inside it the ordinary services do the writing (through savepoints, in chunks), so an
 * imported trainee gets exactly the rows, audit entries and sync outbox entries of one registered in the form.
 *
 * The store has a single connection: while an import commits, other requests wait for it. Reading and checking
 * (the slow part for a clerk) happens in the dry run, outside any transaction.
 */
import type { Knex } from 'knex';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import { recordAuditOnly } from '../change-set';
import { EnrolmentService } from '../services/enrolment-service';
import { TraineeService } from '../services/trainee-service';
import { Session } from '../session';
import { ImportCancelled } from './cancelled';
import type { ImportPlan } from './dry-run';

const CHUNK = 2000;

export interface CommitOptions {
  db: Knex;
  clock: HybridLogicalClock;
  plan: ImportPlan;
  jobId: string;
  isCancelled: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Returns how many records were written; throws ImportCancelled (after the rollback) when cancelled. */
export async function commitPlan(options: CommitOptions): Promise<number> {
  const { plan } = options;
  const total = plan.inputs.length;
  await options.db.transaction(async (trx) => {
    // Services bound to the transaction: the single connection is held by it, so they must not use the root db.
    const session = new Session(trx);
    const trainees = new TraineeService(trx, session, options.clock);
    const enrolments = new EnrolmentService(trx, session, options.clock);
    for (let start = 0; start < total; start += CHUNK) {
      if (options.isCancelled()) throw new ImportCancelled();
      if (plan.kind === 'trainees') await trainees.createMany(plan.inputs.slice(start, start + CHUNK));
      else await enrolments.createMany(plan.inputs.slice(start, start + CHUNK));
      options.onProgress?.(Math.min(start + CHUNK, total), total);
    }
    if (options.isCancelled()) throw new ImportCancelled();
    await recordAuditOnly(trx, await session.actor(), {
      entity: 'import',
      entityId: options.jobId,
      action: plan.kind === 'trainees' ? 'import_trainees' : 'import_enrolments',
      changes: { imported: total, existing: plan.counts.existing, rejected: plan.counts.invalid },
    });
  });
  return total;
}
