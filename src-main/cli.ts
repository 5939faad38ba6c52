/**
 * `skills-desk`: the headless commands. Each command lives in src-main/cli/; this file dispatches,
 * prints one clear line on failure and sets the exit code.
 */
import { isAppError } from '../src-shared/errors';
import { CliError, type Command } from './cli/cli-kit';
import { demoCommand } from './cli/demo-command';
import { initCommand } from './cli/init-command';
import { startCommand } from './cli/start-command';
import { webCommand } from './cli/web-command';
import { describeError } from './core/logger';

const COMMANDS: readonly Command[] = [startCommand, initCommand, demoCommand, webCommand];

function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`);
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
    if (isAppError(error)) {
      process.stderr.write(`skills-desk ${command.name}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`skills-desk ${command.name}: unexpected failure ${JSON.stringify(describeError(error))}\n`);
    return 1;
  }
}
