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
  // Alternated, so that a drift of the machine's speed does not favour one side.
  const plain1 = await importInChild(work, warmUpFile, file, undefined, 'plain');
  const sealed1 = await importInChild(work, warmUpFile, file, undefined, 'sealed');
  const plain2 = await importInChild(work, warmUpFile, file, undefined, 'plain');
  const sealed2 = await importInChild(work, warmUpFile, file, undefined, 'sealed');
  fs.rmSync(work, { recursive: true, force: true });
  const best = (a: typeof plain1, b: typeof plain1) => ({ dry: Math.min(a.dryMs, b.dryMs), commit: Math.min(a.commitMs, b.commitMs) });
  const plain = best(plain1, plain2);
  const sealed = best(sealed1, sealed2);
  report(`Import ${count.toLocaleString('en')} trainees, encryption on vs off (best of 2 each)`, [
    { step: 'dry run', 'plain ms': Math.round(plain.dry), 'sealed ms': Math.round(sealed.dry), ratio: (sealed.dry / plain.dry).toFixed(2) },
    { step: 'commit', 'plain ms': Math.round(plain.commit), 'sealed ms': Math.round(sealed.commit), ratio: (sealed.commit / plain.commit).toFixed(2) },
    {
      step: 'total (target <= 1.3x)',
      'plain ms': Math.round(plain.dry + plain.commit),
      'sealed ms': Math.round(sealed.dry + sealed.commit),
      ratio: ((sealed.dry + sealed.commit) / (plain.dry + plain.commit)).toFixed(2),
    },
  ]);

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
