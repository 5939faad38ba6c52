/**
 * A forgotten PIN in the real UI (issue #19 item 3): on the lock screen the recovery code printed at setup clears
 * the operator's PIN and they set a new one; in 设置 a logged-in colleague resets another's PIN with their own;
 * 设置 → 锁定与 PIN changes the idle minutes.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, rpc, runCli, tempDataDir, test, TEST_COUNTY, TEST_PIN, withHostOn, type RunningHost } from './helpers';

test.describe.configure({ timeout: 150_000 });

const LI_PIN = '864201';
const LI_NEW_PIN = '975318';

test('忘记 PIN with the recovery code, a colleague\'s 重置 PIN, and the idle minutes in 设置', async ({ page }) => {
  const dataDir = tempDataDir();
  try {
    const printed = runCli(['init', '--data', dataDir, '--county', TEST_COUNTY, '--operator', '张三']);
    const code = /恢复码[^\n]*\n\s+(\S+)/.exec(printed)?.[1];
    expect(code, 'init prints the recovery code once').toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    await withHostOn(
      dataDir,
      async (host) => {
        // Two operators with PINs, 李四 the last one logged in, and the PC locked: the morning's lock screen.
        await rpc(page.request, host, 'session.setPin', { operatorId: await operatorId(page, host, '张三'), pin: TEST_PIN });
        await rpc(page.request, host, 'operators.create', { name: '李四' });
        await rpc(page.request, host, 'session.lock', {});
        await rpc(page.request, host, 'session.setPin', { operatorId: await operatorId(page, host, '李四'), pin: LI_PIN });
        await rpc(page.request, host, 'session.lock', {});

        await page.goto(host.url);
        await expect(page.getByText('已锁定')).toBeVisible({ timeout: 30_000 });
        await page.getByRole('button', { name: '忘记 PIN？' }).click();
        const dialog = page.getByRole('dialog', { name: '忘记 PIN：李四' });
        await dialog.getByLabel('恢复码').fill('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789');
        await dialog.getByRole('button', { name: '清除 PIN' }).click();
        await expect(dialog.getByText(/恢复码不对/)).toBeVisible({ timeout: 30_000 });
        await dialog.getByLabel('恢复码').fill(code!.toLowerCase());
        await dialog.getByRole('button', { name: '清除 PIN' }).click();
        await expect(page.getByText('李四 的 PIN 已清除，请设置新的 PIN')).toBeVisible({ timeout: 30_000 });
        await expect(page.getByText('首次使用：请为 李四 设置 PIN')).toBeVisible();
        await page.getByLabel('设置 PIN').fill(LI_NEW_PIN);
        await page.getByLabel('再次输入 PIN').fill(LI_NEW_PIN);
        await page.getByRole('button', { name: '设置并登录' }).click();
        await expect(page.getByRole('status', { name: '状态栏' })).toContainText('操作员：李四', { timeout: 30_000 });

        // 李四 resets 张三's PIN, confirming with his own.
        await page.getByRole('menuitem', { name: '设置' }).click();
        await page.getByRole('button', { name: '重置 张三 的 PIN' }).click();
        const confirm = page.getByRole('dialog', { name: '重置 张三 的 PIN' });
        await confirm.getByLabel('我的 PIN').fill('000001');
        await confirm.getByRole('button', { name: '重置' }).click();
        await expect(confirm.getByText('您的 PIN 不正确，还可再试 4 次')).toBeVisible();
        await confirm.getByLabel('我的 PIN').fill(LI_NEW_PIN);
        await confirm.getByRole('button', { name: '重置' }).click();
        await expect(page.getByText('已重置 张三 的 PIN，请 张三 在锁定画面设置新的 PIN')).toBeVisible();
        await expect(page.getByRole('listitem').filter({ hasText: '张三' })).toContainText('首次登录时设置 PIN');

        // The idle minutes: saved, then said in the 操作员 card.
        const lockCard = page.locator('.ant-card').filter({ hasText: '锁定与 PIN' });
        await lockCard.getByLabel('无操作自动锁定（分钟）').fill('5');
        await lockCard.getByRole('button', { name: '保存' }).click();
        await expect(page.getByText('已保存：新的锁定时间立即生效')).toBeVisible();
        await expect(page.getByText('5 分钟无操作也会自动锁定')).toBeVisible();
      },
      { logIn: false },
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

async function operatorId(page: Page, host: RunningHost, name: string): Promise<string> {
  const answer = (await rpc(page.request, host, 'session.state', {})) as { data: { operators: Array<{ id: string; name: string }> } };
  const found = answer.data.operators.find((o) => o.name === name);
  if (!found) throw new Error(`no operator ${name}`);
  return found.id;
}
