/**
 * Issue #18 item 2: the staff lockout must hold under a burst. Each login attempt is claimed in the
 * database before the slow password check, so 100 parallel wrong passwords try at most
 * MAX_FAILED_ATTEMPTS of them and the right one, sent in the burst or after it, is refused while the
 * lock holds; two server workers (two apps, two connection pools on one store) share the count.
 * Unknown names are counted and locked like known ones, and every answer costs exactly one password
 * verification: shown by counting the calls of an injected verifier, never by timing.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { openServerDatabase } from '../../src-server/db';
import { AccountService, LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from '../../src-server/staff/account-service';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, login, STAFF_PASSWORD } from '../support/staff';

const BURST = 100;

/**
 * A password verifier that records which hash each call checked and can hold every call until a
 * number of calls has arrived, so a test decides that all attempts were claimed before any check ends.
 * It knows the test accounts' hashes (one password for all), so no scrypt runs: what is tested is the
 * claim, not the hash.
 */
class SpyVerifier {
  readonly calls: string[] = [];
  private readonly known = new Map<string, string>();
  private gate: { count: number; open: () => void; opened: Promise<void> } | null = null;
  private readonly waiters: Array<{ count: number; resolve: () => void }> = [];

  async learn(db: Knex, name: string): Promise<string> {
    const row = (await db('staff_users').where({ name }).first('password_hash')) as { password_hash: string };
    this.known.set(row.password_hash, STAFF_PASSWORD);
    return row.password_hash;
  }

  /** Holds each call until `count` calls have arrived (a fallback releases it, so a missing call fails an assertion instead of hanging). */
  holdUntil(count: number): void {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const fallback = setTimeout(open, 5_000);
    this.gate = { count, open: () => (clearTimeout(fallback), open()), opened };
  }

  /** Resolves once `count` calls have arrived, that is once that many attempts were claimed (or after a fallback). */
  arrived(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const fallback = setTimeout(resolve, 5_000);
      this.waiters.push({ count, resolve: () => (clearTimeout(fallback), resolve()) });
    });
  }

  readonly verify = async (password: string, stored: string): Promise<boolean> => {
    this.calls.push(stored);
    for (const waiter of this.waiters.filter((w) => this.calls.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const gate = this.gate;
    if (gate) {
      if (this.calls.length >= gate.count) {
        this.gate = null;
        gate.open();
      }
      await gate.opened;
    }
    return this.known.get(stored) === password;
  };

  reset(): void {
    this.calls.length = 0;
    this.gate = null;
  }
}

interface Answer {
  status: number;
  code: string | null;
  message: string | null;
}

async function attempt(app: FastifyInstance, name: string, password: string): Promise<Answer> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name, password } });
  const body = response.json() as { ok: boolean; error?: { code: string; message: string } };
  return { status: response.statusCode, code: body.error?.code ?? null, message: body.error?.message ?? null };
}

