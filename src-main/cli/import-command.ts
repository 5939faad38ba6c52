/**
 * `skills-desk import trainees|enrolments FILE`: the same dry run and all-or-nothing import as the UI. Problems go to
 * stdout one per line (`row N, COLUMN: reason`); without --skip-invalid any invalid row means nothing is imported and
 * the exit code is 1.
 */
import path from 'node:path';
import { openAppContext } from '../core/app-context';
import { writeErrorReport } from '../core/import/error-report';
import { silentLogger } from '../../src-node/logger';
import { IMPORT_KINDS, importSheetErrorDetails, type ImportDryRun, type ImportKind, type ImportSheet } from '../../src-shared/schemas/import';
import { isAppError } from '../../src-shared/errors';
import { CliError, parseCommandArgs, printHelp, type Command } from '../../src-node/cli-kit';
import { closedPeriodChoices, closedPeriodLines, closedPeriodRefusal, parseClosedPeriodsFlag } from './closed-periods-flag';
import { dataDirFrom } from './data-dir-arg';
import { importProgressPrinter } from './import-progress';
import { parseEmptyFlag, parseMapFlag, parseSetFlag, readMappingFile, writeMappingFile, type ImportChoices } from './import-mapping';

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

/** `sheet 2 "名单": 1,204 rows, header names 9 columns (read)`: which sheet was read (or tried), and what else there is. */
function sheetLines(summary: { sheets: readonly ImportSheet[]; sheet: number | null }): string[] {
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
       [--report OUT.xlsx] [--set FIELD=VALUE]... [--map FIELD:VALUE=ENTRY]... [--add-platform VALUE]...
       [--leave-empty FIELD:VALUE]... [--mapping FILE.yaml|.json] [--write-mapping FILE.yaml|.json] [--no-remember]
       [--closed-periods skip|include|SEQ=skip|include,...] [--register-missing]

Reads FILE (.xlsx; .xls from Excel 97-2003 and WPS .et; .csv in UTF-8, GBK or UTF-16), picks the sheet whose header
names the most known columns (or the one given by --sheet), finds the header row (one of the first 30, or two rows
under a merged group heading) and checks every row. Hidden rows and 合计/小计 lines are not imported. Prints the
sheets when there are several, then one line per problem: "row N, COLUMN: reason". Without --skip-invalid, any
invalid row means nothing is imported (exit code 1). Trainees already registered (training records already
recorded) are skipped.

A value of a fixed list (platform, occupation, person category, 户籍) that names no entry is decided once for
every row that carries it: map it to an entry, add it as a county platform, or leave the field empty. The
decisions are remembered for this county's next imports (the import page lists and edits them).

Rows dated (注册日期, or a training record's 开始日期) on or before the cutoff of a period already reported are
listed per period with the figures they would change; nothing is imported until each such group is chosen for.

Options:
  --data DIR               data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --sheet NAME|NUMBER      the worksheet to read: its tab name, or its position (1 = first tab); beats the
                           sheet a --mapping file records
  --dry-run                check only, write nothing
  --skip-invalid           import the valid rows; the invalid ones go to the report
  --report OUT.xlsx        write the rejected rows with their reasons, ready to fix and import again
  --set FIELD=VALUE        a column the file lacks: VALUE for every row (--set 户籍=城镇, --set 注册日期=2026-03-01);
                           --set 户籍=待补充 leaves it unknown (户籍 and 人员类别 only; a missing 户籍 column is 待补充 anyway)
  --map FIELD:VALUE=ENTRY  rows whose FIELD is VALUE get the entry named ENTRY
                           (--map 培训平台:学习强国=“学习强国”技能频道, --map 人员类别:贫困户=建档立卡贫困劳动力)
  --add-platform VALUE     add VALUE to the platform directory as a county platform; its rows use it
  --leave-empty FIELD:VALUE  leave FIELD empty on the rows with VALUE (where the field is optional)
  --mapping FILE           read --set/--map/--add-platform/--leave-empty decisions from a JSON or YAML file;
                           flags given as well override the file's entry for the same value
  --write-mapping FILE     write every value to decide (rows, suggestions, decision so far), the missing
                           columns and the sheet read to FILE (.yaml/.yml or .json): edit it, then import with --mapping FILE
  --no-remember            do not remember this import's decisions for the next imports
  --register-missing       enrolments only: a record whose ID number is not registered here also registers its
                           trainee (同时登记), when the row has 姓名 and 联系电话 (注册日期 is the row's own column or
                           the record's 开始日期; 人员类别 and 户籍 are read if present, else 待补充); rows lacking a
                           field stay invalid naming it. Trainees and records are written in one transaction
  --closed-periods WHAT    rows dated in periods already reported: skip leaves them out (the rest is imported);
                           include imports them where the period allows it (submitted, waiting for review: its
                           reported figures stay as sent and the rows count from the next period on); a period
                           accepted (locked) only allows skip, or a correction request first; 2=include,3=skip
                           chooses per period number
  -h, --help               this help
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(this, argv, {
      data: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      report: { type: 'string' },
      sheet: { type: 'string' },
      set: { type: 'string', multiple: true },
      map: { type: 'string', multiple: true },
      'add-platform': { type: 'string', multiple: true },
      'leave-empty': { type: 'string', multiple: true },
      mapping: { type: 'string' },
      'write-mapping': { type: 'string' },
      'no-remember': { type: 'boolean' },
      'closed-periods': { type: 'string' },
      'register-missing': { type: 'boolean' },
    });
    if (values.help) return printHelp(this);
    const kind = kindFrom(this, positionals[0]);
    const file = positionals[1];
    if (!file || positionals.length > 2) throw new CliError(`import: give exactly one FILE. See: skills-desk import --help`);
    const choices = choicesFrom(kind, values);
    const closedFlag = parseClosedPeriodsFlag(values['closed-periods']);
    const registerMissing = values['register-missing'] === true;
    if (registerMissing && kind !== 'enrolments') throw new CliError('import: --register-missing is for training records (import enrolments). See: skills-desk import --help');
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    const stopProgress = context.onEvent(importProgressPrinter());
    try {
      const { files, imports } = context.services;
      const adopted = files.adopt(path.resolve(file));
      const { job, summary } = await imports
        .dryRun({ fileId: adopted.fileId, kind, sheet: sheetArg(values.sheet) ?? choices.sheet, fill: choices.fill, decisions: choices.decisions, registerMissing })
        .catch((error: unknown) => {
          // A sheet that could not be read: list the workbook's sheets, as the import page does, to pick --sheet from.
          const listed = importSheetErrorDetails.safeParse(isAppError(error) ? error.details : undefined);
          if (listed.success) process.stderr.write(sheetLines(listed.data).join('\n') + '\n');
          throw error;
        });
      if (summary.sheets.length > 1) process.stderr.write(sheetLines(summary).join('\n') + '\n');
      const problems = imports.problemLines(job.id);
      for (const line of problems) process.stdout.write(`${line}\n`);
      for (const line of decisionLines(summary)) process.stderr.write(`${line}\n`);
      const closedChoices = closedPeriodChoices(closedFlag, summary);
      for (const line of closedPeriodLines(summary, closedChoices)) process.stderr.write(`${line}\n`);
      const unregistered = unregisteredLine(summary);
      if (unregistered) process.stderr.write(`${unregistered}\n`);
      const { counts } = summary;
      const hidden = counts.hidden > 0 ? `; ${counts.hidden} hidden rows not imported (unhide them in Excel/WPS to include them)` : '';
      process.stderr.write(`${counts.rows} rows: ${counts.new} new, ${counts.existing} already recorded, ${counts.invalid} invalid${hidden}\n`);
      if (typeof values.report === 'string') {
        await writeErrorReport(path.resolve(values.report), summary.columns.map((c) => c.header), imports.rejectedRows(job.id));
        process.stderr.write(`report: ${path.resolve(values.report)}\n`);
      }
      if (typeof values['write-mapping'] === 'string') {
        writeMappingFile(path.resolve(values['write-mapping']), summary);
        process.stderr.write(`mapping: ${path.resolve(values['write-mapping'])} (edit the decisions, then import with --mapping)\n`);
      }
      const refusal = refusalOf(summary, values['skip-invalid'] === true, typeof values.report === 'string') ?? closedPeriodRefusal(summary, closedChoices);
      if (values['dry-run']) return refusal ? 1 : 0;
      if (refusal) {
        process.stderr.write(`nothing imported: ${refusal}\n`);
        return 1;
      }
      const result = await imports.commit(job.id, values['skip-invalid'] === true, values['no-remember'] !== true, closedChoices);
      const skipped =
        (result.skipped > 0 ? ` (${result.skipped} invalid rows skipped, listed ${typeof values.report === 'string' ? 'in the report' : 'above'})` : '') +
        (result.closedSkipped > 0 ? ` (${result.closedSkipped} rows dated in reported periods skipped)` : '');
      process.stdout.write(`imported ${result.imported} ${kind}${skipped}\n`);
      if (result.registered > 0) process.stdout.write(`registered ${result.registered} trainee${result.registered === 1 ? '' : 's'} with their records\n`);
      const added = summary.values.filter((v) => v.decision?.action === 'new').length;
      if (added > 0) process.stdout.write(`added ${added} county platform${added === 1 ? '' : 's'} to the directory\n`);
      return 0;
    } finally {
      stopProgress();
      await context.close();
    }
  },
};

function choicesFrom(
  kind: ImportKind,
  values: { set?: string[]; map?: string[]; 'add-platform'?: string[]; 'leave-empty'?: string[]; mapping?: string },
): ImportChoices {
  const base: ImportChoices = typeof values.mapping === 'string' ? readMappingFile(kind, path.resolve(values.mapping)) : { fill: {}, decisions: [] };
  for (const flag of values.set ?? []) {
    const [field, value] = parseSetFlag(kind, flag);
    base.fill[field] = value;
  }
  base.decisions.push(
    ...(values.map ?? []).map((flag) => parseMapFlag(kind, flag)),
    ...(values['add-platform'] ?? []).map((value) => ({ field: 'platform' as const, value: value.trim(), action: 'new' as const })),
    ...(values['leave-empty'] ?? []).map((flag) => parseEmptyFlag(kind, flag)),
  );
  return base;
}

/** One line per value group and per field left unknown: what the import will do with them, or what is still open. */
function decisionLines(summary: ImportDryRun): string[] {
  const lines = summary.values.map((group) => {
    const what = `${group.label} “${group.value}” · ${group.rows} rows: `;
    const d = group.decision;
    if (d) {
      const done = d.action === 'map' ? `-> ${d.targetName ?? d.target}` : d.action === 'new' ? 'added as a county platform' : 'left empty';
      return what + done + (d.remembered ? ' (remembered)' : '');
    }
    const hint = group.suggestions.length > 0 ? `; closest: ${group.suggestions.map((s) => s.name).join(' | ')}` : '';
    return `${what}undecided (use --map, ${group.allowed.includes('new') ? '--add-platform, ' : ''}${group.allowed.includes('empty') ? '--leave-empty, ' : ''}or --mapping${hint})`;
  });
  if (summary.unknownCounts.ruralHukou > 0) lines.push(`户籍 left 待补充 on ${summary.unknownCounts.ruralHukou} rows (the form asks for it when the record is opened)`);
  if (summary.unknownCounts.categories > 0) lines.push(`人员类别 left 待补充 on ${summary.unknownCounts.categories} rows`);
  return lines;
}

/** Records of trainees not registered here: what --register-missing does (or would do) with them. */
function unregisteredLine(summary: ImportDryRun): string | null {
  const u = summary.unregistered;
  if (!u) return null;
  const lacking = u.lacking > 0 ? `; ${u.lacking} rows lack a field a registration needs (listed above)` : '';
  const what = u.register
    ? `${u.registrable} rows register ${u.trainees} trainees with their records (--register-missing)`
    : `${u.registrable} rows carry what registering needs (${u.trainees} trainees): add --register-missing to register them with their records`;
  return `${u.rows} rows name trainees not registered here: ${what}${lacking}`;
}

/** Why nothing will be imported, said as what happened and what to do; null when the import can go on. */
function refusalOf(summary: ImportDryRun, skipInvalid: boolean, reportWritten: boolean): string | null {
  const { counts } = summary;
  if (summary.missingFields.length > 0) {
    return `the file has no column for ${summary.missingFields.join(', ')}; add the column, or give one value for every row with --set FIELD=VALUE`;
  }
  const undecided = summary.values.filter((v) => v.decision === null);
  const open = undecided.length > 0 ? `; ${undecided.length} values are undecided (listed above: decide them with --map/--add-platform/--leave-empty or --mapping)` : '';
  const where = reportWritten ? 'in the report' : 'above';
  if (counts.invalid > 0 && !skipInvalid) {
    return `${counts.invalid} of ${counts.rows} rows are invalid (listed ${where})${open}. Fix them, or add --skip-invalid to import the ${counts.new} valid rows only`;
  }
  if (counts.new === 0 && counts.invalid > 0) {
    return `--skip-invalid was given, but all ${counts.invalid} rows with new data are invalid (listed ${where})${open}`;
  }
  return null;
}
