/**
 * One sync run: push every waiting batch in order, then pull every dataset to its end. Transient
 * failures are retried with backoff (the same bytes each time); a refusal stops the run with the
 * server's Chinese reason; nothing leaves the outbox before its receipt is committed locally.
 * The batch size adapts to the link: halved on a timeout, grown by a quarter after each success.
 */
import type { Knex } from 'knex';
import { normaliseServerUrl } from '../../../src-shared/domain/server-url';
import { CLOCK_SKEW_WARN_MS, SYNC_DATASETS, type SyncDataset } from '../../../src-shared/sync-protocol';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { batchesAfter, nextBatch, type FrozenBatch } from './batcher';
import { commitReceipt, ReceiptMismatch } from './receipt';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { storePage } from './pull-apply';
import { SyncHttp, type Answer } from './sync-http';
import { getSyncState, setSyncState } from './sync-state';
import { exchangeKeys } from './device-keys';
import { pushAuditChain } from '../audit/audit-push';

export const BATCH_SIZE = { initial: 500, min: 25, max: 5000 };

export type SyncProgress =
  | { phase: 'push'; batchId: string; ops: number; attempt: number; batchesTotal: number }
  | { phase: 'pushed'; batchId: string; applied: number; rejected: number; duplicate: number; replayed: boolean; batchesTotal: number }
  | { phase: 'pull'; dataset: SyncDataset; stored: number };

export interface SyncRunOptions {
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  pullPageSize?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** The PC's wall clock (tests play a PC whose clock is days off). */
  now?: () => number;
  /** Test seam: runs after a receipt arrived and before it is committed (a crash here must lose nothing). */
  beforeCommit?: (batch: FrozenBatch) => Promise<void> | void;
}

export interface SyncReport {
  outcome: 'done' | 'not_enrolled' | 'offline' | 'refused';
  message: string;
  pushed: { batches: number; applied: number; rejected: number; duplicate: number; replayed: number };
  pulled: Record<SyncDataset, number>;
  error: { code: string; message: string } | null;
  serverTime: string | null;
  /** This PC's clock minus the server's (ms), as last measured; null when the server did not say. */
  clockSkewMs: number | null;
  /** Chinese, for the clerk: things that did not stop the run but need attention (a wrong PC clock). */
  warnings: string[];
}

const OFFLINE = '暂时连不上省服务器，数据已安全保存在本机，网络恢复后再点“立即同步”即可';

function emptyReport(): SyncReport {
  return {
    outcome: 'done',
    message: '',
    pushed: { batches: 0, applied: 0, rejected: 0, duplicate: 0, replayed: 0 },
    pulled: { platforms: 0, periods: 0, report_status: 0, notices: 0 },
    error: null,
    serverTime: null,
    clockSkewMs: null,
    warnings: [],
  };
}

/** The clerk's warning for a PC clock far from the server's, or null when it is close enough. */
export function clockWarning(skewMs: number | null): string | null {
  if (skewMs === null || Math.abs(skewMs) <= CLOCK_SKEW_WARN_MS) return null;
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  const amount = minutes >= 2 * 60 * 24 ? `${Math.round(minutes / 60 / 24)} 天` : minutes >= 120 ? `${Math.round(minutes / 60)} 小时` : `${minutes} 分钟`;
  return `本机时钟比省服务器${skewMs > 0 ? '快' : '慢'}约 ${amount}。数据已照常上报，但两台电脑修改同一条记录时可能按错误的先后处理。请把电脑的日期和时间改正（Windows：设置→时间和语言→自动设置时间）后再登记。`;
}

