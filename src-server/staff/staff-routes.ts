/**
 * The staff API's handlers, part one: login and logout, the completeness board, roll-up tables (JSON,
 * .xlsx, PDF) and the review of county reports. Routes, roles and input schemas are the staff
 * contract's (staff-registry.ts registers them); a handler calls a service that answers a value, and
 * logs codes and counts only (no names, no figures of persons).
 */
import type { Knex } from 'knex';
import { chromiumPdfPrinter, type PdfPrinter } from '../../src-node/print/pdf';
import { renderTableHtml } from '../../src-shared/print/html-table';
import { renderTableXlsx } from '../../src-node/print/xlsx-table';
import type { AccountService, PasswordVerifier } from './account-service';
import { buildBoard, chinaDate } from './board-service';
import { dummyPasswordHash } from '../../src-node/scrypt-hash';
import { reviewReport } from './review-service';
import { buildRollup } from './rollup-service';
import { cityReportTable } from './city-report-print';
import type { DispatchTableModel } from '../../src-shared/domain/dispatch-table';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffCall, StaffHandlers } from './staff-registry';
import { fail, ok } from './staff-result';

export interface StaffOptions {
  /** The clock for sessions, lockout, staleness and review times; tests move it. */
  now?: () => Date;
  /** Prints roll-up PDFs; default: a headless Chromium found on this machine. */
  pdfPrinter?: PdfPrinter;
  /** The password check (default: scrypt); tests count its calls to show every login answer costs one. */
  verifyPassword?: PasswordVerifier;
}

type PartOne = 'auth.login' | 'auth.secondFactor' | 'auth.enrolStart' | 'auth.enrolConfirm' | 'auth.changePassword' | 'auth.logout' | 'auth.me' | 'board.get' | 'rollup.get' | 'rollup.preview' | 'rollup.xlsx' | 'rollup.pdf' | 'reports.review' | 'city.preview' | 'city.xlsx' | 'city.pdf';

export function staffHandlers(app: FastifyInstance, db: Knex, accounts: AccountService, options: StaffOptions): Pick<StaffHandlers, PartOne> {
  const now = options.now ?? (() => new Date());
  // Made now, not at the first unknown name: that answer must not cost a hash more than the others.
  void dummyPasswordHash();
  let printer = options.pdfPrinter ?? null;
  app.addHook('onClose', async () => {
    if (!options.pdfPrinter) await printer?.close();
  });
  const rollup = ({ user, query }: StaffCall<'rollup.get'>) => buildRollup(db, user, query.period, query.city ?? null, chinaDate(now().toISOString()));
  const cityTable = ({ user, params }: StaffCall<'city.preview'>) => cityReportTable(db, user, params.city, params.period);
  const pdf = async (table: DispatchTableModel, fileName: string, request: FastifyRequest) => {
    try {
      printer ??= chromiumPdfPrinter();
      return ok({ fileName, bytes: await printer.print(renderTableHtml(table)) });
    } catch (error) {
      request.log.warn({ event: 'staff.pdf_failed', errorClass: error instanceof Error ? error.name : 'unknown' });
      return fail('UNAVAILABLE', '服务器上没有可用于生成 PDF 的浏览器，请下载 .xlsx 或在网页中打印');
    }
  };

  return {
    'auth.login': async ({ body, request }) => {
      const result = await accounts.login(body.name, body.password, request.ip);
      request.log.info({ event: 'staff.login', outcome: result.ok ? result.data.stage : result.error.code });
      return result;
    },
    'auth.secondFactor': async ({ session, body, request }) => {
      const result = await accounts.secondFactor(session, body.code, request.ip);
      request.log.info({ event: 'staff.second_factor', outcome: result.ok ? result.data.stage : result.error.code });
      return result;
    },
    'auth.enrolStart': async ({ session }) => accounts.enrolStart(session),
    'auth.enrolConfirm': async ({ session, body, request }) => {
      const result = await accounts.enrolConfirm(session, body.code, request.ip);
      request.log.info({ event: 'staff.enrol', outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    'auth.changePassword': async ({ session, body, request }) => {
      const result = await accounts.changePassword(session, { current: body.current ?? null, next: body.next }, request.ip);
      request.log.info({ event: 'staff.password_change', outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    'auth.logout': async ({ session, request }) => {
      await accounts.logout(session, request.ip);
      return ok({ loggedOut: true });
    },
    'auth.me': async ({ user }) => ok(user),
    'board.get': async ({ user, query }) => buildBoard(db, user, query.period, now(), query.city),
    'rollup.get': rollup,
    // The print preview: the same HTML the PDF is printed from.
    'rollup.preview': async (call) => {
      const result = await rollup(call);
      return result.ok ? ok({ html: renderTableHtml(result.data.table) }) : result;
    },
    'rollup.xlsx': async (call) => {
      const result = await rollup(call);
      if (!result.ok) return result;
      const bytes = await renderTableXlsx(result.data.table, { creator: 'Skills Desk server', created: now() });
      return ok({ fileName: `调度表-${result.data.unitName}-${result.data.cutoffDate}.xlsx`, bytes });
    },
    'rollup.pdf': async (call) => {
      const result = await rollup(call);
      return result.ok ? pdf(result.data.table, `调度表-${result.data.unitName}-${result.data.cutoffDate}.pdf`, call.request) : result;
    },
    'city.preview': async (call) => {
      const result = await cityTable(call);
      return result.ok ? ok({ html: renderTableHtml(result.data.table) }) : result;
    },
    'city.xlsx': async (call) => {
      const result = await cityTable(call);
      if (!result.ok) return result;
      const bytes = await renderTableXlsx(result.data.table, { creator: 'Skills Desk server', created: now() });
      return ok({ fileName: `市级报表-${result.data.cityName}-${result.data.cutoffDate}.xlsx`, bytes });
    },
    'city.pdf': async (call) => {
      const result = await cityTable(call);
      return result.ok ? pdf(result.data.table, `市级报表-${result.data.cityName}-${result.data.cutoffDate}.pdf`, call.request) : result;
    },
    'reports.review': async ({ user, params, body, request }) => {
      const decision = params.decision === 'accept' ? 'accepted' : 'returned';
      const result = await reviewReport(db, user, { countyCode: params.county, cutoffDate: params.period, decision, comment: body?.comment || null }, now());
      request.log.info({ event: 'staff.review', county: params.county, period: params.period, decision, outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
  };
}
