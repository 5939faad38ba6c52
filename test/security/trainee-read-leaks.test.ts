/**
 * Attack on issue #18 item 7 (sec-attack): other ways to read a trainee's full ID number and phone without the audit
 * row `trainees.get` and `trainees.reveal` write.
 * - `trainees.update` with an empty patch (or one that changes nothing) answers the whole record, unmasked, and
 *   writes nothing (the update returns early): a silent `trainees.get`.
 * - `trainees.history` answers each change of the ID number or phone with both values in full.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { maskPhone } from '../../src-shared/domain/phone';
import { callProcedure } from '../support/call-procedure';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';

const PHONE = '13800138000';
const NEW_PHONE = '13900139000';
let app: TempApp;

beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const ok = <T>(name: string, input: unknown): Promise<T> => callProcedure<T>(app.context, name, input);

const views = async (id: string) => Number((await app.context.db('audit_log').where({ entity_id: id, action: 'view' }).count<Array<{ n: number }>>({ n: '*' }))[0]!.n);

it('an update that changes nothing and answers the full record is recorded as a read', async () => {
  const trainee = await ok<{ id: string }>('trainees.create', traineeInput());
  for (const patch of [{}, { phone: PHONE }]) {
    const before = await views(trainee.id);
    const answer = await ok<{ idNumber: string; phone: string }>('trainees.update', { id: trainee.id, patch });
    if (answer.idNumber === validIdNumber() || answer.phone === PHONE) expect(await views(trainee.id)).toBe(before + 1);
  }
});

it('the history shows changed ID numbers and phones masked', async () => {
  const trainee = await ok<{ id: string }>('trainees.create', traineeInput());
  const corrected = validIdNumber('19900101', 42);
  await ok('trainees.update', { id: trainee.id, patch: { phone: NEW_PHONE, idNumber: corrected } });
  const history = await ok<Array<{ changes: Array<{ field: string; before: unknown; after: unknown }> }>>('trainees.history', { id: trainee.id });
  const text = JSON.stringify(history);
  for (const full of [PHONE, NEW_PHONE, validIdNumber(), corrected]) expect(text).not.toContain(full);
  const changes = history.flatMap((entry) => entry.changes);
  expect(changes).toContainEqual({ field: 'phone', before: maskPhone(PHONE), after: maskPhone(NEW_PHONE) });
  expect(changes).toContainEqual({ field: 'idNumber', before: maskIdNumber(validIdNumber()), after: maskIdNumber(corrected) });
});
