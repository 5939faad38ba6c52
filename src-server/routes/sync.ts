/**
 * `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`, for enrolled devices only. Request bodies
 * may be gzip (decompressed before the body limit applies, so a gzip bomb is refused with 413).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { z } from 'zod';
import { CLIENT_TIME_HEADER, CLOCK_SKEW_HEADER, MAX_PULL_PAGE, READABLE_SCHEMA_VERSIONS, SYNC_DATASETS, SYNC_SCHEMA_VERSION } from '../../src-shared/sync-protocol';
import { readPushBody } from '../../src-shared/sync-wire';
import { deviceAuth, deviceOf } from '../plugins/auth';
import { sendError } from '../plugins/errors';
import { sha256Hex } from '../../src-node/digest';
import type { DeviceRepository } from '../repositories/device-repository';
import { readFeed } from '../repositories/feed-repository';
import { applyPush, type PushHooks } from '../sync/push-service';
import type { PersonalDataCipher } from '../secrets/personal-data';
import { countyAuditPushSchema } from '../../src-shared/county-audit';
import { receiveCountyAudit } from '../audit/county-audit-receive';

const KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pullQuery = z.object({
  dataset: z.enum(SYNC_DATASETS),
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(MAX_PULL_PAGE).default(500),
});

export function syncRoutes(app: FastifyInstance, db: Knex, devices: DeviceRepository, hooks: PushHooks, personalData: PersonalDataCipher): void {
  // The idempotency check compares hashes of the (decompressed) body text: parse it ourselves to keep it.
  const bodyHashes = new WeakMap<FastifyRequest, string>();
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    bodyHashes.set(request, sha256Hex(body as string));
    defaultJson(request, body as string, done);
  });
  // The guard and the rate limit's identity: the limit counts a verified device, a bad token its address.
  const auth = deviceAuth(devices);
  // Every sync answer tells the PC how far its clock is from ours (see CLIENT_TIME_HEADER).
  app.addHook('onSend', async (request, reply) => {
    const sent = Number(request.headers[CLIENT_TIME_HEADER]);
    if (Number.isSafeInteger(sent) && sent > 0) reply.header(CLOCK_SKEW_HEADER, String(sent - Date.now()));
  });

  app.post('/api/v1/sync/push', auth, async (request, reply) => {
    const started = Date.now();
    const device = deviceOf(request);
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      return sendError(reply, 400, { code: 'VALIDATION', message: '缺少批次编号，请升级程序后重试' });
    }
    const raw = request.body as { schemaVersion?: unknown } | null;
    if (typeof raw !== 'object' || raw === null || !READABLE_SCHEMA_VERSIONS.includes(raw.schemaVersion as number)) {
      return sendError(reply, 400, {
        code: 'SCHEMA_VERSION',
        message: '本机程序与省服务器的数据格式版本不一致，请先升级程序再同步；未发送的数据仍保存在本机',
        details: { expected: SYNC_SCHEMA_VERSION },
      });
    }
    const parsed = readPushBody(raw);
    if (!parsed.ok || parsed.request.batchId !== key) {
      // The issue names a field or a column, never a value: it can go to the log.
      request.log.info({ event: 'push.invalid', county: device.countyCode, issue: parsed.ok ? 'batch id differs from the key' : parsed.issue });
      return sendError(reply, 400, { code: 'VALIDATION', message: '同步批次格式不正确，请升级程序后重试' });
    }
    const body = parsed.request;
    const result = await applyPush(db, { device, key, bodyHash: bodyHashes.get(request)!, body }, hooks, personalData);
    if (!result.ok) {
      request.log.info({ event: 'push.refused', county: device.countyCode, errorCode: result.error.code });
      return sendError(reply, result.status, result.error);
    }
    if (!result.replayed) await hooks.afterCommit?.();
    // For the province: a device pushing many numbers registered elsewhere may be probing where they are.
    if (result.noticesCapped) request.log.warn({ event: 'sync.duplicate_notices_capped', county: device.countyCode, device: device.id, capped: result.noticesCapped });
    const counts = result.receipt?.counts;
    request.log.info({
      event: 'push.ok',
      county: device.countyCode,
      ops: body.ops.length,
      applied: counts?.applied,
      rejected: counts?.rejected,
      duplicate: counts?.duplicate,
      replayed: result.replayed,
      ms: Date.now() - started,
    });
    return reply.code(200).header('idempotent-replayed', String(result.replayed)).type('application/json').send(result.response);
  });

  // The PC's audit chain (src-server/audit/county-audit-receive.ts): a break is stored and flagged, never refused.
  app.post('/api/v1/sync/audit', auth, async (request, reply) => {
    const device = deviceOf(request);
    const parsed = countyAuditPushSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, { code: 'VALIDATION', message: '本机操作记录的格式不正确，请升级程序后重试' });
    const receipt = await receiveCountyAudit(db, device, parsed.data, new Date());
    const event = { event: 'audit.received', county: device.countyCode, device: device.id, ...receipt };
    if (receipt.flagged > 0) request.log.warn({ ...event, event: 'audit.chain_broken' });
    else request.log.info(event);
    return { ok: true, data: receipt };
  });

  app.get('/api/v1/sync/pull', auth, async (request, reply) => {
    const device = deviceOf(request);
    const parsed = pullQuery.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 400, { code: 'VALIDATION', message: '下载请求参数不正确，请升级程序后重试' });
    const { dataset, cursor, limit } = parsed.data;
    const page = await readFeed(db, dataset, device.countyCode, cursor, limit);
    return { ok: true, data: { dataset, ...page, serverTime: new Date().toISOString() } };
  });
}
