/**
 * Forms the next batch from the outbox, or returns the one already formed. A batch is frozen when it is
 * formed: its id, its ops (a seq range) and its gzipped bytes are stored in sync_batches in the same
 * transaction that marks the ops, and every retry sends exactly those bytes under that id. Online sync
 * keeps one batch open at a time; export-unsent may freeze several, chained by prevSeq. Either way
 * batches reach the server in seq order and `prevSeq` is always exact.
 */
import { sha256Hex } from '../../../src-node/digest';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { SYNC_SCHEMA_VERSION, type PushRequest, type SyncOp } from '../../../src-shared/sync-protocol';
import { encodePushRequest, pushBodyOpIds, readPushBody } from '../../../src-shared/sync-wire';
import { uuidV7 } from '../uuid-v7';
import { getSyncState } from './sync-state';
import { personalDataOf } from '../secrets/personal-data';
import { openOutboxPayload } from '../secrets/outbox-payload';

export interface FrozenBatch {
  batchId: string;
  firstSeq: number;
  lastSeq: number;
  opCount: number;
  /** The gzipped request body: sent as is on every attempt (sealed in the store, clear here). */
  body: Buffer;
  attempts: number;
}

interface OutboxRow {
  seq: number;
  op_id: string;
  entity: string;
  entity_id: string;
  op: SyncOp['op'];
  payload: string;
  hlc: string;
  operator_id: string | null;
  created_at: string;
}

export interface BatchRow {
  batch_id: string;
  first_seq: number;
  last_seq: number;
  op_count: number;
  body: Buffer;
  attempts: number;
}

/** A stored batch as sent: its body opened (the ops in it carry ID numbers and phones, so the store keeps it sealed). */
export function toFrozen(db: Knex | Knex.Transaction, row: BatchRow): FrozenBatch {
  const body = personalDataOf(db).openBytes(Buffer.from(row.body));
  return { batchId: row.batch_id, firstSeq: row.first_seq, lastSeq: row.last_seq, opCount: row.op_count, body, attempts: row.attempts };
}

export async function openBatch(db: Knex): Promise<FrozenBatch | null> {
  const row = await db('sync_batches').orderBy('first_seq').first<BatchRow | undefined>();
  return row ? toFrozen(db, row) : null;
}

/** The open batch if there is one, else a new one of at most `maxOps` ops; null when nothing waits. */
export async function nextBatch(db: Knex, deviceId: string, maxOps: number): Promise<FrozenBatch | null> {
  return db.transaction(async (trx) => {
    const open = await trx('sync_batches').orderBy('first_seq').first<BatchRow | undefined>();
    if (open) return toFrozen(trx, open);
    return formBatch(trx, deviceId, maxOps, await getSyncState<number>(trx, 'ackedSeq'));
  });
}

/**
 * Freezes every unsent op into batches (for a file carried to the province, export-unsent): each new
 * batch continues the last frozen one, so the server's gap check holds whether the batches arrive by
 * file or online, and online sync later sends exactly these ids and bytes. Returns all open batches.
 */
export async function freezeAll(db: Knex, deviceId: string, maxOps: number): Promise<FrozenBatch[]> {
  return db.transaction(async (trx) => {
    for (;;) {
      const last = await trx('sync_batches').orderBy('last_seq', 'desc').first<BatchRow | undefined>();
      const prevSeq = last ? last.last_seq : await getSyncState<number>(trx, 'ackedSeq');
      if (!(await formBatch(trx, deviceId, maxOps, prevSeq))) break;
    }
    return (await trx('sync_batches').orderBy('first_seq').select<BatchRow[]>()).map((row) => toFrozen(trx, row));
  });
}

async function formBatch(trx: Knex.Transaction, deviceId: string, maxOps: number, prevSeq: number | null): Promise<FrozenBatch | null> {
  const rows = await trx('outbox').whereNull('batch_id').orderBy('seq').limit(maxOps).select<OutboxRow[]>();
  if (rows.length === 0) return null;
  const cipher = personalDataOf(trx);
  const batchId = uuidV7();
  const createdAt = new Date().toISOString();
  const request: PushRequest = {
    schemaVersion: SYNC_SCHEMA_VERSION,
    batchId,
    deviceId,
    prevSeq,
    firstSeq: rows[0]!.seq,
    lastSeq: rows[rows.length - 1]!.seq,
    createdAt,
    ops: rows.map((r) => ({
      opId: r.op_id,
      seq: r.seq,
      entity: r.entity,
      entityId: r.entity_id,
      op: r.op,
      hlc: r.hlc,
      operatorId: r.operator_id,
      createdAt: r.created_at,
      payload: openOutboxPayload(cipher, r.payload),
    })),
  };
  // Columns (sync-wire.ts), gzip's default level: level 9 took five times as long for 2% fewer bytes.
  const body = gzipSync(Buffer.from(JSON.stringify(encodePushRequest(request)), 'utf8'));
  const row: BatchRow = { batch_id: batchId, first_seq: request.firstSeq, last_seq: request.lastSeq, op_count: rows.length, body: cipher.sealBytes(body), attempts: 0 };
  await trx('sync_batches').insert({ ...row, created_at: createdAt });
  await trx('outbox').whereBetween('seq', [request.firstSeq, request.lastSeq]).whereNull('batch_id').update({ batch_id: batchId });
  return { batchId, firstSeq: request.firstSeq, lastSeq: request.lastSeq, opCount: rows.length, body, attempts: 0 };
}

/**
 * How many batches are still to come after `current`, for the clerk's "第 3 / 7 批": the batches already frozen
 * behind it (a carried file freezes several) plus the unbatched ops at today's batch size. An estimate when the
 * link changes the size mid-run, recomputed before every batch, so the last batch always reads n / n.
 */
export async function batchesAfter(db: Knex, current: FrozenBatch, maxOps: number): Promise<number> {
  const frozen = await db('sync_batches').where('first_seq', '>', current.lastSeq).count<{ n: number }[]>({ n: '*' });
  const loose = await db('outbox').whereNull('batch_id').count<{ n: number }[]>({ n: '*' });
  return Number(frozen[0]?.n ?? 0) + Math.ceil(Number(loose[0]?.n ?? 0) / Math.max(1, maxOps));
}

/** What the PC needs to check a receipt: the body's hash (as the server computes it) and the op ids in order. */
export function batchDigest(batch: FrozenBatch): { bodyHash: string; opIds: string[] } {
  const text = gunzipSync(batch.body);
  return { bodyHash: sha256Hex(text), opIds: pushBodyOpIds(JSON.parse(text.toString('utf8'))) };
}

/** The batch's hash and its whole request, decoded from the frozen bytes. */
export function batchContents(batch: FrozenBatch): { bodyHash: string; request: PushRequest } {
  const text = gunzipSync(batch.body);
  const read = readPushBody(JSON.parse(text.toString('utf8')));
  if (!read.ok) throw new Error(`frozen batch ${batch.batchId} does not decode: ${read.issue}`);
  return { bodyHash: sha256Hex(text), request: read.request };
}
