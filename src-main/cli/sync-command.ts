import { openAppContext } from '../core/app-context';
import { silentLogger } from '../../src-node/logger';
import { parseCommandArgs, printHelp, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Sync with the provincial server, headless (the same as the 立即同步 button)',
  usage: `
Usage: skills-desk sync [--data DIR]

Pushes every unsent change in batches (retrying with backoff on a bad link, the same bytes each time)
and pulls the platform directory, period calendar, report status and notices. Progress goes to
stderr, the outcome to stdout. Exit code 0 when done, 1 when offline or refused (nothing is lost:
run it again later).

Options:
  --data DIR    data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  -h, --help    this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, { data: { type: 'string' } });
    if (values.help) return printHelp(this);
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    try {
      const report = await context.services.sync.run({
        onProgress: (p) => {
          if (p.phase === 'push') process.stderr.write(`push batch ${p.batchId} (${p.ops} ops), attempt ${p.attempt}\n`);
          else if (p.phase === 'pushed') process.stderr.write(`  applied ${p.applied}, rejected ${p.rejected}, duplicate ${p.duplicate}${p.replayed ? ' (replayed)' : ''}\n`);
          else if (p.stored > 0) process.stderr.write(`pull ${p.dataset}: ${p.stored}\n`);
        },
      });
      process.stdout.write(`${report.message}\n`);
      process.stdout.write(`${JSON.stringify({ outcome: report.outcome, pushed: report.pushed, pulled: report.pulled, serverTime: report.serverTime })}\n`);
      return report.outcome === 'done' ? 0 : 1;
    } finally {
      await context.close();
    }
  },
};
