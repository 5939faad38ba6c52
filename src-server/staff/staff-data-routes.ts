/**
 * The staff API's handlers, part two: duplicate registrations (JSON, .xlsx), the platform directory
 * and the period calendar (both published to the counties by the pull feed), and progress against
 * the target. Routes, roles and input schemas are the staff contract's (staff-registry.ts).
 */
import type { Knex } from 'knex';
import { listDirectory, removePlatform, replaceCalendar, savePlatform } from './directory-service';
import { duplicatesXlsx, listDuplicates, markReviewed } from './duplicates-service';
import { buildProgress } from './progress-service';
import { listPeriods } from './report-repository';
import type { StaffHandlers } from './staff-registry';
import { ok } from './staff-result';

type PartTwo = 'duplicates.list' | 'duplicates.xlsx' | 'duplicates.markReviewed' | 'platforms.list' | 'platforms.save' | 'platforms.remove' | 'periods.list' | 'periods.publish' | 'progress.get';

export function staffDataHandlers(db: Knex, now: () => Date = () => new Date()): Pick<StaffHandlers, PartTwo> {
  return {
    'duplicates.list': async ({ user, query }) => listDuplicates(db, user, query.city ?? null),
    'duplicates.xlsx': async ({ user, query }) => {
      const result = await listDuplicates(db, user, query.city ?? null);
      if (!result.ok) return result;
      return ok({ fileName: '跨县重复登记.xlsx', bytes: await duplicatesXlsx(result.data.cases, now()) });
    },
    'duplicates.markReviewed': async ({ user, params, request }) => {
      const result = await markReviewed(db, user, params.caseKey, now());
      request.log.info({ event: 'staff.duplicate_reviewed', outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    'platforms.list': async ({ user }) => ok({ platforms: await listDirectory(db, user) }),
    'platforms.save': async ({ user, body, request }) => {
      const result = await savePlatform(db, user, body);
      request.log.info({ event: 'staff.platform_saved', outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    'platforms.remove': async ({ user, params }) => removePlatform(db, user, params.id),
    'periods.list': async () => ok({ periods: await listPeriods(db) }),
    'periods.publish': async ({ user, body, request }) => {
      const result = await replaceCalendar(db, user, body, now());
      request.log.info({ event: 'staff.calendar_published', outcome: result.ok ? 'ok' : result.error.code, periods: body.periods.length });
      return result.ok ? ok({ periods: result.data }) : result;
    },
    'progress.get': async ({ user, query }) => buildProgress(db, user, query.city ?? null),
  };
}
