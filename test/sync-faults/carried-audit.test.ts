/**
 * Issue #19: the PC's 操作日志 travels on the USB stick too. A carried file carries the audit rows the province has
 * not confirmed, encrypted and signed with the data; the province stores them through the path online sync takes
 * (the device's own chain and county only, every hash and link checked) and its receipt moves the PC's cursor.
 * A replayed file, a second file after a lost receipt, and an online resend store nothing twice; a chain rewritten
 * on the PC, another PC's rows under a victim's chain name, and a section that does not match its header are
 * flagged or refused. SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportUnsent } from '../../src-main/core/sync/export-unsent';
import { importReceipt } from '../../src-main/core/sync/import-receipt';
import { appendAuditRows } from '../../src-main/core/audit/audit-chain';
import { auditRowsAfter } from '../../src-main/core/audit/audit-push';
import { getSyncState } from '../../src-main/core/sync/sync-state';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { provinceKeys, signingKey } from '../../src-main/core/sync/device-keys';
import { writeCarriedFile } from '../../src-node/carried-file';
import { verifyAllChains } from '../../src-server/audit/audit-verify';
import { importBatches } from '../../src-server/sync/import-batches';
import { signedReceipt } from '../../src-server/sync/import-result';
import type { ReceiptBody } from '../../src-shared/carried-file';
import type { ProvinceKeyring } from '../../src-server/keys/province-keyring';
import { testKeyring } from '../support/carried';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { count, enrolledPc, registerTrainees, sync, type TestServer, startTestServer } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

async function chainOf(pc: TempApp): Promise<string> {
  return `county:${(await new SettingsRepository(pc.context.db).get<string>('deviceId'))!}`;
}

async function heldHashes(db: Knex, chain: string): Promise<string[]> {
  return ((await db('audit_log').where({ chain }).orderBy('seq').select('hash')) as Array<{ hash: string }>).map((r) => r.hash);
}

async function pcHashes(pc: TempApp): Promise<string[]> {
  return (await auditRowsAfter(pc.context.db, 0, 100_000)).map((r) => r.hash);
}

const flags = (db: Knex) => count(db, 'audit_log', { action: 'audit.chain_broken' });

/** The PC's frozen batches, as export-unsent put them in its last file. */
async function frozenBatches(pc: TempApp): Promise<CarriedInput['batches']> {
  const rows = await pc.context.db('sync_batches').orderBy('first_seq').select<Array<{ batch_id: string; first_seq: number; last_seq: number; op_count: number; body: Buffer }>>();
  return rows.map((b) => ({ batchId: b.batch_id, firstSeq: Number(b.first_seq), lastSeq: Number(b.last_seq), opCount: Number(b.op_count), body: Buffer.from(b.body) }));
}

type CarriedInput = Parameters<typeof writeCarriedFile>[0];

/** A file signed with `pc`'s own keys, built by hand: what a PC whose program was altered could write. */
async function handBuilt(pc: TempApp, audit: CarriedInput['audit'], batches: CarriedInput['batches'] = []): Promise<Buffer> {
  const settings = new SettingsRepository(pc.context.db);
  return writeCarriedFile({
    countyCode: (await settings.get<string>('countyCode'))!,
    serverDeviceId: (await settings.get<string>('serverDeviceId'))!,
    clientDeviceId: (await settings.get<string>('deviceId'))!,
    batches,
    audit,
    provinceKey: (await provinceKeys(pc.context.db)).at(-1)!,
    signing: (await signingKey(pc.context.db))!,
  }).bytes;
}

