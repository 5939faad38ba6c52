/**
 * Staff authentication for /api/v1/staff/*: `Authorization: Bearer <session token>`. Device tokens
 * are a different secret in a different table: a county PC's token opens no staff route. A session
 * opens a route only in the stages the route's contract entry names (a password alone opens only the
 * second-factor step). The same session lookup, once per request, names the user to the rate limit
 * (a user has one budget however many sessions it has; a token that does not verify counts against
 * its address).
 */
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { SessionStage } from '../../src-shared/staff-login-api';
import { bearerToken } from '../plugins/auth';
import { oncePerRequest } from '../plugins/rate-limit-keys';
import type { AccountService } from './account-service';
import { sendStaffError } from './staff-result';
import type { LiveSession } from './staff-sessions';

const sessions = new WeakMap<FastifyRequest, LiveSession>();

const ENDED = '请先登录；长时间未操作，登录已失效';
const NOT_YET = '请先完成登录验证（动态码或修改已过期的密码）';

export interface StaffAuth {
  /** The guard of a route open to these stages. */
  preHandler(stages: readonly SessionStage[]): NonNullable<RouteShorthandOptions['preHandler']>;
  config: NonNullable<RouteShorthandOptions['config']>;
}

/** Route options for a staff route: the guard, and the verified user as the rate-limit identity. */
export function staffAuth(accounts: AccountService): StaffAuth {
  const verify = oncePerRequest(async (request) => {
    const token = bearerToken(request);
    return token ? accounts.session(token) : null;
  });
  return {
    preHandler: (stages) => async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const session = await verify(request);
      if (!session) {
        await sendStaffError(reply, { code: 'UNAUTHORIZED', message: ENDED });
        return;
      }
      if (!stages.includes(session.stage)) {
        await sendStaffError(reply, { code: 'UNAUTHORIZED', message: session.stage === 'full' ? ENDED : NOT_YET, details: { stage: session.stage } });
        return;
      }
      sessions.set(request, session);
    },
    config: {
      rateLimitIdentity: async (request: FastifyRequest) => {
        const session = await verify(request);
        // A pending step is not yet the user: it counts against its address, and cannot spend the user's budget.
        return session?.stage === 'full' ? `staff:${session.user.id}` : null;
      },
    },
  };
}

export function sessionOf(request: FastifyRequest): LiveSession {
  const session = sessions.get(request);
  if (!session) throw new Error('sessionOf called on a route without the staff guard');
  return session;
}
