/**
 * Opens everything the app does on one data folder: the store (migrated and seeded before anything
 * else), the services, the router and the event bus. Electron's shell, the browser host and the CLI
 * all start here, so the three behave the same.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Knex } from 'knex';
import type { AppEvent, AppEventListener } from '../../src-shared/events';
import { contract, isProcedureName } from '../../src-shared/contract';
import { HybridLogicalClock } from '../../src-shared/domain/hlc';
import type { RpcResult } from '../../src-shared/result';
import { DESKTOP_MIGRATION_COUNT, LATEST_DESKTOP_MIGRATION } from '../../migrations/desktop';
import { appVersion } from '../../src-node/app-version';
import { applyPendingRestore } from './backup/backup-file';
import { databaseFile, openDatabase } from './db/connection';
import { migrateWithBackup } from './db/migrate';
import { SettingsRepository } from './db/repositories/settings-repository';
import { createHandlers } from './handlers';
import { stderrLogger, type Logger } from '../../src-node/logger';
import { seedReferenceData } from './reference-data';
import type { PdfPrinter } from '../../src-node/print/pdf';
import { createRouter } from './router';
import { ensurePrivateDir } from './private-files';
import { keyFileBox } from './secrets/key-file-box';
import { sealStoredSecrets } from './secrets/seal-stored-secrets';
import { bindSecretKeyring, SecretKeyring, type SecretBox } from './secrets/secret-box';
import { openDataKey, renewRecoveryCode } from './secrets/data-key';
import { bindPersonalDataCipher, PersonalDataCipher } from './secrets/personal-data';
import { sealPersonalData } from './secrets/seal-personal-data';
import { upgradeBlindIndexes } from './secrets/blind-index-upgrade';
import { createServices, type Services } from './services';
import { Session } from './session';
import { KeyboardSession } from './operator-lock/keyboard-session';
import { operatorGate } from './operator-lock/router-gate';
import { readLockSettings } from './operator-lock/lock-settings';

/** Long-running jobs (sync, import) register here so updates and quitting can wait for them. */
export interface ActivityTracker {
  begin(kind: 'sync' | 'import'): () => void;
  isBusy(): boolean;
}

function createActivityTracker(): ActivityTracker {
  const running = new Map<symbol, string>();
  return {
    begin(kind) {
      const key = Symbol(kind);
      running.set(key, kind);
      return () => running.delete(key);
    },
    isBusy: () => running.size > 0,
  };
}

export interface AppContext {
  dataDir: string;
  activity: ActivityTracker;
  db: Knex;
  services: Services;
  /** The recovery code made when this open created the store's data key: to show the clerk once, else null. */
  newRecoveryCode: string | null;
  /** A new recovery code for this store's data key; the old one stops working. */
  renewRecoveryCode(): Promise<string>;
  invoke(procedure: string, input: unknown): Promise<RpcResult>;
  onEvent(listener: AppEventListener): () => void;
  close(): Promise<void>;
}


async function deviceId(db: Knex): Promise<string> {
  const settings = new SettingsRepository(db);
  const existing = await settings.get<string>('deviceId');
  if (existing) return existing;
  const created = randomUUID();
  await settings.set('deviceId', created);
  return created;
}

export interface AppContextOptions {
  dataDir: string;
  mode: 'electron' | 'web';
  logger?: Logger;
  /** Electron prints PDFs with its own Chromium; elsewhere an installed browser does (print/pdf.ts). */
  pdfPrinter?: PdfPrinter;
  /** The window's safeStorage box (shell/safe-storage-box.ts); elsewhere the key-file box beside the store seals. */
  secretBox?: SecretBox;
  /** The operator lock's clock (idle minutes, PIN lockouts); tests pass a fake one. */
  nowMs?: () => number;
}

export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  const logger = options.logger ?? stderrLogger;
  const file = databaseFile(options.dataDir);
  // The user's alone on POSIX (0700; its files 0600, see private-files.ts); on Windows the per-user %APPDATA%.
  if (!ensurePrivateDir(options.dataDir) || !ensurePrivateDir(path.join(options.dataDir, 'transfers'))) logger.error('data_dir.not_private');
  const restored = await applyPendingRestore(options.dataDir, file);
  if (restored) logger.info('store.restored_from_backup', restored);
  const db = openDatabase(file);
  const keyFile = keyFileBox(options.dataDir);
  let dataKey: Awaited<ReturnType<typeof openDataKey>>;
  // The key-file box also opens what it sealed before the window's box was available (then resealed).
  bindSecretKeyring(db, options.secretBox ? new SecretKeyring(options.secretBox, [keyFile]) : new SecretKeyring(keyFile));
  try {
    // Before the migration's backup copy, so no copy of an old store keeps a plaintext token.
    const secrets = await sealStoredSecrets(db, path.join(options.dataDir, 'backups'));
    if (secrets.sealed + secrets.resealed > 0) logger.info('store.secrets_sealed', secrets);
    const outcome = await migrateWithBackup(db, file);
    if (outcome.applied.length > 0) logger.info('store.migrated', { applied: outcome.applied.length, backedUp: outcome.backupFile !== null });
    // The personal data key, before anything reads a trainee; a store sealed elsewhere is refused here, unchanged.
    dataKey = await openDataKey(db, options.secretBox ? [options.secretBox, keyFile] : [keyFile]);
    bindPersonalDataCipher(db, new PersonalDataCipher(dataKey.key));
    const reindexed = await upgradeBlindIndexes(db);
    if (reindexed > 0) logger.info('store.blind_indexes_upgraded', { trainees: reindexed });
    const sealed = await sealPersonalData(db, path.join(options.dataDir, 'backups'));
    if (sealed.trainees + sealed.payloads + sealed.batches + sealed.audit > 0) logger.info('store.personal_data_sealed', sealed);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  await seedReferenceData(db);
  const clock = new HybridLogicalClock(await deviceId(db));
  const bus = new EventEmitter();
  const activity = createActivityTracker();
  const nowMs = options.nowMs ?? Date.now;
  // Every start begins locked: nobody is at the keyboard until they log in with their PIN.
  const keyboard = new KeyboardSession(nowMs);
  keyboard.setIdleMinutes((await readLockSettings(db)).idleLockMinutes);
  const services = createServices(db, new Session(db, keyboard), clock, {
    nowMs,
    beginActivity: (kind) => activity.begin(kind),
    transferDir: path.join(options.dataDir, 'transfers'),
    dataDir: options.dataDir,
    emit: (event) => bus.emit('event', event),
    ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
  });
  await services.reference.ensureLocalPeriods();
  const router = createRouter(
    createHandlers(services, { mode: options.mode, dataDir: options.dataDir, version: appVersion(), schemaVersion: LATEST_DESKTOP_MIGRATION, schemaRevision: DESKTOP_MIGRATION_COUNT }),
    logger,
    operatorGate(db, keyboard),
  );

  return {
    dataDir: options.dataDir,
    activity,
    db,
    services,
    newRecoveryCode: dataKey.newRecoveryCode,
    renewRecoveryCode: () => renewRecoveryCode(db, dataKey.key),
    async invoke(procedure, input) {
      const result = await router.invoke(procedure, input);
      if (result.ok && typeof procedure === 'string' && isProcedureName(procedure)) {
        // What a call changed is declared on its contract entry, not guessed from its verb.
        const entity = contract[procedure].changes;
        if (entity) {
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
      await services.tables.close();
      services.files.clear();
      await db.destroy();
    },
  };
}
