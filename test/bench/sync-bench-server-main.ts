/**
 * Child entry of the sync benchmarks: the provincial server as deployed (`skills-desk server`, the same
 * command code, run from source through tsx so no build is needed), in a process of its own.
 */
import { serverCommand } from '../../src-server/cli/server-command';

serverCommand.run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
