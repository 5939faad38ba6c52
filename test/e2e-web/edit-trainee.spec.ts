import { expect, rpc, test } from './helpers';

const WANG_FANG = {
  idNumber: '230102198511200045',
  name: '王芳',
  phone: '13945678901',
  categories: ['unemployed'],
  ruralHukou: false,
  registeredAt: '2020-04-20',
  platformId: null,
  note: null,
};

test('corrects a trainee in the drawer, then deletes it with a reason', async ({ page, host }) => {
  await rpc(page.request, host, 'trainees.create', WANG_FANG);
  await page.goto(host.url);

  await page.getByRole('row').filter({ hasText: WANG_FANG.name }).click();
  const drawer = page.getByRole('dialog', { name: '学员信息' });
  // The drawer shows the full number (trainees.get); the list only the masked one.
  await expect(drawer.getByRole('textbox', { name: '身份证号', exact: true })).toHaveValue(WANG_FANG.idNumber);
  await drawer.getByLabel('联系电话').fill('13604510000');
  const updated = page.waitForResponse((r) => r.url().endsWith('/rpc/trainees.update'));
  await drawer.getByLabel('联系电话').press('Control+s');
  expect((await updated).status()).toBe(200);
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: WANG_FANG.name })).toContainText('136****0000');

  await page.getByRole('row').filter({ hasText: WANG_FANG.name }).click();
  await drawer.getByRole('button', { name: '删除' }).click();
  const confirm = page.getByRole('dialog', { name: `删除学员 ${WANG_FANG.name}` });
  await confirm.getByLabel('删除原因').fill('重复登记');
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('已删除')).toBeVisible();
  await expect(page.getByText('还没有登记学员，请在右侧录入')).toBeVisible();
});
