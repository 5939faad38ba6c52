/**
 * Sync for the UI and the CLI: one run at a time (a second click joins the running one), and the state
 * the 数据同步 page shows. The work itself is in core/sync.
 */
import type { Knex } from 'knex';
import { AppError } from '../../../src-shared/errors';
import type { AppEvent } from '../../../src-shared/events';
import type { SyncStatus } from '../../../src-shared/schemas/sync';
import { recordAuditOnly } from '../change-set';
import { SettingsRepository } from '../db/repositories/settings-repository';
import type { FileStore } from '../import/file-store';
import type { Session } from '../session';
import { enrolDevice, type EnrolResult } from '../sync/enrol';
import { exportUnsent } from '../sync/export-unsent';
import { carriedStatus } from '../sync/carried-status';
import { acknowledgeConfirmedExports, importReceipt, type ReceiptImport } from '../sync/import-receipt';
import { CARRIED_LIMITS } from '../../../src-shared/carried-file';
import fs from 'node:fs';
import { BATCH_SIZE, runSync, type SyncReport, type SyncRunOptions } from '../sync/sync-engine';
import type { ServerReachability } from '../sync/server-reachability';
import { getSyncState } from '../sync/sync-state';

export interface SyncServiceOptions {
  session?: Session;
  files?: FileStore;
  emit?: (event: AppEvent) => void;
  /** The app's activity tracker: updates never install while a sync runs. */
  beginActivity?: () => () => void;
  /** Told whether each run reached the server (the status bar's 在线 / 离线). */
  reachability?: ServerReachability;
}

const RECEIPTS_SHOWN = 20;
const REJECTIONS_SHOWN = 500;

export class SyncService {
  private running: Promise<SyncReport> | null = null;
  private readonly settings: SettingsRepository;

  constructor(
    private readonly db: Knex,
    private readonly options: SyncServiceOptions = {},
  ) {
    this.settings = new SettingsRepository(db);
  }

  run(options: SyncRunOptions = {}): Promise<SyncReport> {
    if (!this.running) {
      const end = this.options.beginActivity?.() ?? (() => undefined);
      const emit = this.options.emit;
      let batch = 0;
      this.running = runSync(this.db, {
        ...options,
        onProgress: (p) => {
          options.onProgress?.(p);
          if (p.phase === 'pushed') batch++;
          emit?.({ type: 'sync.progress', payload: { ...p, batchesDone: batch } });
        },
      })
        .then(async (report) => {
          await this.recordReachability(report);
          // Files whose every batch the online sync just confirmed need no receipt any more.
          await acknowledgeConfirmedExports(this.db);
          return report;
        })
        .finally(() => {
          this.running = null;
          end();
          emit?.({ type: 'status.changed' });
        });
    }
    return this.running;
  }

  /** A run that got any answer from the server (done, or refused) reached it; 'offline' did not. */
  private async recordReachability(report: SyncReport): Promise<void> {
    if (!this.options.reachability || report.outcome === 'not_enrolled') return;
    const serverUrl = await this.settings.get<string>('serverUrl');
    if (serverUrl) this.options.reachability.record(serverUrl, report.outcome !== 'offline');
  }

  enrol(input: { serverUrl: string; code: string; replaceExisting?: boolean }): Promise<EnrolResult> {
    return enrolDevice(this.db, input);
  }

  /** The clerk gives up a rejected change: it is marked resolved (never deleted) and audited. */
  async discard(opId: string): Promise<void> {
    if (!this.options.session) throw new AppError('NOT_CONFIGURED', '请先选择或添加操作员');
    const actor = await this.options.session.actor();
    await this.db.transaction(async (trx) => {
      const row = await trx('sync_rejections').where({ op_id: opId }).whereNull('resolved_at').first<{ entity: string; entity_id: string; code: string } | undefined>('entity', 'entity_id', 'code');
      if (!row) throw new AppError('NOT_FOUND', '没有找到这条未被接收的修改，可能已经处理过了');
      await trx('sync_rejections').where({ op_id: opId }).update({ resolved_at: new Date().toISOString() });
      await recordAuditOnly(trx, actor, { entity: row.entity, entityId: row.entity_id, action: 'sync.discard', changes: { opId, code: row.code } });
    });
  }

