/** `POST /api/v1/enrol`: a one-time code for a device token. Rate-limited hard: codes must not be guessable by trying. */
import type { FastifyInstance } from 'fastify';
import { enrolRequestSchema } from '../../src-shared/sync-protocol';
import { sendError } from '../plugins/errors';
import type { DeviceRepository } from '../repositories/device-repository';
import type { ProvinceKeyring } from '../keys/province-keyring';
import type { ServerKeyring } from '../secrets/server-keys';

export function enrolRoutes(app: FastifyInstance, devices: DeviceRepository, limit: { max: number; timeWindowMs: number } | null, keys: ProvinceKeyring | null, keyring: ServerKeyring): void {
  app.post('/api/v1/enrol', { config: limit ? { rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } } : {} }, async (request, reply) => {
    const parsed = enrolRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, { code: 'VALIDATION', message: '登记请求不完整，请检查登记码后重试' });
    const enrolled = await devices.enrol(parsed.data.code, { deviceId: parsed.data.deviceId, label: parsed.data.label ?? null, ackedSeq: parsed.data.ackedSeq, signingKey: parsed.data.signingKey });
    if (!enrolled) {
      request.log.info({ event: 'enrol.refused' });
      return sendError(reply, 400, { code: 'ENROL_CODE_INVALID', message: '登记码无效、已被使用或已过期（有效期 72 小时），请向省级管理员重新申请' });
    }
    request.log.info({ event: 'enrol.ok', county: enrolled.countyCode, device: enrolled.deviceId });
    return { ok: true, data: { ...enrolled, serverTime: new Date().toISOString(), provinceKeys: keys?.publicKeys() ?? [], reportCodeKey: keyring.reportCodeKey(enrolled.deviceId).toString('base64url') } };
  });
}
