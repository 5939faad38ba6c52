/**
 * 导入U盘文件 on the staff API (issue #16 item 2, the upload page): a county's carried file uploaded by the
 * province or the county's city is verified exactly as `server-admin import-batches` verifies it, applied as a
 * push, and answered per batch with the signed receipt, which clears the PC's outbox. Another city's file, a
 * forged file, a replay and a body over the limit are refused with nothing written; the limit and the session
 * are checked before the body is read.
 */
import { expect } from 'vitest';
import { exportUnsent } from '../../src-main/core/sync/export-unsent';
import { importReceipt } from '../../src-main/core/sync/import-receipt';
import { CARRIED_MAGIC } from '../../src-node/carried-file';
import { carriedImportSchema, carriedRefusalDetailsSchema, CARRIED_UPLOAD_MAX_BYTES } from '../../src-shared/carried-upload-api';
import { staffUrl } from '../../src-shared/staff-contract';
import { testKeyring } from '../support/carried';
import { describeEachServer } from '../support/fixtures';
import { rawRequest } from '../support/raw-http';
import { count, outboxSize, registerTrainees } from '../support/sync-harness';
import type { TestServer } from '../support/sync-harness';

const CHINESE = /[\u4e00-\u9fa5]/;

async function upload(server: TestServer, token: string | null, bytes: Buffer) {
  const response = await server.app.inject({
    method: 'POST',
    url: staffUrl('carried.import'),
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: bytes,
  });
  return { status: response.statusCode, json: response.json<{ ok: boolean; data?: unknown; error?: { code: string; message: string; details?: unknown } }>() };
}

