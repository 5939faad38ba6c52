/** The handler table: each contract procedure bound to the service that does the work. */
import { AppError } from '../../src-shared/errors';
import type { Handlers } from './router';
import type { Services } from './services';

export function createHandlers(s: Services, info: { mode: 'electron' | 'web'; dataDir: string; version: string; schemaVersion: string }): Handlers {
  return {
    'app.info': async () => ({ name: '技能培训调度填报', version: info.version, mode: info.mode, dataDir: info.dataDir, schemaVersion: info.schemaVersion }),
    'status.get': () => s.settings.status(),
    'setup.init': (input) => s.settings.init(input),
    'settings.get': () => s.settings.get(),
    'settings.set': (input) => s.settings.set(input),
    'operators.list': () => s.settings.listOperators(),
    'operators.create': (input) => s.settings.createOperator(input.name),
    'operators.select': (input) => s.settings.selectOperator(input.id),
    'units.list': (input) => s.reference.units(input),
    'trainees.create': (input) => s.trainees.create(input),
    'trainees.get': (input) => s.trainees.get(input.id),
    'trainees.update': (input) => s.trainees.update(input),
    'trainees.delete': async (input) => {
      await s.trainees.delete(input.id, input.reason);
      return { ok: true as const };
    },
    'trainees.list': (input) => s.trainees.list(input),
    'trainees.lookup': (input) => s.trainees.lookup(input.idNumber),
    'enrolments.create': (input) => s.enrolments.create(input),
    'enrolments.list': (input) => s.enrolments.list(input),
    'platforms.list': (input) => s.platforms.list(input.level),
    'platforms.create': (input) => s.platforms.create(input),
    'platforms.adopt': (input) => s.platforms.adopt(input),
    'occupations.list': () => s.reference.occupations(),
    'periods.list': async () => {
      const periods = await s.reference.periods();
      if (periods.length === 0) throw new AppError('NOT_FOUND', '还没有调度周期，请检查行动起止日期设置');
      return periods;
    },
  };
}
