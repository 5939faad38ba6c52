/**
 * `POST /api/v1/sync/keys` (device token): the PC's signing key is registered if the device has none yet (a PC
 * enrolled before carried files v2), and the province's public keys go back. The PC calls it at the start of
 * every sync, which is how rotated province keys reach it, and answers the PC's short-report-code key.
 */
import type { FastifyInstance } from 'fastify';
import { deviceKeysRequestSchema } from '../../src-shared/sync-protocol';
import type { ProvinceKeyring } from '../keys/province-keyring';
import type { ServerKeyring } from '../secrets/server-keys';
import { deviceAuth, deviceOf } from '../plugins/auth';
import { sendError } from '../plugins/errors';
import type { DeviceRepository } from '../repositories/device-repository';

export function deviceKeyRoutes(app: FastifyInstance, devices: DeviceRepository, keys: ProvinceKeyring | null, keyring: ServerKeyring): void {
  app.post('/api/v1/sync/keys', deviceAuth(devices), async (request, reply) => {
    const device = deviceOf(request);
    const parsed = deviceKeysRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, { code: 'VALIDATION', message: '密钥登记请求不完整，请升级程序后重试' });
    const registered = await devices.registerSigningKey(device.id, parsed.data.signingKey);
    if (registered === 'invalid') return sendError(reply, 400, { code: 'VALIDATION', message: '本机的签名密钥格式不正确，请升级程序后重试' });
    if (registered === 'conflict') {
      request.log.warn({ event: 'keys.conflict', county: device.countyCode, device: device.id });
      return sendError(reply, 409, {
        code: 'SIGNING_KEY_MISMATCH',
        message: '省服务器登记的本机签名密钥与本机现有的不一致（本机数据文件夹可能是复制来的），U盘文件将无法导入。请向省级管理员申请新的登记码重新登记',
      });
    }
    // The short report code's key goes with it: how a PC enrolled before short codes gets one.
    return { ok: true, data: { signingKeyId: registered.keyId, provinceKeys: keys?.publicKeys() ?? [], reportCodeKey: keyring.reportCodeKey(device.id).toString('base64url') } };
  });
}
