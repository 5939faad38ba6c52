/**
 * The staff API's handlers, part two: duplicate registrations (JSON, .xlsx; a full number only by the audited reveal), the platform directory
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
import { revealIdNumber } from './reveal-service';
import type { PersonalDataCipher } from '../secrets/personal-data';

type PartTwo = 'duplicates.list' | 'duplicates.xlsx' | 'duplicates.markReviewed' | 'trainees.revealIdNumber' | 'platforms.list' | 'platforms.save' | 'platforms.remove' | 'periods.list' | 'periods.publish' | 'progress.get';

/** `personalData` opens the sealed ID numbers (to mask them, or for an audited reveal). */
export function staffDataHandlers(db: Knex, personalData: PersonalDataCipher, now: () => Date = () => new Date()): Pick<StaffHandlers, PartTwo> {
  return {
    'duplicates.list': async ({ user, query }) => listDuplicates(db, personalData, user, query.city ?? null),
    'duplicates.xlsx': async ({ user, query }) => {
      const result = await listDuplicates(db, personalData, user, query.city ?? null);
      if (!result.ok) return result;
      return ok({ fileName: '跨县重复登记.xlsx', bytes: await duplicatesXlsx(result.data.cases, now()) });
    },
    'duplicates.markReviewed': async ({ user, params, request }) => {
      const result = await markReviewed(db, personalData, user, params.caseKey, now());
      request.log.info({ event: 'staff.duplicate_reviewed', outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    // The answer holds the number: the log line names the outcome only (the 操作日志 row is the registrar's).
    'trainees.revealIdNumber': async ({ user, params, request }) => {
      const result = await revealIdNumber(db, personalData, user, params.id);
      request.log.info({ event: 'staff.id_number_revealed', outcome: result.ok ? 'ok' : result.error.code });
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
