/**
 * Device authentication: `Authorization: Bearer <token>` is looked up by its hash. The county of a
 * request comes only from here, never from a request body. The same lookup, once per request, names
 * the device to the rate limit (rate-limit-keys.ts): a token that does not verify names no one.
 */
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Device, DeviceRepository } from '../repositories/device-repository';
import { sendError } from './errors';
import { oncePerRequest } from './rate-limit-keys';

const devices = new WeakMap<FastifyRequest, Device>();

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header) : null;
  return match ? match[1]! : null;
}

/** Route options for a device route: the guard, and the verified device as the rate-limit identity. */
export function deviceAuth(repository: DeviceRepository): Pick<RouteShorthandOptions, 'preHandler' | 'config'> {
  const verify = oncePerRequest(async (request) => {
    const token = bearerToken(request);
    return token ? repository.byToken(token) : null;
  });
  return {
    preHandler: requireDevice(verify),
    config: {
      rateLimitIdentity: async (request) => {
        const device = await verify(request);
        return device ? `device:${device.id}` : null;
      },
    },
  };
}

function requireDevice(verify: (request: FastifyRequest) => Promise<Device | null>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const device = await verify(request);
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