  /** export-unsent for the UI: the file waits in the transfer folder for GET /download/<fileId>. */
  async exportUnsentFile(): Promise<{ fileId: string; fileName: string; byteLength: number; batches: number; ops: number; auditRows: number; format: number; warnings: string[] }> {
    if (!this.options.files) throw new AppError('NOT_CONFIGURED', '导出目录不可用，请重新打开程序');
    const actor = (await this.options.session?.actor().catch(() => null)) ?? null;
    const written = await exportUnsent(this.db, new Date(), {
      // Every unsent record in full (ID numbers, phones) as a file to carry off: recorded as the full export is,
      // before the file's audit section is read, so that the row goes in the file it records.
      record: async (summary) => {
        if (actor) await this.db.transaction((trx) => recordAuditOnly(trx, actor, { entity: 'export', entityId: 'unsent', action: 'export_unsent', changes: summary }));
      },
    });
    const county = (await this.settings.get<string>('countyCode')) ?? 'county';
    const stored = await this.options.files.put(written.bytes, `未上报数据-${county}-${new Date().toISOString().slice(0, 10)}${written.extension}`);
    this.options.emit?.({ type: 'status.changed' });
    return { fileId: stored.fileId, fileName: stored.fileName, byteLength: written.bytes.length, batches: written.batches, ops: written.ops, auditRows: written.auditRows, format: written.format, warnings: written.warnings };
  }

  /** 导入回执: an uploaded receipt file, read with its size capped before it is read at all. */
  async importReceiptFile(fileId: string): Promise<ReceiptImport> {
    if (!this.options.files) throw new AppError('NOT_CONFIGURED', '导入目录不可用，请重新打开程序');
    const file = this.options.files.get(fileId);
    if (fs.statSync(file.path).size > CARRIED_LIMITS.receiptBytes) throw new AppError('VALIDATION', '文件太大，不是省服务器出具的回执，请确认选对了文件');
    // The upload stays until the transfer folder's sweep: importing the same receipt again changes nothing.
    const result = await importReceipt(this.db, fs.readFileSync(file.path));
    this.options.emit?.({ type: 'status.changed' });
    return result;
  }

  async status(): Promise<SyncStatus> {
    // Presence only: the token stays sealed (and opens only with its own host's box).
    const [serverUrl, token] = await Promise.all([this.settings.get<string>('serverUrl'), this.settings.has('deviceToken')]);
    const byEntityRows = await this.db('outbox').groupBy('entity').select<Array<{ entity: string; n: number }>>('entity', this.db.raw('count(*) as n'));
    const byEntity = Object.fromEntries(byEntityRows.map((r) => [r.entity, Number(r.n)]));
    const [open] = await this.db('sync_batches').sum<Array<{ n: number | null }>>({ n: 'op_count' });
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
      inOpenBatch: Number(open?.n ?? 0),
      lastSyncAt: await this.settings.get<string>('lastSyncAt'),
      lastAttemptAt: await getSyncState<string>(this.db, 'lastAttemptAt'),
      lastError: await getSyncState<{ code: string; message: string }>(this.db, 'lastError'),
      batchSize: (await getSyncState<number>(this.db, 'batchSize')) ?? BATCH_SIZE.initial,
      rejections: rejections.map((r) => ({ opId: r.op_id, entity: r.entity, entityId: r.entity_id, code: r.code, message: r.message, at: r.at })),
      receipts: receipts.map((r) => ({ batchId: r.batch_id, applied: r.applied, rejected: r.rejected, duplicate: r.duplicate, storedHash: r.stored_hash, serverTime: r.server_time })),
      carried: await carriedStatus(this.db, Object.values(byEntity).reduce((a, b) => a + b, 0)),
    };
  }
}
