/**
 * Registers the staff API from the staff contract (src-shared/staff-contract.ts): one Fastify route
 * per entry, in this order for every request: the session (401), the role (403), each schema of the
 * request (400 VALIDATION with the fields at fault), the city a city account is held to (403), then
 * the handler, whose StaffResult is sent as JSON or, for a download, as the file. A handler therefore
 * never sees a caller or an input the table does not allow; services keep their own checks as well.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { findUnit } from '../../src-shared/domain/units';
import { STAFF_API_PREFIX, STAFF_ROUTE_NAMES, staffContract, type StaffContract, type StaffParsed, type StaffRouteDef, type StaffRouteName } from '../../src-shared/staff-contract';
import type { AccountService } from './account-service';
import { recordAudit } from '../audit/audit-log';
import type { Knex } from 'knex';
import { loginNameKey } from './login-attempts';
import { sessionOf, staffAuth } from './staff-auth';
import { FORBIDDEN_MESSAGE, sendResult, sendStaffError, type StaffResult } from './staff-result';
import type { StaffUser } from './staff-scope';
import type { LiveSession } from './staff-sessions';

z.config(z.locales.zhCN());

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_TYPES = { xlsx: XLSX_TYPE, pdf: 'application/pdf' } as const;
const ROLE_FORBIDDEN = '您的账号无权进行此操作，请换用有权限的账号登录';

/** A generated file: its (Chinese) name for the download and its bytes. */
export interface StaffFile {
  fileName: string;
  bytes: Uint8Array;
}

/** What a handler of route `N` is called with: the parsed input, the verified user (null for the login) and the request (for logs). */
export type StaffCall<N extends StaffRouteName> = StaffParsed<N> & {
  user: StaffContract[N]['roles'] extends readonly [] ? null : StaffUser;
  /** The session the call came with (its stage is one the entry allows). */
  session: StaffContract[N]['roles'] extends readonly [] ? null : LiveSession;
  request: FastifyRequest;
};

type AnswerOf<N extends StaffRouteName> = StaffContract[N]['answer'] extends infer S extends z.ZodType ? z.input<S> : StaffFile;

export type StaffHandler<N extends StaffRouteName> = (call: StaffCall<N>) => Promise<StaffResult<AnswerOf<N>>>;
/** One handler per contract entry: a new entry without a handler is a type error in app.ts. */
export type StaffHandlers = { [N in StaffRouteName]: StaffHandler<N> };

export function registerStaffRoutes(app: FastifyInstance, db: Knex, accounts: AccountService, handlers: StaffHandlers, now: () => Date = () => new Date()): void {
  const auth = staffAuth(accounts);
  for (const name of STAFF_ROUTE_NAMES) {
    const def: StaffRouteDef = staffContract[name];
    const handler = handlers[name] as (call: Record<string, unknown>) => Promise<StaffResult<unknown>>;
    const needsSession = def.roles.length > 0;
    const options: RouteOptions = {
      method: def.method,
      url: `${STAFF_API_PREFIX}${def.path}`,
      ...(needsSession ? { preHandler: auth.preHandler(def.stages ?? ['full']) } : {}),
      config: { ...(needsSession ? auth.config : {}), ...(def.subjectLimit === 'login-name' ? { rateLimitSubject: loginSubject } : {}) },
      handler: async (request, reply) => {
        const session = needsSession ? sessionOf(request) : null;
        const user = session?.user ?? null;
        if (user && !def.roles.includes(user.role)) return sendStaffError(reply, { code: 'FORBIDDEN', message: def.forbiddenMessage ?? ROLE_FORBIDDEN });
        const parsed = parseRequest(reply, def, request);
        if (!parsed) return reply;
        if (user && outOfCity(user, def, parsed)) return sendStaffError(reply, { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
        const result = await handler({ ...parsed, user, session, request });
        if (def.audit && user) await recordAudit(db, auditEntryOf(def, user, parsed, request, result), now());
        if (!result.ok || !def.file) return sendResult(reply, result);
        const file = result.data as StaffFile;
        return reply.type(FILE_TYPES[def.file]).header('content-disposition', attachment(file.fileName)).send(Buffer.from(file.bytes));
      },
    };
    app.route(options);
  }
}

type Parts = { params: unknown; query: unknown; body: unknown };

/**
 * The audit row of a call: who, from where, the county it concerns (a path or query field named
 * county), what (the path parameters and query, which name periods, counties and cases, never a
 * person), and how it ended. Bodies are not recorded: a review comment or a platform is in its own table.
 */
function auditEntryOf(def: StaffRouteDef, user: StaffUser, parts: Parts, request: FastifyRequest, result: StaffResult<unknown>) {
  const fields = (part: unknown): Record<string, string> =>
    Object.fromEntries(Object.entries(typeof part === 'object' && part !== null ? part : {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const params = fields(parts.params);
  const query = fields(parts.query);
  const county = params.county ?? query.county ?? null;
  const target = Object.values(params).join('/') || null;
  return {
    action: def.audit!,
    actorKind: 'staff' as const,
    actor: user.name,
    actorRole: user.role,
    countyCode: county && findUnit(county)?.level === 'county' ? county : null,
    target,
    outcome: result.ok ? 'ok' : result.error.code,
    detail: { route: `${def.method} ${def.path}`, ...params, ...query },
    address: request.ip,
  };
}

/** Each declared schema in turn; the first refusal answers 400 with its fields. Undeclared parts pass as undefined. */
function parseRequest(reply: FastifyReply, def: StaffRouteDef, request: FastifyRequest): Parts | null {
  const parts: Parts = { params: undefined, query: undefined, body: undefined };
  const sources = { params: request.params, query: request.query, body: request.body ?? null };
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = def[part];
    if (!schema) continue;
    const parsed = schema.safeParse(sources[part]);
    if (!parsed.success) {
      void sendStaffError(reply, { code: 'VALIDATION', message: '请求内容有误', details: { fields: issuesOf(parsed.error) } });
      return null;
    }
    parts[part] = parsed.data;
  }
  return parts;
}

/**
 * Whether a city account names another city (or a county of one) in the field the entry declares.
 * A code that names no unit of that level passes: the service answers it (VALIDATION, NOT_FOUND).
 */
function outOfCity(user: StaffUser, def: StaffRouteDef, parts: Parts): boolean {
  if (!def.cityScope || user.role !== 'city') return false;
  const source = parts[def.cityScope.from];
  const code = typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[def.cityScope.field] : undefined;
  if (typeof code !== 'string') return false;
  const unit = findUnit(code);
  if (unit?.level !== def.cityScope.unit) return false;
  return (def.cityScope.unit === 'city' ? unit.code : unit.parentCode) !== user.cityCode;
}

/** The issues of a failed parse, as `{field, message}` for the error details. */
export function issuesOf(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
}

/** The login's second rate-limit key: the submitted name, normalised as the lockout counts it. */
function loginSubject(request: FastifyRequest): string | null {
  const body: unknown = request.body;
  const name = typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? `login-name:${loginNameKey(name)}` : null;
}

/** RFC 5987 file name, so Chinese names survive every browser. */
export function attachment(fileName: string): string {
  return `attachment; filename="export"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export type { StaffRouteName };
