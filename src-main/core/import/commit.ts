/**
 * Writing a checked plan: one SQLite transaction for the whole import, so a cancel, an error or a crash leaves
 * nothing half-imported. The ordinary services check the inputs and build the rows (bulkCreator), so an imported
 * trainee gets exactly the rows, audit entries and sync outbox entries of one registered in the form.
 *
 * The store has a single connection: while an import commits, other requests wait for it. Reading and checking
 * (the slow part for a clerk) happens in the dry run, outside any transaction.
 */
import type { Knex } from 'knex';
import type { HybridLogicalClock } from '../../../src-shared/domain/hlc';
import { AppError } from '../../../src-shared/errors';
import { recordAuditOnly, type PreparedCreates } from '../change-set';
import { insertScript, scriptRunner, type ScriptRunner } from '../db/literal-insert';
import { isUniqueViolation } from '../../../src-node/sqlite-errors';
import { ValueChoiceRepository } from '../db/repositories/value-choice-repository';
import { nowIso } from '../clock';
import { EnrolmentService } from '../services/enrolment-service';
import { PlatformService } from '../services/platform-service';
import { TraineeService, type BulkCreator } from '../services/trainee-service';
import type { Session } from '../session';
import { withinPeriodLocks } from '../period-locks';
import { ImportCancelled } from './cancelled';
import type { ImportPlan } from './dry-run';
import type { ChoiceToKeep } from './value-resolver';

/**
 * Rows built and written together. Small enough that a chunk's rows and its scripts (a table's rows of 100
 * trainees are ~30-70 KB of SQL) stay ordinary young objects, which die in the next scavenge once sqlite3 has
 * copied the script, instead of large objects that live in the old generation until a full collection.
 */
const CHUNK = 100;
/** Scripts handed to sqlite3 and not yet written: enough to keep its thread busy while the next chunk is built. */
const WRITES_AHEAD = 12;
/** Progress events while writing: one per 500 rows (200 for a 100,000-row import), not one per script. */
const PROGRESS_ROWS = 500;

/**
 * SQLite page cache while an import writes, in KiB (negative in the pragma). The store allows 256 MB, and a
 * 100,000-row import touches every page it writes (~180 MB of them), which with the heap took the process past
 * 500 MB. Measured at 100,000 rows, once into an empty store and once more into the store that then held
 * 100,000 trainees (same process, load ~4): 32 MB took 14.9 s / 18.0 s, 64 MB 18.1 s / 21.0 s, 256 MB 18.0 s /
 * 24.9 s, with a peak RSS of 452, 525 and 594 MB: a bigger cache only holds more pages for SQLite to spill to the
 * WAL at the end. The store's own size is restored afterwards.
 */
const IMPORT_CACHE_KIB = 32_768;

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
  /** The app's session; bound to the transaction here, so the rows name the operator logged in. */
  session: Session;
  plan: ImportPlan;
  jobId: string;
  /** Platforms the clerk chose to add for values of the file: written first, in the same transaction as the rows. */
  newPlatforms?: ReadonlyArray<{ id: string; name: string }>;
  /** Value decisions to remember for the county's next imports: kept only if the import is. */
  choices?: readonly ChoiceToKeep[];
  isCancelled: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Writes the inputs in chunks, each table's rows of a chunk as one script handed to sqlite3 as soon as it is
 * built. sqlite3 runs scripts one at a time in the order given, in its worker thread, so building the next chunks
 * on the JS thread (ids, pinyin initials, payloads) overlaps with writing the previous ones instead of taking
 * turns. At most WRITES_AHEAD scripts wait at a time, which bounds the memory they hold.
 */
