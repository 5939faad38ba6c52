/** Small helpers shared by the benchmark scripts: timing, percentiles, figures printed as a table. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `skills-desk-bench-${label}-`));
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function report(title: string, rows: Array<Record<string, string | number>>): void {
  console.log(`\n## ${title}`);
  console.table(rows);
}

/** Benchmarks run at full size by default; BENCH_SCALE=0.1 shrinks them for a quick look. */
export function scaled(n: number): number {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  return Math.max(1000, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
