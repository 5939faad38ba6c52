/**
 * Duplicate registrations (masked, scoped, .xlsx), the platform directory and period calendar that
 * reach the counties by pull, progress against the 100,000 target, and the `server-admin user` CLI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { runUserCommand } from '../../src-server/cli/staff-user-command';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import { describeEachServer } from '../support/fixtures';
import { nthIdNumber, registerTrainees, sync } from '../support/sync-harness';
import { traineeInput } from '../support/temp-app';
import { asStaff, login, STAFF_PASSWORD } from '../support/staff';

describeEachServer('staff data', (test) => {
  let province: string;
  let harbin: string;
  let qiqihar: string;
  let idNumber: string;

  test.beforeAll(async ({ pc: daoli, enrolPc, staffLogin }) => {
    const nangang = await enrolPc('230103');
    await registerTrainees(daoli, 4);
    idNumber = nthIdNumber(777, '230104');
    for (const pc of [daoli, nangang]) {
      await pc.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber, categories: ['unemployed', 'college_graduate'] })));
      expect((await sync(pc)).outcome).toBe('done');
    }
    [province, harbin, qiqihar] = [await staffLogin('prov', 'province'), await staffLogin('harbin', 'city', '230100'), await staffLogin('qiqihar', 'city', '230200')];
  });

  test('lists ID numbers registered in two counties, masked, only for the cities involved, and exports them', async ({ server }) => {
    const { json, response } = await asStaff(server.app, harbin, { method: 'GET', url: '/api/v1/staff/duplicates' });
    expect(response.body).not.toContain(idNumber);
    const cases = (json as { data: { cases: Array<{ maskedIdNumber: string; registrations: Array<{ countyCode: string }> }> } }).data.cases;
    expect(cases).toHaveLength(1);
    expect(cases[0]!.maskedIdNumber).toBe(`230104********${idNumber.slice(-4)}`);
    expect(cases[0]!.registrations.map((r) => r.countyCode).sort()).toEqual(['230102', '230103']);
    const other = await asStaff(server.app, qiqihar, { method: 'GET', url: '/api/v1/staff/duplicates' });
    expect((other.json as { data: { cases: unknown[] } }).data.cases).toHaveLength(0);
    const xlsx = await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/duplicates.xlsx' });
    expect(xlsx.status).toBe(200);
    expect(xlsx.response.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  test('publishes the directory and the calendar to the counties, and keeps city accounts to their own city', async ({ server, pc }) => {
    const added = await asStaff(server.app, province, { method: 'POST', url: '/api/v1/staff/platforms', payload: { name: '龙江技能在线', url: 'https://example.org', level: 'province' } });
    expect(added.json).toMatchObject({ ok: true, data: { level: 'province', cityCode: null } });
    const cityOwn = await asStaff(server.app, harbin, { method: 'POST', url: '/api/v1/staff/platforms', payload: { name: '哈尔滨技能网', url: null, level: 'city', cityCode: '230100' } });
    expect(cityOwn.status).toBe(200);
    for (const payload of [{ name: '越权', level: 'province' }, { name: '越权', level: 'city', cityCode: '230200' }]) {
      expect((await asStaff(server.app, harbin, { method: 'POST', url: '/api/v1/staff/platforms', payload })).status).toBe(403);
    }
    expect((await asStaff(server.app, province, { method: 'POST', url: '/api/v1/staff/platforms', payload: { name: 'x', level: 'galaxy' } })).status).toBe(400);
    const calendar = {
      periods: [
        { seq: 1, startDate: '2020-04-01', cutoffDate: '2020-04-12', dueDate: '2020-04-13' },
        { seq: 2, startDate: '2020-04-13', cutoffDate: '2020-04-26', dueDate: '2020-04-27' },
      ],
    };
    expect((await asStaff(server.app, harbin, { method: 'PUT', url: '/api/v1/staff/periods', payload: calendar })).status).toBe(403);
    const bad = { periods: [{ ...calendar.periods[0]!, dueDate: '2020-04-01' }] };
    expect((await asStaff(server.app, province, { method: 'PUT', url: '/api/v1/staff/periods', payload: bad })).status).toBe(400);
    const put = await asStaff(server.app, province, { method: 'PUT', url: '/api/v1/staff/periods', payload: calendar });
    expect((put.json as { data: { periods: Array<{ cutoffDate: string; source: string }> } }).data.periods.map((p) => [p.cutoffDate, p.source])).toEqual([['2020-04-12', 'province'], ['2020-04-26', 'province']]);

    expect((await sync(pc)).outcome).toBe('done');
    const names = (await pc.context.services.platforms.list()).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['龙江技能在线', '哈尔滨技能网']));
    const periods = await pc.context.services.reference.periods();
    expect(periods.map((p) => p.cutoffDate)).toEqual(['2020-04-12', '2020-04-26']);

    const platformId = (added.json as { data: { id: string } }).data.id;
    expect((await asStaff(server.app, harbin, { method: 'DELETE', url: `/api/v1/staff/platforms/${platformId}` })).status).toBe(403);
    expect((await asStaff(server.app, province, { method: 'DELETE', url: `/api/v1/staff/platforms/${platformId}` })).status).toBe(200);
    expect((await sync(pc)).outcome).toBe('done');
    expect((await pc.context.services.platforms.list()).some((p) => p.id === platformId)).toBe(false);
    const board = await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/board?period=2020-04-12' });
    expect((board.json as { data: { period: { dueDate: string } } }).data.period.dueDate).toBe('2020-04-13');
  });

  test('shows progress against the 100,000 target by period, city, category and occupation', async ({ server }) => {
    const { json } = await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/progress' });
    const p = (json as { data: { target: number; registered: number; series: Array<{ cutoffDate: string; registered: number }>; byCity: Array<{ cityCode: string; registered: number }>; byCategory: Array<{ category: string; registered: number }>; byOccupation: Array<{ personTimes: number }> } }).data;
    expect(p.target).toBe(100_000);
    expect(p.registered).toBe(6);
    expect(p.series.at(-1)!.registered).toBe(6);
    expect(p.byCity.find((c) => c.cityCode === '230100')!.registered).toBe(6);
    expect(p.byCity).toHaveLength(13);
    expect(p.byCategory.find((c) => c.category === 'unemployed')!.registered).toBe(2);
    expect(p.byOccupation.reduce((n, o) => n + o.personTimes, 0)).toBe(4);
    const city = await asStaff(server.app, qiqihar, { method: 'GET', url: '/api/v1/staff/progress' });
    expect((city.json as { data: { registered: number; byCity: unknown[] } }).data).toMatchObject({ registered: 0, byCity: [expect.anything()] });
  });

  test('adds and disables staff users from the command line, reading the password from a file or stdin', async ({ store, server }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-cli-'));
    const file = path.join(dir, 'pw.txt');
    fs.writeFileSync(file, `${STAFF_PASSWORD}\n`);
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      await runUserCommand(store.db, 'add', { name: 'cli-city', role: 'city', city: '230100', passwordFile: file });
      await runUserCommand(store.db, 'add', { name: 'cli-prov', role: 'province' }, async () => `${STAFF_PASSWORD}\n`);
      await expect(runUserCommand(store.db, 'add', { name: 'cli-bad', role: 'city', city: '999999' }, async () => STAFF_PASSWORD)).rejects.toThrow(/地市/);
      await login(server.app, 'cli-city');
      await login(server.app, 'cli-prov');
      await runUserCommand(store.db, 'disable', { name: 'cli-city' });
    } finally {
      process.stdout.write = write;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await server.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'cli-city', password: STAFF_PASSWORD } })).statusCode).toBe(401);
  });
});
