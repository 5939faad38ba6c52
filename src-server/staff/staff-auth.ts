/**
 * Staff authentication for /api/v1/staff/*: `Authorization: Bearer <session token>`. Device tokens
 * are a different secret in a different table: a county PC's token opens no staff route. The same
 * session lookup, once per request, names the user to the rate limit (a user has one budget however
 * many sessions it has; a token that does not verify counts against its address).
 */
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { bearerToken } from '../plugins/auth';
import { oncePerRequest } from '../plugins/rate-limit-keys';
import type { AccountService } from './account-service';
import { sendStaffError } from './staff-result';
import type { StaffUser } from './staff-scope';

const users = new WeakMap<FastifyRequest, StaffUser>();

/** Route options for a staff route: the guard, and the verified user as the rate-limit identity. */
export function staffAuth(accounts: AccountService): Pick<RouteShorthandOptions, 'preHandler' | 'config'> {
  const verify = oncePerRequest(async (request) => {
    const token = bearerToken(request);
    return token ? accounts.authenticate(token) : null;
  });
  return {
    preHandler: requireStaff(verify),
    config: {
      rateLimitIdentity: async (request) => {
        const user = await verify(request);
        return user ? `staff:${user.id}` : null;
      },
    },
  };
}

function requireStaff(verify: (request: FastifyRequest) => Promise<StaffUser | null>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const user = await verify(request);
    if (!user) {
      await sendStaffError(reply, { code: 'UNAUTHORIZED', message: '请先登录；长时间未操作，登录已失效' });
      return;
    }
    users.set(request, user);
  };
}

export function staffOf(request: FastifyRequest): StaffUser {
  const user = users.get(request);
  if (!user) throw new Error('staffOf called on a route without requireStaff');
  return user;
}
