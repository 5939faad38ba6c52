/**
 * Reporting level by level in the staff web UI against a real `skills-desk server`, with two county PCs of 哈尔滨
 * (driven through their own services): the county submits → the city reads the report's detail (computed figure,
 * adjustment and reason, history) and returns one → the county sees who returned it and resubmits → the city
 * accepts both and submits the city report (强制上报 naming the counties not in) → the province returns the city
 * report → the city returns one county → an accepted county asks for a correction, the city grants it → both
 * counties resubmit, the city accepts them and submits again → the province accepts the city report. The province
 * reaches a city's counties from its board of cities (全省各市) by clicking the city.
 */
import { expect, test, type Page } from '@playwright/test';
import { countiesOf } from '../../src-shared/domain/units';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import { saveScreenshot } from './helpers';
import { logIn as logInAs } from './staff-login';
import { addStaffUser, countyPc, invoke, startStaffServer, submitAndSync, syncPc, type CountyPc, type StaffServer } from './staff-server';

let server: StaffServer;
let daoli: CountyPc;
let nangang: CountyPc;
const HARBIN = '230100';
/** The 强制上报说明 of the city report: the counties of 哈尔滨 other than the two here, by name. */
const OTHERS = countiesOf(HARBIN).filter((c) => c.code !== '230102' && c.code !== '230103').map((c) => c.name);

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startStaffServer();
  addStaffUser(server, 'sheng', 'province');
  addStaffUser(server, 'harbin', 'city', HARBIN);
  daoli = await countyPc(server, '230102', 20);
  nangang = await countyPc(server, '230103', 20);
  const before = await invoke<DispatchReport>(nangang, 'dispatch.get', { periodId: nangang.periodId });
  const computed = before.figures.find((f) => f.key === 'registeredTrainees')!.computed;
  await invoke(nangang, 'dispatch.adjust', { periodId: nangang.periodId, figure: 'registeredTrainees', value: computed + 3, reason: '平台后台另有3人注册' });
  for (const pc of [daoli, nangang]) await submitAndSync(pc);
});

test.afterAll(async () => {
  for (const pc of [daoli, nangang]) await pc?.close();
  await server?.stop();
});

const logIn = (page: Page, name: string) => logInAs(page, server.url, name);
const board = (page: Page) => page.getByRole('table', { name: '各县报送情况' });
const row = (page: Page, county: string) => board(page).getByRole('row').filter({ hasText: county });
const report = (pc: CountyPc) => invoke<DispatchReport>(pc, 'dispatch.get', { periodId: pc.periodId });

