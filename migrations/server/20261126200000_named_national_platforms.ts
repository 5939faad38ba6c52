/**
 * The five national platforms the seed notice names, with the same stable ids every PC seeds
 * (src-shared/reference-data.ts). Without them the server could not tell that a county's adoption
 * of one is an adoption of a national platform, and the roll-up computed 0 for the 部推荐 column
 * against every county's submitted figure. The province can edit or retire them like any entry.
 */
import type { Knex } from 'knex';
import { platformIdFor } from '../../src-node/reference-ids';
import { NAMED_NATIONAL_PLATFORMS } from '../../src-shared/reference-data';

const ids = NAMED_NATIONAL_PLATFORMS.map((p) => platformIdFor('national', p.name));

export async function up(knex: Knex): Promise<void> {
  const now = new Date().toISOString();
  const rows = NAMED_NATIONAL_PLATFORMS.map((p, i) => ({
    id: ids[i],
    name: p.name,
    url: p.url,
    level: 'national',
    source: 'national',
    county_code: null,
    city_code: null,
    is_demo: 0,
    created_at: now,
    updated_at: now,
  }));
  await knex('platforms').insert(rows).onConflict('id').ignore();
}

export async function down(knex: Knex): Promise<void> {
  await knex('platforms').whereIn('id', ids).where({ source: 'national' }).delete();
}
