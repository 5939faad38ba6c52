/**
 * Applies one pushed batch exactly once. The whole batch is one transaction: the device row is locked
 * (PostgreSQL) or the single SQLite connection serialises it, then the idempotency key is looked up:
 * a known key with the same body hash replays the stored response, with another body it is refused.
 * A new batch must continue the device's sequence (prevSeq = last applied seq), else SEQUENCE_GAP.
 * Every op id is recorded; an op id seen before is reported as a duplicate and not applied again.
 */
import type { Knex } from 'knex';
import { isUniqueViolation } from '../../src-node/sqlite-errors';
import { receiptDigestInput, type OpRejection, type PushReceipt, type PushRequest, type SyncErrorBody } from '../../src-shared/sync-protocol';
import { isPostgres } from '../db';
import { sha256Hex } from '../../src-node/digest';
import type { Device } from '../repositories/device-repository';
import { appendFeed } from '../repositories/feed-repository';
import { OpApplier } from './apply-ops';
import { bulkInsert, selectIn } from './bulk-sql';
import { clampStamp } from './field-merge';
import { rejectionCodeFor } from './client-codes';
import { ephemeralPersonalData, type PersonalDataCipher } from '../secrets/personal-data';

/** Test seams for fault tests: run inside the batch transaction just before it commits. */
export interface PushHooks {
  beforeCommit?(): Promise<void> | void;
  afterCommit?(): Promise<void> | void;
}

export type PushResult =
  | { ok: true; response: string; replayed: boolean; receipt: PushReceipt | null; /** Duplicate notices withheld (daily limit). */ noticesCapped?: number }
  | { ok: false; status: number; error: SyncErrorBody };

export interface PushInput {
  device: Device;
  key: string;
  bodyHash: string;
  body: PushRequest;
}

const RACE_RETRIES = 3;

/** `personalData` seals ID numbers and phones as they are stored: the server key's (default: the process's own, for tests). */
export async function applyPush(db: Knex, input: PushInput, hooks: PushHooks = {}, personalData: PersonalDataCipher = ephemeralPersonalData()): Promise<PushResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((trx) => applyInTransaction(trx, input, hooks, personalData));
    } catch (error) {
      // Two devices of one county writing the same ID number at once: the loser's transaction fails on
      // the unique index; run it again and the pre-checks now see the other row and reject the op.
      if (isUniqueViolation(error) && attempt < RACE_RETRIES) continue;
      throw error;
    }
  }
}

async function applyInTransaction(trx: Knex.Transaction, input: PushInput, hooks: PushHooks, personalData: PersonalDataCipher): Promise<PushResult> {
  const { device, key, bodyHash, body } = input;
  const deviceQuery = trx('devices').where({ id: device.id }).first<{ last_seq: number | null; revoked_at: string | null } | undefined>('last_seq', 'revoked_at');
  if (isPostgres(trx)) deviceQuery.forUpdate();
  const current = await deviceQuery;
  if (!current || current.revoked_at) {
    return { ok: false, status: 401, error: { code: 'UNAUTHORIZED', message: '本机的同步授权已被停用，请联系省级管理员重新发放登记码' } };
  }
  const stored = await trx('push_batches').where({ device_id: device.id, idempotency_key: key }).first<{ body_hash: string; response: string } | undefined>('body_hash', 'response');
  if (stored) {
    if (stored.body_hash === bodyHash) return { ok: true, response: stored.response, replayed: true, receipt: null };
    return {
      ok: false,
      status: 409,
      error: { code: 'IDEMPOTENCY_KEY_REUSED', message: '同一批次编号对应了不同的内容，本批未被接收。请联系技术支持' },
    };
  }
  const lastSeq = current.last_seq === null ? null : Number(current.last_seq);
  if (body.prevSeq !== lastSeq) {
    return {
      ok: false,
      status: 409,
      error: {
        code: 'SEQUENCE_GAP',
        message: '本机与省服务器的同步记录对不上（可能有批次缺失或数据被恢复过），同步已暂停。请联系技术支持，本机数据仍完整保存',
        details: { serverSeq: lastSeq, prevSeq: body.prevSeq },
      },
    };
  }

  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const applier = new OpApplier(trx, device.countyCode, device.id, now, personalData);
  const opIds = body.ops.map((o) => o.opId);
  const seen = new Set<string>();
  for (const row of await selectIn<{ op_id: string }>(trx, 'op_log', 'op_id', opIds, undefined, ['op_id'])) seen.add(String(row.op_id));
  const rejected: OpRejection[] = [];
  const duplicates: string[] = [];
  const logRows: object[] = [];
  await applier.prefetch(body.ops.filter((op) => !seen.has(op.opId)));
  for (const op of body.ops) {
    if (seen.has(op.opId)) {
      duplicates.push(op.opId);
      continue;
    }
    seen.add(op.opId);
    // Stamps from the PC's future are pulled back to server time before any merge (field-merge.ts).
    const { stamp: hlc } = clampStamp(op.hlc, nowMs);
    const outcome = await applier.apply(hlc === op.hlc ? op : { ...op, hlc });
    if (outcome.status === 'rejected') rejected.push({ opId: op.opId, code: rejectionCodeFor(body.schemaVersion, outcome.code), message: outcome.message });
    logRows.push({
      op_id: op.opId,
      seq: op.seq,
      entity: op.entity,
      entity_id: op.entityId,
      op: op.op,
      hlc,
      status: outcome.status,
      code: outcome.status === 'rejected' ? outcome.code : null,
    });
  }
  await applier.finish();
  const partial = { rejected, duplicates };
  const receipt: PushReceipt = {
    batchId: body.batchId,
    firstSeq: body.firstSeq,
    lastSeq: body.lastSeq,
    counts: { applied: body.ops.length - rejected.length - duplicates.length, rejected: rejected.length, duplicate: duplicates.length },
    ...partial,
    storedHash: sha256Hex(receiptDigestInput(bodyHash, opIds, partial)),
    serverTime: now,
  };
  const response = JSON.stringify({ ok: true, data: receipt });
  await bulkInsert(trx, 'op_log', logRows, { device_id: device.id, county_code: device.countyCode, batch_key: key, at: now });
  await trx('push_batches').insert({
    device_id: device.id,
    idempotency_key: key,
    county_code: device.countyCode,
    body_hash: bodyHash,
    first_seq: body.firstSeq,
    last_seq: body.lastSeq,
    op_count: body.ops.length,
    response,
    created_at: now,
  });
  await trx('devices').where({ id: device.id }).update({ last_seq: body.lastSeq, last_seen_at: now });
  await appendFeed(trx, applier.feed, now);
  await hooks.beforeCommit?.();
  return { ok: true, response, replayed: false, receipt, noticesCapped: applier.cappedNotices };
}
