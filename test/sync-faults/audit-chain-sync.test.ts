/**
 * Issue #19 item 5: the PC's audit chain travels with sync and the server checks it on receipt. A resent page (a
 * lost answer) stores nothing twice; a row changed on the PC, a gap, or a different row under a seq already held is
 * kept (or, for the last, the first one kept) and flagged as 链条断裂 in the staff audit trail with county and device;
 * the sync itself goes through; `server-admin audit verify` names the chain and its first bad row; the 操作日志
 * lists county rows with the county filter. SQLite and PostgreSQL.
 */
import type { Knex } from 'knex';
import { expect, vi } from 'vitest';
import { AUDIT_SENT_STATE } from '../../src-main/core/audit/audit-push';
import { verifyLocalAuditChain } from '../../src-main/core/audit/audit-verify';
import { countyRowOf, type ChainedAuditRow } from '../../src-main/core/audit/audit-chain';
import { auditRowHash } from '../../src-node/digest';
import { countyAuditRecord } from '../../src-shared/county-audit';
import { getSyncState, setSyncState } from '../../src-main/core/sync/sync-state';
import { verifyAllChains } from '../../src-server/audit/audit-verify';
import { runAuditCommand } from '../../src-server/cli/security-command';
import { describeEachServer } from '../support/fixtures';
import { asStaff } from '../support/staff';
import { registerTrainees, sync } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

async function chainOf(pc: TempApp): Promise<string> {
  const row = (await pc.context.db('settings').where({ key: 'deviceId' }).first('value')) as { value: string };
  return `county:${JSON.parse(row.value) as string}`;
}

async function serverRows(db: Knex, chain: string) {
  return (await db('audit_log').where({ chain }).orderBy('seq')) as Array<{ seq: number | string; hash: string; action: string; actor_kind: string; county_code: string | null; detail: string }>;
}

async function flags(db: Knex, chain: string) {
  const rows = (await db('audit_log').where({ action: 'audit.chain_broken', target: chain }).orderBy('seq')) as Array<{ county_code: string; detail: string; chain: string }>;
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as { device: string; seq: number; problem: string } }));
}

/**
 * `server-admin audit verify` after it opened the store: the test server's key is in memory only, so the command's
 * own opening (which checks the key against the sealed trainees) is test/security/audit-chain.test.ts's part.
 */
async function verifyCli(db: Knex): Promise<{ exit: number; out: string }> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    await runAuditCommand(db, 'verify');
    return { exit: 0, out: out.join('') };
  } catch (error) {
    return { exit: (error as { exitCode?: number }).exitCode ?? -1, out: `${out.join('')}${(error as Error).message}` };
  } finally {
    spy.mockRestore();
  }
}

const pcRowCount = async (pc: TempApp) => Number(((await pc.context.db('audit_log').count({ n: '*' }).first()) as { n: number }).n);

