/** `npm run bench`: every benchmark, printing figures. Targets are compared by reading, not asserted. */
import { runAtRestBench } from './at-rest-bench';
import { runAuditChainBench } from './audit-chain-bench';
import { runDispatchBench } from './dispatch-bench';
import { runImportBench } from './import-bench';
import { runRollupBench } from './rollup-bench';
import { runStoreBench } from './store-bench';
import { runSyncBench } from './sync-bench';
import { runUiBench } from './ui-bench';

async function main(): Promise<void> {
  console.log(`Skills Desk benchmarks on ${process.platform} ${process.arch}, Node ${process.version}`);
  await runStoreBench();
  await runDispatchBench();
  await runImportBench();
  await runAtRestBench();
  await runAuditChainBench();
  await runSyncBench();
  await runRollupBench();
  await runUiBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
