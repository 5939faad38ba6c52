/**
 * Whether the provincial server answers, for the status bar's 在线 / 离线. Asked of the server's
 * health endpoint at most every `maxAgeMs` (never on every status request: the status bar refreshes
 * often and a county line may be slow), and told by every sync run, which knows best. The answer is
 * null until this PC is enrolled with a server.
 */
import { normaliseServerUrl } from '../../../src-shared/domain/server-url';

export interface ReachabilityOptions {
  /** Answers whether the server at this address is up; must not throw. */
  check?: (serverUrl: string) => Promise<boolean>;
  maxAgeMs?: number;
  /** Called when the answer changes, so the UI can refresh its status bar. */
  onChange?: () => void;
  now?: () => number;
}

const DEFAULT_MAX_AGE_MS = 60_000;
const HEALTH_TIMEOUT_MS = 5_000;

export class ServerReachability {
  private known: { serverUrl: string; online: boolean; at: number } | null = null;
  private checking: Promise<void> | null = null;
  private readonly check: (serverUrl: string) => Promise<boolean>;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ReachabilityOptions = {}) {
    this.check = options.check ?? healthAnswers;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * The last known answer for this server (null if none yet, or not enrolled); when it is older than
   * maxAge a fresh check starts in the background and `onChange` tells when it differs.
   */
  current(serverUrl: string | null): boolean | null {
    if (!serverUrl) return null;
    const known = this.known?.serverUrl === serverUrl ? this.known : null;
    if (!known || this.now() - known.at > this.maxAgeMs) this.refresh(serverUrl);
    return known?.online ?? null;
  }

  /** What a sync run learnt: it reached the server, or it could not. */
  record(serverUrl: string, online: boolean, learntAt: number = this.now()): void {
    // A health check that started before a sync run may end after it: the newer news wins.
    if (this.known?.serverUrl === serverUrl && this.known.at > learntAt) return;
    const changed = this.known?.serverUrl !== serverUrl || this.known.online !== online;
    this.known = { serverUrl, online, at: learntAt };
    if (changed) this.options.onChange?.();
  }

  /** Resolves when a check started by `current` has finished (for tests and shutdown). */
  async settled(): Promise<void> {
    await this.checking;
  }

  private refresh(serverUrl: string): void {
    if (this.checking) return;
    const started = this.now();
    this.checking = this.check(serverUrl)
      .catch(() => false)
      .then((online) => this.record(serverUrl, online, started))
      .finally(() => {
        this.checking = null;
      });
  }
}

async function healthAnswers(serverUrl: string): Promise<boolean> {
  // The same https-only rule as sync: a refused address is reported offline, never probed.
  if (!normaliseServerUrl(serverUrl).ok) return false;
  try {
    // A redirect is not followed (its target never passed the rule) and counts as not answering.
    const response = await fetch(new URL('/api/v1/health', serverUrl), { redirect: 'manual', signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
