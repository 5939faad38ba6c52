/** The one place core code reads the wall clock, so tests and benchmarks can reason about time. */
let lastMs = Number.NaN;
let lastIso = '';

export function nowIso(): string {
  // Bulk writes stamp thousands of rows within one millisecond: format each millisecond once.
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
