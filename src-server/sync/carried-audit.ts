/**
 * The audit section of a carried file (issue #19): a county with no line sends its 操作日志 on the USB stick as
 * it sends its data. Decoding is separate from storing, as for the batches, so that a section that does not
 * decode, or does not match its header, refuses the whole file before anything is written. Stored through exactly
 * the path online sync takes (receiveCountyAudit), a page at a time: the device's own chain and county only, each
 * row's hash and link checked, a resent row a duplicate, a break flagged and kept.
 */
import { gunzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { z } from 'zod';
import { CARRIED_LIMITS, type CarriedAudit, type ReceiptBody } from '../../src-shared/carried-file';
import { COUNTY_AUDIT_PAGE, countyAuditWireRow, type CountyAuditWireRow } from '../../src-shared/county-audit';
import { receiveCountyAudit } from '../audit/county-audit-receive';
import type { Device } from '../repositories/device-repository';

const sectionSchema = z.array(countyAuditWireRow).min(1).max(CARRIED_LIMITS.auditRows);

/** The rows in seq order, or null when the section is not what its header says. */
export function decodeCarriedAudit(entry: CarriedAudit, gzipped: Buffer): CountyAuditWireRow[] | null {
  let json: unknown;
  try {
    // The limit applies while inflating: a gzip bomb stops here.
    json = JSON.parse(gunzipSync(gzipped, { maxOutputLength: CARRIED_LIMITS.auditTextBytes }).toString('utf8'));
  } catch {
    return null;
  }
  const parsed = sectionSchema.safeParse(json);
  if (!parsed.success) return null;
  const rows = parsed.data;
  const ascending = rows.every((r, i) => i === 0 || r.seq > rows[i - 1]!.seq);
  if (!ascending || rows.length !== entry.rows || rows[0]!.seq !== entry.firstSeq || rows[rows.length - 1]!.seq !== entry.lastSeq) return null;
  return rows;
}

export type CarriedAuditOutcome = NonNullable<ReceiptBody['audit']>;

export async function storeCarriedAudit(db: Knex, device: Device, entry: CarriedAudit, rows: readonly CountyAuditWireRow[], now: Date): Promise<CarriedAuditOutcome> {
  const outcome: CarriedAuditOutcome = { lastSeq: entry.lastSeq, stored: 0, duplicate: 0, flagged: 0, through: 0 };
  for (let i = 0; i < rows.length; i += COUNTY_AUDIT_PAGE) {
    const page = await receiveCountyAudit(db, device, { chain: entry.chain, rows: rows.slice(i, i + COUNTY_AUDIT_PAGE) }, now);
    outcome.stored += page.stored;
    outcome.duplicate += page.duplicate;
    outcome.flagged += page.flagged;
    outcome.through = Math.max(outcome.through, page.through);
  }
  return outcome;
}
