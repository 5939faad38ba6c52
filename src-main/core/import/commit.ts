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

/**
 * Rows per service call. Each chunk's rows, audit and outbox entries stay alive across its statements, so V8 moves
 * them to the old generation, which grows until its next full collection: measured at 100,000 rows, chunks of
 * 2,000 took the heap to ~370 MB, chunks of 500 to ~210-280 MB, at the same speed.
 */
const CHUNK = 500;

/**
 * SQLite page cache while an import writes, in KiB (negative in the pragma). The store allows 256 MB, and a
 * 100,000-row import touches every page it writes (~180 MB of them), which with the heap took the process past
 * 500 MB. Measured at 100,000 rows into an empty store: no slower with 64 MB (within this machine's noise), peak
 * RSS ~470-530 MB instead of ~580-860 MB. The store's own size is restored afterwards.
 */
const IMPORT_CACHE_KIB = 65_536;

async function withImportCache<T>(db: Knex, work: () => Promise<T>): Promise<T> {
  const [setting] = (await db.raw('PRAGMA cache_size')) as Array<{ cache_size: number }>;
  const before = Number(setting?.cache_size);
  const limited = Number.isInteger(before) && (before < 0 ? -before : before * 4) > IMPORT_CACHE_KIB;
  if (limited) await db.raw(`PRAGMA cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    if (limited) await db.raw(`PRAGMA cache_size = ${before}`);
  }
}

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
  const write = async (trx: Knex.Transaction) => {
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
  };
  await withImportCache(options.db, () => options.db.transaction(write));
  return total;
}
