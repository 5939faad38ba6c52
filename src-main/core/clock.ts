/** The one place core code reads the wall clock, so tests and benchmarks can reason about time. */
export function nowIso(): string {
  return new Date().toISOString();
}