async function writeChunks(options: CommitOptions, runner: ScriptRunner, total: number, prepareRows: (start: number, end: number) => Promise<PreparedCreates>): Promise<void> {
  const waiting: Array<{ written: Promise<void>; done: number }> = [];
  let reported = 0;
  const settleOldest = async () => {
    const oldest = waiting.shift()!;
    await oldest.written;
    // A chunk's rows are written once its last script is: report then, every PROGRESS_ROWS rows and at the end.
    const chunkWritten = waiting[0]?.done !== oldest.done;
    if (chunkWritten && (oldest.done - reported >= PROGRESS_ROWS || oldest.done === total)) {
      reported = oldest.done;
      options.onProgress?.(oldest.done, total);
    }
  };
  try {
    for (let start = 0; start < total; start += CHUNK) {
      if (options.isCancelled()) throw new ImportCancelled();
      const done = Math.min(start + CHUNK, total);
      for (const table of (await prepareRows(start, done)).tables) {
        const written = runner.run(insertScript(table));
        // Awaited in order below; marked handled now so a failure of a later one is not reported as unhandled.
        written.catch(() => undefined);
        waiting.push({ written, done });
      }
      while (waiting.length > WRITES_AHEAD) await settleOldest();
    }
    while (waiting.length > 0) await settleOldest();
    await runner.finish();
  } finally {
    // Whatever failed, nothing may still be running when the transaction is rolled back or committed.
    await Promise.allSettled(waiting.map((w) => w.written));
  }
}

/**
 * The trainees a training-record import registers (同时登记), written before the records that name them (the
 * record service checks that every trainee exists), in the same transaction: nothing half-written.
 */
async function writeRegistrations(options: CommitOptions, trx: Knex.Transaction, session: Session): Promise<void> {
  const { plan } = options;
  if (plan.kind !== 'enrolments' || plan.registrations.length === 0) return;
  const creator = await new TraineeService(trx, session, options.clock).bulkCreator(plan.registrations);
  try {
    const runner = await scriptRunner(trx);
    // Progress is the records': the registrations are written silently, a small part of the work.
    await writeChunks({ ...options, onProgress: undefined }, runner, plan.registrations.length, creator.prepare);
  } finally {
    await creator.close();
  }
}

/** The service's builder of a range of the plan's inputs (its checks of all of them done first); `close` after it. */
async function rowPreparer(plan: ImportPlan, trx: Knex.Transaction, session: Session, clock: HybridLogicalClock): Promise<BulkCreator> {
  if (plan.kind === 'trainees') return new TraineeService(trx, session, clock).bulkCreator(plan.inputs);
  const prepare = await new EnrolmentService(trx, session, clock).bulkCreator(plan.inputs);
  return { prepare: async (start, end) => prepare(plan.inputs.slice(start, end)), close: async () => undefined };
}

/** Returns how many records were written; throws ImportCancelled (after the rollback) when cancelled. */
export async function commitPlan(options: CommitOptions): Promise<number> {
  const { plan } = options;
  const total = plan.inputs.length;
  let runner: ScriptRunner | undefined;
  const write = async (trx: Knex.Transaction) => {
    // Services bound to the transaction: the single connection is held by it, so they must not use the root db.
    const session = options.session.on(trx);
    const platforms = new PlatformService(trx, session, options.clock);
    // County-level (面向地市, the county's own): the level a county adds platforms at, as on the platform page.
    for (const platform of options.newPlatforms ?? []) await platforms.create({ name: platform.name, url: null, level: 'city' }, { id: platform.id });
    await writeRegistrations(options, trx, session);
    const creator = await rowPreparer(plan, trx, session, options.clock);
    try {
      runner = await scriptRunner(trx);
      await writeChunks(options, runner, total, creator.prepare);
    } finally {
      await creator.close();
    }
    if (options.isCancelled()) throw new ImportCancelled();
    if (options.choices && options.choices.length > 0) {
      await new ValueChoiceRepository(trx).save(options.choices, nowIso(), (await session.actor()).operatorId);
    }
    await recordAuditOnly(trx, await session.actor(), {
      entity: 'import',
      entityId: options.jobId,
      action: plan.kind === 'trainees' ? 'import_trainees' : 'import_enrolments',
      changes: {
        imported: total,
        existing: plan.counts.existing,
        rejected: plan.counts.invalid,
        newPlatforms: options.newPlatforms?.length ?? 0,
        valueChoices: options.choices?.length ?? 0,
        registered: plan.kind === 'enrolments' ? plan.registrations.length : 0,
      },
    });
  };
  try {
    // The period locks judge the whole import at once: a file that would change a locked period writes nothing.
    await withImportCache(options.db, () => options.db.transaction((trx) => withinPeriodLocks(trx, () => write(trx))));
  } catch (caught) {
    // After an I/O error SQLite has rolled back by itself, and knex's ROLLBACK then fails too: report the cause.
    const error = runner?.firstFailure ?? caught;
    // ImportService words this for the clerk (the file must be checked again).
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', '文件中的身份证号在检查之后已被登记');
    throw error;
  }
  return total;
}
