/**
 * Device authentication: `Authorization: Bearer <token>` is looked up by its hash. The county of a
 * request comes only from here, never from a request body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Device, DeviceRepository } from '../repositories/device-repository';
import { sendError } from './errors';

const devices = new WeakMap<FastifyRequest, Device>();

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header) : null;
  return match ? match[1]! : null;
}

export function requireDevice(repository: DeviceRepository) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    const device = token ? await repository.byToken(token) : null;
    if (!device) {
      await sendError(reply, 401, { code: 'UNAUTHORIZED', message: '本机尚未登记或同步授权已停用，请向省级管理员申请登记码后重新登记' });
      return;
    }
    devices.set(request, device);
  };
}

/** The authenticated device of a request that passed `requireDevice`. */
export function deviceOf(request: FastifyRequest): Device {
  const device = devices.get(request);
  if (!device) throw new Error('deviceOf called on a route without requireDevice');
  return device;
}
