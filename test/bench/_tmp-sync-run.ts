import { runSyncBench } from './sync-bench';
runSyncBench().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
