/**
 * Issue #19 item 5, attacked with a token: a device can write only its own audit chain. The server names the chain
 * from the token's device and files each row under the token's county, so another county's PC, or another PC of the
 * same county, that sends a victim's rows (as they are, or rewritten with fresh hashes) under the victim's chain name
 * leaves the victim's chain and its county's 操作日志 as they were: the rows land in the sender's own chain, flagged.
 * SQLite and PostgreSQL.
 */
import type { Knex } from 'knex';
import { expect } from 'vitest';
import { countyRowOf, type ChainedAuditRow } from '../../src-main/core/audit/audit-chain';
import { unsentAuditRows } from '../../src-main/core/audit/audit-push';
import { verifyAllChains } from '../../src-server/audit/audit-verify';
import { auditRowHash } from '../../src-node/digest';
import { countyAuditRecord, type CountyAuditWireRow } from '../../src-shared/county-audit';
import { describeEachServer } from '../support/fixtures';
import { asStaff } from '../support/staff';
import { deviceToken, registerTrainees, sync, type TestServer } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

async function chainOf(pc: TempApp): Promise<string> {
  const row = (await pc.context.db('settings').where({ key: 'deviceId' }).first('value')) as { value: string };
  return `county:${JSON.parse(row.value) as string}`;
}

function postAudit(server: TestServer, token: string, chain: string, rows: CountyAuditWireRow[]) {
  return server.app.inject({ method: 'POST', url: '/api/v1/sync/audit', headers: { authorization: `Bearer ${token}` }, payload: { chain, rows } });
}

async function chainRows(db: Knex, chain: string) {
  return (await db('audit_log').where({ chain }).orderBy('seq').select('seq', 'hash', 'county_code', 'detail')) as Array<{ seq: number | string; hash: string; county_code: string | null; detail: string }>;
}

async function flagsNaming(db: Knex, text: string) {
  const rows = (await db('audit_log').where({ action: 'audit.chain_broken' }).select('target', 'county_code', 'detail')) as Array<{ target: string; county_code: string; detail: string }>;
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as { device: string; problem: string; badRows: number } })).filter((r) => r.detail.problem.includes(text));
}

/** The victim's rows rewritten as a forger would: another operator's name, hashes recomputed to look whole. */
function rewritten(chain: string, rows: CountyAuditWireRow[]): CountyAuditWireRow[] {
  let prevHash = rows[0]!.prevHash;
  return rows.map((row) => {
    const forged = { ...row, operatorName: '冒名者', prevHash };
    const hash = auditRowHash(countyAuditRecord(chain, forged));
    prevHash = hash;
    return { ...forged, hash };
  });
}

