/**
 * Issue #19 item 5 (PC side): the PC's audit rows form one hash chain (src-main/core/audit/audit-chain.ts), linked as
 * they are written, also by concurrent writes and by the import's bulk writer; a row changed, removed or re-hashed
 * in the SQLite file is found by the local verify; a store written before the chain is linked by its migration in
 * the order its rows were written, and the migration goes down again.
 */
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditVerifyCommand } from '../../src-main/cli/audit-verify-command';
import { desktopMigrationSource } from '../../migrations/desktop';
import { verifyLocalAuditChain } from '../../src-main/core/audit/audit-verify';
import { databaseFile, openDatabase } from '../../src-main/core/db/connection';
import { callProcedure } from '../support/call-procedure';
import { dryRunBytes, xlsxBytes, type Cell } from './import-fixtures';
import { migrateDownThrough } from '../support/migrate-down';
import { openAppContextOn, openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const ok = <T>(name: string, input: unknown): Promise<T> => callProcedure<T>(app.context, name, input);

/** `skills-desk audit-verify --data DIR`, in-process, as the CLI runs it. */
async function auditVerifyCli(dir: string): Promise<{ exit: number; out: string }> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    return { exit: await auditVerifyCommand.run(['--data', dir]), out: out.join('') };
  } finally {
    spy.mockRestore();
  }
}

async function chainRows(db: Knex) {
  return (await db('audit_log').orderBy('id').select('id', 'chain_seq', 'prev_hash', 'hash', 'action', 'changes')) as Array<{ id: number; chain_seq: number; prev_hash: string; hash: string; action: string; changes: string | null }>;
}

