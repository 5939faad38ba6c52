/**
 * Attack on issue #18 item 7 (sec-attack): `export.create` with full numbers is recorded in the audit log ("who took
 * a file of full ID numbers off this computer"), but two other procedures hand out every trainee's full ID number
 * and phone as a file and recorded nothing: `backup.create` (the whole store) and `sync.exportUnsent` (the unsent
 * batches, for the province). Each is now recorded with the operator, like the full export.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { openTempApp, traineeInput, type TempApp } from '../support/temp-app';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
  // Enrolled as far as the unsent-file export asks (it names the server's device id).
  await new SettingsRepository(app.context.db).set('serverDeviceId', 'server-device-1');
});
afterEach(async () => {
  await app.dispose();
});

const trail = async () => app.context.db('audit_log').whereIn('entity', ['backup', 'export']).select<Array<{ action: string; operator_name: string | null }>>('action', 'operator_name');

it.each([
  ['backup.create', 'backup_created'],
  ['sync.exportUnsent', 'export_unsent'],
])('%s, a file of every full ID number, is recorded with the operator', async (procedure, action) => {
  expect((await app.context.invoke('trainees.create', traineeInput())).ok).toBe(true);
  expect(await trail()).toEqual([]);
  const result = await app.context.invoke(procedure, {});
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  expect(await trail()).toEqual([{ action, operator_name: '张三' }]);
});
