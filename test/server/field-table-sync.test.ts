/**
 * Every field of the field tables, end to end: entered on a PC, read back by the desktop mapper, sent
 * by its outbox (put, then a patch of every field), applied by the server (fast path, merge) and stored
 * in its column. The fields come from the tables, the values from their codec kinds (field-samples.ts):
 * a field a consumer forgets fails here by name.
 */
import { expect } from 'vitest';
import { writableFields } from '../../src-shared/fields/field-spec';
import { ENROLMENT_TABLE } from '../../src-shared/fields/enrolment-fields';
import { TRAINEE_TABLE } from '../../src-shared/fields/trainee-fields';
import { enrolmentCreateInput } from '../../src-shared/schemas/enrolment';
import { traineeCreateInput, traineeUpdateInput } from '../../src-shared/schemas/trainee';
import { fieldSamples, samplePayload } from '../support/field-samples';
import { describeEachServer } from '../support/fixtures';
import type { TestServerDb } from '../support/server-db';
import { sync } from '../support/sync-harness';
import { openedTrainee } from '../support/sealed-rows';
import { traineeInput, validIdNumber } from '../support/temp-app';

describeEachServer('field tables end to end', (test) => {
  async function expectStored(store: TestServerDb, table: 'trainees' | 'enrolments', id: string, fields: typeof TRAINEE_TABLE | typeof ENROLMENT_TABLE, expected: Record<string, unknown>) {
    const row = (table === 'trainees' ? await openedTrainee(store.db, id) : await store.db(table).where({ id }).first()) as Record<string, unknown>;
    for (const spec of writableFields(fields)) expect(spec.codec.fromColumn(row[spec.column]), `${table}.${spec.column}`).toEqual(expected[spec.field]);
  }

  test('carries every trainee field from the form to the server’s column, on a put and on a patch', async ({ store, pc }) => {
    const platforms = (await pc.context.services.platforms.list()).map((p) => p.id);
    const samples = fieldSamples(TRAINEE_TABLE, { references: [platforms[0]!, platforms[1]!] });
    const first = samplePayload(samples, 0);
    const created = await pc.context.services.trainees.create(traineeCreateInput.parse(first));
    const read = await pc.context.services.trainees.get(created.id);
    for (const spec of writableFields(TRAINEE_TABLE)) expect((read as Record<string, unknown>)[spec.field], spec.field).toEqual(first[spec.field]);

    let report = await sync(pc);
    expect(report.pushed, report.message).toMatchObject({ rejected: 0 });
    await expectStored(store, 'trainees', created.id, TRAINEE_TABLE, first);

    // Every field changed at once: changed-field detection must put each into the patch.
    const second = samplePayload(samples, 1);
    const { patch } = traineeUpdateInput.parse({ id: created.id, patch: second });
    const updated = await pc.context.services.trainees.update({ id: created.id, patch });
    for (const spec of writableFields(TRAINEE_TABLE)) expect((updated as Record<string, unknown>)[spec.field], spec.field).toEqual(second[spec.field]);
    report = await sync(pc);
    expect(report.pushed, report.message).toMatchObject({ rejected: 0, applied: 1 });
    await expectStored(store, 'trainees', created.id, TRAINEE_TABLE, second);
  });

  test('carries every training record field to the server’s column', async ({ store, pc }) => {
    const platforms = (await pc.context.services.platforms.list()).map((p) => p.id);
    const occupations = (await pc.context.db('occupations').limit(2).pluck('id')) as string[];
    const trainee = await pc.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: validIdNumber('19920304', 88) })));
    const traineeId = trainee.id;
    const samples = fieldSamples(ENROLMENT_TABLE, { references: [platforms[0]!, platforms[1]!] });
    const values = { ...samplePayload(samples, 1), traineeId, occupationId: occupations[1] };
    const created = await pc.context.services.enrolments.create(enrolmentCreateInput.parse(values));
    const report = await sync(pc);
    expect(report.pushed, report.message).toMatchObject({ rejected: 0 });
    await expectStored(store, 'enrolments', created.id, ENROLMENT_TABLE, values);
  });
});
