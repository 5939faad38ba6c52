/**
 * Runs the provincial server for a sync benchmark in a process of its own (sync-bench-server-main.ts:
 * the `skills-desk server` command, with `--workers N`), as it is deployed: the benchmark's clients no
 * longer share the server's event loop. Reports the CPU time the server's processes used (from /proc),
 * and with BENCH_CPU_PROFILE=DIR each server process writes DIR/server-<label>/*.cpuprofile at exit.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ENTRY = path.join(__dirname, 'sync-bench-server-main.ts');
const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface BenchServerProcess {
  url: string;
  /** CPU seconds (user + system) used so far by the primary and every worker. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function cpuOf(pid: number, reapedChildren = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]); // utime, stime
    const children = reapedChildren ? Number(fields[13]) + Number(fields[14]) : 0; // cutime, cstime
    return (own + children) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

export async function startBenchServer(dbSpec: string, workers: number, label: string): Promise<BenchServerProcess> {
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir, `server-${label}`)}`] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...profile, ENTRY, '--db', dbSpec, '--port', '0', '--workers', String(workers)], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const workerPids = new Set<number>();
  const started = new Set<number | string>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    const line = JSON.parse(text) as { event?: string; workerPid?: number; worker?: number | string };
    if (line.event === 'cluster.worker.forked' && line.workerPid) workerPids.add(line.workerPid);
    if (line.event === 'server.started' && line.worker !== undefined) started.add(line.worker);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench server did not start: ${stderr}`)), 120_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /listening at (http:\/\/\S+:\d+)/.exec(stderr);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`bench server exited (${code}): ${stderr}`)));
  });
  // The primary answers once the first worker listens: wait for all of them, so none starts mid-run.
  for (let i = 0; workers > 1 && started.size < workers && i < 600; i++) await new Promise((r) => setTimeout(r, 100));
  const pids = () => [child.pid!, ...workerPids];
  return {
    url,
    cpuSeconds: () => pids().reduce((sum, pid) => sum + cpuOf(pid), 0),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * CPU seconds used so far by every process named `postgres` on the machine (the benchmark's cluster
 * when it is the only one): where the cores go besides the server. Backends that exited count too: the
 * postmaster has reaped them, so their time is in its children's time (a server process that closes its
 * pool takes its backends with it, before the figure is read).
 */
export function postgresCpuSeconds(): number {
  let sum = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres') sum += cpuOf(Number(entry), true);
    } catch {
      // the process ended meanwhile
    }
  }
  return sum;
}

/** The 1, 5 and 15 minute load averages, for the figures' context. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}
