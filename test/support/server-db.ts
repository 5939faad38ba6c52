/**
 * Server stores for tests: a fresh SQLite file, and when TEST_DATABASE_URL is set a fresh PostgreSQL
 * database per store (created from that URL, dropped afterwards). The `store` fixture and
 * `describeEachServer` (fixtures.ts) are built on this.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { describe, it } from 'vitest';
import { migrateServer, openServerDatabase } from '../../src-server/db';

export type ServerDbKind = 'sqlite' | 'postgres';

export interface TestServerDb {
  kind: ServerDbKind;
  /** What `--db` would be given: a file path or a postgres:// URL. */
  spec: string;
  db: Knex;
  dispose(): Promise<void>;
}

/** Where PostgreSQL test stores are created; unset, the PostgreSQL variants are skipped (fixtures.ts). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const PG_URL = TEST_DATABASE_URL;

/**
 * Calls `block` once per store kind with the block's title; the PostgreSQL variant is a visible skip
 * when TEST_DATABASE_URL is unset, never a silent one.
 */
export function forEachServerKind(title: string, block: (kind: ServerDbKind, title: string) => void): void {
  block('sqlite', `${title} [sqlite]`);
  if (PG_URL) {
    block('postgres', `${title} [postgres]`);
  } else {
    console.warn(`[${title}] PostgreSQL variant skipped: TEST_DATABASE_URL is unset`);
    describe.skip(`${title} [postgres: skipped, TEST_DATABASE_URL is unset]`, () => {
      it('runs only with TEST_DATABASE_URL', () => undefined);
    });
  }
}

/** One describe block per store kind, for tests that make their own stores (`describeEachServer` in fixtures.ts gives them as fixtures). */
export function describeEachServerDb(title: string, body: (kind: ServerDbKind) => void): void {
  forEachServerKind(title, (kind, blockTitle) => describe(blockTitle, () => body(kind)));
}

export async function createTestServerDb(kind: ServerDbKind, options: { migrate?: boolean } = {}): Promise<TestServerDb> {
  const { spec, drop } = kind === 'sqlite' ? sqliteFile() : await postgresDatabase();
  const db = openServerDatabase(spec);
  if (options.migrate !== false) await migrateServer(db);
  return {
    kind,
    spec,
    db,
    async dispose() {
      await db.destroy();
      await drop();
    },
  };
}

function sqliteFile(): { spec: string; drop(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-server-'));
  return { spec: path.join(dir, 'server.sqlite'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A database of its own on the test server, dropped (connections and all) afterwards. */
async function postgresDatabase(): Promise<{ spec: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('TEST_DATABASE_URL is unset');
  const name = `sd_test_${randomBytes(6).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    spec: url.toString(),
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}