describe('the PC audit chain', () => {
  it('links each row to the one before it, from the genesis, in the order written', async () => {
    const created = await ok<{ id: string }>('trainees.create', traineeInput());
    await ok('trainees.update', { id: created.id, patch: { phone: '13911112222' } });
    await ok('trainees.reveal', { id: created.id, field: 'idNumber' });
    const rows = await chainRows(app.context.db);
    expect(rows.length).toBeGreaterThanOrEqual(4); // setup, create, update, reveal
    expect(rows.map((r) => r.chain_seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    // The hashed values are the stored ones: the phone of the update is sealed, not in clear.
    expect(rows.find((r) => r.action === 'update')!.changes).not.toContain('13911112222');
    expect(await verifyLocalAuditChain(app.context.db)).toMatchObject({ rows: rows.length, breakAt: null });
  });

  it('never forks under concurrent writes: every row gets its own seq and names its predecessor', async () => {
    const writes = Array.from({ length: 24 }, (_, i) => ok('trainees.create', traineeInput({ idNumber: validIdNumber('19800101', 100 + i), name: `并发${'甲乙丙丁'[i % 4]}` })));
    await Promise.all(writes);
    const rows = await chainRows(app.context.db);
    expect(rows.filter((r) => r.action === 'create').length).toBe(24);
    expect(rows.map((r) => r.chain_seq)).toEqual(rows.map((_, i) => i + 1));
    expect((await verifyLocalAuditChain(app.context.db)).breakAt).toBeNull();
  });

  it('refuses a second row under a seq already taken (the index makes a fork fail, not form)', async () => {
    const [last] = (await chainRows(app.context.db)).slice(-1);
    await expect(app.context.db('audit_log').insert({ at: new Date().toISOString(), entity: 'x', entity_id: 'y', action: 'create', chain_seq: last!.chain_seq, prev_hash: last!.prev_hash, hash: 'f'.repeat(64) })).rejects.toThrow(/UNIQUE/);
  });

  it('finds a row changed, removed or re-hashed in the SQLite file, naming the first bad row', async () => {
    const created = await ok<{ id: string }>('trainees.create', traineeInput());
    await ok('trainees.update', { id: created.id, patch: { name: '王五' } });
    await ok('trainees.update', { id: created.id, patch: { name: '赵六' } });
    await app.close();
    const file = databaseFile(app.dir);
    const db = openDatabase(file);
    const rows = await chainRows(db);
    const victim = rows.find((r) => r.action === 'update')!;
    // Edited with a tool, around the app: the history now says another name.
    await db('audit_log').where({ id: victim.id }).update({ changes: victim.changes!.replace('王五', '孙七') });
    expect((await verifyLocalAuditChain(db)).breakAt).toMatchObject({ seq: victim.chain_seq, id: victim.id, problem: expect.stringContaining('does not match its hash') });
    const cli = await auditVerifyCli(app.dir);
    expect(cli.exit).toBe(1);
    expect(cli.out).toContain(`BROKEN at row ${victim.chain_seq} (local id ${victim.id})`);
    // Re-hashed to hide it: the next row no longer names it.
    const { createHash } = await import('node:crypto');
    await db('audit_log').where({ id: victim.id }).update({ hash: createHash('sha256').update('forged').digest('hex') });
    const report = await verifyLocalAuditChain(db);
    expect(report.breakAt?.seq).toBe(victim.chain_seq);
    await db('audit_log').where({ id: victim.id }).update({ hash: victim.hash, changes: victim.changes });
    expect((await verifyLocalAuditChain(db)).breakAt).toBeNull();
    expect(await auditVerifyCli(app.dir)).toMatchObject({ exit: 0, out: expect.stringMatching(/^chain county:[0-9a-f-]+: ok, \d+ row\(s\)\n$/) });
    // A row removed: the gap is named.
    await db('audit_log').where({ id: victim.id }).delete();
    expect((await verifyLocalAuditChain(db)).breakAt).toMatchObject({ seq: victim.chain_seq, problem: expect.stringContaining('missing') });
    await db.destroy();
    app.context = await openAppContextOn(app.dir);
  });

  it('links the import\'s bulk rows too, and the rows written after it', async () => {
    await ok('trainees.create', traineeInput({ idNumber: validIdNumber('19700101', 300) }));
    const rows: Cell[][] = Array.from({ length: 1200 }, (_, i) => [i + 1, '导入者', validIdNumber(`19${60 + Math.floor(i / 900)}0101`, i % 900), '13800138000', '农民工', '农业', '2020-04-01', null, null]);
    const dry = await dryRunBytes(app.context, await xlsxBytes({ titles: [], header: ['序号', '名字', '公民身份号码', '联系电话', '类别', '户口性质', '登记日期', '平台', '备注'], rows }), 'trainees');
    if (!dry.ok) throw new Error(JSON.stringify(dry.error));
    expect(await app.context.invoke('import.commit', { jobId: (dry.data as { jobId: string }).jobId })).toMatchObject({ ok: true, data: { imported: 1200 } });
    await ok('trainees.create', traineeInput({ idNumber: validIdNumber('19700101', 301) }));
    const chained = await chainRows(app.context.db);
    expect(chained.filter((r) => r.action === 'create').length).toBe(1202);
    expect(chained.map((r) => r.chain_seq)).toEqual(chained.map((_, i) => i + 1));
    expect((await verifyLocalAuditChain(app.context.db)).breakAt).toBeNull();
  });
});

describe('the chain migration', () => {
  it('links the rows of an older store in id order, and goes down again', async () => {
    const created = await ok<{ id: string }>('trainees.create', traineeInput());
    await ok('trainees.update', { id: created.id, patch: { name: '王五' } });
    const db = app.context.db;
    const before = (await chainRows(db)).map((r) => r.id);
    await migrateDownThrough(db, desktopMigrationSource, '20261205200000_audit_chain');
    const columns = Object.keys(await db('audit_log').columnInfo());
    expect(columns).not.toContain('chain_seq');
    expect(columns).not.toContain('hash');
    await db('audit_log').insert({ at: new Date().toISOString(), entity: 'settings', entity_id: 'old', action: 'update', changes: null });
    await db.migrate.latest({ migrationSource: desktopMigrationSource });
    const rows = await chainRows(db);
    expect(rows.map((r) => r.id).slice(0, before.length)).toEqual(before);
    expect(rows.map((r) => r.chain_seq)).toEqual(rows.map((_, i) => i + 1));
    expect(await verifyLocalAuditChain(db)).toMatchObject({ rows: rows.length, breakAt: null });
    // Foreign keys still hold after the columns went and came back.
    expect(await db.raw('PRAGMA foreign_key_check')).toEqual([]);
  });
});

