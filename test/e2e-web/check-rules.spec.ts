/**
 * Rule severities in the staff web UI against a real `skills-desk server` (issue #15 item 3): the province adds a 提示
 * rule on 检查规则 (a city account has no such page); a county PC of 哈尔滨 (driven through its own services) gets the
 * rule by sync, sees it fail, and submits with a 上报说明 for it; the city opens the report's detail and reads the
 * rule, its outcome and the 上报说明 beside the figure it is about.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import { saveScreenshot } from './helpers';
import { logIn as logInAs } from './staff-login';
import { addStaffUser, countyPc, invoke, startStaffServer, syncPc, type CountyPc, type StaffServer } from './staff-server';

let server: StaffServer;
let daoli: CountyPc;
const RULE = 'P001-at-most-times';
const EXPLANATION = '注册学员多于平台数属正常，按省里要求说明';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startStaffServer();
  addStaffUser(server, 'sheng', 'province');
  addStaffUser(server, 'harbin', 'city', '230100');
  daoli = await countyPc(server, '230102', 20);
});

test.afterAll(async () => {
  await daoli?.close();
  await server?.stop();
});

const logIn = (page: Page, name: string) => logInAs(page, server.url, name);

/** Opens a select and clicks its option, once the list of the previous select has gone. */
async function pick(page: Page, select: Locator, option: string): Promise<void> {
  const openLists = page.locator('.ant-select-dropdown:visible');
  await expect(openLists).toHaveCount(0);
  await select.click();
  await expect(openLists).toHaveCount(1);
  await openLists.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

test('the province adds a 提示 rule on 检查规则; a city account has no such page', async ({ page, browser }) => {
  await logIn(page, 'sheng');
  await page.getByRole('menuitem', { name: '检查规则' }).click();
  const rules = page.getByRole('table', { name: '检查规则' });
  await expect(rules.getByRole('row').filter({ hasText: 'R003-registered-at-most-training' })).toContainText('提示');
  const form = page.locator('form[id="new-rule"]');
  await pick(page, form.getByLabel('类型'), '不超过另一项的 k 倍');
  await pick(page, form.getByLabel('数字项目'), '实名注册学员人次数');
  await form.getByLabel('倍数 k').fill('1');
  await pick(page, form.getByLabel('乘以'), '面向全省的平台数量');
  await form.getByRole('button', { name: '新增并下发' }).click();
  await expect(page.getByText(`已新增规则 ${RULE}，各县下次同步后生效`)).toBeVisible();
  await expect(rules.getByRole('row').filter({ hasText: RULE })).toContainText('实名注册学员人次数不超过面向全省的平台数量');
  await saveScreenshot(page.locator('main'), 'staff-check-rules');

  const city = await browser.newPage();
  await logIn(city, 'harbin');
  await expect(city.getByRole('menuitem', { name: '报送情况' })).toBeVisible();
  await expect(city.getByRole('menuitem', { name: '检查规则' })).toHaveCount(0);
  await city.close();
});

test('the county gets the rule by sync and submits with a 上报说明; the city reads it beside the figure', async ({ page }) => {
  await syncPc(daoli);
  const before = await invoke<DispatchReport>(daoli, 'dispatch.get', { periodId: daoli.periodId });
  expect(before.checks.find((c) => c.ruleId === RULE)).toMatchObject({ severity: 'advisory', passed: false });
  await invoke(daoli, 'dispatch.submit', { periodId: daoli.periodId, forceReason: '演示数据，按记录上报', explanations: { [RULE]: EXPLANATION } });
  await syncPc(daoli);

  await logIn(page, 'harbin');
  await page.getByRole('button', { name: '查看哈尔滨市道里区详情' }).click();
  const drawer = page.getByRole('dialog', { name: /哈尔滨市道里区 调度表/ });
  const line = drawer.getByRole('table', { name: '报表数字明细' }).getByRole('row').filter({ hasText: '实名注册学员人次数' });
  await expect(line).toContainText(RULE);
  await expect(line).toContainText('提示');
  await expect(line).toContainText(`上报说明：${EXPLANATION}`);
  await saveScreenshot(drawer, 'staff-report-rules');
});
