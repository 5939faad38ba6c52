/**
 * What the server computes from synced records equals what each county's PC computes from its own
 * store, including the rows the roll-up's indexed counting treats apart: deleted trainees (whose
 * training records no longer count), rows after the cutoff, and an ID number deleted in one county
 * (no longer a duplicate). Progress by occupation leaves out the records of deleted trainees.
 */
import { expect } from 'vitest';
import { stableUuid } from '../../src-node/stable-id';
import { computedFiguresByCounty } from '../../src-server/staff/computed-figures';
import { enrolmentCreateInput } from '../../src-shared/schemas/enrolment';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import { describeEachServer } from '../support/fixtures';
import { nthIdNumber, registerTrainees, sync } from '../support/sync-harness';
import { traineeInput, type TempApp } from '../support/temp-app';
import { asStaff } from '../support/staff';

const CUTOFF = '2020-04-10';
const LATER = '2020-04-24';

async function record(pc: TempApp, traineeId: string, startDate: string, occupation: string | null = null): Promise<void> {
  const platformId = (await pc.context.services.platforms.list())[0]!.id;
  const occupationId = occupation ? stableUuid('occupation', occupation) : null;
  await pc.context.services.enrolments.create(enrolmentCreateInput.parse({ traineeId, platformId, occupationId, courseName: '养老护理', startDate, hours: 8, signedIn: true }));
}

async function register(pc: TempApp, idNumber: string, registeredAt: string): Promise<string> {
  return (await pc.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber, registeredAt })))).id;
}

describeEachServer('staff computed figures', (test) => {
  let daoli: TempApp;
  let nangang: TempApp;
  let province: string;
  const shared = nthIdNumber(900, '230106');
  const deletedElsewhere = nthIdNumber(901, '230106');

  test.beforeAll(async ({ enrolPc, staffLogin }) => {
    daoli = await enrolPc('230102');
    nangang = await enrolPc('230103');
    const early = await registerTrainees(daoli, 4); // registered 2020-04-02, one record each started 2020-04-03
    await record(daoli, early[0]!, '2020-04-05', '电工');
    await record(daoli, early[1]!, '2020-04-20', '电工'); // after the cutoff
    await record(daoli, early[2]!, '2020-04-06', '美发'); // its trainee is deleted below: never counted
    await daoli.context.services.trainees.delete(early[2]!, '重复登记');
    const late = await register(daoli, nthIdNumber(50), '2020-04-15');
    await record(daoli, late, '2020-04-16', '电工');
    await register(daoli, shared, '2020-04-03');
    await register(daoli, deletedElsewhere, '2020-04-03');

    await registerTrainees(nangang, 2, { region: '230103' });
    await register(nangang, shared, '2020-04-08');
    await nangang.context.services.trainees.delete(await register(nangang, deletedElsewhere, '2020-04-08'), '外县学员');
    for (const pc of [daoli, nangang]) expect((await sync(pc)).outcome).toBe('done');
    province = await staffLogin('prov', 'province');
  });

  test('computes each county figure as the county PC does, before and after the cutoff', async ({ store }) => {
    for (const cutoff of [CUTOFF, LATER]) {
      const computed = await computedFiguresByCounty(store.db, cutoff, ['230102', '230103']);
      expect(computed.get('230102')).toEqual((await daoli.context.services.dispatch.liveSnapshot(cutoff)).figures);
      expect(computed.get('230103')).toEqual((await nangang.context.services.dispatch.liveSnapshot(cutoff)).figures);
    }
    // Spelled out for the first cutoff: 5 live trainees (one deleted, one registered later), 4 records of live trainees started by then.
    expect((await computedFiguresByCounty(store.db, CUTOFF, ['230102'])).get('230102')).toMatchObject({ registeredTrainees: 5, trainingPersonTimes: 4 });
  });

  test('counts progress by occupation without the records of deleted trainees', async ({ server }) => {
    const { json } = await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/progress' });
    const byOccupation = (json as { data: { byOccupation: Array<{ name: string; personTimes: number }> } }).data.byOccupation;
    expect(byOccupation.find((o) => o.name === '电工')?.personTimes).toBe(3);
    expect(byOccupation.some((o) => o.name === '美发')).toBe(false);
    const everything = (await daoli.context.services.dispatch.liveSnapshot('2020-06-30')).figures.trainingPersonTimes + (await nangang.context.services.dispatch.liveSnapshot('2020-06-30')).figures.trainingPersonTimes;
    expect(byOccupation.reduce((n, o) => n + o.personTimes, 0)).toBe(everything);
  });

  test('lists a number live in two counties, not one deleted in the other', async ({ server }) => {
    const { json } = await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/duplicates' });
    const cases = (json as { data: { cases: Array<{ maskedIdNumber: string; registrations: Array<{ countyCode: string }> }> } }).data.cases;
    expect(cases.map((c) => c.maskedIdNumber)).toEqual([`230106********${shared.slice(-4)}`]);
    expect(cases[0]!.registrations.map((r) => r.countyCode)).toEqual(['230102', '230103']);
  });
});
