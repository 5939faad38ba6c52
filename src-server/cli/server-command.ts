import os from 'node:os';
import { DEFAULT_SERVER_DB, isPostgresSpec, openServerDatabase } from '../db';
import { migrateAndSeal } from '../secrets/seal-stored-data';
import { announceListening, startCluster, workerSlot } from '../cluster';
import { startServer } from '../server';
import { keyFolderFor, ProvinceKeyring } from '../keys/province-keyring';
import { loadServerKeyring, secretsDirFor } from '../secrets/server-keys';
import { appVersion } from '../../src-node/app-version';
import { CliError, parseCommandArgs, positiveInt, printHelp, type Command } from '../../src-node/cli-kit';

/** `--db`, else DATABASE_URL, else a SQLite file in the current folder. */
export function serverDbSpec(value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return process.env.DATABASE_URL || DEFAULT_SERVER_DB;
}

export const SQLITE_ONE_WORKER =
  'server: --workers above 1 needs PostgreSQL. A SQLite file takes one writer at a time, so more processes would only queue for it (and the one connection is what keeps a batch and its idempotency check in order); run one worker on SQLite, or move the store to PostgreSQL.';

/** `--workers N|auto` (default 1); `auto` is one per core, and 1 on SQLite. */
export function workerCount(command: Command, value: unknown, dbSpec: string): number {
  const postgres = isPostgresSpec(dbSpec);
  if (value === 'auto') return postgres ? os.availableParallelism() : 1;
  const n = positiveInt(command, value, '--workers', 1);
  if (n < 1) throw new CliError(`${command.name}: --workers must be 1 or more, or auto`);
  if (n > 1 && !postgres) throw new CliError(SQLITE_ONE_WORKER);
  return n;
}

function primaryLog(entry: Record<string, unknown>): void {
  // The same JSON-line shape as the workers' pino lines (level 30 = info).
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, worker: 'primary', ...entry })}\n`);
}

function stopSignal(extra?: (resolve: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    extra?.(resolve);
  });
}

export const serverCommand: Command = {
  name: 'server',
  summary: 'Run the provincial sync server',
  usage: `
Usage: skills-desk server [--db FILE | --db postgres://...] [--port N] [--host H] [--workers N|auto]

Runs the provincial server that county PCs sync with. The store is a SQLite file by default, or
PostgreSQL when given a postgres:// URL (DATABASE_URL is used when --db is absent). Migrations run at
start. Logs are JSON lines on stdout, without personal data; each line names its worker.

Options:
  --db SPEC       SQLite file or postgres:// URL (default: DATABASE_URL, else ./skills-desk-server.sqlite)
  --port N        port (default 8470)
  --host H        address to bind (default 127.0.0.1; put TLS in front before exposing it)
  --workers N     server processes sharing the port (default 1; auto = one per core). Above 1 needs
                  PostgreSQL; a worker that dies is restarted
  -h, --help      this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' } });
    if (values.help) return printHelp(this);
    const dbSpec = serverDbSpec(values.db);
    const listen = {
      dbSpec,
      port: positiveInt(this, values.port, '--port', 8470),
      host: typeof values.host === 'string' && values.host !== '' ? values.host : '127.0.0.1',
      version: appVersion(),
    };
    const slot = workerSlot();
    if (slot !== null) return runWorker(listen, slot);
    const workers = workerCount(this, values.workers, dbSpec);
    if (workers === 1) {
      const server = await startServer(listen);
      process.stderr.write(`Provincial server listening at ${server.url}. Press Ctrl+C to stop.\n`);
      await stopSignal();
      await server.close();
      return 0;
    }
    // Created here if new, so the workers all read one finished key file.
    const keyring = loadServerKeyring(secretsDirFor(dbSpec));
    // Once, before any worker starts: workers migrating at once would race on the migration lock.
    const db = openServerDatabase(dbSpec);
    try {
      await migrateAndSeal(db, keyring);
    } finally {
      await db.destroy();
    }
    // Likewise the province's first key for carried files: workers only read the key folder.
    ProvinceKeyring.open(keyFolderFor(dbSpec), { create: true });
    const running = startCluster({ workers, log: primaryLog });
    let url: string;
    try {
      url = await running.url;
    } catch (error) {
      await running.stop();
      throw new CliError(`server: ${error instanceof Error ? error.message : String(error)}`, 1);
    }
    process.stderr.write(`Provincial server listening at ${url} with ${workers} workers. Press Ctrl+C to stop.\n`);
    await stopSignal();
    await running.stop();
    return 0;
  },
};

/** One cluster worker: the same server, without migrating, until told to stop or orphaned. */
async function runWorker(listen: Parameters<typeof startServer>[0], slot: number): Promise<number> {
  const server = await startServer({ ...listen, migrate: false, logger: { level: 'info', base: { pid: process.pid, worker: slot } } });
  announceListening(server.url);
  // 'disconnect': the primary is gone (killed hard); a worker must not outlive it.
  await stopSignal((resolve) => process.once('disconnect', resolve));
  await server.close();
  if (process.connected) process.disconnect();
  return 0;
}
