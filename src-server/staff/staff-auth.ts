/**
 * Staff authentication for /api/v1/staff/*: `Authorization: Bearer <session token>`. Device tokens
 * are a different secret in a different table: a county PC's token opens no staff route.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../plugins/auth';
import type { AccountService } from './account-service';
import { sendStaffError } from './staff-result';
import type { StaffUser } from './staff-scope';

const users = new WeakMap<FastifyRequest, StaffUser>();

export function requireStaff(accounts: AccountService) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    const user = token ? await accounts.authenticate(token) : null;
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
