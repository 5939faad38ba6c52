/**
 * A real provincial server process (`skills-desk server` on a fresh SQLite file) with staff accounts
 * added by `server-admin user add`, and county PCs that register trainees (`skills-desk demo`), enrol
 * with a one-time code from `server-admin enrol-code`, submit their dispatch report and sync through
 * the desktop's own services. Nothing is written into the server's store except through those paths.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { unlockAsLastOperator } from '../support/temp-app';
import { silentLogger } from '../../src-node/logger';
import { enrolDevice } from '../../src-main/core/sync/enrol';
import { runSync } from '../../src-main/core/sync/sync-engine';
import { callProcedure } from '../support/call-procedure';
import { createDemoData, REPO_ROOT } from '../support/web-host-process';

const CLI = path.join(REPO_ROOT, 'bin', 'skills-desk.js');
const LISTENING = /Provincial server listening at (http:\/\/\S+?)\.? Press/;
/** Meets the complexity rules for every test account (it must not contain a user name: not 'harbin'). */
export const STAFF_TEST_PASSWORD = 'Longjiang-staff-2020';

export interface StaffServer {
  url: string;
  dir: string;
  dbFile: string;
  stop(): Promise<void>;
}

/** Runs a CLI command and answers its stdout; throws with its output on failure. */
export function cli(args: string[], input?: string): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000, input });
  if (result.status !== 0) throw new Error(`skills-desk ${args.slice(0, 2).join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export async function startStaffServer(): Promise<StaffServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-staff-e2e-'));
  const dbFile = path.join(dir, 'server.sqlite');
  const child = spawn(process.execPath, [CLI, 'server', '--db', dbFile, '--port', '0'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  // The JSON log lines on stdout must be read or the pipe fills; they are kept for a failure's message.
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stderr });
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 30_000);
    lines.on('line', (line) => {
      const match = LISTENING.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      } else output.push(line);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.join('')}`)));
  });
  return { url, dir, dbFile, stop: () => stopProcess(child, dir) };
}

async function stopProcess(child: ChildProcessWithoutNullStreams, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** `server-admin user add`, the password given on stdin as an administrator would type it. */
export function addStaffUser(server: StaffServer, name: string, role: 'province' | 'city', city?: string): void {
  cli(['server-admin', 'user', 'add', '--db', server.dbFile, '--name', name, '--role', role, ...(city ? ['--city', city] : [])], `${STAFF_TEST_PASSWORD}\n`);
}

export interface CountyPc {
  county: string;
  context: AppContext;
  /** The period the test reports on: the last whose cutoff has passed (what the staff UI opens on). */
  periodId: string;
  cutoffDate: string;
  close(): Promise<void>;
}

/** A county PC with `trainees` demo trainees, enrolled with the server. */
export async function countyPc(server: StaffServer, county: string, trainees: number): Promise<CountyPc> {
  const dataDir = path.join(server.dir, `pc-${county}`);
  createDemoData(dataDir, trainees, county);
  const code = cli(['server-admin', 'enrol-code', '--db', server.dbFile, '--county', county]).trim();
  const context = await openAppContext({ dataDir, mode: 'web', logger: silentLogger });
  await unlockAsLastOperator(context);
  await enrolDevice(context.db, { serverUrl: server.url, code, label: `测试机 ${county}` });
  const today = new Date().toISOString().slice(0, 10);
  const period = (await context.services.reference.periods()).filter((p) => p.cutoffDate <= today).at(-1)!;
  return { county, context, periodId: period.id, cutoffDate: period.cutoffDate, close: () => context.close() };
}

export function invoke<T>(pc: CountyPc, procedure: string, input: unknown): Promise<T> {
  return callProcedure<T>(pc.context, procedure, input);
}

/** Submits the period's report as the clerk would (强制上报 with a reason where a check fails) and syncs. */
export async function submitAndSync(pc: CountyPc): Promise<void> {
  await invoke(pc, 'dispatch.submit', { periodId: pc.periodId, forceReason: '演示数据，按记录上报' });
  await syncPc(pc);
}

export async function syncPc(pc: CountyPc): Promise<void> {
  const report = await runSync(pc.context.db, { timeoutMs: 20_000 });
  if (report.outcome !== 'done') throw new Error(`sync of ${pc.county}: ${report.outcome} ${report.message ?? ""}`);
}
