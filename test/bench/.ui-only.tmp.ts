import { runUiBench } from './ui-bench';
runUiBench().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
