/**
 * The test kit as vitest fixtures (`test.extend`): name what a test needs in its first argument and it is
 * set up before the test and torn down after it, in the right order, whatever the test does in between.
 *
 * - `appTest`: `app`, a fresh initialised desktop store per test; `openApp()` for more of them.
 * - `describeEachServer(title, [options], (test, kind) => ...)`: the block once per server store
 *   (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). Its `test` gives `store` (the server's
 *   database), `server` (Fastify on a free loopback port), `enrolPc(county)` (a temp desktop app enrolled
 *   with that server), `pc` (one of 230102) and `staffLogin(name, role, city)` (a staff account, logged in).
 *   These are shared by the block's tests, as the block's own `beforeAll` would share them, and are
 *   created only when a test (or `test.beforeAll`) names them. A PC is reopened with `pc.reopen()`.
 *
 * See docs/development.md, "Test fixtures".
 */
import { describe, test as base } from 'vitest';
import type { ServerOptions } from '../../src-server/app';
import { createTestServerDb, forEachServerKind, type ServerDbKind } from './server-db';
import { addStaff, login } from './staff';
import { enrolledPc, startTestServer } from './sync-harness';
import { openTempApp, type TempApp } from './temp-app';
import type { StaffRole } from '../../src-server/staff/staff-scope';

/** Temp apps a fixture opened, disposed together when its scope ends. */
function appPool(): { track(app: TempApp): TempApp; disposeAll(): Promise<void> } {
  const apps: TempApp[] = [];
  return {
    track(app) {
      apps.push(app);
      return app;
    },
    async disposeAll() {
      while (apps.length > 0) await apps.pop()!.dispose();
    },
  };
}

/** Desktop-only tests: each test gets its own data folder(s), removed after it. */
export const appTest = base
  .extend('openApp', async ({}, { onCleanup }) => {
    const pool = appPool();
    onCleanup(() => pool.disposeAll());
    return async (options: { init?: boolean } = {}): Promise<TempApp> => pool.track(await openTempApp(options));
  })
  .extend('app', ({ openApp }) => openApp());

export interface ServerBlockOptions {
  /** Options of the running server (staff clock, PDF printer, body limit…). */
  server?: Partial<Omit<ServerOptions, 'db'>>;
  /** Leave the store unmigrated (for tests of the migration itself). */
  migrate?: boolean;
}

/** The fixtures of one server store kind. Built at the top level of a file: file-scoped fixtures must be. */
export function serverTest(kind: ServerDbKind, options: ServerBlockOptions = {}) {
  return base
    .extend('serverDbKind', { scope: 'file' }, kind)
    .extend('store', { scope: 'file' }, async ({ serverDbKind }, { onCleanup }) => {
      const store = await createTestServerDb(serverDbKind, { migrate: options.migrate });
      onCleanup(() => store.dispose());
      return store;
    })
    .extend('server', { scope: 'file' }, async ({ store }, { onCleanup }) => {
      const server = await startTestServer(store.db, options.server);
      onCleanup(() => server.close());
      return server;
    })
    .extend('enrolPc', { scope: 'file' }, ({ store, server }, { onCleanup }) => {
      const pool = appPool();
      onCleanup(() => pool.disposeAll());
      /** A fresh PC of `county` enrolled with the server (or through `via`, a proxy in front of it). */
      return async (county = '230102', via?: { url: string }): Promise<TempApp> => pool.track(await enrolledPc(store.db, via?.url ?? server.url, county));
    })
    .extend('pc', { scope: 'file' }, ({ enrolPc }) => enrolPc('230102'))
    .extend('staffLogin', { scope: 'file' }, ({ store, server }) => {
      /** Adds a staff account and answers its session token. */
      return async (name: string, role: StaffRole, cityCode: string | null = null): Promise<string> => {
        await addStaff(store.db, name, role, cityCode);
        return login(server.app, name);
      };
    });
}

export type ServerTest = ReturnType<typeof serverTest>;

/** The block once per store kind, each with its own fixtures (its own store, server and PCs). */
export function describeEachServer(title: string, body: (test: ServerTest, kind: ServerDbKind) => void): void;
export function describeEachServer(title: string, options: ServerBlockOptions, body: (test: ServerTest, kind: ServerDbKind) => void): void;
export function describeEachServer(
  title: string,
  optionsOrBody: ServerBlockOptions | ((test: ServerTest, kind: ServerDbKind) => void),
  maybeBody?: (test: ServerTest, kind: ServerDbKind) => void,
): void {
  const [options, body] = typeof optionsOrBody === 'function' ? [{}, optionsOrBody] : [optionsOrBody, maybeBody!];
  forEachServerKind(title, (kind, blockTitle) => {
    const test = serverTest(kind, options);
    describe(blockTitle, () => body(test, kind));
  });
}
