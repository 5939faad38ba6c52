/**
 * The staff user's session in this browser tab: the token the login route gave and who it belongs to.
 * Kept in sessionStorage, so a reload keeps the user logged in but closing the tab (a shared office PC)
 * does not leave a session behind. A 401 from the server ends it here too, with a notice for the login page.
 */
import { z } from 'zod';
import { staffUserSchema, type StaffUser } from '../../../src-shared/staff-api';

const STORAGE_KEY = 'skills-desk-staff-session';

const storedSession = z.object({
  token: z.string().min(20),
  user: staffUserSchema,
  /** The server's idle limit for this session (the settings in force at login). */
  idleTimeoutMs: z.number().positive().default(30 * 60_000),
  passwordExpiresAt: z.string().nullable().default(null),
});
export type StaffSession = z.infer<typeof storedSession>;
export type StaffSessionInput = z.input<typeof storedSession>;

export interface SessionState {
  session: StaffSession | null;
  /** Why the user is on the login page again (the session ended), or null. */
  notice: string | null;
}

let state: SessionState = { session: read(), notice: null };
const listeners = new Set<() => void>();
/** When this tab last heard the server answer a call of this session (the server's idle clock restarts then too). */
let lastActivity = Date.now();
const activityListeners = new Set<() => void>();

function read(): StaffSession | null {
  try {
    const parsed = storedSession.safeParse(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function set(next: SessionState): void {
  state = next;
  if (next.session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next.session));
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get: (): SessionState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  token: (): string | null => state.session?.token ?? null,
  user: (): StaffUser | null => state.session?.user ?? null,
  start(session: StaffSessionInput): void {
    lastActivity = Date.now();
    set({ session: storedSession.parse(session), notice: null });
  },
  touch(): void {
    lastActivity = Date.now();
    for (const listener of activityListeners) listener();
  },
  lastActivity: (): number => lastActivity,
  onActivity(listener: () => void): () => void {
    activityListeners.add(listener);
    return () => activityListeners.delete(listener);
  },
  end(notice: string | null = null): void {
    set({ session: null, notice });
  },
};
