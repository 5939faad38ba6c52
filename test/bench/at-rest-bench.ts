/**
 * Issue #19's figures: what sealing personal data costs. The same run measures each figure twice, with the store's
 * real cipher (AES-256-GCM + HMAC blind indexes) and with the plain variant (plain-cipher.ts: the same schema and code,
 * nothing sealed): the import of a generated roster (dry run + commit, in a child process as import-bench.ts runs it),
 * and search through the router at `BENCH_AT_REST_ROWS` trainees (default 100,000) filled through the service.
 * Target: sealed within 1.3x of plain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { silentLogger } from '../../src-node/logger';
import { report, scaled, tempDir, timed } from './bench-kit';
import { importInChild, writeSheet } from './import-bench';
import type { ImportRunFigures } from './import-bench-run';
import { usePlainCipher } from './plain-cipher';
import { makeInputs, searchLatencies } from './store-bench';
import { unlockAsLastOperator } from '../support/temp-app';

async function openStore(label: string, atRest: 'sealed' | 'plain'): Promise<{ context: AppContext; dir: string }> {
  const dir = tempDir(label);
  const context = await openAppContext({ dataDir: dir, mode: 'web', logger: silentLogger });
  if (atRest === 'plain') usePlainCipher(context.db);
  await context.services.settings.init({ countyCode: '230102', operatorName: '基准测试' });
  // Every start is locked (#19 item 3): search goes through the router, as the clerk's does, after logging in.
  await unlockAsLastOperator(context);
  return { context, dir };
}

async function searchRun(atRest: 'sealed' | 'plain', count: number) {
  const inputs = makeInputs(count, 42, 0);
  const store = await openStore(`search-${atRest}`, atRest);
  const fill = await timed(async () => {
    for (let start = 0; start < inputs.length; start += 5000) await store.context.services.trainees.createMany(inputs.slice(start, start + 5000));
  });
  const rows = await searchLatencies(store.context, inputs, `${count} ${atRest}`);
  await store.context.close();
  fs.rmSync(store.dir, { recursive: true, force: true });
  return { fillMs: fill.ms, rows };
}

export async function runAtRestBench(): Promise<void> {
  const count = scaled(100_000);
  const work = tempDir('at-rest-import');
  const file = path.join(work, 'trainees.xlsx');
  const warmUpFile = path.join(work, 'warm-up.xlsx');
  await writeSheet(file, count);
  await writeSheet(warmUpFile, 1000);
  // Alternated, so that a drift of the machine's speed does not favour one side; the best of each, since a busy
  // host only ever adds time. BENCH_AT_REST_ROUNDS (default 3): runs of each variant.
  const rounds = Number(process.env.BENCH_AT_REST_ROUNDS ?? 3);
  const runs: Record<'plain' | 'sealed', ImportRunFigures[]> = { plain: [], sealed: [] };
  for (let round = 0; round < rounds; round++) {
    for (const variant of ['plain', 'sealed'] as const) runs[variant].push(await importInChild(work, warmUpFile, file, undefined, variant));
  }
  fs.rmSync(work, { recursive: true, force: true });
  const best = (of: ImportRunFigures[]) => ({
    dry: Math.min(...of.map((r) => r.dryMs)),
    commit: Math.min(...of.map((r) => r.commitMs)),
    commitCpu: Math.min(...of.map((r) => r.commitCpuMs)),
    commitMainCpu: Math.min(...of.map((r) => r.commitMainCpuMs)),
    total: Math.min(...of.map((r) => r.dryMs + r.commitMs)),
  });
  const plain = best(runs.plain);
  const sealed = best(runs.sealed);
  const totals = (variant: 'plain' | 'sealed') => runs[variant].map((r) => Math.round((r.dryMs + r.commitMs) / 100) / 10).join(' / ');
  report(`Import ${count.toLocaleString('en')} trainees, encryption on vs off (best of ${rounds} each, alternated)`, [
    { step: 'dry run', 'plain ms': Math.round(plain.dry), 'sealed ms': Math.round(sealed.dry), ratio: (sealed.dry / plain.dry).toFixed(2) },
    { step: 'commit', 'plain ms': Math.round(plain.commit), 'sealed ms': Math.round(sealed.commit), ratio: (sealed.commit / plain.commit).toFixed(2) },
    { step: 'commit, CPU time', 'plain ms': Math.round(plain.commitCpu), 'sealed ms': Math.round(sealed.commitCpu), ratio: (sealed.commitCpu / plain.commitCpu).toFixed(2) },
    { step: 'commit, CPU time of the JS thread', 'plain ms': Math.round(plain.commitMainCpu), 'sealed ms': Math.round(sealed.commitMainCpu), ratio: (sealed.commitMainCpu / plain.commitMainCpu).toFixed(2) },
    { step: 'total (target <= 1.3x)', 'plain ms': Math.round(plain.total), 'sealed ms': Math.round(sealed.total), ratio: (sealed.total / plain.total).toFixed(2) },
  ]);
  console.log(`every run's total, s: plain ${totals('plain')}; sealed ${totals('sealed')}`);
  const written = (variant: 'plain' | 'sealed') => runs[variant].map((r) => r.commitWrittenMb).join(' / ');
  console.log(`written to storage by each commit, MB: plain ${written('plain')}; sealed ${written('sealed')}`);

  const rows = Number(process.env.BENCH_AT_REST_ROWS ?? scaled(100_000));
  const plainSearch = await searchRun('plain', rows);
  const sealedSearch = await searchRun('sealed', rows);
  report(`Fill ${rows.toLocaleString('en')} trainees through the service`, [
    { variant: 'plain', ms: Math.round(plainSearch.fillMs) },
    { variant: 'sealed', ms: Math.round(sealedSearch.fillMs), ratio: (sealedSearch.fillMs / plainSearch.fillMs).toFixed(2) },
  ]);
  report('Search through the router, encryption on vs off', [...plainSearch.rows, ...sealedSearch.rows]);
}

if (require.main === module) {
  runAtRestBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
