/**
 * The staff user's session in this browser tab: the token the login route gave and who it belongs to.
 * Kept in sessionStorage, so a reload keeps the user logged in but closing the tab (a shared office PC)
 * does not leave a session behind. A 401 from the server ends it here too, with a notice for the login page.
 */
import { z } from 'zod';
import { staffUserSchema, type StaffUser } from '../../../src-shared/staff-api';

const STORAGE_KEY = 'skills-desk-staff-session';

const storedSession = z.object({ token: z.string().min(20), user: staffUserSchema });
export type StaffSession = z.infer<typeof storedSession>;

export interface SessionState {
  session: StaffSession | null;
  /** Why the user is on the login page again (the session ended), or null. */
  notice: string | null;
}

let state: SessionState = { session: read(), notice: null };
const listeners = new Set<() => void>();

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
  start(session: StaffSession): void {
    set({ session, notice: null });
  },
  end(notice: string | null = null): void {
    set({ session: null, notice });
  },
};