export async function runSync(db: Knex, options: SyncRunOptions = {}): Promise<SyncReport> {
  const settings = new SettingsRepository(db);
  const report = emptyReport();
  const [serverUrl, token, deviceId] = await Promise.all([settings.get<string>('serverUrl'), settings.get<string>('deviceToken'), settings.get<string>('deviceId')]);
  if (!serverUrl || !token || !deviceId) {
    return { ...report, outcome: 'not_enrolled', message: '本机尚未登记到省服务器：请向省级管理员申请登记码，在“设置”中完成登记后再同步' };
  }
  // An address stored by an older version may be plain http to another machine: refused, never contacted.
  const checked = normaliseServerUrl(serverUrl);
  if (!checked.ok) {
    const error = { code: 'INSECURE_SERVER_URL', message: `${checked.message}。本机保存的地址是 ${serverUrl}，请在“数据同步”页用 https:// 地址重新登记。` };
    await setSyncState(db, 'lastError', error);
    return { ...report, outcome: 'refused', message: error.message, error };
  }
  const http = new SyncHttp({ baseUrl: checked.url, token, timeoutMs: options.timeoutMs, now: options.now });
  const noteSkew = (answer: Answer<unknown>) => {
    if (answer.kind === 'ok' && answer.clockSkewMs !== undefined) report.clockSkewMs = answer.clockSkewMs;
  };
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  await setSyncState(db, 'lastAttemptAt', new Date().toISOString());

  const stop = async (answer: Exclude<Answer<unknown>, { kind: 'ok' }>): Promise<SyncReport> => {
    const error = answer.kind === 'retry' ? { code: 'OFFLINE', message: OFFLINE } : { code: answer.code, message: answer.message };
    await setSyncState(db, 'lastError', error);
    return { ...report, outcome: answer.kind === 'retry' ? 'offline' : 'refused', message: error.message, error };
  };

  // Before the push: a PC enrolled before carried files v2 registers its key, and rotated province keys arrive.
  const keys = await exchangeKeys(db, http);
  if (keys.kind === 'warning') report.warnings.push(keys.message);

  let size = (await getSyncState<number>(db, 'batchSize')) ?? BATCH_SIZE.initial;
  for (;;) {
    const batch = await nextBatch(db, deviceId, size);
    if (!batch) break;
    const batchesTotal = report.pushed.batches + 1 + (await batchesAfter(db, batch, size));
    let attempt = 0;
    const answer = await withRetry(
      policy,
      async () => {
        attempt++;
        options.onProgress?.({ phase: 'push', batchId: batch.batchId, ops: batch.opCount, attempt, batchesTotal });
        await db('sync_batches').where({ batch_id: batch.batchId }).update({ attempts: db.raw('attempts + 1'), last_attempt_at: new Date().toISOString() });
        return http.push(batch.batchId, batch.body);
      },
      (transient) => {
        // The open batch keeps its bytes; the next batches are formed smaller.
        if (transient.reason === 'timeout') size = Math.max(BATCH_SIZE.min, Math.floor(size / 2));
      },
    );
    await setSyncState(db, 'batchSize', size);
    noteSkew(answer);
    if (answer.kind !== 'ok') return stop(answer);
    await options.beforeCommit?.(batch);
    try {
      await commitReceipt(db, batch, answer.data);
    } catch (error) {
      if (!(error instanceof ReceiptMismatch)) throw error;
      return stop({ kind: 'refused', status: 200, code: 'RECEIPT_MISMATCH', message: '省服务器的回执与本机数据不符，本批数据保留在本机未删除。请联系技术支持' });
    }
    const { counts } = answer.data;
    report.pushed.batches++;
    report.pushed.applied += counts.applied;
    report.pushed.rejected += counts.rejected;
    report.pushed.duplicate += counts.duplicate;
    if (answer.replayed) report.pushed.replayed++;
    report.serverTime = answer.data.serverTime;
    options.onProgress?.({ phase: 'pushed', batchId: batch.batchId, ...counts, replayed: answer.replayed, batchesTotal });
    size = Math.min(BATCH_SIZE.max, Math.max(size + 1, Math.floor(size * 1.25)));
    await setSyncState(db, 'batchSize', size);
  }

  // The audit chain after the data it records. A server without the route (older) or one that refuses the page
  // does not stop the sync: the rows wait on the PC, and the clerk is told.
  const audit = await pushAuditChain(db, (chain, rows) => withRetry(policy, () => http.pushAudit(chain, rows)));
  if (audit.kind === 'retry') return stop(audit);
  if (audit.kind === 'refused') report.warnings.push(`本机操作记录暂未上报到省服务器（${audit.message}），已保存在本机，下次同步时再发送。`);

  for (const dataset of SYNC_DATASETS) {
    let cursor = (await getSyncState<number>(db, `cursor:${dataset}`)) ?? 0;
    for (;;) {
      const answer = await withRetry(policy, () => http.pull(dataset, cursor, options.pullPageSize ?? 500));
      noteSkew(answer);
      if (answer.kind !== 'ok') return stop(answer);
      const page = answer.data;
      const outcome = await storePage(db, page);
      report.pulled[dataset] += outcome.stored;
      report.serverTime = page.serverTime;
      options.onProgress?.({ phase: 'pull', dataset, stored: outcome.stored });
      // A page that does not move the cursor would loop for ever: stop instead.
      if (!page.hasMore || page.cursor <= cursor) break;
      cursor = page.cursor;
    }
  }

  // Server time, not the PC's clock: the clerk compares it with what the province sees.
  if (report.serverTime) await settings.set('lastSyncAt', report.serverTime);
  await db('sync_state').where({ key: 'lastError' }).delete();
  const rejectedNote = report.pushed.rejected > 0 ? `，${report.pushed.rejected} 条未被接收，请在下方“未被接收的修改”中查看原因并处理` : '';
  const warning = clockWarning(report.clockSkewMs);
  if (warning) report.warnings.push(warning);
  return { ...report, message: `同步完成：上报 ${report.pushed.applied} 条${rejectedNote}${warning ? '。注意：本机时钟不准，见下方提示' : ''}` };
}
