/** Shared pieces of both command lines (desktop and server): argument parsing with clear one-line errors, help. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isAppError } from '../src-shared/errors';
import { describeError } from './logger';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(command: Command, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`${command.name}: ${reason}. See: skills-desk ${command.name} --help`);
  }
}

export function requireString(command: Command, value: unknown, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`${command.name}: ${flag} is required. See: skills-desk ${command.name} --help`);
  return value.trim();
}

export function positiveInt(command: Command, value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new CliError(`${command.name}: ${flag} must be a whole number, got "${String(value)}"`);
  return n;
}

export function printHelp(command: Command): number {
  process.stdout.write(`${command.usage.trim()}\n`);
  return 0;
}

/** The tool's help: every command with its one-line summary (bin/skills-desk.js lists both apps' commands). */
export function formatUsage(commands: readonly Pick<Command, 'name' | 'summary'>[]): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`);
  return `Usage: skills-desk <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun skills-desk <command> --help for the options of a command.\n`;
}

/**
 * One entry's dispatch: finds the command, runs it, prints one clear line on failure and returns the
 * exit code. `explain` turns an entry's own error types into that line (null: not one of them).
 */
export async function runCli(argv: string[], commands: readonly Command[], explain: (error: unknown, command: Command) => string | null = () => null): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(formatUsage(commands));
    return 0;
  }
  const command = commands.find((c) => c.name === name);
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
    const explained = explain(error, command);
    if (explained !== null) {
      process.stderr.write(`skills-desk ${command.name}: ${explained}\n`);
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
