/**
 * Opens everything the app does on one data folder: the store (migrated and seeded before anything
 * else), the services, the router and the event bus. Electron's shell, the browser host and the CLI
 * all start here, so the three behave the same.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import type { AppEvent, AppEventListener } from '../../src-shared/events';
import { HybridLogicalClock } from '../../src-shared/domain/hlc';
import type { RpcResult } from '../../src-shared/result';
import { LATEST_DESKTOP_MIGRATION } from '../../migrations/desktop';
import { appVersion } from './app-version';
import { databaseFile, openDatabase } from './db/connection';
import { migrateWithBackup } from './db/migrate';
import { SettingsRepository } from './db/repositories/settings-repository';
import { createHandlers } from './handlers';
import { stderrLogger, type Logger } from './logger';
import { seedReferenceData } from './reference-data';
import { createRouter } from './router';
import { createServices, type Services } from './services';
import { Session } from './session';

export interface AppContext {
  dataDir: string;
  db: Knex;
  services: Services;
  invoke(procedure: string, input: unknown): Promise<RpcResult>;
  onEvent(listener: AppEventListener): () => void;
  close(): Promise<void>;
}

const CHANGED_ENTITY: Record<string, Extract<AppEvent, { type: 'data.changed' }>['payload']['entity']> = {
  trainees: 'trainee',
  enrolments: 'enrolment',
  platforms: 'platform',
  settings: 'settings',
  setup: 'settings',
  operators: 'operator',
};
const READ_ONLY_VERBS = new Set(['get', 'list', 'lookup', 'info']);

async function deviceId(db: Knex): Promise<string> {
  const settings = new SettingsRepository(db);
  const existing = await settings.get<string>('deviceId');
  if (existing) return existing;
  const created = randomUUID();
  await settings.set('deviceId', created);
  return created;
}

export async function openAppContext(options: { dataDir: string; mode: 'electron' | 'web'; logger?: Logger }): Promise<AppContext> {
  const logger = options.logger ?? stderrLogger;
  const file = databaseFile(options.dataDir);
  let db = openDatabase(file);
  try {
    const outcome = await migrateWithBackup(db, file);
    if (outcome.applied.length > 0) logger.info('store.migrated', { applied: outcome.applied.length, backedUp: outcome.backupFile !== null });
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  db = db.client.pool ? db : openDatabase(file);
  await seedReferenceData(db);
  const clock = new HybridLogicalClock(await deviceId(db));
  const services = createServices(db, new Session(db), clock);
  await services.reference.ensureLocalPeriods();
  const router = createRouter(
    createHandlers(services, { mode: options.mode, dataDir: options.dataDir, version: appVersion(), schemaVersion: LATEST_DESKTOP_MIGRATION }),
    logger,
  );
  const bus = new EventEmitter();

  return {
    dataDir: options.dataDir,
    db,
    services,
    async invoke(procedure, input) {
      const result = await router.invoke(procedure, input);
      if (result.ok && typeof procedure === 'string') {
        const [domain, verb] = procedure.split('.');
        const entity = domain ? CHANGED_ENTITY[domain] : undefined;
        if (entity && verb && !READ_ONLY_VERBS.has(verb)) {
          bus.emit('event', { type: 'data.changed', payload: { entity } } satisfies AppEvent);
          bus.emit('event', { type: 'status.changed' } satisfies AppEvent);
        }
      }
      return result;
    },
    onEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    async close() {
      bus.removeAllListeners();
      await db.destroy();
    },
  };
}
