/**
 * Runs the real `skills-desk` CLI as a child process: `web` on a data folder (for Playwright and
 * the UI benchmark), and the one-shot commands (`init`, `demo`) that prepare such a folder.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'bin', 'skills-desk.js');
const STARTUP_TIMEOUT_MS = 30_000;
const ADDRESS_LINE = /^Skills Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\s*$/;

export interface WebHostProcess {
  /** The address the host printed, with the token. */
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** Runs a one-shot CLI command and throws with its output if it fails; answers what it printed (init: the recovery code). */
export function runCli(args: string[], timeoutMs = STARTUP_TIMEOUT_MS): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: timeoutMs });
  if (result.status !== 0) {
    throw new Error(`skills-desk ${args[0]} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Fills a data folder with demo data (county, operator, platforms, `trainees` trainees with their records). */
export function createDemoData(dataDir: string, trainees: number, county = '230102'): void {
  // About 40 s per 100,000 trainees on two cores; allow for a busy machine.
  runCli(['demo', '--data', dataDir, '--county', county, '--trainees', String(trainees)], 60_000 + trainees * 5);
}

/** Starts `skills-desk web` on an existing data folder, on a free port, and waits for its address. */
export async function startWebHost(dataDir: string): Promise<WebHostProcess> {
  const token = randomBytes(18).toString('hex');
  const child = spawn(process.execPath, [CLI, 'web', '--data', dataDir, '--port', '0', '--token', token], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  try {
    const url = await addressOf(child, stderr);
    return { url, token, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

/** Resolves with the URL from the host's first stdout line; fails fast if the host exits or stalls. */
function addressOf(child: ChildProcessWithoutNullStreams, stderr: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail('did not print its address in time'), STARTUP_TIMEOUT_MS);
    function fail(why: string): void {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`skills-desk web ${why}.\nstderr:\n${stderr.join('')}`));
    }
    lines.once('line', (line) => {
      const match = ADDRESS_LINE.exec(line);
      if (!match) return fail(`printed an unexpected first line: ${line}`);
      clearTimeout(timer);
      resolve(match[1]!);
    });
    child.once('exit', (code) => fail(`exited early with code ${code}`));
  });
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}
