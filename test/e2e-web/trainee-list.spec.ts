import type { Page } from '@playwright/test';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { expect, rpc, saveScreenshot, test, type RunningHost } from './helpers';
import { LI_SI, THREE_TRAINEES, WANG_FANG, ZHAO_QIANG } from './trainee-data';

// A fresh host per test on a busy two-core machine: allow more than the default minute.
test.describe.configure({ timeout: 120_000 });

async function registerThree(page: Page, host: RunningHost): Promise<void> {
  for (const trainee of THREE_TRAINEES) await rpc(page.request, host, 'trainees.create', trainee);
  await page.goto(host.url);
  // The first load of the app on a busy two-core machine can take a while.
  await expect(page.getByTestId('trainee-total')).toHaveText('共 3 人', { timeout: 30_000 });
}

/** Names in the list, top to bottom. */
async function listedNames(page: Page): Promise<string[]> {
  const rows = page.getByRole('row').filter({ has: page.getByRole('checkbox') });
  return rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''));
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('搜索学员').fill(text);
}

test('one search box finds by ID ending, pinyin initials and phone; filters and column sort narrow and order', async ({ page, host }) => {
  await registerThree(page, host);
  // Newest registration first.
  await expect.poll(() => listedNames(page)).toEqual(['赵强', '王芳', '李四']);

  await search(page, ZHAO_QIANG.idNumber.slice(-4));
  await expect.poll(() => listedNames(page)).toEqual(['赵强']);
  await search(page, 'wf');
  await expect.poll(() => listedNames(page)).toEqual(['王芳']);
  await search(page, LI_SI.phone.slice(-4));
  await expect.poll(() => listedNames(page)).toEqual(['李四']);
  await search(page, WANG_FANG.idNumber);
  await expect.poll(() => listedNames(page)).toEqual(['王芳']);
  await search(page, '');
  await expect(page.getByTestId('trainee-total')).toHaveText('共 3 人');

  await page.getByLabel('按补贴筛选').click();
  await page.getByTitle('符合生活费补贴', { exact: true }).click();
  await expect.poll(() => listedNames(page)).toEqual(['赵强', '李四']);
  await page.getByLabel('按类别筛选').fill('高校');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect.poll(() => listedNames(page)).toEqual([]);
  await expect(page.getByText('没有找到符合条件的学员')).toBeVisible();
  await page.getByRole('button', { name: '清除条件' }).click();
  await expect(page.getByTestId('trainee-total')).toHaveText('共 3 人');

  await page.getByRole('columnheader', { name: '姓名' }).click();
  await expect.poll(() => listedNames(page)).toEqual(['李四', '王芳', '赵强']);
  await page.getByRole('columnheader', { name: '姓名' }).click();
  await expect.poll(() => listedNames(page)).toEqual(['赵强', '王芳', '李四']);
  // Beside the entry panel the list has room for who, 补贴, platform, phone and categories; folded, the dates too.
  await page.getByRole('button', { name: '收起' }).click();
  await page.getByRole('columnheader', { name: '注册日期' }).click();
  await expect.poll(() => listedNames(page)).toEqual(['李四', '王芳', '赵强']);
});

test('reveals a masked number on request and shows who did what in the record history', async ({ page, host }) => {
  await registerThree(page, host);
  const row = page.getByRole('row', { name: WANG_FANG.name });
  await expect(row).toContainText(maskIdNumber(WANG_FANG.idNumber));
  await expect(row).not.toContainText(WANG_FANG.idNumber);
  await expect(row).toContainText('139****8901');
  await saveScreenshot(page.locator('.ant-card').filter({ hasText: '已登记学员' }), 'trainee-list');

  const revealed = page.waitForResponse((r) => r.url().endsWith('/rpc/trainees.reveal'));
  await row.getByRole('button', { name: '显示完整身份证号' }).click();
  expect((await revealed).status()).toBe(200);
  await expect(row).toContainText(WANG_FANG.idNumber);
  await row.getByRole('button', { name: '隐藏身份证号' }).click();
  await expect(row).not.toContainText(WANG_FANG.idNumber);

  // Correct the phone and add a category in the drawer, by keyboard.
  await row.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: '学员信息' });
  await drawer.getByLabel('联系电话').fill('13604510000');
  await drawer.getByLabel('人员类别').focus();
  await page.keyboard.type('待岗');
  await expect(page.getByTitle('待岗职工', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+s');
  await expect(drawer).toBeHidden();

  await page.getByRole('row', { name: WANG_FANG.name }).click();
  const history = drawer.getByRole('list', { name: '操作记录' });
  const items = history.getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('张三 修改');
  await expect(items.nth(0)).toContainText('联系电话：139****8901 → 136****0000');
  await expect(items.nth(0)).toContainText('人员类别：失业人员 → 失业人员、待岗职工');
  await expect(items.nth(1)).toContainText('张三 查看完整身份证号');
  await expect(items.nth(2)).toContainText('张三 登记');
});
