/**
 * The measured half of the import benchmark, run in a process of its own so that its peak memory is the import's
 * (the parent's sheet generation and floor runs leave their heap and SQLite cache in the parent's RSS). Reads a
 * warm-up sheet and the measured sheet from argv, imports each into a fresh store (dry run, then commit) and prints
 * one JSON line of figures for the second.
 * The peak is the kernel's high-water mark of this process's resident set, not a sample (see `peakRssMb`).
 */
import { unlockAsLastOperator } from '../support/temp-app';
import fs from 'node:fs';
import { openAppContext } from '../../src-main/core/app-context';
import { silentLogger } from '../../src-node/logger';
import type { ValueDecision } from '../../src-shared/schemas/import';
import { tempDir, timed } from './bench-kit';
import { profiled } from './cpu-profile';
import { benchAtRest, usePlainCipher } from './plain-cipher';
import { applyDesktopHeapPolicy } from '../../src-main/core/heap-policy';

// As the CLI and the Electron main process run the import (heap-policy.ts): the measured peak is the app's.
applyDesktopHeapPolicy();

export interface ImportRunFigures {
  dryMs: number;
  commitMs: number;
  /** CPU time (user + system, every thread of the process) of the commit. */
  commitCpuMs: number;
  /** The JS thread's share of it (Linux; 0 elsewhere): building rows, sealing, indexing. The rest is SQLite's and GC's. */
  commitMainCpuMs: number;
  /** Bytes this process had written to storage during the commit (Linux's write_bytes), in MB; 0 elsewhere. */
  commitWrittenMb: number;
  counts: { new: number; invalid: number };
  imported: number;
  problems: string[];
  startRssMb: number;
  peakRssMb: number;
}

/**
 * `prior`: an earlier, small import into the same store with the decisions, which remembers them (and adds the new
 * platforms); the measured file then carries no decisions and is resolved by the remembered choices alone.
 */
/**
 * BENCH_MEMORY_TRACE=1: the highest rss, heap and external memory seen in each phase (sampled every 50 ms), printed
 * to stderr, to find what holds the peak.
 */
const trace = process.env.BENCH_MEMORY_TRACE === '1' ? memoryTrace() : undefined;

function memoryTrace() {
  const peaks = new Map<string, Record<string, number>>();
  let phase = 'start';
  const sample = () => {
    const usage = process.memoryUsage() as unknown as Record<string, number>;
    const peak = peaks.get(phase) ?? {};
    for (const [key, value] of Object.entries(usage)) peak[key] = Math.max(peak[key] ?? 0, Math.round(value / 1e6));
    peaks.set(phase, peak);
  };
  setInterval(sample, 50).unref();
  return {
    phase(name: string) {
      sample();
      phase = name;
      sample();
    },
    print() {
      sample();
      console.error(JSON.stringify(Object.fromEntries(peaks)));
    },
  };
}

async function importFile(file: string, decisions?: ValueDecision[], prior?: string, measured = false) {
  trace?.phase(`open ${file.slice(-12)}`);
  const dir = tempDir('import');
  const context = await openAppContext({ dataDir: dir, mode: 'web', logger: silentLogger });
  if (benchAtRest() === 'plain') usePlainCipher(context.db);
  await context.services.settings.init({ countyCode: '230102', operatorName: '基准' });
  await unlockAsLastOperator(context);
  if (prior) {
    const earlier = await context.services.imports.dryRun({ fileId: context.services.files.adopt(prior).fileId, kind: 'trainees', decisions });
    await context.services.imports.commit(earlier.job.id, true);
    decisions = undefined;
  }
  const startRssMb = Math.round(process.memoryUsage().rss / 1e6);
  const stored = context.services.files.adopt(file);
  trace?.phase(`dry run ${file.slice(-12)}`);
  const dry = await timed(() => context.services.imports.dryRun({ fileId: stored.fileId, kind: 'trainees', decisions }));
  trace?.phase(`commit ${file.slice(-12)}`);
  // BENCH_CPU_PROFILE=DIR: the measured commit's profile, DIR/commit-<sealed|plain>.cpuprofile (cpu-profile.ts).
  const commitWork = () => context.services.imports.commit(dry.value.job.id, true);
  // CPU time of the whole process (the JS thread and SQLite's), beside the wall time: less moved by a busy host.
  const cpuBefore = process.cpuUsage();
  const mainBefore = mainThreadCpuMs();
  const writtenBefore = bytesWritten();
  const commit = await timed(() => (measured ? profiled(`commit-${benchAtRest()}`, commitWork) : commitWork()));
  const cpu = process.cpuUsage(cpuBefore);
  const commitCpuMs = (cpu.user + cpu.system) / 1000;
  const commitWrittenMb = Math.round((bytesWritten() - writtenBefore) / 1e6);
  const commitMainCpuMs = mainThreadCpuMs() - mainBefore;
  trace?.phase(`close ${file.slice(-12)}`);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { dry, commit, commitCpuMs, commitMainCpuMs, commitWrittenMb, startRssMb };
}

/** CPU time of this process's main (JS) thread so far, in ms: utime + stime of /proc/self/task/<pid>/stat. */
function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is field 14 and stime 15, in ticks of 10 ms (USER_HZ).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** What this process has written to storage so far (write_bytes of /proc/self/io): the store and its WAL. */
function bytesWritten(): number {
  try {
    const line = /^write_bytes:\s+(\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'));
    return line ? Number(line[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * The highest resident set of this process. On Linux, VmHWM of /proc/self/status: the high-water mark of this
 * program's own memory. Not getrusage's maxRSS, which Linux carries over from the parent at fork and across exec: a
 * child spawned by a bench that has just written a large sheet (SheetJS's .xls writer took the parent to 7.5 GB)
 * reports the parent's size. Elsewhere maxRSS, the best there is.
 */
function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round((Number(hwm[1]) * 1024) / 1e6);
  } catch {
    // Not Linux.
  }
  // maxRSS is in kilobytes.
  return Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);
}

/** A small sheet first, into a store of its own: the measured run meets compiled code, as the floor does. */
async function main(warmUpFile: string, file: string, decisionsFile?: string, priorFile?: string): Promise<void> {
  // The value-mapping variant's decisions, one per distinct value (issue #14).
  const decisions = decisionsFile ? (JSON.parse(fs.readFileSync(decisionsFile, 'utf8')) as ValueDecision[]) : undefined;
  await importFile(warmUpFile, decisions, priorFile);
  const { dry, commit, commitCpuMs, commitMainCpuMs, commitWrittenMb, startRssMb } = await importFile(file, decisions, priorFile, true);
  const figures: ImportRunFigures = {
    dryMs: dry.ms,
    commitMs: commit.ms,
    commitCpuMs,
    commitMainCpuMs,
    commitWrittenMb,
    counts: { new: dry.value.summary.counts.new, invalid: dry.value.summary.counts.invalid },
    imported: commit.value.imported,
    problems: dry.value.summary.problems.slice(0, 5).map((p) => `row ${p.row}, ${p.column}: ${p.reason.slice(0, 40)}`),
    startRssMb,
    peakRssMb: peakRssMb(),
  };
  trace?.print();
  console.log(JSON.stringify(figures));
}

main(process.argv[2]!, process.argv[3]!, process.argv[4], process.argv[5]).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
