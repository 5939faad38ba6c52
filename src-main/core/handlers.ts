/** The handler table: each contract procedure bound to the service that does the work. */
import { AppError } from '../../src-shared/errors';
import type { Handlers } from './router';
import type { Services } from './services';

export function createHandlers(s: Services, info: { mode: 'electron' | 'web'; dataDir: string; version: string; schemaVersion: string; schemaRevision: number }): Handlers {
  return {
    'app.info': async () => ({ name: '技能培训调度填报', version: info.version, mode: info.mode, dataDir: info.dataDir, schemaVersion: info.schemaVersion, schemaRevision: info.schemaRevision }),
    'status.get': () => s.settings.status(),
    'setup.init': async (input) => {
      // The PIN is judged before anything is written; then the first operator is logged in with it.
      if (input.pin !== undefined) await s.operatorLock.assertPinRule(input.pin, 'pin');
      const settings = await s.settings.init(input);
      const operator = (await s.settings.listOperators()).find((o) => o.name === input.operatorName.replace(/\s+/g, ' ').trim());
      if (input.pin === undefined || !operator) return settings;
      await s.operatorLock.setFirstPin(operator.id, input.pin);
      return s.settings.get();
    },
    'settings.get': () => s.settings.get(),
    'settings.set': (input) => s.settings.set(input),
    'operators.list': () => s.settings.listOperators(),
    'operators.create': (input) => s.settings.createOperator(input.name),
    'session.state': () => s.operatorLock.state(),
    'session.login': (input) => s.operatorLock.login(input.operatorId, input.pin),
    'session.setPin': (input) => s.operatorLock.setFirstPin(input.operatorId, input.pin),
    'session.lock': () => {
      s.operatorLock.lock();
      return s.operatorLock.state();
    },
    // The router's gate counted the call as activity; nothing else to do.
    'session.touch': async () => ({ ok: true as const }),
    'session.changePin': async (input) => {
      await s.operatorLock.changePin(input.current, input.next);
      return { ok: true as const };
    },
    'session.resetPinWithCode': (input) => s.operatorLock.resetPinWithRecoveryCode(input.operatorId, input.code),
    'operators.resetPin': async (input) => {
      await s.operatorLock.resetColleaguePin(input.operatorId, input.myPin);
      return { ok: true as const };
    },
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
    'trainees.reveal': (input) => s.traineeAudit.reveal(input.id, input.field),
    'trainees.history': (input) => s.traineeAudit.history(input.id),
    'enrolments.createMany': async (input) => {
      const ids = await s.enrolments.createMany(input.traineeIds.map((traineeId) => ({ ...input.course, traineeId })));
      return { created: ids.length };
    },
    'enrolments.create': (input) => s.enrolments.create(input),
    'enrolments.list': (input) => s.enrolments.list(input),
    'platforms.list': (input) => s.platforms.list(input.level),
    'platforms.create': (input) => s.platforms.create(input),
    'platforms.adopt': (input) => s.platforms.adopt(input),
    'backup.create': () => s.backups.create(),
    'backup.restore': (input) => s.backups.restore(input.fileId),
    'occupations.list': () => s.reference.occupations(),
    'periods.list': async () => {
      const periods = await s.reference.periods();
      if (periods.length === 0) throw new AppError('NOT_FOUND', '还没有调度周期，请检查行动起止日期设置');
      return periods;
    },
    'dispatch.list': () => s.dispatch.list(),
    'dispatch.get': (input) => s.dispatch.get(input.periodId),
    'dispatch.adjust': (input) => s.dispatch.adjust(input),
    'dispatch.submit': (input) => s.dispatch.submit(input),
    'dispatch.requestCorrection': (input) => s.dispatch.requestCorrection(input),
    'dispatch.shortCode': (input) => s.reportCodes.shortCode(input.periodId),
    'dispatch.confirmReceipt': (input) => s.reportCodes.confirmReceipt(input.periodId, input.receipt),
    'table.render': (input) => s.tables.html(input),
    'table.export': async (input) => {
      const file = await s.tables.export(input.target, input.format);
      return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64'), byteLength: file.bytes.length };
    },
    'sync.run': () => s.sync.run(),
    'sync.status': () => s.sync.status(),
    'sync.enrol': (input) => s.sync.enrol(input),
    'sync.discard': async (input) => {
      await s.sync.discard(input.opId);
      return { ok: true as const };
    },
    'sync.exportUnsent': () => s.sync.exportUnsentFile(),
    'sync.importReceipt': (input) => s.sync.importReceiptFile(input.fileId),
    'import.dryRun': async (input) => (await s.imports.dryRun(input)).summary,
    'import.commit': (input) => s.imports.commit(input.jobId, input.skipInvalid, input.remember, input.closedPeriods),
    'import.cancel': async (input) => {
      s.imports.cancel(input.jobId);
      return { ok: true as const };
    },
    'import.report': (input) => s.imports.report(input.jobId),
    'import.template': (input) => s.imports.template(input.kind),
    'importChoices.list': () => s.valueChoices.list(),
    'importChoices.set': async (input) => {
      await s.valueChoices.set(input);
      return { ok: true as const };
    },
    'importChoices.forget': async (input) => {
      await s.valueChoices.forget(input.field, input.value);
      return { ok: true as const };
    },
    'export.create': (input) => s.exports.create(input.kind, input.fullNumbers),
  };
}
