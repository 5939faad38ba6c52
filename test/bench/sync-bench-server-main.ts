/**
 * Child entry of the sync benchmarks: the provincial server as deployed (`skills-desk server` through the
 * server's own entry, src-server/cli.ts, run from source through tsx so no build is needed), in a process
 * of its own. Cluster workers re-run this same script, so they load what a deployed worker loads.
 */
import { main } from '../../src-server/cli';

main(['server', ...process.argv.slice(2)]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
