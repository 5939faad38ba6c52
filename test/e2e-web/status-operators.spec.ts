import { expect, rpc, test } from './helpers';
import { LI_SI, WANG_FANG } from './trainee-data';

// A fresh host per test on a busy two-core machine: allow more than the default minute.
test.describe.configure({ timeout: 120_000 });

test('status bar and operators: who enters for which county, unsent changes; a second clerk is named in the history', async ({ page, context, host }) => {
  await page.goto(host.url);
  const bar = page.getByRole('status', { name: '状态栏' });
  // The first load of the app on a busy two-core machine can take a while.
  await expect(bar).toContainText('操作员：张三', { timeout: 30_000 });
  await expect(bar).toContainText('单位：道里区');
  await expect(bar).toContainText('上次同步 —');
  await expect(bar).toContainText('未连接服务器');
  const unsent = async () => Number(/未同步修改 (\d+) 条/.exec((await bar.textContent()) ?? '')?.[1] ?? NaN);
  const before = await unsent();
  await rpc(page.request, host, 'trainees.create', LI_SI);
  // The main side announces the change; the bar catches up without a reload.
  await expect.poll(unsent).toBe(before + 1);

  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByLabel('新操作员姓名').fill('李会计');
  await page.keyboard.press('Enter');
  await expect(bar).toContainText('操作员：李会计');
  await rpc(page.request, host, 'trainees.create', WANG_FANG);

  await page.getByRole('menuitem', { name: '学员登记' }).click();
  await page.getByRole('row', { name: WANG_FANG.name }).click();
  const history = page.getByRole('dialog', { name: '学员信息' }).getByRole('list', { name: '操作记录' });
  await expect(history.getByRole('listitem').first()).toContainText('李会计 登记');

  // A new window (a new working session) asks who is working, since two clerks share this PC.
  const next = await context.newPage();
  await next.goto(host.url);
  await expect(next.getByText('请选择操作员')).toBeVisible({ timeout: 30_000 });
  await next.getByRole('button', { name: '张三' }).click();
  await expect(next.getByRole('status', { name: '状态栏' })).toContainText('操作员：张三');
});
