/**
 * Hybrid logical clock stamps (Kulkarni et al.): wall-clock milliseconds, a counter and the node id,
 * formatted so that plain string comparison orders them. Sync uses them for a deterministic
 * last-writer-wins per field that does not trust PC clocks blindly.
 */
export interface HlcState {
  wallMs: number;
  counter: number;
}

const WALL_WIDTH = 15;
const COUNTER_WIDTH = 5;

export function formatHlc(state: HlcState, nodeId: string): string {
  return `${String(state.wallMs).padStart(WALL_WIDTH, '0')}:${String(state.counter).padStart(COUNTER_WIDTH, '0')}:${nodeId}`;
}

export function parseHlc(stamp: string): HlcState & { nodeId: string } {
  const [wall, counter, ...node] = stamp.split(':');
  const wallMs = Number(wall);
  const count = Number(counter);
  if (!Number.isSafeInteger(wallMs) || !Number.isSafeInteger(count) || node.length === 0) {
    throw new Error(`Malformed HLC stamp: ${stamp}`);
  }
  return { wallMs, counter: count, nodeId: node.join(':') };
}

/** A clock for one node; `now` is injectable for tests. */
export class HybridLogicalClock {
  private state: HlcState = { wallMs: 0, counter: 0 };

  constructor(
    readonly nodeId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new stamp for a local event: strictly greater than every stamp this clock issued or received. */
  tick(): string {
    const wall = this.now();
    if (wall > this.state.wallMs) this.state = { wallMs: wall, counter: 0 };
    else this.state = { wallMs: this.state.wallMs, counter: this.state.counter + 1 };
    return formatHlc(this.state, this.nodeId);
  }

  /** Merge a stamp seen from elsewhere so that later local stamps order after it. */
  receive(stamp: string): void {
    const remote = parseHlc(stamp);
    const wall = this.now();
    const maxWall = Math.max(wall, this.state.wallMs, remote.wallMs);
    let counter = 0;
    if (maxWall === this.state.wallMs && maxWall === remote.wallMs) counter = Math.max(this.state.counter, remote.counter) + 1;
    else if (maxWall === this.state.wallMs) counter = this.state.counter + 1;
    else if (maxWall === remote.wallMs) counter = remote.counter + 1;
    this.state = { wallMs: maxWall, counter };
  }
}
