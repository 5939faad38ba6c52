/**
 * Where a worker thread's code is: compiled next to the module that starts it (dist/ by tsc, or a bundle that emits
 * `<name>.js` beside itself, as test/bench/import-bench.ts does), or, when that module runs as TypeScript (vitest,
 * tsx), the source, required through tsx's CommonJS hook from a two-line script (`--import tsx` in a worker's
 * execArgv does not reach the worker's loader on Node 20: ERR_UNKNOWN_FILE_EXTENSION).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface WorkerEntry {
  script: string;
  /** Whether `script` is code (the TypeScript case) rather than a file: the Worker's `eval` option. */
  eval: boolean;
}

export function workerEntry(dir: string, name: string): WorkerEntry {
  const compiled = path.join(dir, `${name}.js`);
  if (fs.existsSync(compiled)) return { script: compiled, eval: false };
  const source = path.join(dir, `${name}.ts`);
  if (fs.existsSync(source)) {
    const tsx = createRequire(__filename).resolve('tsx/cjs/api');
    return { script: `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(source)});`, eval: true };
  }
  throw new Error(`${name}.js is missing beside ${dir}: a bundle must emit it next to the code that starts the worker`);
}
