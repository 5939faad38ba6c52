/**
 * Runs the provincial server: opens the store (SQLite file or PostgreSQL URL), migrates it, seals ID numbers
 * and phones an older server stored in plain text (secrets/seal-stored-data.ts), listens.
 * Logs are JSON lines on stdout (pino), codes and counts only.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { buildServerApp, type ServerOptions } from './app';
import { describeSpec, openServerDatabase } from './db';
import { checkPersonalDataKey, migrateAndSeal } from './secrets/seal-stored-data';
import { PersonalDataCipher } from './secrets/personal-data';
import { loadServerKeyring, secretsDirFor } from './secrets/server-keys';
import { updateFolderFor } from './updates/update-folder';
import { keyFolderFor, ProvinceKeyring } from './keys/province-keyring';

export interface RunningServer {
  app: FastifyInstance;
  db: Knex;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions extends Partial<Omit<ServerOptions, 'db' | 'version'>> {
  dbSpec: string;
  port: number;
  host: string;
  version: string;
  /** False in cluster workers: the primary migrated the store once before forking them. */
  migrate?: boolean;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  // The key first: a server that cannot read its key must not start and answer logins it cannot check.
  const keyring = options.keyring ?? loadServerKeyring(secretsDirFor(options.dbSpec));
  const db = openServerDatabase(options.dbSpec);
  try {
    // Workers only check the key: the primary migrated and sealed once before forking them.
    if (options.migrate !== false) await migrateAndSeal(db, keyring);
    else await checkPersonalDataKey(db, new PersonalDataCipher(keyring));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // The first start makes the province's first key (cluster workers find the one the primary made).
  const keys = options.keys ?? ProvinceKeyring.open(keyFolderFor(options.dbSpec), { create: options.migrate !== false });
  // The SMS gateway's secret from the environment (cluster workers inherit it): no secret, no SMS route.
  const smsSecret = options.smsSecret ?? (process.env.SKILLS_DESK_SMS_SECRET || undefined);
  const app = buildServerApp({ ...options, keyring, db, keys, smsSecret, logger: options.logger ?? { level: 'info' }, updateFolder: options.updateFolder ?? updateFolderFor(options.dbSpec) });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close();
    await db.destroy();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  app.log.info({ event: 'server.started', store: describeSpec(options.dbSpec), port });
  return {
    app,
    db,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
