import type { Page } from '@playwright/test';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { expect, rpc, saveScreenshot, test } from './helpers';

/** Valid GB 11643 numbers of people born in 道里区 (checksums computed with idChecksumChar). */
const LI_SI = { idNumber: '230102199003071237', name: '李四', phone: '13812345678' };
const OTHERS = [
  { idNumber: '230102198511200045', name: '王芳', phone: '13945678901', categories: ['unemployed'], ruralHukou: false },
  {
    idNumber: '230123199802152211',
    name: '赵强',
    phone: '15004511234',
    categories: ['school_leaver', 'rural_migrant'],
    ruralHukou: true,
  },
];

test('registers a trainee by keyboard only and keeps it across a reload', async ({ page, host }) => {
  await page.goto(host.url);
  // The first load of the app on a busy two-core machine can take a while.
  await expect(page.getByRole('status', { name: '状态栏' })).toContainText('操作员：张三', { timeout: 30_000 });
  // The token leaves the address bar once read.
  await expect.poll(() => page.url()).not.toContain('token=');

  await page.getByRole('textbox', { name: '身份证号', exact: true }).focus();
  await page.keyboard.type(LI_SI.idNumber);
  const info = page.getByTestId('id-number-info');
  await expect(info).toContainText('1990-03-07');
  await expect(info).toContainText('男');
  await expect(info).toContainText('黑龙江省哈尔滨市道里区');

  await enterTo(page, '姓名');
  await page.keyboard.type(LI_SI.name);
  await enterTo(page, '联系电话');
  await page.keyboard.type(LI_SI.phone);
  await enterTo(page, '人员类别');
  await page.keyboard.type('建档立卡');
  await expect(page.getByTitle('建档立卡贫困劳动力', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('生活费补贴')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: '农村' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: '农村' })).toBeChecked();
  await enterTo(page, '注册平台');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: '注册日期' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('备注')).toBeFocused();
  await page.keyboard.type('电话核实');

  const saved = page.waitForResponse((r) => r.url().endsWith('/rpc/trainees.create'));
  await page.keyboard.press('Control+s');
  expect((await saved).status()).toBe(200);
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(page.getByRole('textbox', { name: '身份证号', exact: true })).toBeFocused();
  await expect(page.getByRole('textbox', { name: '身份证号', exact: true })).toHaveValue('');

  const row = page.getByRole('row').filter({ hasText: LI_SI.name });
  await expect(row).toContainText(maskIdNumber(LI_SI.idNumber));
  await expect(row).toContainText('建档立卡贫困劳动力');
  await expect(row).toContainText('生活费补贴');
  await expect(row).not.toContainText(LI_SI.idNumber);

  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: LI_SI.name })).toContainText(maskIdNumber(LI_SI.idNumber));
});

test('first run: choose the county, name the operator, arrive at 学员登记', async ({ page, freshHost }) => {
  await page.goto(freshHost.url);
  await expect(page.getByRole('heading', { name: '欢迎使用技能培训调度填报' })).toBeVisible();

  await page.getByLabel('所在省（区、市）').fill('黑龙江');
  await expect(page.getByTitle('黑龙江省', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('所在市（地）')).toBeEnabled();
  await page.getByLabel('所在市（地）').fill('哈尔滨');
  await expect(page.getByTitle('哈尔滨市', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('本单位（县/区/市）')).toBeEnabled();
  await page.getByLabel('本单位（县/区/市）').fill('道里');
  await expect(page.getByTitle('道里区', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByLabel('操作员姓名').fill('王五');
  await page.getByLabel('设置 PIN').fill('123456');
  await page.getByLabel('再次输入 PIN').fill('123456');
  await page.getByRole('button', { name: '开始使用' }).click();
  // A run like 123456 is refused before anything is saved.
  await expect(page.getByText('PIN不能是连续的数字或字母')).toBeVisible();
  await page.getByLabel('设置 PIN').fill('258036');
  await page.getByLabel('再次输入 PIN').fill('258036');
  await page.getByRole('button', { name: '开始使用' }).click();

  await expect(page.getByText('学员登记', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('textbox', { name: '身份证号', exact: true })).toBeVisible();
  await expect(page.getByTestId('header-unit')).toContainText('道里区');
  await expect(page.getByRole('status', { name: '状态栏' })).toContainText('操作员：王五');
});

test('explains a wrong ID number while typing and opens a record registered twice', async ({ page, host }) => {
  await rpc(page.request, host, 'trainees.create', traineeInput(OTHERS[0]));
  await page.goto(host.url);

  const idField = page.getByRole('textbox', { name: '身份证号', exact: true });
  await idField.fill('230102199003071238');
  await expect(page.getByText('校验码', { exact: false })).toBeVisible();

  await idField.fill(OTHERS[0].idNumber);
  await expect(page.getByText(`该身份证号已登记：${OTHERS[0].name}`)).toBeVisible();
  await page.getByRole('button', { name: '打开', exact: true }).click();
  const drawer = page.getByRole('dialog', { name: '学员信息' });
  await expect(drawer.getByLabel('姓名')).toHaveValue(OTHERS[0].name);
  await expect(drawer.getByRole('textbox', { name: '身份证号', exact: true })).toHaveValue(OTHERS[0].idNumber);
});

test('screenshot of the entry form with a filled list', async ({ page, host }) => {
  for (const trainee of OTHERS) await rpc(page.request, host, 'trainees.create', traineeInput(trainee));
  await rpc(page.request, host, 'trainees.create', traineeInput({ ...LI_SI, categories: ['poverty_registered'], ruralHukou: true }));
  await page.goto(host.url);
  await expect(page.getByText('共 3 人')).toBeVisible();

  await page.getByRole('textbox', { name: '身份证号', exact: true }).fill('230102200107150023');
  await page.getByRole('textbox', { name: '姓名' }).fill('孙丽');
  await page.getByLabel('联系电话').fill('13604512345');
  await expect(page.getByTestId('id-number-info')).toContainText('2001-07-15');

  await saveScreenshot(page, 'trainee-entry');
});

/** Presses Enter and expects the named field to have the focus next. */
async function enterTo(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Enter');
  // A sortable column header of the list below carries the same name as some fields.
  await expect(page.getByLabel(label).and(page.locator('input, textarea'))).toBeFocused();
}

function traineeInput(t: { idNumber: string; name: string; phone: string; categories: string[]; ruralHukou: boolean }) {
  return { ...t, registeredAt: '2020-04-20', platformId: null, note: null };
}
