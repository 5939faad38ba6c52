import { expect, test } from './helpers';

test.describe.configure({ timeout: 120_000 });

// Issue #17 item 7: the office sets 审核人 and 联系电话 once in 设置, and the printed table shows them.
test('审核人 and 联系电话 set in 设置 appear on the table; a wrong phone is refused on its field', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '设置' }).click({ timeout: 30_000 });
  const card = page.locator('.ant-card').filter({ hasText: '调度表签字栏' });
  await card.getByLabel('联系电话').fill('请打办公室');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(card.getByText(/联系电话只能包含数字/)).toBeVisible();

  await card.getByLabel('审核人').fill('王主任');
  await card.getByLabel('联系电话').fill('0451-82345678');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存，调度表的签字栏将按此打印')).toBeVisible();

  await page.getByRole('menuitem', { name: '双周调度' }).click();
  await page.getByRole('button', { name: '打开第 1 期' }).click();
  await page.getByRole('button', { name: '打印预览' }).click();
  const preview = page.frameLocator('iframe[title="调度表打印预览"]');
  await expect(preview.getByText('审核人：王主任')).toBeVisible();
  await expect(preview.getByText('联系电话：0451-82345678')).toBeVisible();
});
