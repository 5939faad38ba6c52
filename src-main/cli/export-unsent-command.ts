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

Freezes every unsent change into batches and writes them to FILE (format 2, .sdcarry): a clear
header (county, PC, batch ids, counts, time), the batches encrypted (AES-256-GCM) for the province's
key, everything signed with this PC's key. The 操作日志 rows the province has not confirmed go
with them (encrypted too), so a file may hold audit rows only. The province applies it with "skills-desk server-admin
import-batches FILE" or the staff web page and gives back a receipt, which "skills-desk
import-receipt RECEIPT" imports here; until then the changes stay here, and an online sync confirms
them just as well, sending nothing twice. The PC must have been enrolled once; a PC that has not
synced since enrolling with an older version has no province key yet and writes the old plain
format 1, with a warning.

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
      fs.writeFileSync(out, written.bytes, { mode: 0o600 });
      process.stdout.write(`Wrote ${written.batches} batch(es), ${written.ops} change(s), ${written.auditRows} audit row(s) to ${out} (format ${written.format}${written.format === 2 ? ': encrypted for the province, signed by this PC' : ''})\n`);
      for (const warning of written.warnings) process.stderr.write(`Warning: ${warning}\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) throw new CliError(`export-unsent: ${error.message}`, 1);
      throw error;
    } finally {
      await context.close();
    }
  },
};