describeEachServer('staff upload of a carried file', { server: { keys: testKeyring() } }, (test) => {
  test('the province imports a file: batches applied, the receipt clears the outbox, a second upload is a replay', async ({ store, server, pc, staffLogin }) => {
    const token = await staffLogin('prov', 'province');
    await registerTrainees(pc, 6);
    const ops = await outboxSize(pc);
    const file = await exportUnsent(pc.context.db);
    expect(file.bytes.subarray(0, CARRIED_MAGIC.length).equals(CARRIED_MAGIC)).toBe(true);

    const answer = await upload(server, token, file.bytes);
    expect(answer.status).toBe(200);
    const data = carriedImportSchema.parse(answer.json.data);
    expect(data).toMatchObject({ countyCode: '230102', sourceFormat: 2, complete: true, warnings: [] });
    expect(data.batches).toHaveLength(file.batches);
    expect(data.batches.every((b) => b.status === 'applied' && b.reason === null)).toBe(true);
    expect(data.batches.reduce((sum, b) => sum + b.applied, 0)).toBe(ops);
    expect(data.message).toMatch(/导入回执/);
    // The PC's 操作日志 came with the file and is counted for the operator.
    expect(data.message).toMatch(/操作日志 \d+ 条已收到/);
    expect(data.receipt!.fileName).toMatch(/^回执-哈尔滨市道里区-\d{8}-\d{4}\.sdreceipt$/);
    const opLog = await count(store.db, 'op_log');
    // Recorded in the 操作日志 with the file's county and who imported it.
    expect(await store.db('audit_log').where({ action: 'carried.imported', actor: 'prov', county_code: '230102', outcome: 'ok' }).first()).toBeTruthy();
    expect(await store.db('carried_files').where({ county_code: '230102', imported_by: 'staff:prov' }).first()).toBeTruthy();

    // The same file again: refused as a replay, nothing written, and the first receipt offered again.
    const again = await upload(server, token, file.bytes);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已于.*导入过/) });
    expect(carriedRefusalDetailsSchema.parse(again.json.error!.details)).toMatchObject({ refusal: 'REPLAY', receipt: { text: data.receipt!.text } });
    expect(await count(store.db, 'op_log')).toBe(opLog);

    // The receipt taken back to the county clears exactly what the file carried.
    await registerTrainees(pc, 1, { offset: 40 });
    const later = await outboxSize(pc);
    const cleared = await importReceipt(pc.context.db, Buffer.from(data.receipt!.text, 'utf8'));
    expect(cleared).toMatchObject({ confirmed: file.batches, ops });
    expect(await outboxSize(pc)).toBe(later - ops);
  });

  test('a city account imports its own counties’ files and is refused another city’s, with nothing written', async ({ store, server, enrolPc, staffLogin }) => {
    const harbin = await staffLogin('harbin', 'city', '230100');
    const nangang = await enrolPc('230103');
    const qiqihar = await enrolPc('230202');
    await registerTrainees(nangang, 3, { region: '230103' });
    await registerTrainees(qiqihar, 3, { region: '230202' });
    const own = await exportUnsent(nangang.context.db);
    const other = await exportUnsent(qiqihar.context.db);
    const before = { opLog: await count(store.db, 'op_log'), files: await count(store.db, 'carried_files') };

    const refused = await upload(server, harbin, other.bytes);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/其他地市/), details: { refusal: 'OTHER_COUNTY', countyCode: null } });
    expect({ opLog: await count(store.db, 'op_log'), files: await count(store.db, 'carried_files') }).toEqual(before);
    expect(await store.db('audit_log').where({ action: 'carried.imported', actor: 'harbin', outcome: 'FORBIDDEN' }).first()).toBeTruthy();

    const accepted = await upload(server, harbin, own.bytes);
    expect(accepted.status).toBe(200);
    expect(carriedImportSchema.parse(accepted.json.data)).toMatchObject({ countyCode: '230103', countyName: '哈尔滨市南岗区', complete: true });
  });

  test('a forged or foreign file is refused in Chinese with nothing written', async ({ store, server, enrolPc, staffLogin }) => {
    const token = await staffLogin('prov2', 'province');
    const pc = await enrolPc('230104');
    await registerTrainees(pc, 2, { region: '230104' });
    const file = await exportUnsent(pc.context.db);
    const before = { opLog: await count(store.db, 'op_log'), files: await count(store.db, 'carried_files') };
    const forged = Buffer.from(file.bytes);
    forged[forged.length - 200]! ^= 0x04; // inside the ciphertext: the PC's signature no longer matches
    const cases: Array<[string, Buffer, string]> = [
      ['one bit of the ciphertext', forged, 'BAD_SIGNATURE'],
      ['not a carried file', Buffer.from('PK\u0003\u0004 a spreadsheet, not a carried file'), 'NOT_A_CARRIED_FILE'],
      ['cut short', file.bytes.subarray(0, 40), 'MALFORMED'],
    ];
    for (const [name, bytes, refusal] of cases) {
      const answer = await upload(server, token, bytes);
      expect(answer.status, name).toBe(400);
      expect(answer.json.error!.message, name).toMatch(CHINESE);
      expect(answer.json.error!.message, name).toMatch(/未导入任何数据/);
      expect((answer.json.error!.details as { refusal: string }).refusal, name).toBe(refusal);
    }
    expect({ opLog: await count(store.db, 'op_log'), files: await count(store.db, 'carried_files') }).toEqual(before);
    // The genuine file still imports afterwards.
    expect((await upload(server, token, file.bytes)).status).toBe(200);
  });

  test('a body over the limit is refused from its Content-Length, and no body is read without a session', async ({ server, staffLogin }) => {
    const token = await staffLogin('prov3', 'province');
    const port = Number(new URL(server.url).port);
    // Claims more than the limit but sends a few bytes: an answer proves the server did not wait to read it.
    const claim = { 'content-type': 'application/octet-stream', 'content-length': String(CARRIED_UPLOAD_MAX_BYTES + 1) };
    const tooLarge = await rawRequest({ port, method: 'POST', path: staffUrl('carried.import'), headers: { ...claim, authorization: `Bearer ${token}` }, body: 'SDCARRY' });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/超过 64 MB.*未导入任何数据/) } });
    const anonymous = await rawRequest({ port, method: 'POST', path: staffUrl('carried.import'), headers: { ...claim, 'content-length': '1000' }, body: 'SDCARRY' });
    expect(anonymous.status).toBe(401);
    // An empty upload is a validation refusal in Chinese.
    const empty = await upload(server, token, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.json.error!.message).toMatch(CHINESE);
  });
});
