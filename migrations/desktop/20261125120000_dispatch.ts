/**
 * Dispatch figures in constant time: per-day counters kept by triggers.
 *
 * The table's two person-time figures are counts as of a cutoff: live trainees registered on or before it, and live
 * training records (of live trainees) starting on or before it. Counted directly, even through a partial index
 * (`enrolments(start_date) WHERE deleted_at IS NULL`), SQLite walks one index entry per row: measured here ~90 ms per
 * million entries, so 1,000,000 trainees + 3,000,000 records cost ~350 ms at the last cutoff, over the 200 ms
 * target. So every write keeps `dispatch_daily_counts` (one row per day, ~100 rows for a campaign) current, and a
 * figure is a SUM over at most a few hundred rows whatever the store's size.
 *
 * The triggers fire for every writer (services, sync, bulk inserts), so the counters cannot drift from the rows.
 * The cost is one upsert on a tiny, hot table per written row. A trainee's soft delete or restore moves all of their
 * live training records in or out of the count, as the figure is defined on live trainees.
 *
 * Beware: a later migration that rebuilds `trainees` or `enrolments` (knex's alterTable does so on SQLite to drop or
 * change a column) drops these triggers with the old table; it must call `createDispatchCountTriggers` again
 * (test/db/dispatch.test.ts checks they exist). Writers must also not use `INSERT OR REPLACE` on these tables:
 * SQLite skips delete triggers for REPLACE unless recursive_triggers is on; use an upsert (ON CONFLICT DO UPDATE),
 * which fires the update triggers.
 */
import type { Knex } from 'knex';

const COUNTS = 'dispatch_daily_counts';

/** Adds `registered`/`training` deltas to a day's row, creating it when missing. */
function upsert(select: string): string {
  return `INSERT INTO ${COUNTS} (day, registered, training) ${select}
    ON CONFLICT (day) DO UPDATE SET registered = registered + excluded.registered, training = training + excluded.training;`;
}

const liveTrainee = (idExpr: string) => `EXISTS (SELECT 1 FROM trainees t WHERE t.id = ${idExpr} AND t.deleted_at IS NULL)`;

const TRIGGERS: ReadonlyArray<[string, string]> = [
  [
    'dispatch_counts_trainee_insert',
    `AFTER INSERT ON trainees WHEN NEW.deleted_at IS NULL BEGIN
      ${upsert('VALUES (NEW.registered_at, 1, 0)')}
    END`,
  ],
  [
    'dispatch_counts_trainee_delete',
    `AFTER DELETE ON trainees WHEN OLD.deleted_at IS NULL BEGIN
      ${upsert('VALUES (OLD.registered_at, -1, 0)')}
      ${upsert('SELECT start_date, 0, -count(*) FROM enrolments WHERE trainee_id = OLD.id AND deleted_at IS NULL GROUP BY start_date')}
    END`,
  ],
  [
    'dispatch_counts_trainee_update',
    `AFTER UPDATE OF registered_at, deleted_at ON trainees BEGIN
      ${upsert('SELECT OLD.registered_at, -1, 0 WHERE OLD.deleted_at IS NULL')}
      ${upsert('SELECT NEW.registered_at, 1, 0 WHERE NEW.deleted_at IS NULL')}
      ${upsert(`SELECT start_date, 0, CASE WHEN NEW.deleted_at IS NULL THEN count(*) ELSE -count(*) END FROM enrolments
        WHERE trainee_id = NEW.id AND deleted_at IS NULL AND (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
        GROUP BY start_date`)}
    END`,
  ],
  [
    'dispatch_counts_enrolment_insert',
    `AFTER INSERT ON enrolments WHEN NEW.deleted_at IS NULL AND ${liveTrainee('NEW.trainee_id')} BEGIN
      ${upsert('VALUES (NEW.start_date, 0, 1)')}
    END`,
  ],
  [
    'dispatch_counts_enrolment_delete',
    `AFTER DELETE ON enrolments WHEN OLD.deleted_at IS NULL AND ${liveTrainee('OLD.trainee_id')} BEGIN
      ${upsert('VALUES (OLD.start_date, 0, -1)')}
    END`,
  ],
  [
    'dispatch_counts_enrolment_update',
    `AFTER UPDATE OF start_date, deleted_at, trainee_id ON enrolments BEGIN
      ${upsert(`SELECT OLD.start_date, 0, -1 WHERE OLD.deleted_at IS NULL AND ${liveTrainee('OLD.trainee_id')}`)}
      ${upsert(`SELECT NEW.start_date, 0, 1 WHERE NEW.deleted_at IS NULL AND ${liveTrainee('NEW.trainee_id')}`)}
    END`,
  ],
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE ${COUNTS} (
    day varchar(10) NOT NULL PRIMARY KEY,
    registered integer NOT NULL DEFAULT 0,
    training integer NOT NULL DEFAULT 0
  ) WITHOUT ROWID`);
  // Existing stores: count what is already there, then let the triggers keep it current.
  await knex.raw(upsert('SELECT registered_at, count(*), 0 FROM trainees WHERE deleted_at IS NULL GROUP BY registered_at'));
  await knex.raw(
    upsert(`SELECT e.start_date, 0, count(*) FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
      WHERE e.deleted_at IS NULL AND t.deleted_at IS NULL GROUP BY e.start_date`),
  );
  await createDispatchCountTriggers(knex);
}

export async function createDispatchCountTriggers(knex: Knex): Promise<void> {
  for (const [name, body] of TRIGGERS) await knex.raw(`CREATE TRIGGER IF NOT EXISTS ${name} ${body}`);
}

export async function down(knex: Knex): Promise<void> {
  for (const [name] of TRIGGERS) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
  await knex.raw(`DROP TABLE IF EXISTS ${COUNTS}`);
}
