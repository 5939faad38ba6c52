/**
 * Pull: the province's directory, calendar, report status and notices reach the PCs they are for,
 * page by page behind a server cursor, each page stored with its cursor; an interrupted pull resumes
 * where it stopped and stores nothing twice. Cross-county duplicate registrations are told to both.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { publishItems } from '../../src-server/admin';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import { describeEachServer } from '../support/fixtures';
import { count, nthIdNumber, sync } from '../support/sync-harness';
import { traineeInput } from '../support/temp-app';

describeEachServer('pull', (test) => {
  const platformIds = Array.from({ length: 5 }, () => randomUUID());

  test.beforeAll(async ({ store }) => {
    await publishItems(store.db, 'platforms', null, platformIds.map((id, i) => ({ id, payload: { name: `省级平台${'一二三四五'[i]}`, url: null, level: 'province', cityCode: null } })));
    await publishItems(store.db, 'periods', null, [
      { id: randomUUID(), payload: { seq: 1, startDate: '2020-04-01', cutoffDate: '2020-04-12', dueDate: '2020-04-12' } },
      { id: randomUUID(), payload: { seq: 2, startDate: '2020-04-13', cutoffDate: '2020-04-26', dueDate: '2020-04-26' } },
    ]);
    await publishItems(store.db, 'notices', '230103', [{ id: randomUUID(), payload: { kind: 'info', title: '只给南岗区', body: '通知内容', createdAt: '2020-04-05T00:00:00Z' } }]);
  });

  test('stores the directory and calendar page by page, and only the notices of its own county', async ({ store, enrolPc }) => {
    const pc = await enrolPc('230102');
    const report = await sync(pc, { pullPageSize: 2 });
    expect(report.outcome, report.message).toBe('done');
    expect(report.pulled).toMatchObject({ platforms: 5, periods: 2, notices: 0 });
    expect(await count(pc.context.db, 'platforms', { source: 'province' })).toBe(5);
    const periods = await pc.context.services.reference.periods();
    expect(periods.map((p) => [p.cutoffDate, p.source])).toEqual([['2020-04-12', 'province'], ['2020-04-26', 'province']]);
    expect(await count(pc.context.db, 'notices')).toBe(0);

    await publishItems(store.db, 'platforms', null, [{ id: platformIds[0]!, deleted: true, payload: null }]);
    const again = await sync(pc, { pullPageSize: 2 });
    expect(again.pulled.platforms).toBe(1);
    expect((await pc.context.services.platforms.list()).some((p) => p.id === platformIds[0])).toBe(false);
  });

  test('resumes an interrupted pull without storing anything twice', async ({ enrolPc }) => {
    const pc = await enrolPc('230103');
    let pages = 0;
    const crash = new Error('simulated crash after the first stored page');
    await expect(
      sync(pc, {
        pullPageSize: 2,
        onProgress: (p) => {
          if (p.phase === 'pull' && ++pages === 1) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(await count(pc.context.db, 'platforms', { source: 'province' })).toBe(2);
    const resumed = await sync(pc, { pullPageSize: 2 });
    expect(resumed.pulled.platforms).toBe(4); // the three left, then the deletion of the first
    expect(await count(pc.context.db, 'platforms', { source: 'province', deleted_at: null })).toBe(4);
    expect(await count(pc.context.db, 'notices')).toBe(1);
  });

  test('tells both counties when one ID number is registered in two of them', async ({ enrolPc }) => {
    const daoli = await enrolPc('230102');
    const nangang = await enrolPc('230103');
    const idNumber = nthIdNumber(900, '230104');
    await daoli.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber })));
    expect((await sync(daoli)).outcome).toBe('done');
    await nangang.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber })));
    expect((await sync(nangang)).outcome).toBe('done');
    expect((await sync(daoli)).outcome).toBe('done');
    for (const pc of [daoli, nangang]) {
      const notices = await pc.context.db('notices').where({ kind: 'cross_county_duplicate' }).select('body');
      expect(notices).toHaveLength(1);
      expect(notices[0].body).toContain('230104');
      expect(notices[0].body).not.toContain(idNumber);
    }
  });
});
