/** Shared pieces of the command line: argument parsing with clear one-line errors, and the data folder. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import { defaultDataDir } from '../core/data-dir';

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

export function dataDirFrom(value: unknown): string {
  return typeof value === 'string' && value !== '' ? path.resolve(value) : defaultDataDir();
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
