import fs from 'node:fs';
import path from 'node:path';
import { isValidIsoDate } from '../../src-shared/domain/dates';
import { TABLE_FORMATS } from '../../src-shared/schemas/dispatch';
import { openAppContext } from '../core/app-context';
import { silentLogger } from '../../src-node/logger';
import type { TableFormat } from '../core/services/table-service';
import { CliError, parseCommandArgs, printHelp, requireString, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';

function isTableFormat(value: string): value is TableFormat {
  return (TABLE_FORMATS as readonly string[]).includes(value);
}

/** --format, or the extension of --out when --format is left out. */
function formatOf(command: Command, format: unknown, out: string): TableFormat {
  const wanted = typeof format === 'string' && format !== '' ? format : path.extname(out).slice(1).toLowerCase();
  if (!isTableFormat(wanted)) throw new CliError(`${command.name}: --format must be one of ${TABLE_FORMATS.join(', ')}, got "${wanted}"`);
  return wanted;
}

export const tableCommand: Command = {
  name: 'table',
  summary: 'Print the biweekly dispatch table (调度表) to PDF, .xlsx or HTML',
  usage: `
Usage: skills-desk table --data DIR --cutoff YYYY-MM-DD [--format pdf|xlsx|html] --out FILE

Writes the official table 线上培训行动实施情况双周调度表 of this county as of the cutoff date, with its
attached page (附页) naming the adopted ministry-recommended platforms.

When the cutoff is a period's cutoff date (截止日期), the table is that period's report: adjusted figures
where a clerk adjusted them, and the figures as submitted once the report went up. Any other date gives
the figures computed from the records as of that day, without adjustments, labelled with that date.

A PDF needs Microsoft Edge or Chromium: SKILLS_DESK_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser,
/usr/bin/google-chrome, or Edge's standard install folder on Windows.

Options:
  --data DIR        data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --cutoff DATE     figures as of this day, YYYY-MM-DD
  --format F        pdf, xlsx or html (default: from the extension of --out)
  --out FILE        where to write the file
  -h, --help        this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, {
      data: { type: 'string' },
      cutoff: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    if (values.help) return printHelp(this);
    const cutoffDate = requireString(this, values.cutoff, '--cutoff');
    if (!isValidIsoDate(cutoffDate)) throw new CliError(`${this.name}: --cutoff must be an existing date as YYYY-MM-DD, got "${cutoffDate}"`);
    const out = path.resolve(requireString(this, values.out, '--out'));
    const format = formatOf(this, values.format, out);
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    try {
      const file = await context.services.tables.export({ cutoffDate }, format);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, file.bytes);
      process.stdout.write(`Wrote ${out} (${format}, ${file.bytes.length} bytes)\n`);
      return 0;
    } finally {
      await context.close();
    }
  },
};
