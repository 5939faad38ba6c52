/**
 * Who is at the keyboard right now: the operator who logged in with their PIN, until they lock the screen or
 * stay idle too long. Held in memory only, so every start of the app begins locked. One per PC (the Electron
 * window and the browser host serve one person at one keyboard).
 */
import type { Actor } from '../change-set';
import { DEFAULT_IDLE_LOCK_MINUTES } from './lock-settings';

export interface SignedIn {
  operatorId: string;
  operatorName: string;
}

export class KeyboardSession {
  private current: (SignedIn & { lastActiveMs: number }) | null = null;
  /**
   * Minutes idle before the lock, held here rather than read per call: the router's gate must not wait for the
   * store's one connection, which a long import holds (its import.cancel would wait for the import to end).
   * Set from the settings at start and whenever settings.set changes them.
   */
  private idleMs = DEFAULT_IDLE_LOCK_MINUTES * 60_000;

  /** `nowMs` is injectable so tests can move time on without waiting. */
  constructor(private readonly nowMs: () => number = Date.now) {}

  signIn(who: SignedIn): void {
    this.current = { ...who, lastActiveMs: this.nowMs() };
  }

  lock(): void {
    this.current = null;
  }

  setIdleMinutes(minutes: number): void {
    this.idleMs = minutes * 60_000;
  }

  /** The operator at the keyboard, locking first when nothing happened for the idle minutes. */
  active(): SignedIn | null {
    if (this.current && this.nowMs() - this.current.lastActiveMs >= this.idleMs) this.current = null;
    return this.current ? { operatorId: this.current.operatorId, operatorName: this.current.operatorName } : null;
  }

  /** Something the clerk did (a call, or keys and clicks reported by session.touch): the idle time starts again. */
  touch(): void {
    if (this.current) this.current.lastActiveMs = this.nowMs();
  }

  /** For the audit log: the operator logged in, without an idle check (the router's gate made it). */
  actor(): Actor | null {
    return this.current ? { operatorId: this.current.operatorId, operatorName: this.current.operatorName } : null;
  }
}
