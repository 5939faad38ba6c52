/**
 * Carried files, format 2 (issue #16): a signed, encrypted file round-trips PC → province → receipt → PC and
 * clears exactly the applied batches; every tamper case, another county's file, a revoked PC, a replay and an
 * unknown key id are refused with nothing written; any single byte flip is refused.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportUnsent } from '../../src-main/core/sync/export-unsent';
import { importReceipt } from '../../src-main/core/sync/import-receipt';
import { CARRIED_MAGIC, writeCarriedFile } from '../../src-node/carried-file';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { provinceKeys, signingKey } from '../../src-main/core/sync/device-keys';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { importBatches } from '../../src-server/sync/import-batches';
import type { ProvinceKeyring } from '../../src-server/keys/province-keyring';
import { testKeyring } from '../support/carried';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { count, enrolledPc, outboxSize, registerTrainees, startTestServer, sync, type TestServer } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

function flip(bytes: Buffer, index: number, bit = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[index]! ^= 1 << bit;
  return copy;
}

describeEachServerDb('carried file format 2', (kind) => {
  let store: TestServerDb;
  let server: TestServer;
  let keys: ProvinceKeyring;
  let pc: TempApp;

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    keys = testKeyring();
    server = await startTestServer(store.db, { keys });
    pc = await enrolledPc(store.db, server.url, '230102');
  });
  afterAll(async () => {
    await pc.dispose();
    await server.close();
    await store.dispose();
  });

  const written = async () => ({ opLog: await count(store.db, 'op_log'), files: await count(store.db, 'carried_files') });

  it('round-trips: export, tamper cases refused with nothing written, import, replay refused, receipt clears the outbox', async () => {
    await registerTrainees(pc, 8);
    const ops = await outboxSize(pc);
    const file = await exportUnsent(pc.context.db);
    expect(file.format).toBe(2);
    expect(file.bytes.subarray(0, CARRIED_MAGIC.length).equals(CARRIED_MAGIC)).toBe(true);
    // No personal data in the clear: the ID numbers and names are encrypted.
    expect(file.bytes.toString('latin1')).not.toMatch(/230102\d{12}/);
    const headerLength = file.bytes.readUInt32BE(CARRIED_MAGIC.length);
    const headerStart = CARRIED_MAGIC.length + 4;
    const cipherStart = headerStart + headerLength;
    const before = await written();

    const cases: Array<[string, Buffer, RegExp]> = [
      ['header bit', flip(file.bytes, headerStart + 20, 1), /./],
      ['ciphertext bit', flip(file.bytes, cipherStart + 3), /签名/],
      ['tag bit', flip(file.bytes, file.bytes.length - 64 - 2), /签名/],
      ['signature bit', flip(file.bytes, file.bytes.length - 1), /签名/],
      ['cut short', file.bytes.subarray(0, file.bytes.length - 10), /./],
    ];
    for (const [name, bytes, message] of cases) {
      const result = await importBatches(store.db, bytes, { keys });
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.message, name).toMatch(message);
      expect(await written(), name).toEqual(before);
    }

    // A file the PC itself signed but naming another county than the one it is enrolled for.
    const frozen = await pc.context.db('sync_batches').orderBy('first_seq').select<Array<{ batch_id: string; first_seq: number; last_seq: number; op_count: number; body: Buffer }>>();
    const settings = new SettingsRepository(pc.context.db);
    const otherCounty = writeCarriedFile({
      countyCode: '230103',
      serverDeviceId: (await settings.get<string>('serverDeviceId'))!,
      clientDeviceId: '',
      batches: frozen.map((b) => ({ batchId: b.batch_id, firstSeq: b.first_seq, lastSeq: b.last_seq, opCount: b.op_count, body: Buffer.from(b.body) })),
      provinceKey: (await provinceKeys(pc.context.db)).at(-1)!,
      signing: (await signingKey(pc.context.db))!,
    });
    expect(await importBatches(store.db, otherCounty.bytes, { keys })).toMatchObject({ ok: false, code: 'OTHER_COUNTY' });
    // A key id the province does not have (another province's server).
    const otherProvince = await importBatches(store.db, file.bytes, { keys: testKeyring() });
    expect(otherProvince).toMatchObject({ ok: false, code: 'UNKNOWN_KEY' });
    // A city importing another city's county.
    const otherCity = await importBatches(store.db, file.bytes, { keys, allowCounty: (county) => county !== '230102' });
    expect(otherCity).toMatchObject({ ok: false, code: 'OTHER_COUNTY' });
    expect(await written()).toEqual(before);

    const imported = await importBatches(store.db, file.bytes, { keys });
    expect(imported).toMatchObject({ ok: true, sourceFormat: 2, outcome: { applied: ops } });
    expect(await count(store.db, 'op_log')).toBe(before.opLog + ops);
    const replay = await importBatches(store.db, file.bytes, { keys });
    expect(replay).toMatchObject({ ok: false, code: 'REPLAY' });
    expect(await count(store.db, 'op_log')).toBe(before.opLog + ops);

    // The receipt: a flipped byte is refused and changes nothing; the real one clears exactly these batches.
    const receipt = Buffer.from(imported.receipt!, 'utf8');
    // The signed body is a JSON string inside the envelope: its quotes are escaped there.
    const forgedText = imported.receipt!.replace('\\"applied\\"', '\\"already\\"');
    expect(forgedText).not.toBe(imported.receipt);
    const forged = Buffer.from(forgedText, 'utf8');
    await expect(importReceipt(pc.context.db, forged)).rejects.toThrow(/签名|回执/);
    expect(await outboxSize(pc)).toBe(ops);
    await registerTrainees(pc, 2, { offset: 50 });
    const later = await outboxSize(pc);
    // 数据同步 says where each change is: the carried ones in a file awaiting a receipt, the new ones only here.
    expect((await pc.context.services.sync.status()).carried).toMatchObject({ inFiles: ops, onlyHere: later - ops, canEncrypt: true });
    const cleared = await importReceipt(pc.context.db, receipt);
    expect(cleared).toMatchObject({ confirmed: file.batches, ops });
    // Only the carried changes left the outbox; the two made after the export wait for the next sync.
    expect(await outboxSize(pc)).toBe(later - ops);
    const again = await importReceipt(pc.context.db, receipt);
    expect(again).toMatchObject({ confirmed: 0, alreadyConfirmed: file.batches });
    const status = await pc.context.services.sync.status();
    expect(status.carried).toMatchObject({ inFiles: 0, onlyHere: later - ops, files: [] });
    expect(status.carried.confirmed).toBeGreaterThanOrEqual(ops);
    // The online sync afterwards sends only what is new.
    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    expect(await count(store.db, 'op_log')).toBe(before.opLog + ops + (later - ops));
  });

  it('refuses any single byte flip of a file (property) and a revoked PC, with nothing written', async () => {
    await registerTrainees(pc, 3, { offset: 300 });
    const file = await exportUnsent(pc.context.db);
    const before = await written();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: file.bytes.length - 1 }), fc.integer({ min: 0, max: 7 }), async (index, bit) => {
        const result = await importBatches(store.db, flip(file.bytes, index, bit), { keys });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
    expect(await written()).toEqual(before);
    const device = (await new DeviceRepository(store.db).list('230102'))[0]!;
    await new DeviceRepository(store.db).revoke(device.id);
    const revoked = await importBatches(store.db, file.bytes, { keys });
    expect(revoked).toMatchObject({ ok: false, code: 'REVOKED' });
    expect(await written()).toEqual(before);
  });
  it('delivers every op once when the file is imported and the PC pushes online, in either order or at once', async () => {
    const fresh = await enrolledPc(store.db, server.url, '230103');
    try {
      for (const order of ['online first', 'file first', 'at once'] as const) {
        await registerTrainees(fresh, 4, { region: '230103', offset: order.length * 10 });
        const ops = await outboxSize(fresh);
        const file = await exportUnsent(fresh.context.db);
        const before = await count(store.db, 'op_log');
        if (order === 'online first') {
          expect((await sync(fresh)).outcome).toBe('done');
          const late = await importBatches(store.db, file.bytes, { keys });
          expect(late).toMatchObject({ ok: true, outcome: { applied: 0 } });
          expect(late.batches.every((b) => b.status === 'already')).toBe(true);
          // Its receipt, arriving after the line came back, changes nothing on the PC.
          expect(await importReceipt(fresh.context.db, Buffer.from(late.receipt!, 'utf8'))).toMatchObject({ confirmed: 0, alreadyConfirmed: file.batches });
        } else if (order === 'file first') {
          expect(await importBatches(store.db, file.bytes, { keys })).toMatchObject({ ok: true, outcome: { applied: ops } });
          const report = await sync(fresh);
          expect(report.outcome, report.message).toBe('done');
          expect(report.pushed).toMatchObject({ replayed: file.batches });
        } else {
          const [online, carried] = await Promise.all([sync(fresh), importBatches(store.db, file.bytes, { keys })]);
          expect(online.outcome, online.message).toBe('done');
          expect(carried.ok).toBe(true);
        }
        expect(await count(store.db, 'op_log'), order).toBe(before + ops);
        expect(await outboxSize(fresh), order).toBe(0);
      }
    } finally {
      await fresh.dispose();
    }
  });
});
