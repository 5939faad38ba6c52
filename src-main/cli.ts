/**
 * `skills-desk`: the headless commands. Each command lives in src-main/cli/; this file dispatches,
 * prints one clear line on failure and sets the exit code.
 */
import { isAppError } from '../src-shared/errors';
import { backupCommand, restoreCommand } from './cli/backup-command';
import { CliError, type Command } from './cli/cli-kit';
import { demoCommand } from './cli/demo-command';
import { enrolCommand } from './cli/enrol-command';
import { exportCommand } from './cli/export-command';
import { exportUnsentCommand } from './cli/export-unsent-command';
import { importCommand } from './cli/import-command';
import { initCommand } from './cli/init-command';
import { serverAdminCommand } from './cli/server-admin-command';
import { serverCommand } from './cli/server-command';
import { startCommand } from './cli/start-command';
import { syncCommand } from './cli/sync-command';
import { tableCommand } from './cli/table-command';
import { webCommand } from './cli/web-command';
import { MigrationFailedError } from './core/db/migrate';
import { describeError } from './core/logger';

const COMMANDS: readonly Command[] = [startCommand, initCommand, demoCommand, webCommand, tableCommand, syncCommand, exportUnsentCommand, enrolCommand, serverCommand, serverAdminCommand, importCommand, exportCommand, backupCommand, restoreCommand];

function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`);
  return `Usage: skills-desk <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun skills-desk <command> --help for the options of a command.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`skills-desk: unknown command "${name}". Run skills-desk --help for the list.\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`skills-desk ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof MigrationFailedError) {
      process.stderr.write(`skills-desk ${command.name}: ${error.message}. ${error.clerkMessage}\n`);
      return 1;
    }
    if (isAppError(error)) {
      process.stderr.write(`skills-desk ${command.name}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`skills-desk ${command.name}: unexpected failure ${JSON.stringify(describeError(error))}\n`);
    return 1;
  }
}
