/**
 * The provincial server's Fastify app, built without listening so tests can use `app.inject`;
 * `server.ts` opens the store and listens. Plugins: gzip request bodies (the body limit applies after
 * decompression), rate limits per verified device or staff user (per address otherwise, and per name
 * for logins), errors as values, structured logs of codes and counts only (never bodies, headers or
 * row values).
 */
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Knex } from 'knex';
import { staffUiDir } from './paths';
import { fastifyTimeoutOptions, type HttpTimeouts } from './http-timeouts';
import { registerErrorHandling } from './plugins/errors';
import { addSubjectLimit, rateLimitKey } from './plugins/rate-limit-keys';
import { DeviceRepository } from './repositories/device-repository';
import { deviceKeyRoutes } from './routes/device-keys';
import { enrolRoutes } from './routes/enrol';
import type { ProvinceKeyring } from './keys/province-keyring';
import { syncRoutes } from './routes/sync';
import { AccountService } from './staff/account-service';
import { staffDataHandlers } from './staff/staff-data-routes';
import { acceptFileUploads, registerStaffRoutes } from './staff/staff-registry';
import { carriedHandlers } from './staff/carried-routes';
import { staffHandlers, type StaffOptions } from './staff/staff-routes';
import { levelHandlers } from './staff/level-routes';
import { staffUiRoutes } from './staff/staff-ui';
import { auditHandlers } from './audit/audit-routes';
import { ephemeralKeyring, type ServerKeyring } from './secrets/server-keys';
import { PersonalDataCipher } from './secrets/personal-data';
import type { PushHooks } from './sync/push-service';
import { updateRoutes } from './updates/update-routes';
import { shortCodeHandlers } from './short-codes/short-code-routes';
import { smsInboundRoutes } from './short-codes/sms-inbound';

export interface RateLimits {
  /** Requests per verified device or staff user, or per address when nothing verified, per window. */
  max: number;
  /** Enrolment attempts per address per window: a one-time code must not be found by trying. */
  enrolMax: number;
  /** Staff logins per submitted user name per window, from any address (besides `max` per address). */
  loginNameMax?: number;
  timeWindowMs: number;
}

export interface ServerOptions {
  version: string;
  db: Knex;
  /** pino options (e.g. `{ level: 'info', stream }`) or false for silence. */
  logger?: FastifyServerOptions['logger'];
  /** Limit on the decompressed request body. */
  bodyLimit?: number;
  rateLimit?: RateLimits | false;
  hooks?: PushHooks;
  /** Folder of published app updates, served under /updates/ (none: no update route). */
  updateFolder?: string;
  /** Staff API (province and city users): clock and PDF printer. */
  staff?: StaffOptions;
  /**
   * The server key (secrets/server-keys.ts): seals TOTP secrets and trainees' ID numbers and phones, keys
   * recovery-code and ID-number digests, derives each PC's short-report-code key. The
   * server command loads it from its 0600 file; without one (tests) a key held in memory for this process.
   */
  keyring?: ServerKeyring;
  /** The built staff web UI served under /staff/ (default: dist/staff). */
  staffUiDir?: string;
  /** How long a client may take to send a request (http-timeouts.ts; tests shorten them). */
  timeouts?: Partial<HttpTimeouts>;
  /** The SMS gateway's shared secret (SKILLS_DESK_SMS_SECRET): POST /api/v1/sms/inbound exists only with one. */
  smsSecret?: string;
  /** The province's keys for carried files (keys/province-keyring.ts); none: PCs get no key and files stay format 1. */
  keys?: ProvinceKeyring;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;
export const DEFAULT_LOGIN_NAME_MAX = 10;
export const DEFAULT_RATE_LIMITS: RateLimits = { max: 600, enrolMax: 10, loginNameMax: DEFAULT_LOGIN_NAME_MAX, timeWindowMs: 60_000 };

export function buildServerApp(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    // Our own one line per request below: the default lines carry the remote port and more noise.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    ...fastifyTimeoutOptions(options.timeouts),
  });
  const limits = options.rateLimit === false ? null : (options.rateLimit ?? DEFAULT_RATE_LIMITS);
  const devices = new DeviceRepository(options.db);
  const keyring = options.keyring ?? ephemeralKeyring();
  const personalData = new PersonalDataCipher(keyring);

  registerErrorHandling(app);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ event: 'http', method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) });
  });

  app.register(async (scope) => {
    // gzip request bodies (push batches); answers over 1 KB (pull pages) are gzipped for clients that ask.
    await scope.register(compress, { global: true, requestEncodings: ['gzip'], encodings: ['gzip'], threshold: 1024 });
    if (limits) {
      // Keyed on the verified caller, or the address when nothing verified (rate-limit-keys.ts): a
      // made-up token per request no longer buys a fresh budget. Runs before the body is read.
      await scope.register(rateLimit, {
        max: limits.max,
        timeWindow: limits.timeWindowMs,
        keyGenerator: rateLimitKey,
        errorResponseBuilder: (_request, context) => ({ statusCode: context.statusCode, code: 'RATE_LIMITED', message: 'rate limited' }),
      });
      addSubjectLimit(scope, { max: limits.loginNameMax ?? DEFAULT_LOGIN_NAME_MAX, timeWindowMs: limits.timeWindowMs });
    }
    scope.get('/api/v1/health', async () => ({ ok: true, data: { status: 'up', version: options.version, serverTime: new Date().toISOString() } }));
    enrolRoutes(scope, devices, limits ? { max: limits.enrolMax, timeWindowMs: limits.timeWindowMs } : null, options.keys ?? null, keyring);
    syncRoutes(scope, options.db, devices, options.hooks ?? {}, personalData);
    deviceKeyRoutes(scope, devices, options.keys ?? null, keyring);
    if (options.smsSecret) smsInboundRoutes(scope, options.db, keyring, options.smsSecret, options.staff?.now);
    // A child scope: the staff routes' hooks (printer shutdown) stay out of the sync routes.
    await scope.register(async (staff) => {
      const staffOptions = options.staff ?? {};
      const now = staffOptions.now ?? (() => new Date());
      const accounts = new AccountService(options.db, now, staffOptions.verifyPassword, keyring);
      // Every staff route comes from the staff contract; the handler table must cover it (a type error otherwise).
      const handlers = {
        ...staffHandlers(staff, options.db, accounts, staffOptions),
        ...staffDataHandlers(options.db, personalData, staffOptions.now),
        ...levelHandlers(options.db, staffOptions.now),
        ...auditHandlers(options.db, now),
        ...carriedHandlers(options.db, options.keys ?? null, personalData, now),
        ...shortCodeHandlers(options.db, keyring, now),
      };
      acceptFileUploads(staff);
      registerStaffRoutes(staff, options.db, accounts, handlers, now);
    });
    // Inside the compressing scope: the UI's script bundle crosses the province's network.
    await scope.register(async (ui) => staffUiRoutes(ui, options.staffUiDir ?? staffUiDir()));
  });
  // Outside the compressing scope: installers are already compressed and are served by ranges.
  if (options.updateFolder) app.register(async (scope) => updateRoutes(scope, options.updateFolder!));
  return app;
}
