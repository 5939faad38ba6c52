/**
 * How far V8 lets the desktop's heap grow past what it kept alive at its last full collection (issue #14: a
 * 100,000-row import under 500 MB). By default V8 may grow the old generation up to 4x between full collections
 * on a machine with memory to spare: the import's live heap stays near 130 MB, but the chunks it builds and hands
 * to sqlite3 survive a scavenge or two (they wait in sqlite3's queue) and pile up as old garbage, which took the
 * process to 640 MB. A fixed 25% growth collects that garbage as it piles up. Measured in the same run at
 * 100,000 rows (docs/benchmarks.md): peak RSS 640-644 MB by default, 377-386 MB with 25%; the commit took
 * 10.9-11.0 s against 11.2-11.5 s (about 3%).
 *
 * Applied first thing by every desktop process (the CLI and browser mode, the Electron main process, the import
 * benchmark's runner). The provincial server keeps V8's default: it is sized for its own load.
 */
import v8 from 'node:v8';

export const DESKTOP_HEAP_GROWING_PERCENT = 25;

export function applyDesktopHeapPolicy(): void {
  // Read by V8 whenever it sets the next collection's limit, so setting it after start takes effect at once.
  v8.setFlagsFromString(`--heap-growing-percent=${DESKTOP_HEAP_GROWING_PERCENT}`);
}
