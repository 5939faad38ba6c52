/**
 * The staff API, part two: duplicate registrations (JSON, .xlsx), the platform directory and the
 * period calendar (both published to the counties by the pull feed), and progress against the target.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { AccountService } from './account-service';
import { listDirectory, removePlatform, replaceCalendar, savePlatform } from './directory-service';
import { duplicatesXlsx, listDuplicates, markReviewed } from './duplicates-service';
import { buildProgress } from './progress-service';
import { listPeriods } from './report-repository';
import { staffAuth, staffOf } from './staff-auth';
import { sendResult, sendStaffError } from './staff-result';
import { attachment, parseOr, XLSX_TYPE } from './staff-routes';
import { calendarBody, caseParams, cityQuery, idParams, platformBody } from './staff-schemas';

export function staffDataRoutes(app: FastifyInstance, db: Knex, accounts: AccountService, now: () => Date = () => new Date()): void {
  const auth = staffAuth(accounts);

  app.get('/api/v1/staff/duplicates', auth, async (request, reply) => {
    const query = parseOr(reply, cityQuery, request.query);
    if (!query) return reply;
    return sendResult(reply, await listDuplicates(db, staffOf(request), query.value.city ?? null));
  });

  app.get('/api/v1/staff/duplicates.xlsx', auth, async (request, reply) => {
    const query = parseOr(reply, cityQuery, request.query);
    if (!query) return reply;
    const result = await listDuplicates(db, staffOf(request), query.value.city ?? null);
    if (!result.ok) return sendStaffError(reply, result.error);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('跨县重复登记.xlsx')).send(await duplicatesXlsx(result.data.cases, now()));
  });

  app.post('/api/v1/staff/duplicates/:caseKey/reviewed', auth, async (request, reply) => {
    const params = parseOr(reply, caseParams, request.params);
    if (!params) return reply;
    const result = await markReviewed(db, staffOf(request), params.value.caseKey, now());
    request.log.info({ event: 'staff.duplicate_reviewed', outcome: result.ok ? 'ok' : result.error.code });
    return sendResult(reply, result);
  });

  app.get('/api/v1/staff/platforms', auth, async (request, reply) => sendResult(reply, { ok: true, data: { platforms: await listDirectory(db, staffOf(request)) } }));

  app.post('/api/v1/staff/platforms', auth, async (request, reply) => {
    const body = parseOr(reply, platformBody, request.body);
    if (!body) return reply;
    const result = await savePlatform(db, staffOf(request), body.value);
    request.log.info({ event: 'staff.platform_saved', outcome: result.ok ? 'ok' : result.error.code });
    return sendResult(reply, result);
  });

  app.delete('/api/v1/staff/platforms/:id', auth, async (request, reply) => {
    const params = parseOr(reply, idParams, request.params);
    if (!params) return reply;
    return sendResult(reply, await removePlatform(db, staffOf(request), params.value.id));
  });

  app.get('/api/v1/staff/periods', auth, async (_request, reply) => sendResult(reply, { ok: true, data: { periods: await listPeriods(db) } }));

  app.put('/api/v1/staff/periods', auth, async (request, reply) => {
    const body = parseOr(reply, calendarBody, request.body);
    if (!body) return reply;
    const result = await replaceCalendar(db, staffOf(request), body.value, now());
    request.log.info({ event: 'staff.calendar_published', outcome: result.ok ? 'ok' : result.error.code, periods: body.value.periods.length });
    return sendResult(reply, result.ok ? { ok: true, data: { periods: result.data } } : result);
  });

  app.get('/api/v1/staff/progress', auth, async (request, reply) => {
    const query = parseOr(reply, cityQuery, request.query);
    if (!query) return reply;
    return sendResult(reply, await buildProgress(db, staffOf(request), query.value.city ?? null));
  });
}
