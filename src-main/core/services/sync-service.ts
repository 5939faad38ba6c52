/**
 * Sync for the UI and the CLI: one run at a time (a second click joins the running one), and the state
 * the 数据同步 page shows. The work itself is in core/sync.
 */
import type { Knex } from 'knex';
import type { SyncStatus } from '../../../src-shared/schemas/sync';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { openBatch } from '../sync/batcher';
import { BATCH_SIZE, runSync, type SyncReport, type SyncRunOptions } from '../sync/sync-engine';
import { getSyncState } from '../sync/sync-state';

const RECEIPTS_SHOWN = 20;
const REJECTIONS_SHOWN = 500;

export class SyncService {
  private running: Promise<SyncReport> | null = null;
  private readonly settings: SettingsRepository;

  constructor(private readonly db: Knex) {
    this.settings = new SettingsRepository(db);
  }

  run(options: SyncRunOptions = {}): Promise<SyncReport> {
    if (!this.running) {
      this.running = runSync(this.db, options).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  async status(): Promise<SyncStatus> {
    const [serverUrl, token] = await Promise.all([this.settings.get<string>('serverUrl'), this.settings.get<string>('deviceToken')]);
    const byEntityRows = await this.db('outbox').groupBy('entity').select<Array<{ entity: string; n: number }>>('entity', this.db.raw('count(*) as n'));
    const byEntity = Object.fromEntries(byEntityRows.map((r) => [r.entity, Number(r.n)]));
    const open = await openBatch(this.db);
    const rejections = await this.db('sync_rejections')
      .whereNull('resolved_at')
      .orderBy('at', 'desc')
      .limit(REJECTIONS_SHOWN)
      .select<Array<{ op_id: string; entity: string; entity_id: string; code: string; message: string; at: string }>>('op_id', 'entity', 'entity_id', 'code', 'message', 'at');
    const receipts = await this.db('sync_receipts')
      .orderBy('last_seq', 'desc')
      .limit(RECEIPTS_SHOWN)
      .select<Array<{ batch_id: string; applied: number; rejected: number; duplicate: number; stored_hash: string; server_time: string }>>();
    return {
      enrolled: Boolean(serverUrl && token),
      serverUrl,
      running: this.running !== null,
      pending: { total: Object.values(byEntity).reduce((a, b) => a + b, 0), byEntity },
      inOpenBatch: open?.opCount ?? 0,
      lastSyncAt: await this.settings.get<string>('lastSyncAt'),
      lastAttemptAt: await getSyncState<string>(this.db, 'lastAttemptAt'),
      lastError: await getSyncState<{ code: string; message: string }>(this.db, 'lastError'),
      batchSize: (await getSyncState<number>(this.db, 'batchSize')) ?? BATCH_SIZE.initial,
      rejections: rejections.map((r) => ({ opId: r.op_id, entity: r.entity, entityId: r.entity_id, code: r.code, message: r.message, at: r.at })),
      receipts: receipts.map((r) => ({ batchId: r.batch_id, applied: r.applied, rejected: r.rejected, duplicate: r.duplicate, storedHash: r.stored_hash, serverTime: r.server_time })),
    };
  }
}
