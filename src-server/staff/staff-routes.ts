/**
 * The staff API, part one: login and logout, the completeness board, roll-up tables (JSON, .xlsx,
 * PDF) and the review of county reports. Each handler validates its input with zod, calls a service
 * that answers a value, and logs codes and counts only (no names, no figures of persons).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { chromiumPdfPrinter, type PdfPrinter } from '../../src-node/print/pdf';
import { renderTableHtml } from '../../src-shared/print/html-table';
import { renderTableXlsx } from '../../src-node/print/xlsx-table';
import { bearerToken } from '../plugins/auth';
import { AccountService, type PasswordVerifier } from './account-service';
import { buildBoard, chinaDate } from './board-service';
import { loginNameKey } from './login-attempts';
import { dummyPasswordHash } from './password';
import { reviewReport } from './review-service';
import { buildRollup } from './rollup-service';
import { staffAuth, staffOf } from './staff-auth';
import { sendResult, sendStaffError } from './staff-result';
import { issuesOf, loginBody, periodQuery, reviewBody, reviewParams, rollupQuery } from './staff-schemas';

export interface StaffOptions {
  /** The clock for sessions, lockout, staleness and review times; tests move it. */
  now?: () => Date;
  /** Prints roll-up PDFs; default: a headless Chromium found on this machine. */
  pdfPrinter?: PdfPrinter;
  /** The password check (default: scrypt); tests count its calls to show every login answer costs one. */
  verifyPassword?: PasswordVerifier;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Parses `value` or answers 400 with the fields at fault; returns null when it answered. */
export function parseOr<T extends z.ZodType>(reply: FastifyReply, schema: T, value: unknown): { value: z.output<T> } | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data };
  void sendStaffError(reply, { code: 'VALIDATION', message: '请求内容有误', details: { fields: issuesOf(parsed.error) } });
  return null;
}

export function staffRoutes(app: FastifyInstance, db: Knex, options: StaffOptions): AccountService {
  const now = options.now ?? (() => new Date());
  const accounts = new AccountService(db, now, options.verifyPassword);
  // Made now, not at the first unknown name: that answer must not cost a hash more than the others.
  void dummyPasswordHash();
  const auth = staffAuth(accounts);
  let printer = options.pdfPrinter ?? null;
  app.addHook('onClose', async () => {
    if (!options.pdfPrinter) await printer?.close();
  });

  // A second rate limit per submitted name (app.ts), so many addresses cannot hammer one name either.
  app.post('/api/v1/staff/login', { config: { rateLimitSubject: loginSubject } }, async (request, reply) => {
    const body = parseOr(reply, loginBody, request.body);
    if (!body) return reply;
    const result = await accounts.login(body.value.name, body.value.password);
    request.log.info({ event: 'staff.login', outcome: result.ok ? 'ok' : result.error.code });
    if (!result.ok) return sendStaffError(reply, result.error);
    return sendResult(reply, result);
  });

  app.post('/api/v1/staff/logout', auth, async (request, reply) => {
    await accounts.logout(bearerToken(request)!);
    return sendResult(reply, { ok: true, data: { loggedOut: true } });
  });

  app.get('/api/v1/staff/me', auth, async (request, reply) => sendResult(reply, { ok: true, data: staffOf(request) }));

  app.get('/api/v1/staff/board', auth, async (request, reply) => {
    const query = parseOr(reply, periodQuery, request.query);
    if (!query) return reply;
    return sendResult(reply, await buildBoard(db, staffOf(request), query.value.period, now(), query.value.city));
  });

  const rollup = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = parseOr(reply, rollupQuery, request.query);
    if (!query) return null;
    const result = await buildRollup(db, staffOf(request), query.value.period, query.value.city ?? null, chinaDate(now().toISOString()));
    if (!result.ok) {
      await sendStaffError(reply, result.error);
      return null;
    }
    return result.data;
  };

  app.get('/api/v1/staff/rollup', auth, async (request, reply) => {
    const data = await rollup(request, reply);
    return data ? sendResult(reply, { ok: true, data }) : reply;
  });

  // The print preview: the same HTML the PDF is printed from.
  app.get('/api/v1/staff/rollup.html', auth, async (request, reply) => {
    const data = await rollup(request, reply);
    return data ? sendResult(reply, { ok: true, data: { html: renderTableHtml(data.table) } }) : reply;
  });

  app.get('/api/v1/staff/rollup.xlsx', auth, async (request, reply) => {
    const data = await rollup(request, reply);
    if (!data) return reply;
    const bytes = await renderTableXlsx(data.table, { creator: 'Skills Desk server', created: now() });
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`调度表-${data.unitName}-${data.cutoffDate}.xlsx`)).send(bytes);
  });

  app.get('/api/v1/staff/rollup.pdf', auth, async (request, reply) => {
    const data = await rollup(request, reply);
    if (!data) return reply;
    try {
      printer ??= chromiumPdfPrinter();
      const bytes = await printer.print(renderTableHtml(data.table));
      return reply.type('application/pdf').header('content-disposition', attachment(`调度表-${data.unitName}-${data.cutoffDate}.pdf`)).send(bytes);
    } catch (error) {
      request.log.warn({ event: 'staff.pdf_failed', errorClass: error instanceof Error ? error.name : 'unknown' });
      return sendStaffError(reply, { code: 'UNAVAILABLE', message: '服务器上没有可用于生成 PDF 的浏览器，请下载 .xlsx 或在网页中打印' });
    }
  });

  app.post('/api/v1/staff/reports/:county/:period/:decision', auth, async (request, reply) => {
    const parsedParams = parseOr(reply, reviewParams, request.params);
    if (!parsedParams) return reply;
    const body = parseOr(reply, reviewBody, request.body ?? null);
    if (!body) return reply;
    const params = parsedParams.value;
    const decision = params.decision === 'accept' ? 'accepted' : 'returned';
    const result = await reviewReport(db, staffOf(request), { countyCode: params.county, cutoffDate: params.period, decision, comment: body.value?.comment || null }, now());
    request.log.info({ event: 'staff.review', county: params.county, period: params.period, decision, outcome: result.ok ? 'ok' : result.error.code });
    return sendResult(reply, result);
  });

  return accounts;
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
