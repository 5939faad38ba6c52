import { expect, rpc, test, TEST_PIN } from './helpers';
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

  // Adding a clerk does not hand them the PC: they log in at the lock screen, setting their PIN the first time.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByLabel('新操作员姓名').fill('李会计');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: '操作员名单' })).toContainText('首次登录时设置 PIN');
  await expect(bar).toContainText('操作员：张三');
  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByText('已锁定')).toBeVisible();
  await page.getByLabel('选择操作员').click();
  await page.getByTitle('李会计（未设置 PIN）').click();
  // By role: the open list's option 李会计（未设置 PIN） would match the label text too.
  await page.getByRole('textbox', { name: '设置 PIN', exact: true }).fill('135792');
  await page.getByLabel('再次输入 PIN').fill('135792');
  await page.getByRole('button', { name: '设置并登录' }).click();
  await expect(bar).toContainText('操作员：李会计');
  await rpc(page.request, host, 'trainees.create', WANG_FANG);

  await page.getByRole('menuitem', { name: '学员登记' }).click();
  await page.getByRole('row', { name: WANG_FANG.name }).click();
  const history = page.getByRole('dialog', { name: '学员信息' }).getByRole('list', { name: '操作记录' });
  await expect(history.getByRole('listitem').first()).toContainText('李会计 登记');

  // Locked, 张三 comes back: a wrong PIN says how many tries are left, the right one unlocks.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '学员信息' })).toBeHidden();
  await page.getByRole('button', { name: '锁定' }).click();
  await page.getByLabel('选择操作员').click();
  await page.getByTitle('张三', { exact: true }).click();
  await page.getByLabel('PIN', { exact: true }).fill('000000');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText('PIN 不正确，还可再试 4 次')).toBeVisible();
  await page.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(bar).toContainText('操作员：张三');

  // The PC has one keyboard session: another window of the same host opens on it, and 锁定 there locks the PC.
  const next = await context.newPage();
  await next.goto(host.url);
  await expect(next.getByRole('status', { name: '状态栏' })).toContainText('操作员：张三', { timeout: 30_000 });
  await next.getByRole('button', { name: '锁定' }).click();
  await expect(next.getByText('已锁定')).toBeVisible();
  await page.reload();
  await expect(page.getByText('已锁定')).toBeVisible({ timeout: 30_000 });
});
