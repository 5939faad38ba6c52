/**
 * The operator lock (issue #19 item 3) in the real UI: every start shows the lock screen; an operator without a
 * PIN sets one there; nothing is reachable without it, not even over the host's HTTP; the screen locks itself
 * after the idle minutes (the page's clock is moved on, never waited for).
 */
import { expect, rpc, test, TEST_PIN } from './helpers';

test.describe.configure({ timeout: 120_000 });

test('the lock screen: first PIN, refused calls while locked, wrong PIN, unlock, and the idle lock', async ({ page, lockedHost }) => {
  await page.clock.install();
  await page.goto(lockedHost.url);
  await expect(page.getByText('已锁定')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('首次使用：请为 张三 设置 PIN')).toBeVisible();
  // The host's HTTP is no way round the lock screen.
  await expect(rpc(page.request, lockedHost, 'trainees.list', {})).rejects.toThrow(/423.*LOCKED/);

  await page.getByLabel('设置 PIN').fill('111111');
  await page.getByLabel('再次输入 PIN').fill('111111');
  await page.getByRole('button', { name: '设置并登录' }).click();
  await expect(page.getByText('PIN不能全是同一个字符')).toBeVisible();
  await page.getByLabel('设置 PIN').fill(TEST_PIN);
  await page.getByLabel('再次输入 PIN').fill(TEST_PIN);
  await page.getByRole('button', { name: '设置并登录' }).click();
  const bar = page.getByRole('status', { name: '状态栏' });
  await expect(bar).toContainText('操作员：张三', { timeout: 30_000 });
  await expect(page.getByRole('banner').or(page.locator('header'))).toContainText('操作员 张三');

  // 10 minutes without a key or a click (the default): the screen locks itself.
  await page.clock.fastForward('10:05');
  await expect(page.getByText('已锁定')).toBeVisible();
  await page.getByLabel('PIN', { exact: true }).fill('975310');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText('PIN 不正确，还可再试 4 次')).toBeVisible();
  await page.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(bar).toContainText('操作员：张三');
  expect(await rpc(page.request, lockedHost, 'trainees.list', {})).toMatchObject({ ok: true });
});
