/**
 * Appends to the audit trail (audit_log, hash-chained: src-shared/audit-chain.ts). An append takes the
 * chain's head row for writing first (a no-op UPDATE: the write lock on SQLite, the row lock on
 * PostgreSQL), so appends from several workers queue one after the other and never fork the chain;
 * the row and the new head are written in the caller's transaction, so an action and its record
 * commit together or not at all.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { AUDIT_GENESIS_HASH, type AuditDetail, type AuditRecord } from '../../src-shared/audit-chain';
import type { AuditAction } from '../../src-shared/audit-api';
import { auditRowHash } from '../../src-node/digest';

export const STAFF_CHAIN = 'staff';

export interface AuditEntry {
  action: AuditAction;
  actorKind: AuditRecord['actorKind'];
  actor: string | null;
  actorRole?: string | null;
  countyCode?: string | null;
  target?: string | null;
  outcome?: string;
  detail?: AuditDetail;
  address?: string | null;
  /** Default: the server's staff chain. */
  chain?: string;
}

/** The audit_log row of a record. */
export function auditRowOf(id: string, record: AuditRecord, hash: string) {
  return {
    id,
    chain: record.chain,
    seq: record.seq,
    at: record.at,
    actor_kind: record.actorKind,
    actor: record.actor,
    actor_role: record.actorRole,
    county_code: record.countyCode,
    action: record.action,
    target: record.target,
    outcome: record.outcome,
    detail: JSON.stringify(record.detail),
    address: record.address,
    prev_hash: record.prevHash,
    hash,
  };
}

/** Text columns are cut to their width here, before hashing, so what is stored is what was hashed. */
function cut(value: string | null | undefined, max: number): string | null {
  return value == null ? null : value.slice(0, max);
}

/** Takes a chain's head for writing (creating it for a chain's first row), then reads it: held until `trx` ends. */
export async function lockChainHead(trx: Knex.Transaction, chain: string): Promise<{ seq: number; hash: string }> {
  const locked = await trx('audit_heads').where({ chain }).update({ seq: trx.raw('seq') });
  if (locked === 0) {
    // A chain's first row: create its head, then take it like any other (another worker may have created it meanwhile).
    await trx('audit_heads').insert({ chain, seq: 0, hash: AUDIT_GENESIS_HASH }).onConflict('chain').ignore();
    await trx('audit_heads').where({ chain }).update({ seq: trx.raw('seq') });
  }
  const head = (await trx('audit_heads').where({ chain }).first('seq', 'hash')) as { seq: number | string; hash: string };
  return { seq: Number(head.seq), hash: head.hash };
}

/** Appends one row in `trx` (a transaction: the head must be locked until commit). */
export async function appendAudit(trx: Knex.Transaction, entry: AuditEntry, at: Date): Promise<void> {
  const chain = entry.chain ?? STAFF_CHAIN;
  const head = await lockChainHead(trx, chain);
  const record: AuditRecord = {
    chain,
    seq: head.seq + 1,
    at: at.toISOString(),
    actorKind: entry.actorKind,
    actor: cut(entry.actor, 64),
    actorRole: cut(entry.actorRole, 16),
    countyCode: cut(entry.countyCode, 6),
    action: entry.action,
    target: cut(entry.target, 200),
    outcome: cut(entry.outcome ?? 'ok', 24)!,
    detail: entry.detail ?? {},
    address: cut(entry.address, 64),
    prevHash: head.hash,
  };
  const hash = auditRowHash(record);
  await trx('audit_log').insert(auditRowOf(randomUUID(), record, hash));
  await trx('audit_heads').where({ chain }).update({ seq: record.seq, hash });
}

/** Appends in a transaction of its own (for actions that wrote nothing else, such as a failed login or an export). */
export function recordAudit(db: Knex, entry: AuditEntry, at: Date): Promise<void> {
  return db.transaction((trx) => appendAudit(trx, entry, at));
}
