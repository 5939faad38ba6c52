/**
 * Issue #19 item 2: the server stores no ID number or phone in plain text (every text column of every table
 * read back; on SQLite the file and its WAL too), the cross-county duplicate check still finds the same
 * person by the keyed digest, staff routes show the numbers masked, and 显示完整号码 answers only the province
 * and the trainee's own city, each call recorded in the 操作日志. The migration seals a store of plain rows
 * in place, a wrong key stops the start, and the way back (unseal, migrate down) restores the plain columns.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { expect } from 'vitest';
import { serverMigrationSource } from '../../migrations/server';
import { PersonalDataCipher, PersonalDataKeyError } from '../../src-server/secrets/personal-data';
import { checkPersonalDataKey, migrateAndSeal, sealStoredData, unsealStoredData } from '../../src-server/secrets/seal-stored-data';
import { ServerKeyring } from '../../src-server/secrets/server-keys';
import { listDuplicates } from '../../src-server/staff/duplicates-service';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import { describeEachServer } from '../support/fixtures';
import { liveTraineesWithNumber, openedTrainee } from '../support/sealed-rows';
import { createTestServerDb } from '../support/server-db';
import { asStaff, passwordStep } from '../support/staff';
import { deviceToken, nthIdNumber, sync } from '../support/sync-harness';
import { traineeInput } from '../support/temp-app';
import { migrateDownThrough, migrateDownTo } from '../support/migrate-down';

const SHARED = nthIdNumber(931, '230104');
const DAOLI_ONLY = nthIdNumber(932, '230102');
const NANGANG_ONLY = nthIdNumber(933, '230103');
const PHONES = ['13911112222', '13933334444', '13955556666'];

/** Every text value of every row of every table, as one string per table. */
async function everyTable(db: Knex): Promise<Map<string, string>> {
  const tables = db.client.config.client === 'pg'
    ? await db('pg_tables').where({ schemaname: 'public' }).pluck<string[]>('tablename')
    : await db('sqlite_master').where({ type: 'table' }).pluck<string[]>('name');
  const out = new Map<string, string>();
  for (const table of tables) out.set(table, JSON.stringify(await db(table).select()));
  return out;
}

