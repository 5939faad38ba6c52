/**
 * The staff API's handlers, part three: reporting level by level. The city report (submit, withdraw,
 * the province's decision), the one history of a period's reports, correction requests and the
 * province's routing setting, and the province's check rules. Routes, roles and schemas are the staff contract's (staff-registry.ts);
 * logs carry codes and outcomes only.
 */
import type { Knex } from 'knex';
import { addRule, disableRule, listRules } from './check-rule-service';
import { submitCityReport, reviewCityReport, withdrawCityReport } from './city-report-service';
import { decideCorrection, listCorrections } from './correction-service';
import { eventsOf } from './level-repository';
import { readLevelSettings, saveLevelSettings } from './level-settings';
import { reportDetail } from './report-detail';
import type { StaffHandlers } from './staff-registry';
import { fail, ok } from './staff-result';
import { cityOfCounty, mayAccessCounty } from './staff-scope';

type PartThree = 'reports.detail' | 'reports.history' | 'city.submit' | 'city.withdraw' | 'city.review' | 'corrections.list' | 'corrections.decide' | 'levels.settings' | 'levels.saveSettings' | 'rules.list' | 'rules.add' | 'rules.disable';

export function levelHandlers(db: Knex, now: () => Date = () => new Date()): Pick<StaffHandlers, PartThree> {
  return {
    'reports.detail': async ({ user, params }) => reportDetail(db, user, params.county, params.period),
    'reports.history': async ({ user, query }) => {
      if (query.county) {
        const access = mayAccessCounty(user, query.county);
        if (!access.ok) return access;
        return ok({ events: await eventsOf(db, query.period, cityOfCounty(query.county)!, query.county) });
      }
      const city = query.city ?? user.cityCode;
      if (!city) return fail('VALIDATION', '请指定地市或县（区、市）', { fields: [{ field: 'city', message: '请选择地市' }] });
      if (user.role === 'city' && city !== user.cityCode) return fail('FORBIDDEN', '无权查看或处理其他地市的数据');
      return ok({ events: await eventsOf(db, query.period, city, null) });
    },
    'city.submit': async ({ user, params, body, request }) => {
      const result = await submitCityReport(db, user, { cityCode: params.city, cutoffDate: params.period, note: body?.note || null, forceReason: body?.forceReason || null }, now());
      request.log.info({ event: 'staff.city_report_submit', city: params.city, period: params.period, outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    'city.withdraw': async ({ user, params, body, request }) => {
      const result = await withdrawCityReport(db, user, { cityCode: params.city, cutoffDate: params.period, reason: body?.comment || null }, now());
      request.log.info({ event: 'staff.city_report_withdraw', city: params.city, period: params.period, outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    'city.review': async ({ user, params, body, request }) => {
      const decision = params.decision === 'accept' ? 'accepted' : 'returned';
      const result = await reviewCityReport(db, user, { cityCode: params.city, cutoffDate: params.period, decision, comment: body?.comment || null }, now());
      request.log.info({ event: 'staff.city_report_review', city: params.city, period: params.period, decision, outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    'corrections.list': async ({ user, query }) => listCorrections(db, user, query.period, query.city ?? null),
    'corrections.decide': async ({ user, params, body, request }) => {
      const result = await decideCorrection(db, user, { id: params.id, grant: params.decision === 'grant', comment: body?.comment || null }, now());
      request.log.info({ event: 'staff.correction_decide', decision: params.decision, outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    'levels.settings': async () => ok(await readLevelSettings(db)),
    'levels.saveSettings': async ({ user, body }) => saveLevelSettings(db, user, body, now()),
    'rules.list': async ({ user }) => listRules(db, user),
    'rules.add': async ({ user, body }) => addRule(db, user, body, now()),
    'rules.disable': async ({ user, params }) => disableRule(db, user, params.id, now()),
  };
}
