/**
 * `skills-desk server --workers N`: the real CLI (built dist/) as a child process. On PostgreSQL two
 * workers share the port, a PC syncs through them, a worker killed hard is forked again and the
 * server keeps answering, and SIGTERM stops every process. On SQLite more than one worker is refused
 * with a message that says why.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServerDb, type TestServerDb } from '../support/server-db';
import { count, enrolledPc, registerTrainees, sync } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';
import { REPO_ROOT } from '../support/web-host-process';

const CLI = path.join(REPO_ROOT, 'bin', 'skills-desk.js');
const WAIT_MS = 60_000;

interface LogLine {
  event?: string;
  worker?: number | string;
  slot?: number;
  workerPid?: number;
}

interface ClusterProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  lines: LogLine[];
  /** Resolves with the first log line (seen or future) that matches. */
  waitFor(match: (line: LogLine) => boolean): Promise<LogLine>;
  exited: Promise<number | null>;
}

async function startCluster(spec: string, workers: string): Promise<ClusterProcess> {
  const child = spawn(process.execPath, [CLI, 'server', '--db', spec, '--port', '0', '--workers', workers], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const waiters: Array<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }> = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.match(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stderr: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address in time: ${stderr.join('')}`)), WAIT_MS);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      const found = /listening at (http:\/\/\S+) with/.exec(stderr.join(''));
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`server exited (${code}): ${stderr.join('')}`)));
  });
  const waitFor = (match: (line: LogLine) => boolean) => {
    const seen = lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('log line not seen in time')), WAIT_MS);
      waiters.push({ match, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  };
  return { child, url, lines, waitFor, exited };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function health(url: string): Promise<unknown> {
  // A new connection each time, so the primary hands them to both workers.
  const response = await fetch(`${url}/api/v1/health`, { headers: { connection: 'close' } });
  expect(response.status).toBe(200);
  return response.json();
}

const PG = process.env.TEST_DATABASE_URL;

describe.skipIf(!PG)('server --workers 2 [postgres]', () => {
  let store: TestServerDb;
  let server: ClusterProcess;
  const pcs: TempApp[] = [];

  beforeAll(async () => {
    // Not migrated: the primary must migrate once before forking.
    store = await createTestServerDb('postgres', { migrate: false });
    server = await startCluster(store.spec, '2');
  }, WAIT_MS * 2);
  afterAll(async () => {
    for (const pc of pcs) await pc.dispose();
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    await store.dispose();
  });

  it('serves from two workers, restarts a killed one, and stops every process on SIGTERM', async () => {
    const forked = await Promise.all([1, 2].map((slot) => server.waitFor((l) => l.event === 'cluster.worker.forked' && l.slot === slot)));
    await Promise.all([1, 2].map((slot) => server.waitFor((l) => l.event === 'server.started' && l.worker === slot)));
    for (let i = 0; i < 4; i++) expect(await health(server.url)).toMatchObject({ ok: true, data: { status: 'up' } });
    // Both workers answered (each request line names its worker).
    await expect.poll(() => new Set(server.lines.filter((l) => l.event === 'http').map((l) => l.worker)).size).toBe(2);

    const pc = await enrolledPc(store.db, server.url, '230102');
    pcs.push(pc);
    await registerTrainees(pc, 30);
    const first = await sync(pc);
    expect(first.outcome, first.message).toBe('done');
    expect(first.pushed).toMatchObject({ applied: 60, rejected: 0 });

    const victim = forked[0]!.workerPid!;
    process.kill(victim, 'SIGKILL');
    await server.waitFor((l) => l.event === 'cluster.worker.exited' && l.workerPid === victim);
    const replacement = await server.waitFor((l) => l.event === 'cluster.worker.forked' && l.slot === 1 && l.workerPid !== victim);
    await server.waitFor((l) => l.event === 'server.started' && l.worker === 1 && server.lines.indexOf(l) > server.lines.indexOf(replacement));
    for (let i = 0; i < 4; i++) expect(await health(server.url)).toMatchObject({ ok: true });

    await registerTrainees(pc, 10, { offset: 30 });
    const second = await sync(pc);
    expect(second.outcome, second.message).toBe('done');
    expect(second.pushed).toMatchObject({ applied: 20, rejected: 0 });
    expect(await count(store.db, 'trainees', { county_code: '230102' })).toBe(40);
    expect(await count(store.db, 'op_log', { county_code: '230102' })).toBe(80);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const workerPids = server.lines.filter((l) => l.event === 'cluster.worker.forked').map((l) => l.workerPid!);
    expect(workerPids.filter(alive)).toEqual([]);
  }, WAIT_MS * 3);
});

describe('server --workers on SQLite', () => {
  it('refuses more than one worker and says why', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-cluster-'));
    try {
      const result = spawnSync(process.execPath, [CLI, 'server', '--db', path.join(dir, 'server.sqlite'), '--port', '0', '--workers', '2'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: WAIT_MS });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('--workers above 1 needs PostgreSQL');
      expect(fs.existsSync(path.join(dir, 'server.sqlite'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
