/**
 * A county PC's audit trail as one chain of src-shared/audit-chain.ts (issue #19 item 5): how a PC's
 * audit row becomes the record that is hashed, and the rows as they travel to the server by sync.
 * The PC and the server build the record with this one function, so the server verifies a PC's
 * hashes from the rows alone: the before/after values of a change are hashed as the PC stores them
 * (sealed), so the server needs no key of the PC to check the chain.
 */
import { z } from 'zod';
import type { AuditRecord } from './audit-chain';

/** The chain of a PC: named by the PC's own device id (settings `deviceId`, made at the store's first open). */
export function countyChainName(deviceId: string): string {
  return `county:${deviceId}`;
}

/** A PC's audit row, as stored on the PC and as sent. */
export interface CountyAuditRow {
  seq: number;
  at: string;
  operatorId: string | null;
  operatorName: string | null;
  countyCode: string | null;
  entity: string;
  entityId: string;
  action: string;
  /** The `changes` column exactly as stored (JSON whose ID numbers and phones are sealed), or null. */
  changes: string | null;
  prevHash: string;
}

/** The widths of the server's audit_log columns (migrations/server/20261203161000_audit_log.ts): kept on both sides. */
export const COUNTY_AUDIT_WIDTHS = { actor: 64, countyCode: 6, action: 48, target: 200 } as const;

/**
 * The record hashed for a PC's row. Each field is cut to its server column's width before hashing on the PC (see
 * `fitCountyAuditRow`), so what the server stores is what was hashed.
 */
export function countyAuditRecord(chain: string, row: CountyAuditRow): AuditRecord {
  return {
    chain,
    seq: row.seq,
    at: row.at,
    actorKind: 'county',
    actor: row.operatorName,
    actorRole: null,
    countyCode: row.countyCode,
    action: row.action,
    target: `${row.entity}:${row.entityId}`,
    outcome: 'ok',
    detail: { operatorId: row.operatorId, changes: row.changes },
    address: null,
    prevHash: row.prevHash,
  };
}

/** The row with its text cut to what the server stores (entity and id share the target's width). */
export function fitCountyAuditRow<T extends Omit<CountyAuditRow, 'seq' | 'prevHash'>>(row: T): T {
  const cut = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));
  const entity = row.entity.slice(0, 40);
  return {
    ...row,
    operatorName: cut(row.operatorName, COUNTY_AUDIT_WIDTHS.actor),
    countyCode: cut(row.countyCode, COUNTY_AUDIT_WIDTHS.countyCode),
    action: row.action.slice(0, COUNTY_AUDIT_WIDTHS.action),
    entity,
    entityId: row.entityId.slice(0, COUNTY_AUDIT_WIDTHS.target - entity.length - 1),
  };
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The server's audit_log.seq is a 32-bit integer on PostgreSQL: a larger seq is refused here, not by the store. */
export const MAX_AUDIT_SEQ = 2_147_483_647;

export const countyAuditWireRow = z.strictObject({
  seq: z.number().int().positive().max(MAX_AUDIT_SEQ),
  at: z.string().min(1).max(40),
  operatorId: z.string().max(64).nullable(),
  operatorName: z.string().max(COUNTY_AUDIT_WIDTHS.actor).nullable(),
  countyCode: z.string().max(COUNTY_AUDIT_WIDTHS.countyCode).nullable(),
  entity: z.string().min(1).max(40),
  entityId: z.string().max(COUNTY_AUDIT_WIDTHS.target),
  action: z.string().min(1).max(COUNTY_AUDIT_WIDTHS.action),
  changes: z.string().max(200_000).nullable(),
  prevHash: hex64,
  hash: hex64,
})
  // Stored as `<entity>:<entityId>` in a column of that width (fitCountyAuditRow cuts to it on the PC).
  .refine((row) => row.entity.length + 1 + row.entityId.length <= COUNTY_AUDIT_WIDTHS.target, { message: 'entity and entityId exceed the target width' });
export type CountyAuditWireRow = z.infer<typeof countyAuditWireRow>;

/** Rows per request: a 100,000-row import is 200 requests, each far below the body limit. */
export const COUNTY_AUDIT_PAGE = 500;

/** `POST /api/v1/sync/audit`: the PC's rows after the last the server confirmed, in seq order. */
export const countyAuditPushSchema = z.strictObject({
  chain: z.string().min(1).max(64),
  rows: z.array(countyAuditWireRow).min(1).max(COUNTY_AUDIT_PAGE),
});
export type CountyAuditPush = z.infer<typeof countyAuditPushSchema>;

/** The answer: how many rows were new, already there (a resend), or flagged; and the highest seq now held. */
export const countyAuditReceiptSchema = z.object({
  stored: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
  flagged: z.number().int().nonnegative(),
  through: z.number().int().nonnegative(),
});
export type CountyAuditReceipt = z.infer<typeof countyAuditReceiptSchema>;
