import { DEFAULT_SERVER_DB } from '../../src-server/db';
import { startServer } from '../../src-server/server';
import { appVersion } from '../core/app-version';
import { parseCommandArgs, positiveInt, printHelp, type Command } from './cli-kit';

/** `--db`, else DATABASE_URL, else a SQLite file in the current folder. */
export function serverDbSpec(value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return process.env.DATABASE_URL || DEFAULT_SERVER_DB;
}

export const serverCommand: Command = {
  name: 'server',
  summary: 'Run the provincial sync server',
  usage: `
Usage: skills-desk server [--db FILE | --db postgres://...] [--port N] [--host H]

Runs the provincial server that county PCs sync with. The store is a SQLite file by default, or
PostgreSQL when given a postgres:// URL (DATABASE_URL is used when --db is absent). Migrations run at
start. Logs are JSON lines on stdout, without personal data.

Options:
  --db SPEC     SQLite file or postgres:// URL (default: DATABASE_URL, else ./skills-desk-server.sqlite)
  --port N      port (default 8470)
  --host H      address to bind (default 127.0.0.1; put TLS in front before exposing it)
  -h, --help    this help`,
  async run(argv) {
    const { values } = parseCommandArgs(this, argv, { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } });
    if (values.help) return printHelp(this);
    const server = await startServer({
      dbSpec: serverDbSpec(values.db),
      port: positiveInt(this, values.port, '--port', 8470),
      host: typeof values.host === 'string' && values.host !== '' ? values.host : '127.0.0.1',
      version: appVersion(),
    });
    process.stderr.write(`Provincial server listening at ${server.url}. Press Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  },
};
