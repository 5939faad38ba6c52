/** Hand-made push bodies, for tests that speak the protocol without a PC store. */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { SYNC_SCHEMA_VERSION, type PushRequest, type SyncOp } from '../../src-shared/sync-protocol';
import { encodePushRequest, type PushWireBody } from '../../src-shared/sync-wire';
import { nthIdNumber } from './sync-harness';

export function traineePutOp(seq: number, n: number, overrides: Partial<SyncOp> & { payload?: Record<string, unknown> } = {}): SyncOp {
  const id = overrides.entityId ?? randomUUID();
  return {
    opId: randomUUID(),
    seq,
    entity: 'trainee',
    entityId: id,
    op: 'put',
    hlc: `${String(1_700_000_000_000 + seq).padStart(15, '0')}:00000:test`,
    operatorId: null,
    createdAt: '2020-04-02T08:00:00.000Z',
    ...overrides,
    payload: {
      id,
      countyCode: '230102',
      idNumber: nthIdNumber(n),
      name: '测试人',
      phone: '13800138000',
      categories: ['unemployed'],
      ruralHukou: false,
      registeredAt: '2020-04-02',
      platformId: null,
      note: null,
      ...overrides.payload,
    },
  };
}

/** A batch of ops as the protocol's logical request (what `readPushBody` returns). */
export function pushRequest(ops: SyncOp[], options: { prevSeq?: number | null; batchId?: string } = {}): PushRequest {
  return {
    schemaVersion: 1,
    batchId: options.batchId ?? randomUUID(),
    deviceId: 'test-device',
    prevSeq: options.prevSeq ?? null,
    firstSeq: ops[0]!.seq,
    lastSeq: ops[ops.length - 1]!.seq,
    createdAt: '2020-04-02T08:00:00.000Z',
    ops,
  };
}

/** A push body as a PC sends it: the current wire format (columns), or another `schemaVersion` on purpose. */
export function pushBody(ops: SyncOp[], options: { prevSeq?: number | null; batchId?: string; schemaVersion?: number } = {}): PushWireBody {
  const body = encodePushRequest(pushRequest(ops, options));
  return { ...body, schemaVersion: options.schemaVersion ?? SYNC_SCHEMA_VERSION };
}

export function pushHeaders(token: string, batchId: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': 'gzip', 'idempotency-key': batchId };
}

export function gz(body: unknown): Buffer {
  return gzipSync(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
}
