/**
 * The audit trail's row format, shared by the server and (when its chain travels by sync) the PC:
 * each row of a chain carries the hash of the row before it, the hash being sha-256 over the row's
 * canonical encoding below. Canonical: a JSON array of the fields in this fixed order, with `detail`
 * as JSON whose object keys are sorted at every depth, no spaces, strings as JSON.stringify writes
 * them. Anyone holding the rows can recompute every hash with any JSON library; changing, removing or
 * reordering a row breaks the chain from that row on.
 */

/** The `prev_hash` of a chain's first row. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
export const AUDIT_FORMAT_VERSION = 1;

export type AuditDetailValue = string | number | boolean | null | AuditDetailValue[] | { [key: string]: AuditDetailValue };
export type AuditDetail = { [key: string]: AuditDetailValue };

/** A row as hashed (the id and the hash itself are not part of it). */
export interface AuditRecord {
  /** `staff` for the server's own chain; `county:<device id>` for a PC's. */
  chain: string;
  /** 1, 2, 3… within the chain, without gaps. */
  seq: number;
  /** ISO 8601 UTC. */
  at: string;
  actorKind: 'staff' | 'admin' | 'county' | 'system';
  actor: string | null;
  actorRole: string | null;
  /** The county the action concerns, when it concerns one. */
  countyCode: string | null;
  action: string;
  target: string | null;
  /** `ok`, or the error code of a refused action (`UNAUTHORIZED`, `LOCKED`…). */
  outcome: string;
  detail: AuditDetail;
  /** Where from: the client's address, or the command that acted. */
  address: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: AuditDetailValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/** The exact text whose sha-256 is the row's hash. */
export function auditHashInput(r: AuditRecord): string {
  return canonicalJson([AUDIT_FORMAT_VERSION, r.chain, r.seq, r.at, r.actorKind, r.actor, r.actorRole, r.countyCode, r.action, r.target, r.outcome, r.detail, r.address, r.prevHash]);
}
