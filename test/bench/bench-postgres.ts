/**
 * A PostgreSQL for the benchmark: TEST_DATABASE_URL when set, otherwise a throw-away cluster started as
 * TOOLCHAIN.md shows (as root, on 127.0.0.1:55434, in a temp dir) and stopped afterwards. Returns null
 * with the reason when neither is possible, so the caller prints a clear "skipped" line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const PORT = 55434;

export interface BenchPostgres {
  url: string;
  stop(): Promise<void>;
}

function asPostgres(args: string[]): string[] {
  return ['--reuid=postgres', '--regid=postgres', '--init-groups', ...args];
}

async function reachable(url: string): Promise<boolean> {
  // Refused is the expected answer when nothing listens: keep knex from printing it as an error.
  const quiet = { warn() {}, error() {}, deprecate() {}, debug() {} };
  const probe = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 }, acquireConnectionTimeout: 2000, log: quiet });
  try {
    await probe.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await probe.destroy();
  }
}

export async function benchPostgres(): Promise<BenchPostgres | { skipped: string }> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => undefined };
  if (process.getuid?.() !== 0) return { skipped: 'not root, cannot start a PostgreSQL (set TEST_DATABASE_URL)' };
  if (!fs.existsSync(path.join(PG_BIN, 'postgres'))) return { skipped: `no PostgreSQL binaries in ${PG_BIN}` };
  const url = `postgres://postgres@127.0.0.1:${PORT}/postgres`;
  if (await reachable(url)) return { skipped: `port ${PORT} is already taken by another PostgreSQL (set TEST_DATABASE_URL to use it)` };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-bench-pg-'));
  fs.chmodSync(dir, 0o755); // the postgres user must traverse it
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'sock');
  for (const d of [data, socket]) fs.mkdirSync(d);
  spawnSync('chown', ['postgres:postgres', data, socket]);
  const init = spawnSync('setpriv', asPostgres([`${PG_BIN}/initdb`, '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']), { encoding: 'utf8' });
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { skipped: `initdb failed: ${init.stderr.split('\n')[0] ?? ''}` };
  }
  const server: ChildProcess = spawn('setpriv', asPostgres([`${PG_BIN}/postgres`, '-D', data, '-c', 'listen_addresses=127.0.0.1', '-p', String(PORT), '-k', socket]), { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    server.kill('SIGINT'); // fast shutdown
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // Bounded wait for start-up: pg_isready answers as soon as connections are accepted.
  for (let i = 0; i < 300; i++) {
    if (spawnSync(`${PG_BIN}/pg_isready`, ['-h', '127.0.0.1', '-p', String(PORT), '-q']).status === 0) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  return { skipped: 'PostgreSQL did not start within 30 s' };
}