describeEachServer('ID numbers sealed on the server', (test, kind) => {
  let province: string;
  let harbin: string;
  let qiqihar: string;
  let daoliRow: string;

  test.beforeAll(async ({ pc: daoli, enrolPc, staffLogin }) => {
    const nangang = await enrolPc('230103');
    const created = await daoli.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: SHARED, phone: PHONES[0] })));
    daoliRow = created.id;
    await daoli.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: DAOLI_ONLY, phone: PHONES[1] })));
    await nangang.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: SHARED, phone: PHONES[2] })));
    await nangang.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: NANGANG_ONLY })));
    for (const pc of [daoli, nangang]) expect((await sync(pc)).outcome).toBe('done');
    // Daoli hears of the case at its next pull.
    expect((await sync(daoli)).outcome).toBe('done');
    [province, harbin, qiqihar] = [await staffLogin('prov', 'province'), await staffLogin('harbin', 'city', '230100'), await staffLogin('qiqihar', 'city', '230200')];
  });

  test('stores no ID number or phone in plain text, in any table (nor in the SQLite file and its WAL)', async ({ store, server }) => {
    // A review and a reveal write their rows too: they must hold no number either.
    const cases = (await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/duplicates' })).json.data.cases as Array<{ caseKey: string; revealId: string }>;
    expect((await asStaff(server.app, province, { method: 'POST', url: `/api/v1/staff/duplicates/${cases[0]!.caseKey}/reviewed` })).status).toBe(200);
    expect((await asStaff(server.app, province, { method: 'POST', url: `/api/v1/staff/trainees/${cases[0]!.revealId}/id-number` })).status).toBe(200);
    const tables = await everyTable(store.db);
    expect(tables.has('trainees')).toBe(true);
    for (const [table, text] of tables) {
      for (const secret of [SHARED, DAOLI_ONLY, NANGANG_ONLY, ...PHONES]) expect(text, `${table} holds ${secret}`).not.toContain(secret);
    }
    if (kind === 'sqlite') {
      for (const file of [store.spec, `${store.spec}-wal`].filter((f) => fs.existsSync(f))) {
        const bytes = fs.readFileSync(file);
        for (const secret of [SHARED, DAOLI_ONLY, NANGANG_ONLY, ...PHONES]) expect(bytes.includes(Buffer.from(secret)), `${file} holds ${secret}`).toBe(false);
      }
    }
    // Yet the server reads them back: sealed, not lost.
    expect(await openedTrainee(store.db, daoliRow)).toMatchObject({ id_number: SHARED, phone: PHONES[0] });
  });

  test('still finds the same person registered in two counties, by the digest, and tells both', async ({ store, server, pc: daoli }) => {
    expect(await liveTraineesWithNumber(store.db, SHARED)).toBe(2);
    expect(await liveTraineesWithNumber(store.db, DAOLI_ONLY)).toBe(1);
    const { json, response } = await asStaff(server.app, harbin, { method: 'GET', url: '/api/v1/staff/duplicates' });
    expect(response.body).not.toContain(SHARED);
    const cases = json.data.cases as Array<{ maskedIdNumber: string; registrations: Array<{ countyCode: string }> }>;
    expect(cases).toHaveLength(1);
    expect(cases[0]!.maskedIdNumber).toBe(maskIdNumber(SHARED));
    expect(cases[0]!.registrations.map((r) => r.countyCode).sort()).toEqual(['230102', '230103']);
    const notices = (await daoli.context.db('notices').where({ kind: 'cross_county_duplicate' }).pluck('body')) as string[];
    expect(notices.some((body) => body.includes(maskIdNumber(SHARED)))).toBe(true);
  });

  test('reveals a full number to the province and the trainee’s own city only, and records every request', async ({ store, server }) => {
    const url = `/api/v1/staff/trainees/${daoliRow}/id-number`;
    const before = Number((await store.db('audit_log').where({ action: 'reveal' }).count<Array<{ n: number | string }>>({ n: '*' }))[0]!.n);
    const byProvince = await asStaff(server.app, province, { method: 'POST', url });
    expect(byProvince.json).toEqual({ ok: true, data: { traineeId: daoliRow, countyCode: '230102', idNumber: SHARED } });
    const byHarbin = await asStaff(server.app, harbin, { method: 'POST', url });
    expect(byHarbin.json).toMatchObject({ ok: true, data: { idNumber: SHARED } });
    // Another city's account: refused, and the refusal names no number.
    const byQiqihar = await asStaff(server.app, qiqihar, { method: 'POST', url });
    expect(byQiqihar.status).toBe(403);
    expect(byQiqihar.response.body).not.toContain(SHARED);
    // A county PC's token is no staff session; a login stopped before its second factor has no right yet.
    const county = await deviceToken(store.db, '230102', 'reveal-probe');
    expect((await asStaff(server.app, county, { method: 'POST', url })).status).toBe(401);
    const pending = await passwordStep(server.app, 'prov');
    const half = await asStaff(server.app, pending.token, { method: 'POST', url });
    expect(half.status).toBeGreaterThanOrEqual(401);
    expect(half.response.body).not.toContain(SHARED);
    expect((await asStaff(server.app, province, { method: 'POST', url: '/api/v1/staff/trainees/00000000-0000-4000-8000-000000000000/id-number' })).status).toBe(404);

    const rows = await store.db('audit_log').where({ action: 'reveal' }).orderBy('seq').select<Array<{ actor: string; actor_role: string; target: string; outcome: string; county_code: string | null; at: string }>>('actor', 'actor_role', 'target', 'outcome', 'county_code', 'at');
    expect(rows.slice(before).map((r) => [r.actor, r.target, r.outcome])).toEqual([
      ['prov', daoliRow, 'ok'],
      ['harbin', daoliRow, 'ok'],
      ['qiqihar', daoliRow, 'FORBIDDEN'],
      ['prov', '00000000-0000-4000-8000-000000000000', 'NOT_FOUND'],
    ]);
    expect(rows.at(-4)).toMatchObject({ actor_role: 'province', county_code: '230102' });
    expect(JSON.stringify(rows)).not.toContain(SHARED);
  });

  test('seals a store of plain rows in place, refuses the wrong key, and goes back with unseal and migrate down', async () => {
    const old = await createTestServerDb(kind);
    try {
      const db = old.db;
      await migrateDownThrough(db, serverMigrationSource, '20261204230000_sealed_personal_data');
      const row = (id: string, county: string, idNumber: string, phone: string) => ({
        id, county_code: county, id_number: idNumber, name: '张三', phone, categories: '[]', rural_hukou: 1, registered_at: '2020-04-02',
        birth_date: '1993-01-01', sex: 'M', created_at: '2020-04-02T00:00:00Z', updated_at: '2020-04-02T00:00:00Z', hlc: '1', device_id: 'd',
      });
      const [a, b] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
      await db('trainees').insert([row(a, '230102', SHARED, PHONES[0]!), row(b, '230202', SHARED, PHONES[1]!)]);
      await db('duplicate_reviews').insert({ id_number: SHARED, reviewed_at: '2020-04-03T00:00:00Z', reviewed_by: 'u' });
      await db('sync_conflicts').insert({ id: 'c1', county_code: '230102', entity: 'trainee', entity_id: a, field: 'phone', kept_value: JSON.stringify(PHONES[0]), kept_hlc: '2', lost_value: JSON.stringify(PHONES[2]), lost_hlc: '1', at: '2020-04-03T00:00:00Z' });

      const keyring = new ServerKeyring(randomBytes(32));
      const cipher = new PersonalDataCipher(keyring);
      expect(await migrateAndSeal(db, keyring)).toEqual({ trainees: 2, reviews: 1, conflicts: 1 });
      expect(await sealStoredData(db, cipher)).toEqual({ trainees: 0, reviews: 0, conflicts: 0 });
      for (const [table, text] of await everyTable(db)) for (const secret of [SHARED, ...PHONES]) expect(text, `${table} holds ${secret}`).not.toContain(secret);
      const province = { id: 'u', name: 'prov', role: 'province' as const, cityCode: null, provinceCode: '230000' };
      const listed = await listDuplicates(db, cipher, province, null);
      expect(listed).toMatchObject({ ok: true, data: { cases: [{ maskedIdNumber: maskIdNumber(SHARED), reviewedAt: '2020-04-03T00:00:00Z' }] } });

      // Another key (a restored database beside a new key file): the start stops before anything is written.
      const stranger = new ServerKeyring(randomBytes(32));
      await expect(checkPersonalDataKey(db, new PersonalDataCipher(stranger))).rejects.toBeInstanceOf(PersonalDataKeyError);
      await expect(migrateAndSeal(db, stranger)).rejects.toBeInstanceOf(PersonalDataKeyError);

      // The way back: down refuses while sealed, then unseal and down give the plain columns.
      await migrateDownTo(db, serverMigrationSource, '20261204230000_sealed_personal_data');
      await expect(db.migrate.down({ migrationSource: serverMigrationSource })).rejects.toThrow(/personal-data unseal/);
      expect(await unsealStoredData(db, cipher)).toEqual({ trainees: 2, reviews: 1, conflicts: 1 });
      await db.migrate.down({ migrationSource: serverMigrationSource });
      expect(await db('trainees').orderBy('id').select('id_number', 'phone')).toEqual([{ id_number: SHARED, phone: PHONES[0] }, { id_number: SHARED, phone: PHONES[1] }]);
      expect(await db('duplicate_reviews').pluck('id_number')).toEqual([SHARED]);
      expect(await db('sync_conflicts').first('kept_value', 'lost_value')).toEqual({ kept_value: JSON.stringify(PHONES[0]), lost_value: JSON.stringify(PHONES[2]) });
    } finally {
      await old.dispose();
    }
  });
});
