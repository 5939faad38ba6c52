import fs from 'node:fs';
import { AppError } from '../../src-shared/errors';
import { CARRIED_LIMITS } from '../../src-shared/carried-file';
import { openAppContext } from '../core/app-context';
import { silentLogger } from '../../src-node/logger';
import { importReceipt } from '../core/sync/import-receipt';
import { CliError, parseCommandArgs, printHelp, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';

export const importReceiptCommand: Command = {
  name: 'import-receipt',
  summary: "Import the province's signed receipt for a carried file: confirmed changes leave the outbox",
  usage: `
Usage: skills-desk import-receipt RECEIPT [--data DIR]

Reads the receipt the province wrote when it imported this PC's carried file (server-admin
import-batches or the staff upload page; the file ends in .sdreceipt). Its signature is checked
against the province key this PC got at enrolment or sync, and each confirmed batch against this
PC's own copy; then those changes leave the outbox exactly as after an online sync. Batches the
province refused stay here and go with the next online sync. Nothing changes if any check fails.

Options:
  --data DIR    data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  -h, --help    this help`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(this, argv, { data: { type: 'string' } });
    if (values.help) return printHelp(this);
    const file = positionals[0];
    if (!file) throw new CliError('import-receipt: the RECEIPT file is required (written by server-admin import-batches)');
    if (!fs.existsSync(file)) throw new CliError(`import-receipt: ${file} does not exist`, 1);
    if (fs.statSync(file).size > CARRIED_LIMITS.receiptBytes) throw new CliError(`import-receipt: ${file} is too large to be a receipt`, 1);
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    try {
      const result = await importReceipt(context.db, fs.readFileSync(file));
      process.stdout.write(`${result.confirmed} batch(es), ${result.ops} change(s) confirmed; ${result.alreadyConfirmed} confirmed before; ${result.refused.length} refused by the province; ${result.rejectedOps} change(s) rejected; ${result.auditRows} audit row(s) confirmed\n`);
      process.stdout.write(`${result.message}\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) throw new CliError(`import-receipt: ${error.message}`, 1);
      throw error;
    } finally {
      await context.close();
    }
  },
};