describeEachServerDb('staff lockout under a burst', (kind) => {
  let store: TestServerDb;
  let secondDb: Knex;
  let app: FastifyInstance;
  let secondWorker: FastifyInstance;
  const spy = new SpyVerifier();
  let clock = new Date('2020-04-12T02:00:00Z');
  const staff = { now: () => clock, verifyPassword: spy.verify };

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    // A second worker: its own app and its own connection pool on the same store, as under node:cluster.
    secondDb = openServerDatabase(store.spec);
    app = buildServerApp({ version: 'test', rateLimit: false, db: store.db, staff });
    secondWorker = buildServerApp({ version: 'test', rateLimit: false, db: secondDb, staff });
    for (const name of ['burst1', 'burst2', 'during1', 'paths1', 'leaver1', 'Casey1']) {
      await addStaff(store.db, name, 'province');
      await spy.learn(store.db, name);
    }
    expect((await new AccountService(store.db).disableUser('leaver1')).ok).toBe(true);
  });
  afterAll(async () => {
    await app.close();
    await secondWorker.close();
    await secondDb.destroy();
    await store.dispose();
  });

  it(`tries at most ${MAX_FAILED_ATTEMPTS} of ${BURST} parallel wrong passwords over two workers, and refuses the right one sent first in the burst`, async () => {
    spy.reset();
    const hash = await spy.learn(store.db, 'burst1');
    spy.holdUntil(BURST + 1);
    // The right password is claimed first (its check has begun), then the burst arrives while it is checked.
    const rightAnswer = attempt(app, 'burst1', STAFF_PASSWORD);
    await spy.arrived(1);
    const wrong = await Promise.all(Array.from({ length: BURST }, (_, i) => attempt(i % 2 ? app : secondWorker, 'burst1', `wrong-password-${i}`)));
    const right = await rightAnswer;
    expect(right).toMatchObject({ status: 423, code: 'LOCKED' });
    // A wrong password that was tried and did not lock answers 401; all the others were never tried.
    expect(wrong.filter((a) => a.status === 401).length).toBeLessThan(MAX_FAILED_ATTEMPTS);
    expect(wrong.filter((a) => a.status === 423).length).toBeGreaterThan(BURST - MAX_FAILED_ATTEMPTS);
    expect(wrong.every((a) => a.status === 401 || a.status === 423)).toBe(true);
    // Structurally: the account's hash was checked at most MAX_FAILED_ATTEMPTS times, yet every answer cost one check.
    expect(spy.calls.filter((stored) => stored === hash).length).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
    expect(spy.calls.length).toBe(BURST + 1);
    // Right after the burst the right password is still refused, on either worker; after the lockout it works.
    expect(await attempt(app, 'burst1', STAFF_PASSWORD)).toMatchObject({ status: 423, code: 'LOCKED' });
    expect(await attempt(secondWorker, 'burst1', STAFF_PASSWORD)).toMatchObject({ status: 423, code: 'LOCKED' });
    clock = new Date(clock.getTime() + LOCKOUT_MS + 1000);
    expect((await attempt(secondWorker, 'burst1', STAFF_PASSWORD)).status).toBe(200);
  });

  it('locks after a burst of wrong passwords alone, and the right password is refused while the lock holds', async () => {
    spy.reset();
    spy.holdUntil(BURST);
    const wrong = await Promise.all(Array.from({ length: BURST }, (_, i) => attempt(i % 2 ? app : secondWorker, 'burst2', `wrong-password-${i}`)));
    expect(wrong.filter((a) => a.status === 401).length).toBe(MAX_FAILED_ATTEMPTS - 1);
    expect(wrong.filter((a) => a.status === 423).length).toBe(BURST - MAX_FAILED_ATTEMPTS + 1);
    expect(await attempt(app, 'burst2', STAFF_PASSWORD)).toMatchObject({ status: 423, code: 'LOCKED' });
    clock = new Date(clock.getTime() + LOCKOUT_MS - 60_000);
    expect(await attempt(app, 'burst2', STAFF_PASSWORD)).toMatchObject({ status: 423, code: 'LOCKED' });
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect((await attempt(app, 'burst2', STAFF_PASSWORD)).status).toBe(200);
  });

  it('keeps a lock set while the right password was being checked: the success does not clear it', async () => {
    spy.reset();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 2; i++) expect((await attempt(app, 'during1', 'wrong-password')).status).toBe(401);
    // The right password is claimed first, then the last allowed wrong one locks the account before either check ends.
    spy.holdUntil(MAX_FAILED_ATTEMPTS - 2 + 2);
    const rightAnswer = attempt(app, 'during1', STAFF_PASSWORD);
    await spy.arrived(MAX_FAILED_ATTEMPTS - 2 + 1);
    const wrong = await attempt(secondWorker, 'during1', 'wrong-password');
    const right = await rightAnswer;
    expect(wrong).toMatchObject({ status: 423, code: 'LOCKED' });
    expect(right).toMatchObject({ status: 423, code: 'LOCKED' });
    expect(await attempt(app, 'during1', STAFF_PASSWORD)).toMatchObject({ status: 423, code: 'LOCKED' });
    const user = (await store.db('staff_users').where({ name: 'during1' }).first('id')) as { id: string };
    expect(await store.db('staff_sessions').where({ user_id: user.id }).first()).toBeUndefined();
  });

  it('lets the right password in as the last allowed attempt (its own claim locked, it lifts only that lock) with one try left for the code, and a finished login starts the count again', async () => {
    await addStaff(store.db, 'fifth1', 'province');
    await spy.learn(store.db, 'fifth1');
    await login(app, 'fifth1'); // enrols the authenticator
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) expect((await attempt(app, 'fifth1', 'wrong-password')).status).toBe(401);
    // The fifth claim, the right password: in, and the code that follows is the last try (right here).
    await login(app, 'fifth1');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 2; i++) expect((await attempt(app, 'fifth1', 'wrong-password')).status).toBe(401);
    // The password alone is not a finished login: it stays counted, so the fifth wrong one locks.
    expect((await attempt(app, 'fifth1', STAFF_PASSWORD)).status).toBe(200);
    expect(await attempt(app, 'fifth1', 'wrong-password')).toMatchObject({ status: 423, code: 'LOCKED' });
  });

  it('counts and locks unknown names like known ones, with the same answers', async () => {
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    for (let i = 0; i <= MAX_FAILED_ATTEMPTS; i++) {
      known.push(await attempt(app, 'paths1', 'wrong-password'));
      unknown.push(await attempt(app, 'nobody-here', 'wrong-password'));
    }
    expect(unknown).toEqual(known);
    expect(unknown.slice(0, MAX_FAILED_ATTEMPTS - 1).every((a) => a.status === 401 && a.code === 'UNAUTHORIZED')).toBe(true);
    expect(unknown.slice(MAX_FAILED_ATTEMPTS - 1).every((a) => a.status === 423 && a.code === 'LOCKED')).toBe(true);
    // A name is counted whatever its case or width: no fresh five tries by writing it another way.
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await attempt(app, 'CASEY1', 'wrong-password');
    expect(await attempt(app, 'Ｃａｓｅｙ1', 'wrong-password')).toMatchObject({ status: 423, code: 'LOCKED' });
    expect(await attempt(app, 'Casey1', STAFF_PASSWORD)).toMatchObject({ status: 423, code: 'LOCKED' });
  });

  it('costs exactly one password check on every path: unknown, disabled, locked, wrong and right', async () => {
    await addStaff(store.db, 'paths2', 'province');
    const hash = await spy.learn(store.db, 'paths2');
    const checksOf = async (name: string, password: string) => {
      spy.reset();
      const answer = await attempt(app, name, password);
      return { status: answer.status, checks: spy.calls.length, ownHash: spy.calls.filter((s) => s === hash).length };
    };
    expect(await checksOf('nobody-else', 'wrong-password')).toEqual({ status: 401, checks: 1, ownHash: 0 });
    expect(await checksOf('leaver1', STAFF_PASSWORD)).toEqual({ status: 401, checks: 1, ownHash: 0 });
    expect(await checksOf('paths2', STAFF_PASSWORD)).toEqual({ status: 200, checks: 1, ownHash: 1 });
    // The right password stays counted until a second factor follows: four attempts are left, not five.
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 2; i++) expect(await checksOf('paths2', 'wrong-password')).toEqual({ status: 401, checks: 1, ownHash: 1 });
    expect(await checksOf('paths2', 'wrong-password')).toEqual({ status: 423, checks: 1, ownHash: 1 });
    // Locked: one check still, but never against the account's own hash.
    expect(await checksOf('paths2', STAFF_PASSWORD)).toEqual({ status: 423, checks: 1, ownHash: 0 });
    expect(await checksOf('nobody-here', 'wrong-password')).toEqual({ status: 423, checks: 1, ownHash: 0 });
  });
});
