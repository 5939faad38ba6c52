/**
 * Issue #14 item 7 in the real UI: period 1 has gone up (submitted), and a roster carries two rows registered in it.
 * The check shows them as a group with the figure they would change; the import button waits for a choice; skipped,
 * they stay out and the rest goes in.
 */
import { validIdNumber } from '../support/temp-app';
import { call, expect, test } from './helpers';

test.describe.configure({ timeout: 180_000 });

function roster(): Buffer {
  const lines = [
    '姓名,身份证号,联系电话,人员类别,户籍,注册日期',
    `赵甲,${validIdNumber('19880808', 11)},13900001011,失业人员,农村,2020-04-05`,
    `赵乙,${validIdNumber('19880808', 12)},13900001012,失业人员,城镇,2020-04-08`,
    `赵丙,${validIdNumber('19880808', 13)},13900001013,失业人员,农村,2026-03-02`,
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

test('rows registered in a reported period are shown as a group and imported only as the clerk chooses', async ({ page, host }) => {
  const periods = await call<Array<{ id: string }>>(page.request, host, 'periods.list', {});
  await call(page.request, host, 'trainees.create', {
    idNumber: validIdNumber('19900101', 1), name: '李四', phone: '13800138000', categories: ['rural_migrant'], ruralHukou: true, registeredAt: '2020-04-02', platformId: null, note: null,
  });
  await call(page.request, host, 'dispatch.submit', { periodId: periods[0]!.id, forceReason: '本期只登记了一名学员' });

  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '数据导入导出' }).click({ timeout: 30_000 });
  const checked = page.waitForResponse((response) => response.url().endsWith('/rpc/import.dryRun') && response.ok());
  await page.locator('input[type=file]').setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer: roster() });
  await checked;
  await expect(page.getByTestId('import-count-new')).toContainText('3');

  const group = page.getByRole('alert').filter({ hasText: '2 行的注册日期在已上报的第 1 期内' });
  await expect(group).toBeVisible();
  await expect(group).toContainText('第 1 期（已上报）实名注册学员人次数：按记录 1 → 3');
  await expect(group).toContainText('所在行：第 2、3 行');
  await expect(page.getByText('请先在上方为日期落在已上报期次内的行选择')).toBeVisible();
  await expect(page.getByRole('button', { name: /^导入/ })).toHaveCount(0);

  await group.getByRole('radio', { name: '跳过这些行' }).check();
  await page.getByRole('button', { name: '导入 1 名学员' }).click();
  await expect(page.getByText('导入完成：已导入 1 名学员。')).toBeVisible();
  await expect(page.getByTestId('import-left-out')).toContainText('2 行的日期落在已上报期次内，按您的选择跳过，没有导入。');
  const list = await call<{ total: number }>(page.request, host, 'trainees.list', { pageSize: 10 });
  expect(list.total).toBe(2);
});
