/**
 * Carried files (issue #16): the size of a file per 1,000 trainees, format 2 (encrypted, signed) against format 1
 * (today's plain JSON) for the same frozen batches, and the time to import a file of 100,000 ops (50,000 trainees,
 * each a trainee op and an enrolment op) on SQLite, next to the format-1 import of the same batches as baseline.
 * Run: npx tsx test/bench/carried-bench.ts (BENCH_SCALE=0.1 for 10,000 ops).
 */
import path from 'node:path';
import { exportUnsent } from '../../src-main/core/sync/export-unsent';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { migrateServer, openServerDatabase } from '../../src-server/db';
import { importBatches } from '../../src-server/sync/import-batches';
import { testKeyring } from '../support/carried';
import { enrolledPc, registerTrainees, startTestServer } from '../support/sync-harness';
import { report, scaled, tempDir, timed } from './bench-kit';

async function freshServer(label: string) {
  const db = openServerDatabase(path.join(tempDir(label), 'server.sqlite'));
  await migrateServer(db);
  return db;
}

async function main(): Promise<void> {
  const keys = testKeyring();
  const db = await freshServer('carried');
  const server = await startTestServer(db, { keys });
  const pc = await enrolledPc(db, server.url, '230102');
  const trainees = scaled(100_000) / 2;
  // The ID helper makes 40,000 numbers per birth region: two regions of 25,000.
  for (let done = 0; done < trainees; done += 5000) {
    await registerTrainees(pc, Math.min(5000, trainees - done), { offset: done % 25_000, region: done < 25_000 ? '230102' : '230104' });
  }

  const v2 = await exportUnsent(pc.context.db);
  const settings = new SettingsRepository(pc.context.db);
  const saved = await settings.get('provinceKeys');
  await settings.set('provinceKeys', []);
  const v1 = await exportUnsent(pc.context.db);
  await settings.set('provinceKeys', saved);
  await server.close();

  // The baseline imports the same batches as format 1 into a second server that knows the same device, as it was.
  const db1 = await freshServer('carried-v1');
  await db1('devices').insert(await db('devices').select());
  const importV2 = await timed(() => importBatches(db, v2.bytes, { keys }));
  if (!importV2.value.ok) throw new Error(`format 2 import refused: ${importV2.value.message}`);
  const importV1 = await timed(() => importBatches(db1, v1.bytes, { keys }));
  if (!importV1.value.ok) throw new Error(`format 1 import refused: ${importV1.value.message}`);

  const per1000 = (bytes: number) => Math.round((bytes / trainees) * 1000 / 1024);
  report(`Carried file, ${trainees.toLocaleString('en')} trainees, ${v2.ops.toLocaleString('en')} ops, ${v2.batches} batches`, [
    { format: '2 (encrypted, signed)', 'KB per 1,000 trainees': per1000(v2.bytes.length), 'file MB': +(v2.bytes.length / 1048576).toFixed(2), 'import ms': Math.round(importV2.ms), applied: importV2.value.outcome.applied },
    { format: '1 (plain JSON, baseline)', 'KB per 1,000 trainees': per1000(v1.bytes.length), 'file MB': +(v1.bytes.length / 1048576).toFixed(2), 'import ms': Math.round(importV1.ms), applied: importV1.value.outcome.applied },
  ]);
  await pc.dispose();
  await db.destroy();
  await db1.destroy();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
