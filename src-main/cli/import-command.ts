/**
 * `skills-desk import trainees|enrolments FILE`: the same dry run and all-or-nothing import as the UI. Problems go to
 * stdout one per line (`row N, COLUMN: reason`); without --skip-invalid any invalid row means nothing is imported and
 * the exit code is 1.
 */
import path from 'node:path';
import { openAppContext } from '../core/app-context';
import { writeErrorReport } from '../core/import/error-report';
import { silentLogger } from '../../src-node/logger';
import { IMPORT_KINDS, type ImportDryRun, type ImportKind } from '../../src-shared/schemas/import';
import { CliError, parseCommandArgs, printHelp, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';
import { importProgressPrinter } from './import-progress';

export function kindFrom(command: Command, value: string | undefined): ImportKind {
  const kind = IMPORT_KINDS.find((k) => k === value);
  if (!kind) throw new CliError(`${command.name}: say what to ${command.name}: trainees or enrolments. See: skills-desk ${command.name} --help`);
  return kind;
}

/** --sheet 2 is the second tab; --sheet 名单 (or a name that is not all digits) is a tab name. */
function sheetArg(value: string | boolean | undefined): number | string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '') throw new CliError('import: --sheet needs a sheet name or number. See: skills-desk import --help');
  return /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** `sheet 2 "名单": 1,204 rows, header names 9 columns (read)`: which sheet was read, and what else there is. */
function sheetLines(summary: ImportDryRun): string[] {
  return summary.sheets.map((s) => {
    const rows = s.rowCount === null ? '' : `${s.rowCount.toLocaleString('en')} rows, `;
    const header = s.score > 0 ? `header names ${s.score} columns` : 'no header found';
    return `sheet ${s.number} "${s.name}"${s.hidden ? ' (hidden)' : ''}: ${rows}${header}${s.number === summary.sheet ? ' (read)' : ''}`;
  });
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import trainees or training records from an .xlsx, .xls, .et or .csv file',
  usage: `
Usage: skills-desk import trainees|enrolments FILE --data DIR [--sheet NAME|NUMBER] [--dry-run] [--skip-invalid]
                                                    [--report OUT.xlsx]

Reads FILE (.xlsx; .xls from Excel 97-2003 and WPS .et; .csv in UTF-8, GBK or UTF-16), picks the sheet whose header
names the most known columns (or the one given by --sheet), finds the header row (one of the first 30, or two rows
under a merged group heading) and checks every row. Hidden rows and 合计/小计 lines are not imported. Prints the
sheets when there are several, then one line per problem: "row N, COLUMN: reason". Without --skip-invalid, any
invalid row means nothing is imported (exit code 1). Trainees already registered (training records already
recorded) are skipped.

Options:
  --data DIR         data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --sheet NAME|NUMBER  the worksheet to read: its tab name, or its position (1 = first tab)
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
      sheet: { type: 'string' },
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
      const { job, summary } = await imports.dryRun({ fileId: adopted.fileId, kind, sheet: sheetArg(values.sheet) });
      if (summary.sheets.length > 1) process.stderr.write(sheetLines(summary).join('\n') + '\n');
      const problems = imports.problemLines(job.id);
      for (const line of problems) process.stdout.write(`${line}\n`);
      const { counts } = summary;
      const hidden = counts.hidden > 0 ? `; ${counts.hidden} hidden rows not imported (unhide them in Excel/WPS to include them)` : '';
      process.stderr.write(`${counts.rows} rows: ${counts.new} new, ${counts.existing} already recorded, ${counts.invalid} invalid${hidden}\n`);
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
