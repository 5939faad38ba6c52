/**
 * `skills-desk import trainees|enrolments FILE`: the same dry run and all-or-nothing import as the UI. Problems go to
 * stdout one per line (`row N, COLUMN: reason`); without --skip-invalid any invalid row means nothing is imported and
 * the exit code is 1.
 */
import path from 'node:path';
import { openAppContext } from '../core/app-context';
import { writeErrorReport } from '../core/import/error-report';
import { silentLogger } from '../../src-node/logger';
import { IMPORT_KINDS, type ImportKind } from '../../src-shared/schemas/import';
import { CliError, parseCommandArgs, printHelp, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';
import { importProgressPrinter } from './import-progress';

export function kindFrom(command: Command, value: string | undefined): ImportKind {
  const kind = IMPORT_KINDS.find((k) => k === value);
  if (!kind) throw new CliError(`${command.name}: say what to ${command.name}: trainees or enrolments. See: skills-desk ${command.name} --help`);
  return kind;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import trainees or training records from an .xlsx or .csv file',
  usage: `
Usage: skills-desk import trainees|enrolments FILE --data DIR [--dry-run] [--skip-invalid] [--report OUT.xlsx]

Reads FILE (.xlsx, or .csv in UTF-8 or GBK), finds the header row and checks every row. Prints one line per
problem: "row N, COLUMN: reason". Without --skip-invalid, any invalid row means nothing is imported (exit code 1).
Trainees already registered (training records already recorded) are skipped.

Options:
  --data DIR         data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --dry-run          check only, write nothing
  --skip-invalid     import the valid rows; the invalid ones go to the report
  --report OUT.xlsx  write the rejected rows with their reasons, ready to fix and import again
  -h, --help         this help`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(this, argv, {
      data: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      report: { type: 'string' },
    });
    if (values.help) return printHelp(this);
    const kind = kindFrom(this, positionals[0]);
    const file = positionals[1];
    if (!file || positionals.length > 2) throw new CliError(`import: give exactly one FILE. See: skills-desk import --help`);
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    const stopProgress = context.onEvent(importProgressPrinter());
    try {
      const { files, imports } = context.services;
      const adopted = files.adopt(path.resolve(file));
      const { job, summary } = await imports.dryRun({ fileId: adopted.fileId, kind });
      const problems = imports.problemLines(job.id);
      for (const line of problems) process.stdout.write(`${line}\n`);
      const { counts } = summary;
      process.stderr.write(`${counts.rows} rows: ${counts.new} new, ${counts.existing} already recorded, ${counts.invalid} invalid\n`);
      if (typeof values.report === 'string') {
        await writeErrorReport(path.resolve(values.report), summary.columns.map((c) => c.header), imports.rejectedRows(job.id));
        process.stderr.write(`report: ${path.resolve(values.report)}\n`);
      }
      const refused = summary.missingFields.length > 0 || (counts.invalid > 0 && !values['skip-invalid']);
      if (values['dry-run']) return refused ? 1 : 0;
      if (refused) {
        process.stderr.write('nothing imported: fix the rows above (or use --skip-invalid to import the valid rows only)\n');
        return 1;
      }
      const result = await imports.commit(job.id, values['skip-invalid'] === true);
      const skipped = result.skipped > 0 ? ` (${result.skipped} invalid rows skipped, listed ${typeof values.report === 'string' ? 'in the report' : 'above'})` : '';
      process.stdout.write(`imported ${result.imported} ${kind}${skipped}\n`);
      return 0;
    } finally {
      stopProgress();
      await context.close();
    }
  },
};
