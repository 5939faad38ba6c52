import { openAppContext } from '../core/app-context';
import { silentLogger } from '../../src-node/logger';
import { CliError, parseCommandArgs, printHelp, requireString, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';
import { recoveryCodeNotice } from './recovery-code-notice';

export const initCommand: Command = {
  name: 'init',
  summary: 'Set up a data folder for a county and its first operator',
  usage: `
Usage: skills-desk init --data DIR --county CODE --operator NAME

Creates (or opens) the local store in DIR and sets the county (a 6-digit GB/T 2260 code of a
Heilongjiang county-level unit, e.g. 230102 for 道里区) and the first operator.

Options:
  --data DIR        data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --county CODE     county-level administrative code
  --operator NAME   the clerk's name, recorded in the audit log
  -h, --help        this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, {
      data: { type: 'string' },
      county: { type: 'string' },
      operator: { type: 'string' },
    });
    if (values.help) return printHelp(this);
    const county = requireString(this, values.county, '--county');
    const operator = requireString(this, values.operator, '--operator');
    const dataDir = dataDirFrom(values.data);
    const context = await openAppContext({ dataDir, mode: 'web', logger: silentLogger });
    try {
      const result = await context.invoke('setup.init', { countyCode: county, operatorName: operator });
      if (!result.ok) throw new CliError(`init: ${result.error.message}`, 1);
      const settings = await context.services.settings.get();
      process.stdout.write(`Initialised ${dataDir} for ${settings.county?.cityName ?? ''}${settings.county?.name ?? county} (${county}), operator ${operator}\n`);
      // Made with the store's data key by this first open: shown now or never (recovery-code makes a new one).
      if (context.newRecoveryCode) process.stdout.write(recoveryCodeNotice(context.newRecoveryCode));
      return 0;
    } finally {
      await context.close();
    }
  },
};