describeEachServer('the PC audit chain by sync', (test) => {
  test('arrives whole with sync and verifies; a resent page stores nothing twice', async ({ store, enrolPc }) => {
    const pc = await enrolPc('230102');
    await registerTrainees(pc, 4);
    const chain = await chainOf(pc);
    expect((await sync(pc)).outcome).toBe('done');
    const rows = await serverRows(store.db, chain);
    expect(rows.length).toBe(await pcRowCount(pc));
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.action === 'create').every((r) => r.actor_kind === 'county' && r.county_code === '230102')).toBe(true);
    // The answer lost: the PC sends every row again, the server keeps each once and flags nothing.
    await setSyncState(pc.context.db, AUDIT_SENT_STATE, 0);
    await registerTrainees(pc, 1, { offset: 50 });
    expect((await sync(pc)).outcome).toBe('done');
    expect((await serverRows(store.db, chain)).length).toBe(await pcRowCount(pc));
    expect(await flags(store.db, chain)).toEqual([]);
    const report = (await verifyAllChains(store.db)).find((r) => r.chain === chain);
    expect(report).toMatchObject({ rows: await pcRowCount(pc), breakAt: null });
  });

  test('keeps and flags a row changed in the PC file, never verifies the chain, and lets the sync through', async ({ store, enrolPc }) => {
    const pc = await enrolPc('230102');
    const [id] = await registerTrainees(pc, 2);
    await pc.context.invoke('trainees.update', { id, patch: { name: '王五' } });
    const chain = await chainOf(pc);
    const victim = (await pc.context.db('audit_log').where({ action: 'update' }).first('chain_seq', 'changes')) as { chain_seq: number; changes: string };
    await pc.context.db('audit_log').where({ chain_seq: victim.chain_seq }).update({ changes: victim.changes.replace('王五', '孙七') });
    expect((await verifyLocalAuditChain(pc.context.db)).breakAt?.seq).toBe(victim.chain_seq);

    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    expect((await serverRows(store.db, chain)).length).toBe(await pcRowCount(pc));
    const [flag, ...more] = await flags(store.db, chain);
    expect(more).toEqual([]);
    expect(flag).toMatchObject({ chain: 'staff', county_code: '230102', detail: { seq: victim.chain_seq, problem: expect.stringContaining('does not match its hash') } });
    expect(flag!.detail.device).toMatch(/./);
    expect((await verifyAllChains(store.db)).find((r) => r.chain === chain)!.breakAt).toMatchObject({ seq: victim.chain_seq });
    const cli = await verifyCli(store.db);
    expect(cli.exit, cli.out).toBe(1);
    expect(cli.out).toContain(chain);
    expect(cli.out).toContain(String(victim.chain_seq));

    // Rewritten once more on the PC, hash and all, and sent again: the server keeps the row it got first and flags
    // the other one.
    const stored = (await pc.context.db('audit_log').where({ chain_seq: victim.chain_seq }).first()) as ChainedAuditRow;
    const rewritten = { ...stored, changes: victim.changes.replace('王五', '周八') };
    await pc.context.db('audit_log').where({ chain_seq: victim.chain_seq }).update({ changes: rewritten.changes, hash: auditRowHash(countyAuditRecord(chain, countyRowOf(rewritten))) });
    await setSyncState(pc.context.db, AUDIT_SENT_STATE, 0);
    expect((await sync(pc)).outcome).toBe('done');
    const again = await flags(store.db, chain);
    expect(again).toHaveLength(2);
    expect(again[1]!.detail).toMatchObject({ seq: victim.chain_seq, problem: expect.stringContaining('already held') });
    expect((await verifyAllChains(store.db)).find((r) => r.chain === chain)!.breakAt).not.toBeNull();
  });

  test('flags a gap, and the chain holds once the missing rows arrive', async ({ store, enrolPc }) => {
    const pc = await enrolPc('230102');
    await registerTrainees(pc, 3);
    const chain = await chainOf(pc);
    // As if rows 1 and 2 had been sent to a server that lost them.
    await setSyncState(pc.context.db, AUDIT_SENT_STATE, 2);
    expect((await sync(pc)).outcome).toBe('done');
    expect((await flags(store.db, chain))[0]!.detail).toMatchObject({ seq: 3, problem: expect.stringContaining('row 2 is missing') });
    expect((await verifyAllChains(store.db)).find((r) => r.chain === chain)!.breakAt).toMatchObject({ seq: 1 });
    await setSyncState(pc.context.db, AUDIT_SENT_STATE, 0);
    expect((await sync(pc)).outcome).toBe('done');
    expect((await verifyAllChains(store.db)).find((r) => r.chain === chain)).toMatchObject({ rows: await pcRowCount(pc), breakAt: null });
  });

  test('a page the server refuses does not stop the sync: the data goes, the rows wait, the clerk is told', async ({ store, enrolPc }) => {
    const pc = await enrolPc('230102');
    await registerTrainees(pc, 2, { offset: 400 });
    const chain = await chainOf(pc);
    // Longer than the server's column: refused whole by the route's schema (400), as an older server's 404 would be.
    await pc.context.db('audit_log').where({ chain_seq: 1 }).update({ operator_name: '长'.repeat(100) });
    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    expect(report.pushed.applied).toBeGreaterThan(0);
    expect(report.warnings.join()).toMatch(/本机操作记录暂未上报到省服务器/);
    expect(await serverRows(store.db, chain)).toEqual([]);
    expect(await getSyncState(pc.context.db, AUDIT_SENT_STATE)).toBe(0);
  });

  test('shows county rows and the break on the 操作日志, filtered by county', async ({ server, enrolPc, staffLogin }) => {
    const pc = await enrolPc('230103');
    await registerTrainees(pc, 1, { region: '230103', offset: 700 });
    await pc.context.db('audit_log').where({ chain_seq: 1 }).update({ action: 'tampered' });
    expect((await sync(pc)).outcome).toBe('done');
    const chain = await chainOf(pc);
    const province = await staffLogin('audit-prov', 'province');
    const list = await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/audit?county=230103' });
    expect(list.status).toBe(200);
    const rows = (list.json as { data: { rows: Array<{ actorKind: string; action: string; chain: string; target: string | null; countyCode: string | null }> } }).data.rows;
    expect(rows.some((r) => r.actorKind === 'county' && r.action === 'create' && r.chain === chain)).toBe(true);
    expect(rows.find((r) => r.action === 'audit.chain_broken')).toMatchObject({ target: chain, countyCode: '230103', chain: 'staff' });
    const county = await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/audit?source=county&county=230103' });
    expect((county.json as { data: { rows: Array<{ actorKind: string }> } }).data.rows.every((r) => r.actorKind === 'county')).toBe(true);
  });
});
