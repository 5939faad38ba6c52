/**
 * Progress of a long import on stderr, for a script's log and for whoever watches the terminal:
 * one line when reading and writing start, then about every tenth of the rows. Stdout keeps the
 * problem lines and the result, which scripts parse.
 */
import type { AppEventListener } from '../../src-shared/events';

const STEPS = 10;

export function importProgressPrinter(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): AppEventListener {
  let phase: string | null = null;
  let nextStep = 0;
  return (event) => {
    if (event.type !== 'import.progress') return;
    const { phase: current, done, total } = event.payload;
    if (current !== phase) {
      phase = current;
      nextStep = 1;
      write(current === 'read' ? 'reading rows...' : `writing ${total} rows...`);
      return;
    }
    if (total <= 0 || done < (nextStep * total) / STEPS) return;
    nextStep = Math.floor((done * STEPS) / total) + 1;
    write(`${current === 'read' ? 'read' : 'written'} ${done}/${total}`);
  };
}