async function decide(page: Page, county: string, decision: '审核通过' | '退回', reason?: string): Promise<void> {
  await page.getByRole('button', { name: `${decision}${county}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `${decision}：${county}` });
  if (reason) await dialog.getByLabel('退回原因').fill(reason);
  await dialog.getByRole('button', { name: decision }).click();
  await expect(dialog).toBeHidden();
}

async function submitCityReport(page: Page): Promise<void> {
  await page.getByRole('button', { name: '上报市级报表' }).click();
  const dialog = page.getByRole('dialog', { name: '上报哈尔滨市市级报表' });
  await dialog.getByLabel('强制上报说明').fill(`以下县（区、市）本期未参加试点：${OTHERS.join('、')}`);
  await dialog.getByRole('button', { name: '上报', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已上报哈尔滨市市级报表，等待省里审核')).toBeVisible();
}

test('the city reads the detail before deciding and returns one county; the county sees who, when and why', async ({ page }) => {
  await logIn(page, 'harbin');
  await expect(row(page, '哈尔滨市南岗区')).toContainText('待市审核');
  await page.getByRole('button', { name: '查看哈尔滨市南岗区详情' }).click();
  const drawer = page.getByRole('dialog', { name: /哈尔滨市南岗区 调度表/ });
  const figures = page.getByRole('table', { name: '报表数字明细' });
  await expect(figures.getByRole('row').filter({ hasText: '实名注册学员人次数' })).toContainText('平台后台另有3人注册');
  await expect(drawer.getByText('审核中')).toBeVisible();
  await expect(drawer.locator('.ant-timeline')).toContainText('县级上报');
  await saveScreenshot(drawer, 'staff-report-detail');
  await page.keyboard.press('Escape');

  await decide(page, '哈尔滨市道里区', '退回', '培训人次与平台后台不符，请核对');
  await expect(row(page, '哈尔滨市道里区')).toContainText('已退回');
  await syncPc(daoli);
  expect(await report(daoli)).toMatchObject({ status: 'returned', reviewedBy: 'harbin', reviewedLevel: 'city', reviewComment: '培训人次与平台后台不符，请核对' });
  await submitAndSync(daoli);
  expect(await report(daoli)).toMatchObject({ status: 'submitted', delivery: 'city' });
});

test('the city accepts both and submits its city report; the province returns it', async ({ page, browser }) => {
  await logIn(page, 'harbin');
  await decide(page, '哈尔滨市道里区', '审核通过');
  await decide(page, '哈尔滨市南岗区', '审核通过');
  await submitCityReport(page);
  await expect(page.getByText('待省审核').first()).toBeVisible();

  const province = await browser.newPage();
  await logIn(province, 'sheng');
  // The province board lists its cities: 哈尔滨 handed in its city report with 2 counties accepted, the rest missing.
  const cities = province.getByRole('table', { name: '全省各市报送情况' });
  const harbinLine = cities.getByRole('row').filter({ hasText: '哈尔滨市' });
  await expect(harbinLine).toContainText('待省审核');
  await expect(harbinLine.getByRole('cell').nth(2)).toHaveText('2');
  await expect(harbinLine.getByRole('cell').nth(5)).toHaveText(String(OTHERS.length));
  await expect(cities.getByRole('row').filter({ hasText: '大兴安岭地区' })).toContainText('未上报');
  await saveScreenshot(cities, 'staff-province-cities');
  // A city line clicks through to that city's own board: its counties.
  await harbinLine.getByRole('button', { name: '查看哈尔滨市各县' }).click();
  await expect(cities).toBeHidden();
  await expect(row(province, '哈尔滨市道里区')).toContainText('已通过');
  await expect(province.getByRole('button', { name: '退回市级报表' })).toBeVisible();
  // 通过 on a county row is offered only to the level that judges it: the city, here.
  await expect(province.getByRole('button', { name: '审核通过哈尔滨市道里区' })).toHaveCount(0);
  await province.getByRole('button', { name: '退回市级报表' }).click();
  const dialog = province.getByRole('dialog', { name: '退回哈尔滨市市级报表' });
  await dialog.getByLabel('退回原因').fill('南岗区注册数调整依据不足，请复核');
  await dialog.getByRole('button', { name: '退回' }).click();
  await expect(dialog).toBeHidden();
  await expect(province.getByText('省已退回')).toBeVisible();
  await province.close();
});

test('the city returns one county; the other asks for a correction, which the city grants', async ({ page }) => {
  await logIn(page, 'harbin');
  await expect(page.getByText('省已退回')).toBeVisible();
  await page.getByRole('button', { name: '查看哈尔滨市南岗区详情' }).click();
  await page.getByRole('dialog', { name: /哈尔滨市南岗区 调度表/ }).getByRole('button', { name: '退回', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '退回：哈尔滨市南岗区' });
  await dialog.getByLabel('退回原因').fill('请附平台后台注册截图');
  await dialog.getByRole('button', { name: '退回' }).click();
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(row(page, '哈尔滨市南岗区')).toContainText('已退回');

  await syncPc(daoli);
  expect(await report(daoli)).toMatchObject({ status: 'accepted', locked: true, canRequestCorrection: true });
  await invoke(daoli, 'dispatch.requestCorrection', { periodId: daoli.periodId, what: '线上培训总人次数补录 2 人次', why: '两名学员的培训记录漏录' });
  await syncPc(daoli);
  await page.reload();
  await expect(page.getByText('哈尔滨市道里区：线上培训总人次数补录 2 人次')).toBeVisible();
  await page.getByRole('button', { name: '批准哈尔滨市道里区的更正申请', exact: true }).click();
  const grant = page.getByRole('dialog', { name: '批准更正申请：哈尔滨市道里区' });
  await grant.getByRole('button', { name: '批准', exact: true }).click();
  await expect(grant).toBeHidden();
  await expect(row(page, '哈尔滨市道里区')).toContainText('已退回');

  await syncPc(daoli);
  const reopened = await report(daoli);
  expect(reopened).toMatchObject({ status: 'returned', locked: false });
  expect(reopened.corrections[0]).toMatchObject({ state: 'granted', decidedBy: 'harbin', decidedLevel: 'city' });
  await syncPc(nangang);
  expect(await report(nangang)).toMatchObject({ status: 'returned', reviewedBy: 'harbin', reviewedLevel: 'city', reviewComment: '请附平台后台注册截图' });
  for (const pc of [daoli, nangang]) await submitAndSync(pc);
});

test('the city accepts the corrected reports and submits again; the province accepts the city report', async ({ page, browser }) => {
  await logIn(page, 'harbin');
  await decide(page, '哈尔滨市道里区', '审核通过');
  await decide(page, '哈尔滨市南岗区', '审核通过');
  await submitCityReport(page);

  const province = await browser.newPage();
  await logIn(province, 'sheng');
  await province.getByRole('combobox', { name: '地市' }).click();
  await province.getByTitle('哈尔滨市', { exact: true }).click();
  await province.getByRole('button', { name: '通过市级报表' }).click();
  await province.getByRole('dialog', { name: '审核通过哈尔滨市市级报表' }).getByRole('button', { name: '审核通过' }).click();
  await expect(province.getByText('省已通过')).toBeVisible();
  await province.close();

  for (const pc of [daoli, nangang]) {
    await syncPc(pc);
    expect(await report(pc)).toMatchObject({ status: 'accepted', locked: true });
  }
});
