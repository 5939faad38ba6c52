/**
 * The PC audit chain (issue #19 item 5): what linking costs the import (hashing 100,000 audit rows in memory, as
 * `bulkCreator` does), next to building the same rows without links (the baseline, in the same run); and the
 * server's receipt of a PC's chain of that size by sync (pages of 500, each row checked), on SQLite.
 * Run: npx tsx test/bench/audit-chain-bench.ts (BENCH_SCALE=0.1 for 10,000 rows).
 */
import path from 'node:path';
import { AuditLinker, countyRowOf, type PlainAuditRow } from '../../src-main/core/audit/audit-chain';
import { AUDIT_GENESIS_HASH } from '../../src-shared/audit-chain';
import { COUNTY_AUDIT_PAGE } from '../../src-shared/county-audit';
import { receiveCountyAudit } from '../../src-server/audit/county-audit-receive';
import { migrateServer, openServerDatabase } from '../../src-server/db';
import { enrolDeviceInStore } from '../support/sync-harness';
import { report, scaled, tempDir, timed } from './bench-kit';

const CHAIN_DEVICE = '0190a0b0-0000-7000-8000-000000000009';

function plainRows(n: number): PlainAuditRow[] {
  const at = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => ({ at, operator_id: '0190a0b0-0000-7000-8000-000000000001', operator_name: '张三', entity: 'trainee', entity_id: `0190a0b0-0000-7000-8000-${String(i).padStart(12, '0')}`, action: 'create', changes: null }));
}

export async function runAuditChainBench(): Promise<void> {
  const n = scaled(100_000);
  const build = await timed(async () => plainRows(n));
  const link = await timed(async () => new AuditLinker(`county:${CHAIN_DEVICE}`, '230102', 0, AUDIT_GENESIS_HASH).link(build.value));

  const db = openServerDatabase(path.join(tempDir('audit-chain'), 'server.sqlite'));
  await migrateServer(db);
  const device = await enrolDeviceInStore(db, '230102', CHAIN_DEVICE);
  const wire = link.value.map((row) => ({ ...countyRowOf(row), hash: row.hash }));
  const receive = await timed(async () => {
    for (let i = 0; i < wire.length; i += COUNTY_AUDIT_PAGE) {
      await receiveCountyAudit(db, { id: device.deviceId, countyCode: '230102', lastSeq: null }, { chain: `county:${CHAIN_DEVICE}`, rows: wire.slice(i, i + COUNTY_AUDIT_PAGE) }, new Date());
    }
  });
  const resend = await timed(() => receiveCountyAudit(db, { id: device.deviceId, countyCode: '230102', lastSeq: null }, { chain: `county:${CHAIN_DEVICE}`, rows: wire.slice(0, COUNTY_AUDIT_PAGE) }, new Date()));
  await db.destroy();
  report(`PC audit chain, ${n} rows`, [
    { figure: 'build the rows (baseline)', ms: Math.round(build.ms) },
    { figure: 'link them (hash chain)', ms: Math.round(link.ms) },
    { figure: 'server receives them (SQLite, checked)', ms: Math.round(receive.ms) },
    { figure: `a resent page of ${COUNTY_AUDIT_PAGE} (all duplicates)`, ms: Math.round(resend.ms) },
  ]);
}

if (require.main === module) {
  runAuditChainBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
