import path from 'node:path';
import { inspectBackup, stageRestore, writeBackup } from '../core/backup/backup-file';
import { openAppContext } from '../core/app-context';
import { silentLogger } from '../../src-node/logger';
import { CliError, parseCommandArgs, printHelp, requireString, type Command } from '../../src-node/cli-kit';
import { dataDirFrom } from './data-dir-arg';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the local store to a backup file',
  usage: `
Usage: skills-desk backup --data DIR --out FILE

Writes a consistent copy of the store (safe while the app runs) to FILE, which must not exist.

Options:
  --data DIR    data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  --out FILE    the backup file to write
  -h, --help    this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, { data: { type: 'string' }, out: { type: 'string' } });
    if (values.help) return printHelp(this);
    const out = path.resolve(requireString(this, values.out, '--out'));
    const context = await openAppContext({ dataDir: dataDirFrom(values.data), mode: 'web', logger: silentLogger });
    try {
      const written = await writeBackup(context.db, out);
      process.stdout.write(`Backup written to ${written.file} (${written.bytes} bytes)\n`);
      return 0;
    } finally {
      await context.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore the local store from a backup file (applied at the next start)',
  usage: `
Usage: skills-desk restore FILE [--data DIR]

Checks that FILE is a Skills Desk store of this county and of a version this program can read,
then stages it: the next start of the app (window, browser mode or any command) puts it in place
and keeps the replaced store in DIR/backups/.

Options:
  --data DIR    data folder (default: SKILLS_DESK_DATA or the per-user app-data folder)
  -h, --help    this help`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(this, argv, { data: { type: 'string' } });
    if (values.help) return printHelp(this);
    const file = positionals[0];
    if (!file) throw new CliError('restore: the backup FILE is required. See: skills-desk restore --help');
    const dataDir = dataDirFrom(values.data);
    const context = await openAppContext({ dataDir, mode: 'web', logger: silentLogger });
    let county: string | null;
    try {
      county = (await context.services.settings.get()).county?.code ?? null;
    } finally {
      await context.close();
    }
    const summary = await inspectBackup(path.resolve(file), county);
    await stageRestore(dataDir, path.resolve(file), county);
    process.stdout.write(`Restore staged: ${summary.trainees} trainees of county ${summary.countyCode ?? '(not set)'}; it is applied at the next start.\n`);
    return 0;
  },
};
