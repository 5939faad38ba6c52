/**
 * Server stores for tests: a fresh SQLite file, and when TEST_DATABASE_URL is set a fresh PostgreSQL
 * database per store (created from that URL, dropped afterwards). Without TEST_DATABASE_URL the
 * PostgreSQL variants are skipped, and that is printed, never silent.
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

const PG_URL = process.env.TEST_DATABASE_URL;

/** One describe block per store kind; the PostgreSQL one is a visible skip when TEST_DATABASE_URL is unset. */
export function describeEachServerDb(title: string, body: (kind: ServerDbKind) => void): void {
  describe(`${title} [sqlite]`, () => body('sqlite'));
  if (PG_URL) {
    describe(`${title} [postgres]`, () => body('postgres'));
  } else {
    console.warn(`[${title}] PostgreSQL variant skipped: TEST_DATABASE_URL is unset`);
    describe.skip(`${title} [postgres: skipped, TEST_DATABASE_URL is unset]`, () => {
      it('runs only with TEST_DATABASE_URL', () => undefined);
    });
  }
}

export async function createTestServerDb(kind: ServerDbKind, options: { migrate?: boolean } = {}): Promise<TestServerDb> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-server-'));
    const spec = path.join(dir, 'server.sqlite');
    const db = openServerDatabase(spec);
    if (options.migrate !== false) await migrateServer(db);
    return {
      kind,
      spec,
      db,
      async dispose() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!PG_URL) throw new Error('TEST_DATABASE_URL is unset');
  const name = `sd_test_${randomBytes(6).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const spec = url.toString();
  const db = openServerDatabase(spec);
  if (options.migrate !== false) await migrateServer(db);
  return {
    kind,
    spec,
    db,
    async dispose() {
      await db.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}