describeEachServerDb('carried files carry the audit chain', (kind) => {
  let store: TestServerDb;
  let server: TestServer;
  let keys: ProvinceKeyring;

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    keys = testKeyring();
    server = await startTestServer(store.db, { keys });
  });
  afterAll(async () => {
    await server.close();
    await store.dispose();
  });

  it('the rows arrive by USB, a replay and a second file after a lost receipt store nothing twice, the receipt moves the cursor', async () => {
    const pc = await enrolledPc(store.db, server.url, '230102');
    try {
      const chain = await chainOf(pc);
      await registerTrainees(pc, 5);
      const first = await exportUnsent(pc.context.db);
      const carried = await pcHashes(pc);
      expect(first.auditRows).toBe(carried.length);
      expect(first.auditRows).toBeGreaterThanOrEqual(5);
      expect((await pc.context.services.sync.status()).carried.auditUnsent).toBe(carried.length);

      const imported = await importBatches(store.db, first.bytes, { keys });
      expect(imported).toMatchObject({ ok: true, audit: { stored: carried.length, duplicate: 0, flagged: 0, through: carried.length } });
      expect(await heldHashes(store.db, chain)).toEqual(carried);
      expect((await verifyAllChains(store.db)).find((r) => r.chain === chain)).toMatchObject({ breakAt: null });
      const replay = await importBatches(store.db, first.bytes, { keys });
      expect(replay).toMatchObject({ ok: false, code: 'REPLAY' });
      expect(await heldHashes(store.db, chain)).toEqual(carried);

      // The receipt is lost on the way back: the next file carries the same rows again, and the new ones.
      await registerTrainees(pc, 2, { offset: 40 });
      const second = await exportUnsent(pc.context.db);
      const all = await pcHashes(pc);
      expect(second.auditRows).toBe(all.length);
      const again = await importBatches(store.db, second.bytes, { keys });
      expect(again).toMatchObject({ ok: true, audit: { stored: all.length - carried.length, duplicate: carried.length, flagged: 0, through: all.length } });
      expect(await heldHashes(store.db, chain)).toEqual(all);

      // The second receipt confirms every row; the first, brought back late, changes nothing.
      const confirmed = await importReceipt(pc.context.db, Buffer.from(again.receipt!, 'utf8'));
      expect(confirmed).toMatchObject({ auditRows: all.length, auditFlagged: 0 });
      expect(confirmed.message).toContain(`${all.length} 条操作日志`);
      expect(await getSyncState<number>(pc.context.db, 'auditSentSeq')).toBe(all.length);
      expect(await importReceipt(pc.context.db, Buffer.from(imported.receipt!, 'utf8'))).toMatchObject({ auditRows: 0 });
      expect(await getSyncState<number>(pc.context.db, 'auditSentSeq')).toBe(all.length);
      const status = (await pc.context.services.sync.status()).carried;
      expect(status).toMatchObject({ files: [], auditUnsent: 0 });

      // The online sync afterwards sends only rows written since.
      expect((await sync(pc)).outcome).toBe('done');
      expect(await heldHashes(store.db, chain)).toEqual(await pcHashes(pc));
      expect(await flags(store.db)).toBe(0);
    } finally {
      await pc.dispose();
    }
  });

  it('a file may carry audit rows only; online sync resends what a file carried without a receipt, as duplicates', async () => {
    const pc = await enrolledPc(store.db, server.url, '230103');
    try {
      const chain = await chainOf(pc);
      await registerTrainees(pc, 3, { region: '230103' });
      expect((await sync(pc)).outcome).toBe('done');
      await expect(exportUnsent(pc.context.db)).rejects.toThrow(/没有未上报的数据/);
      // Nothing but reading: an audit row with no change to send (a reveal, a full export).
      await pc.context.db.transaction((trx) =>
        appendAuditRows(trx, [{ at: new Date().toISOString(), operator_id: null, operator_name: '张三', entity: 'export', entity_id: 'trainees', action: 'export_full', changes: null }]),
      );
      const file = await exportUnsent(pc.context.db);
      expect(file).toMatchObject({ batches: 0, ops: 0, auditRows: 1 });
      expect((await pc.context.services.sync.status()).carried.files).toEqual([expect.objectContaining({ batches: 0, auditRows: 1 })]);
      const imported = await importBatches(store.db, file.bytes, { keys });
      expect(imported).toMatchObject({ ok: true, batches: [], audit: { stored: 1, duplicate: 0, flagged: 0 } });
      // No receipt comes back: the line returns first, the row goes again and the province keeps it once.
      const before = await heldHashes(store.db, chain);
      expect(before).toEqual(await pcHashes(pc));
      expect((await sync(pc)).outcome).toBe('done');
      expect(await heldHashes(store.db, chain)).toEqual(before);
      expect(await flags(store.db)).toBe(0);
      // Online sync confirmed the row: the file no longer waits for its receipt.
      expect((await pc.context.services.sync.status()).carried).toMatchObject({ files: [], auditUnsent: 0 });
    } finally {
      await pc.dispose();
    }
  });

  it('a chain rewritten on the PC and a victim\'s rows in another PC\'s file are flagged, never filed as the victim\'s', async () => {
    const victim = await enrolledPc(store.db, server.url, '230104');
    const forger = await enrolledPc(store.db, server.url, '230108');
    try {
      // Someone edits the PC's store before the export: the operator of a row is changed, its hash left.
      await registerTrainees(forger, 4, { region: '230108' });
      await forger.context.db('audit_log').where({ chain_seq: 1 }).update({ operator_name: '冒名者' });
      const flagsBefore = await flags(store.db);
      const edited = await importBatches(store.db, (await exportUnsent(forger.context.db)).bytes, { keys });
      expect(edited.ok).toBe(true);
      expect(edited.audit!.flagged).toBeGreaterThan(0);
      expect(await flags(store.db)).toBe(flagsBefore + 1);
      const forgerChain = await chainOf(forger);
      expect((await verifyAllChains(store.db)).find((r) => r.chain === forgerChain)?.breakAt?.seq).toBe(1);

      // The forger's program puts the victim's genuine rows in a file it signs, under the victim's chain name: they
      // land in the forger's own chain, whose seqs they collide with, and are flagged there, not stored.
      await registerTrainees(victim, 2, { region: '230104' });
      const victimChain = await chainOf(victim);
      const victimRows = await auditRowsAfter(victim.context.db, 0, 1000);
      const planted = await handBuilt(forger, {
        chain: victimChain,
        firstSeq: victimRows[0]!.seq,
        lastSeq: victimRows.at(-1)!.seq,
        rows: victimRows.length,
        body: gzipSync(JSON.stringify(victimRows)),
      });
      const result = await importBatches(store.db, planted, { keys });
      expect(result.ok).toBe(true);
      expect(result.audit!.stored).toBe(0);
      expect(result.audit!.flagged).toBeGreaterThan(0);
      expect(await heldHashes(store.db, victimChain)).toEqual([]);
      expect(await count(store.db, 'audit_log', { chain: forgerChain, county_code: '230104' })).toBe(0);
      // The victim's own file then arrives whole and verifies.
      await importBatches(store.db, (await exportUnsent(victim.context.db)).bytes, { keys });
      expect(await heldHashes(store.db, victimChain)).toEqual(await pcHashes(victim));
      expect((await verifyAllChains(store.db)).find((r) => r.chain === victimChain)).toMatchObject({ breakAt: null });
    } finally {
      await victim.dispose();
      await forger.dispose();
    }
  });

  it('refuses a section that does not match its header, or inflates past its limit, with nothing written', async () => {
    const pc = await enrolledPc(store.db, server.url, '230109');
    try {
      await registerTrainees(pc, 2, { region: '230109' });
      const rows = await auditRowsAfter(pc.context.db, 0, 1000);
      const section = { chain: await chainOf(pc), firstSeq: rows[0]!.seq, lastSeq: rows.at(-1)!.seq, rows: rows.length };
      const before = { audit: await count(store.db, 'audit_log'), files: await count(store.db, 'carried_files') };
      const cases: Array<[string, Buffer]> = [
        ['fewer rows than the header says', gzipSync(JSON.stringify(rows.slice(1)))],
        ['rows out of order', gzipSync(JSON.stringify([...rows].reverse()))],
        ['not JSON', gzipSync('not json')],
        ['not gzip', Buffer.from('plain bytes')],
        ['a row of the wrong shape', gzipSync(JSON.stringify(rows.map((r, i) => (i === 0 ? { ...r, extra: '<script>' } : r))))],
        ['a gzip bomb', gzipSync(Buffer.alloc(49 * 1024 * 1024, 0x20))],
      ];
      for (const [name, body] of cases) {
        const result = await importBatches(store.db, await handBuilt(pc, { ...section, body }), { keys });
        expect(result, name).toMatchObject({ ok: false, code: 'MALFORMED' });
        if (!result.ok) expect(result.message, name).toContain('操作日志');
      }
      // A header that claims more rows than its seq range can hold, or a range upside down, is refused before any crypto work.
      const body = gzipSync(JSON.stringify(rows));
      for (const header of [{ ...section, rows: rows.length + 5 }, { ...section, firstSeq: section.lastSeq, lastSeq: section.firstSeq }]) {
        expect(await importBatches(store.db, await handBuilt(pc, { ...header, body }), { keys })).toMatchObject({ ok: false, code: 'MALFORMED' });
      }
      expect({ audit: await count(store.db, 'audit_log'), files: await count(store.db, 'carried_files') }).toEqual(before);

      // Rows the province's store could not hold (a seq past 32 bits, a target wider than its column) are refused
      // with the whole file, before its data batches are applied: nothing is half-imported on either store.
      await exportUnsent(pc.context.db);
      const batches = await frozenBatches(pc);
      expect(batches.length).toBeGreaterThan(0);
      const opLog = await count(store.db, 'op_log');
      const huge = { ...rows.at(-1)!, seq: 2 ** 31 };
      const wide = { ...rows[0]!, entity: 'e'.repeat(40), entityId: 'i'.repeat(190) };
      const unstorable: Array<[string, CarriedInput['audit']]> = [
        ['a seq past 32 bits', { ...section, lastSeq: huge.seq, rows: rows.length, body: gzipSync(JSON.stringify([...rows.slice(0, -1), huge])) }],
        ['a target wider than its column', { ...section, body: gzipSync(JSON.stringify([wide, ...rows.slice(1)])) }],
      ];
      for (const [name, audit] of unstorable) {
        const result = await importBatches(store.db, await handBuilt(pc, audit, batches), { keys });
        expect(result, name).toMatchObject({ ok: false, code: 'MALFORMED' });
        expect(await count(store.db, 'op_log'), name).toBe(opLog);
      }
      expect({ audit: await count(store.db, 'audit_log'), files: await count(store.db, 'carried_files') }).toEqual(before);
    } finally {
      await pc.dispose();
    }
  });

  it('the export from 数据同步 carries its own audit row, and a receipt for a file the PC never wrote moves nothing', async () => {
    const pc = await enrolledPc(store.db, server.url, '230110');
    try {
      const chain = await chainOf(pc);
      await registerTrainees(pc, 2, { region: '230110' });
      const exported = await pc.context.services.sync.exportUnsentFile();
      const bytes = fs.readFileSync(pc.context.services.files.get(exported.fileId).path);
      const imported = await importBatches(store.db, bytes, { keys });
      expect(imported.ok).toBe(true);
      const last = (await store.db('audit_log').where({ chain }).orderBy('seq', 'desc').first('action')) as { action: string };
      expect(last.action).toBe('export_unsent');
      // The receipt of another file (the province's own signature, but no export of this PC) changes nothing.
      const otherFile = JSON.parse(JSON.parse(imported.receipt!).body) as ReceiptBody;
      const foreign = signedReceipt(keys, { ...otherFile, fileId: 'not-a-file-of-this-pc', batches: [] });
      expect(await importReceipt(pc.context.db, Buffer.from(foreign, 'utf8'))).toMatchObject({ auditRows: 0 });
      expect((await getSyncState<number>(pc.context.db, 'auditSentSeq')) ?? 0).toBe(0);
      // The real receipt: nothing of the 操作日志 waits any more, and the export button has nothing to export.
      expect(await importReceipt(pc.context.db, Buffer.from(imported.receipt!, 'utf8'))).toMatchObject({ auditRows: exported.auditRows });
      expect((await pc.context.services.sync.status()).carried).toMatchObject({ auditUnsent: 0, files: [] });
      await expect(exportUnsent(pc.context.db)).rejects.toThrow(/没有未上报的数据/);
    } finally {
      await pc.dispose();
    }
  });

  it('a PC row the province would refuse ends the section with a warning, and the data still goes', async () => {
    const pc = await enrolledPc(store.db, server.url, '230111');
    try {
      await registerTrainees(pc, 3, { region: '230111' });
      // A store edited by hand: a row's changes past the wire limit (the app never writes one).
      await pc.context.db('audit_log').where({ chain_seq: 3 }).update({ changes: 'x'.repeat(200_001) });
      const file = await exportUnsent(pc.context.db);
      expect(file.auditRows).toBe(2);
      expect(file.warnings.join('')).toMatch(/第 3 条操作日志不符合上报格式/);
      const imported = await importBatches(store.db, file.bytes, { keys });
      expect(imported).toMatchObject({ ok: true, audit: { stored: 2, flagged: 0 } });
      expect(imported.outcome.applied).toBeGreaterThan(0);
    } finally {
      await pc.dispose();
    }
  });
});
