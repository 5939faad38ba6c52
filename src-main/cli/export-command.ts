/** `skills-desk export trainees|enrolments --out FILE.xlsx`: the list as .xlsx, masked unless --full-numbers. */
import path from 'node:path';
import { openAppContext } from '../core/app-context';
import { silentLogger } from '../../src-node/logger';
import { parseCommandArgs, printHelp, requireString, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';
import { kindFrom } from './import-command';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export trainees or training records to an .xlsx file',
  usage: `
Usage: skills-desk export trainees|enrolments --data DIR --out FILE.xlsx [--full-numbers]

Writes the list with the import template's columns (so it can be imported again). ID numbers and phones are
masked (230102********123X) unless --full-numbers is given; a full-number export is recorded in the audit log.

Options:
  --data DIR        data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --out FILE.xlsx   where to write
  --full-numbers    full ID numbers and phones (audited)
  -h, --help        this help`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(this, argv, {
      data: { type: 'string' },
      out: { type: 'string' },
      'full-numbers': { type: 'boolean' },
    });
    if (values.help) return printHelp(this);
    const kind = kindFrom(this, positionals[0]);
    const out = path.resolve(requireString(this, values.out, '--out'));
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    try {
      const rows = await context.services.exports.toPath(kind, values['full-numbers'] === true, out);
      process.stdout.write(`exported ${rows} ${kind} to ${out}\n`);
      return 0;
    } finally {
      await context.close();
    }
  },
};
