/**
 * Reference data every installation starts with, upserted at each start so a new release can add to
 * it: administrative units, person categories, the occupation catalogue of the seed notice, and the
 * five national platforms that the notice 发改办就业〔2020〕100号 names. The province's directory
 * replaces and extends these by sync. The lists are in src-shared/reference-data.ts (the server names
 * them too), their ids in src-node/reference-ids.ts.
 */
import type { Knex } from 'knex';
import { PERSON_CATEGORIES } from '../../src-shared/domain/categories';
import { ALL_UNITS } from '../../src-shared/domain/units';
import { nowIso } from './clock';
import { occupationIdFor, platformIdFor } from '../../src-node/reference-ids';
import { NAMED_NATIONAL_PLATFORMS, SEED_GENERAL_CONTENT, SEED_OCCUPATIONS } from '../../src-shared/reference-data';

export async function seedReferenceData(db: Knex): Promise<void> {
  await db.transaction(async (trx) => {
    // Every mainland unit (3,227 rows): a PC may be set up for any province before it ever reaches its server.
    const units = ALL_UNITS.map((u) => ({ code: u.code, name: u.name, level: u.level, parent_code: u.parentCode }));
    for (let start = 0; start < units.length; start += 500) {
      await trx('units').insert(units.slice(start, start + 500)).onConflict('code').merge();
    }
    for (const [sort, category] of PERSON_CATEGORIES.entries()) {
      await trx('person_categories').insert({ code: category.code, name: category.name, sort }).onConflict('code').merge();
    }
    const occupations = [
      ...SEED_OCCUPATIONS.map((name) => ({ name, kind: 'occupation' })),
      ...SEED_GENERAL_CONTENT.map((name) => ({ name, kind: 'general' })),
    ].map((o, sort) => ({ id: occupationIdFor(o.name), name: o.name, kind: o.kind, sort, source: 'seed' }));
    await trx('occupations').insert(occupations).onConflict('name').ignore();
    const now = nowIso();
    const platforms = NAMED_NATIONAL_PLATFORMS.map((p) => ({
      id: platformIdFor('national', p.name),
      name: p.name,
      url: p.url,
      level: 'national',
      source: 'national',
      is_demo: 0,
      created_at: now,
      updated_at: now,
    }));
    await trx('platforms').insert(platforms).onConflict('id').ignore();
  });
}
