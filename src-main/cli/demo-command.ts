import { openAppContext } from '../core/app-context';
import { fillDemoData } from '../core/demo/demo-data';
import { silentLogger } from '../../src-node/logger';
import { CliError, parseCommandArgs, positiveInt, printHelp, requireString, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';
import { recoveryCodeNotice } from './recovery-code-notice';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Fill a data folder with realistic demo data',
  usage: `
Usage: skills-desk demo --data DIR --county CODE [--trainees N] [--operator NAME] [--seed S]

Fills DIR with demo data for the county: N trainees (default 1000) with valid ID numbers of the
county's region, all person categories, demo platforms (marked 【演示】), training records and the
period calendar. The same seed gives the same data.

Options:
  --data DIR        data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --county CODE     county-level administrative code, e.g. 230102
  --trainees N      how many trainees (default 1000)
  --operator NAME   operator recorded as the author (default 演示操作员)
  --seed S          random seed (default 20200401)
  -h, --help        this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, {
      data: { type: 'string' },
      county: { type: 'string' },
      trainees: { type: 'string' },
      operator: { type: 'string' },
      seed: { type: 'string' },
    });
    if (values.help) return printHelp(this);
    const countyCode = requireString(this, values.county, '--county');
    const trainees = positiveInt(this, values.trainees, '--trainees', 1000);
    const seed = positiveInt(this, values.seed, '--seed', 20200401);
    const dataDir = dataDirFrom(values.data);
    const context = await openAppContext({ dataDir, mode: 'web', logger: silentLogger });
    const started = Date.now();
    try {
      const summary = await fillDemoData(context, {
        countyCode,
        operatorName: typeof values.operator === 'string' ? values.operator : '演示操作员',
        trainees,
        seed,
        onProgress: (done, total) => process.stderr.write(`\r${done}/${total} trainees`),
      });
      process.stderr.write('\n');
      process.stdout.write(
        `Demo data in ${dataDir}: ${summary.trainees} trainees, ${summary.enrolments} training records, ${summary.platforms} adopted platforms (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
      );
      if (context.newRecoveryCode) process.stdout.write(recoveryCodeNotice(context.newRecoveryCode));
      return 0;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('Not a Heilongjiang')) throw new CliError(`demo: ${error.message}`, 1);
      throw error;
    } finally {
      await context.close();
    }
  },
};
