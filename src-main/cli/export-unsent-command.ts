import fs from 'node:fs';
import { AppError } from '../../src-shared/errors';
import { openAppContext } from '../core/app-context';
import { silentLogger } from '../../src-node/logger';
import { exportUnsent } from '../core/sync/export-unsent';
import { CliError, parseCommandArgs, printHelp, requireString, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';

export const exportUnsentCommand: Command = {
  name: 'export-unsent',
  summary: 'Write the unsent changes to a file carried to the province (no line at all)',
  usage: `
Usage: skills-desk export-unsent --out FILE [--data DIR]

Freezes every unsent change into batches and writes them, with a header (county, device) and a
checksum, to FILE. The province applies it with "skills-desk server-admin import-batches FILE";
the changes stay here until the next online sync, which then gets the province's receipts and
sends nothing twice. The PC must have been enrolled once.

Options:
  --out FILE    the file to write
  --data DIR    data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  -h, --help    this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, { data: { type: 'string' }, out: { type: 'string' } });
    if (values.help) return printHelp(this);
    const out = requireString(this, values.out, '--out');
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    try {
      const written = await exportUnsent(context.db);
      fs.writeFileSync(out, written.text);
      process.stdout.write(`Wrote ${written.batches} batch(es), ${written.ops} change(s) to ${out}\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) throw new CliError(`export-unsent: ${error.message}`, 1);
      throw error;
    } finally {
      await context.close();
    }
  },
};