describeEachServer('the PC audit chain against another device\'s token', (test) => {
  test('another county\'s token cannot write a victim\'s chain, nor put rows in the victim county\'s 操作日志', async ({ store, server, enrolPc, staffLogin }) => {
    const victim = await enrolPc('230102');
    await registerTrainees(victim, 3, { offset: 900 });
    const victimChain = await chainOf(victim);
    const genuine = await unsentAuditRows(victim.context.db);
    const forger = await deviceToken(store.db, '230103', 'audit-forger');

    // The victim's genuine rows first, before the victim ever synced: they must not take the victim's seqs.
    const copied = await postAudit(server, forger, victimChain, genuine);
    expect(copied.statusCode).toBe(200);
    expect(copied.json().data.flagged).toBeGreaterThanOrEqual(genuine.length);
    expect(await chainRows(store.db, victimChain)).toEqual([]);
    const [named] = await flagsNaming(store.db, `names its chain ${victimChain}`);
    expect(named).toMatchObject({ county_code: '230103' });
    const forgerChain = named!.target;
    expect(forgerChain).not.toBe(victimChain);
    // Filed under the token's county, though every row says 230102: the victim county's 操作日志 shows none of them.
    const planted = await chainRows(store.db, forgerChain);
    expect(planted).toHaveLength(genuine.length);
    expect(planted.every((r) => r.county_code === '230103')).toBe(true);
    // One flag a page, naming its first problem and counting them all: the chain's name, and each row's county.
    const naming230102 = genuine.filter((r) => r.countyCode === '230102').length;
    expect(naming230102).toBeGreaterThan(0);
    expect(named!.detail).toMatchObject({ badRows: 1 + naming230102 });

    // The victim syncs: its chain arrives whole, as its own rows, and verifies.
    expect((await sync(victim)).outcome).toBe('done');
    const held = await chainRows(store.db, victimChain);
    expect(held.map((r) => r.hash)).toEqual((await unsentAuditRowsFromStart(victim)).map((r) => r.hash));
    expect((await verifyAllChains(store.db)).find((r) => r.chain === victimChain)).toMatchObject({ breakAt: null });
    expect((await verifyAllChains(store.db)).find((r) => r.chain === forgerChain)?.breakAt).not.toBeNull();

    // Rewritten rows under seqs the victim's chain holds, with hashes made to fit: still only the forger's chain.
    const again = await postAudit(server, forger, victimChain, rewritten(victimChain, genuine));
    expect(again.statusCode).toBe(200);
    expect(await chainRows(store.db, victimChain)).toEqual(held);
    expect((await verifyAllChains(store.db)).find((r) => r.chain === victimChain)).toMatchObject({ breakAt: null });

    const province = await staffLogin('forgery-prov', 'province');
    const list = await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/audit?county=230102' });
    expect(list.status).toBe(200);
    const listed = (list.json as { data: { rows: Array<{ chain: string; actor: string | null }> } }).data.rows;
    expect(listed.some((r) => r.chain === victimChain)).toBe(true);
    expect(listed.filter((r) => r.chain === forgerChain || r.actor === '冒名者')).toEqual([]);
  });

  test('a second PC of the same county cannot write the first one\'s chain either', async ({ store, server, enrolPc }) => {
    const first = await enrolPc('230102');
    await registerTrainees(first, 2, { offset: 950 });
    expect((await sync(first)).outcome).toBe('done');
    const firstChain = await chainOf(first);
    const before = await chainRows(store.db, firstChain);
    expect(before.length).toBeGreaterThan(0);

    const neighbour = await deviceToken(store.db, '230102', 'same-county-neighbour');
    const forged = rewritten(firstChain, await unsentAuditRowsFromStart(first));
    const answer = await postAudit(server, neighbour, firstChain, forged);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().data.flagged).toBeGreaterThan(0);
    expect(await chainRows(store.db, firstChain)).toEqual(before);
    expect((await verifyAllChains(store.db)).find((r) => r.chain === firstChain)).toMatchObject({ rows: before.length, breakAt: null });
  });

  test('no token, or a made-up one, is refused before anything is read', async ({ store, server, pc }) => {
    await registerTrainees(pc, 1, { offset: 980 });
    const rows = await unsentAuditRowsFromStart(pc);
    const chain = await chainOf(pc);
    const before = Number(((await store.db('audit_log').count({ n: '*' }).first()) as { n: number | string }).n);
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }]) {
      const answer = await server.app.inject({ method: 'POST', url: '/api/v1/sync/audit', headers, payload: { chain, rows } });
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: expect.any(String) } });
    }
    expect(Number(((await store.db('audit_log').count({ n: '*' }).first()) as { n: number | string }).n)).toBe(before);
  });
});

/** Every row of a PC's chain (the first page), whatever it already sent. */
async function unsentAuditRowsFromStart(pc: TempApp): Promise<CountyAuditWireRow[]> {
  const rows = (await pc.context.db('audit_log').whereNotNull('chain_seq').orderBy('chain_seq').limit(500)) as ChainedAuditRow[];
  return rows.map((row) => ({ ...countyRowOf(row), hash: row.hash }));
}
