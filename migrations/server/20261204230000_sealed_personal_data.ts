/**
 * Issue #19 item 2: the server stores trainees' ID numbers and phones sealed (src-server/secrets/personal-data.ts).
 * The columns are renamed for what they now hold and widened for sealed text; the digest column takes over the
 * unique index and the lookup index from the number. duplicate_reviews is keyed by the digest.
 *
 * A migration has no key, so it cannot seal: rows already stored keep their plain values in the renamed
 * columns with a NULL digest until the sealing step (src-server/secrets/seal-stored-data.ts), which the server
 * and server-admin run right after migrating, with the key. A NULL digest is "not sealed yet".
 *
 * down() needs plain values back first: it refuses while anything is sealed, naming the command that opens
 * them (`server-admin personal-data unseal`, which needs the key).
 */
import type { Knex } from 'knex';

const LIVE = 'WHERE deleted_at IS NULL';

function isPostgres(knex: Knex): boolean {
  return knex.client.config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX trainees_county_id_number_live');
  await knex.raw('DROP INDEX trainees_live_id_number_county');
  await knex.raw('ALTER TABLE trainees RENAME COLUMN id_number TO id_number_sealed');
  await knex.raw('ALTER TABLE trainees RENAME COLUMN phone TO phone_sealed');
  // SQLite does not enforce a varchar width; PostgreSQL would refuse sealed text in varchar(18).
  if (isPostgres(knex)) {
    await knex.raw('ALTER TABLE trainees ALTER COLUMN id_number_sealed TYPE text, ALTER COLUMN phone_sealed TYPE text');
  }
  await knex.schema.alterTable('trainees', (t) => {
    t.string('id_number_digest', 64);
  });
  await knex.raw(`CREATE UNIQUE INDEX trainees_county_id_digest_live ON trainees (county_code, id_number_digest) ${LIVE}`);
  await knex.raw(`CREATE INDEX trainees_live_id_digest_county ON trainees (id_number_digest, county_code) ${LIVE}`);

  await knex.raw('ALTER TABLE duplicate_reviews RENAME COLUMN id_number TO id_number_digest');
  if (isPostgres(knex)) await knex.raw('ALTER TABLE duplicate_reviews ALTER COLUMN id_number_digest TYPE varchar(64)');
}

export async function down(knex: Knex): Promise<void> {
  const sealed = await knex('trainees').whereNotNull('id_number_digest').count<Array<{ n: number | string }>>({ n: '*' });
  const digests = await knex('duplicate_reviews').whereRaw('length(id_number_digest) = 64').count<Array<{ n: number | string }>>({ n: '*' });
  if (Number(sealed[0]!.n) > 0 || Number(digests[0]!.n) > 0) {
    throw new Error('Trainee ID numbers are sealed: run "skills-desk server-admin personal-data unseal" (with the server key) before migrating down');
  }
  await knex.raw('DROP INDEX trainees_live_id_digest_county');
  await knex.raw('DROP INDEX trainees_county_id_digest_live');
  await knex.schema.alterTable('trainees', (t) => {
    t.dropColumn('id_number_digest');
  });
  if (isPostgres(knex)) {
    await knex.raw('ALTER TABLE trainees ALTER COLUMN id_number_sealed TYPE varchar(18), ALTER COLUMN phone_sealed TYPE varchar(255)');
    await knex.raw('ALTER TABLE duplicate_reviews ALTER COLUMN id_number_digest TYPE varchar(18)');
  }
  await knex.raw('ALTER TABLE duplicate_reviews RENAME COLUMN id_number_digest TO id_number');
  await knex.raw('ALTER TABLE trainees RENAME COLUMN phone_sealed TO phone');
  await knex.raw('ALTER TABLE trainees RENAME COLUMN id_number_sealed TO id_number');
  await knex.raw(`CREATE UNIQUE INDEX trainees_county_id_number_live ON trainees (county_code, id_number) ${LIVE}`);
  await knex.raw(`CREATE INDEX trainees_live_id_number_county ON trainees (id_number, county_code) ${LIVE}`);
}
